package io.aeolus.broker.conductor;

import io.aeolus.transport.codecs.AckMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class DispatchTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;
    private TestClientPeer client;

    @BeforeEach
    void setUp()
    {
        harness = new ConductorHarness();
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldShareAQueueRoundRobinBetweenConsumersWithCredit()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.createConsumer(SESSION, 2, "orders", "", 10);

        for (int i = 0; i < 6; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }

        assertEquals(List.of("m0", "m2", "m4"), texts(client.deliveries(1)));
        assertEquals(List.of("m1", "m3", "m5"), texts(client.deliveries(2)));
    }

    @Test
    void shouldDeliverHigherPriorityFirstAndFifoWithinAPriority()
    {
        client.sendConfirmed(SESSION, toQueue("orders", "low-1").priority(1));
        client.sendConfirmed(SESSION, toQueue("orders", "high-1").priority(9));
        client.sendConfirmed(SESSION, toQueue("orders", "normal").priority(4));
        client.sendConfirmed(SESSION, toQueue("orders", "high-2").priority(9));
        client.sendConfirmed(SESSION, toQueue("orders", "low-2").priority(1));

        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(List.of("high-1", "high-2", "normal", "low-1", "low-2"), texts(client.deliveries(1)));
    }

    @Test
    void shouldKeepMessagesASelectorRejectsForOtherConsumers()
    {
        client.createConsumer(SESSION, 1, "orders", "region = 'eu'", 10);
        for (final String region : new String[]{"us", "eu", "us", "eu"})
        {
            client.sendConfirmed(SESSION, toQueue("orders", region).property("region", region));
        }

        final List<TestClientPeer.Frame> europe = client.deliveries(1);
        client.createConsumer(SESSION, 2, "orders", "region = 'us'", 10);

        assertEquals(List.of("eu", "eu"), texts(europe));
        assertEquals(List.of("us", "us"), texts(client.deliveries(2)));
        assertEquals(0, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldSendNoMoreThanTheConsumersCreditUntilItGrantsMore()
    {
        client.createConsumer(SESSION, 1, "orders", "", 2);
        for (int i = 0; i < 5; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }

        final List<TestClientPeer.Frame> first = client.deliveries(1);
        client.credit(1, 2);
        final List<TestClientPeer.Frame> second = client.deliveries(1);

        assertEquals(List.of("m0", "m1"), texts(first));
        assertEquals(List.of("m2", "m3"), texts(second));
        assertEquals(1, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldDeliverOneMessagePerPullWithPrefetchZero()
    {
        client.createConsumer(SESSION, 1, "orders", "", 0);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        client.sendConfirmed(SESSION, toQueue("orders", "m1"));

        final List<TestClientPeer.Frame> beforePull = client.deliveries(1);
        client.pull(1, -1);
        final List<TestClientPeer.Frame> afterPull = client.deliveries(1);

        assertTrue(beforePull.isEmpty());
        assertEquals(List.of("m0"), texts(afterPull));
    }

    @Test
    void shouldAnswerAPullThatTimesOutWithNoMessage()
    {
        client.createConsumer(SESSION, 1, "orders", "", 0);

        client.pull(1, 100);
        harness.advanceMs(150);

        client.awaitNoMessage(1);
    }

    @Test
    void shouldRedeliverWhatAClosedConsumerHeldFlaggedRedeliveredInOrder()
    {
        client.createConsumer(SESSION, 1, "orders", "", 10);
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }
        final List<TestClientPeer.Frame> first = client.deliveries(1);

        client.closeConsumer(1, first.get(2).deliveryId);
        client.createConsumer(SESSION, 2, "orders", "", 10);
        final List<TestClientPeer.Frame> again = client.deliveries(2);

        assertEquals(List.of("m0", "m1", "m2"), texts(again));
        for (final TestClientPeer.Frame frame : again)
        {
            assertTrue(frame.redelivered);
            assertEquals(2, frame.deliveryCount);
        }
    }

    static List<String> texts(final List<TestClientPeer.Frame> frames)
    {
        final List<String> texts = new ArrayList<>();
        for (final TestClientPeer.Frame frame : frames)
        {
            texts.add(frame.text());
        }
        return texts;
    }
}
