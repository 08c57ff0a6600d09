package io.aeolus.broker.conductor;

import io.aeolus.transport.codecs.AckMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static io.aeolus.broker.conductor.TestMessage.toTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMS 6.1.5 at the broker (ConnectionFlow): a stopped connection's consumers get nothing, and a stop takes back what
 * a consumer was sent after the last delivery its application consumed, not counted as a delivery.
 */
@Timeout(30)
class ConnectionFlowTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;
    private TestClientPeer idle;
    private TestClientPeer working;

    @BeforeEach
    void setUp()
    {
        harness = new ConductorHarness();
        idle = harness.connect();
        idle.createSession(SESSION, AckMode.CLIENT);
        working = harness.connect();
        working.createSession(SESSION, AckMode.CLIENT);
    }

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    @Test
    void shouldGiveAStoppedConnectionsConsumersNothingUntilItStarts()
    {
        idle.connectionFlow(false, Map.of());
        idle.createConsumer(SESSION, 1, "orders", "", 10);
        working.createConsumer(SESSION, 1, "orders", "", 10);

        for (int i = 0; i < 4; i++)
        {
            working.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }

        assertEquals(List.of("m0", "m1", "m2", "m3"), texts(working.deliveries(1)));
        assertTrue(idle.deliveries(1).isEmpty());
        idle.connectionFlow(true, Map.of(1L, 0L));
        working.sendConfirmed(SESSION, toQueue("orders", "m4"));
        working.sendConfirmed(SESSION, toQueue("orders", "m5"));
        assertEquals(1, idle.deliveries(1).size());
    }

    @Test
    void shouldTakeBackWhatAStoppedConsumerWasSentButDidNotConsumeAsNotYetDelivered()
    {
        idle.createConsumer(SESSION, 1, "orders", "", 10);
        for (int i = 0; i < 3; i++)
        {
            working.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }
        final List<TestClientPeer.Frame> sent = idle.deliveries(1);
        assertEquals(List.of("m0", "m1", "m2"), texts(sent));

        final long floor = idle.connectionFlow(false, Map.of(1L, sent.get(0).deliveryId));

        assertTrue(floor > sent.get(2).deliveryId);
        working.createConsumer(SESSION, 1, "orders", "", 10);
        final List<TestClientPeer.Frame> others = working.deliveries(1);
        assertEquals(List.of("m1", "m2"), texts(others));
        for (final TestClientPeer.Frame frame : others)
        {
            assertEquals(1, frame.deliveryCount);
            assertFalse(frame.redelivered);
        }
        idle.ack(SESSION, 1, sent.get(0).deliveryId, true);
        working.ack(SESSION, 1, others.get(1).deliveryId, true);
        harness.settle();
        assertEquals(0, harness.destinations().queues().get("orders").depth());
    }

    @Test
    void shouldKeepASubscriptionsMessagesForItsStoppedConsumerAndDeliverThemInOrderOnStart()
    {
        idle.createSubscriber(SESSION, 1, "prices", "sub", false, true);
        idle.connectionFlow(false, Map.of(1L, 0L));
        for (int i = 0; i < 3; i++)
        {
            working.sendConfirmed(SESSION, toTopic("prices", "p" + i));
        }
        assertTrue(idle.deliveries(1).isEmpty());

        idle.connectionFlow(true, Map.of(1L, 0L));

        assertEquals(List.of("p0", "p1", "p2"), texts(idle.deliveries(1)));
    }
}
