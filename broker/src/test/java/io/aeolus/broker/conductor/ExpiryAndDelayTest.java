package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.Destinations;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static io.aeolus.broker.conductor.TestMessage.toTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ExpiryAndDelayTest
{
    private static final long SESSION = 1;
    private static final long SCAN_INTERVAL_MS = 1000;

    private ConductorHarness harness;
    private TestClientPeer client;

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    private void start(final DestinationPolicies policies)
    {
        harness = new ConductorHarness(new EngineSettings(policies, List.of(), List.of(), SCAN_INTERVAL_MS));
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
    }

    private MessageQueue queue(final String name)
    {
        return harness.destinations().queues().get(name);
    }

    @Test
    void shouldNeverDeliverAnExpiredMessage()
    {
        start(DestinationPolicies.defaults());
        client.sendConfirmed(SESSION, toQueue("orders", "stale").expiration(harness.nowMs() + 100));
        client.sendConfirmed(SESSION, toQueue("orders", "fresh"));
        harness.advanceMs(100);

        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(List.of("fresh"), texts(client.deliveries(1)));
        assertEquals(1, queue("orders").expiredCount());
    }

    @Test
    void shouldRemoveExpiredMessagesNobodyConsumesByThePeriodicScan()
    {
        start(DestinationPolicies.defaults());
        for (int i = 0; i < 10; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "short-" + i).expiration(harness.nowMs() + 100));
            client.sendConfirmed(SESSION, toQueue("orders", "long-" + i).expiration(harness.nowMs() + 60_000));
        }

        // The scan runs on the conductor's 10 ms timer tick: the last tick before the interval ends, then the next.
        harness.advanceMs(SCAN_INTERVAL_MS - 20);
        final int beforeScan = queue("orders").depth();
        harness.advanceMs(20);

        assertEquals(20, beforeScan);
        assertEquals(10, queue("orders").depth());
        assertEquals(10, queue("orders").expiredCount());
    }

    @Test
    void shouldExamineABoundedNumberOfMessagesPerTimerTick()
    {
        start(DestinationPolicies.defaults());
        final int count = 2500;
        for (int i = 0; i < count; i++)
        {
            client.send(SESSION, 0, toQueue("orders", "m" + i).expiration(harness.nowMs() + 100), false);
            if (i % 100 == 99)
            {
                harness.settle();
            }
        }
        harness.settle();

        harness.advanceMs(SCAN_INTERVAL_MS);
        final int afterOneTick = queue("orders").depth();
        harness.advanceMs(10);
        final int afterTwoTicks = queue("orders").depth();
        harness.advanceMs(10);

        assertTrue(afterOneTick > 0 && afterOneTick < count, "after one tick: " + afterOneTick);
        assertTrue(afterTwoTicks < afterOneTick, "after two ticks: " + afterTwoTicks);
        assertEquals(0, queue("orders").depth());
        assertEquals(0, queue("orders").heldBytes());
    }

    @Test
    void shouldMoveExpiredMessagesToTheExpiryQueueWithTheirOriginalDestination()
    {
        start(DestinationPolicies.defaults().put("#", PolicySetting.EXPIRY_QUEUE, "Expired.{destination}"));
        final long expiration = harness.nowMs() + 100;
        client.sendConfirmed(SESSION, toQueue("orders", "m0").expiration(expiration));

        harness.advanceMs(SCAN_INTERVAL_MS);
        client.createConsumer(SESSION, 1, "Expired.orders", "", 10);
        final TestMessage expired = client.awaitDelivery(1).message;

        assertEquals("m0", expired.text());
        assertEquals("Expired.orders", expired.destination);
        assertEquals(0, expired.expirationMs);
        assertEquals("orders", expired.property(Destinations.ORIGINAL_DESTINATION));
        assertEquals(Destinations.REASON_EXPIRED, expired.property(Destinations.REASON));
        assertEquals(expiration, expired.property(Destinations.ORIGINAL_EXPIRATION));
        assertEquals(0, queue("orders").depth());
    }

    @Test
    void shouldKeepAMessageInvisibleUntilItsDeliveryTime()
    {
        start(DestinationPolicies.defaults());
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "later").deliveryTime(harness.nowMs() + 5000));
        client.sendConfirmed(SESSION, toQueue("orders", "now"));

        final List<TestClientPeer.Frame> immediately = client.deliveries(1);
        final int scheduled = harness.destinations().scheduler().size();
        harness.advanceMs(4999);
        final List<TestClientPeer.Frame> almost = client.deliveries(1);
        harness.advanceMs(1);

        assertEquals(List.of("now"), texts(immediately));
        assertEquals(1, scheduled);
        assertTrue(almost.isEmpty());
        assertEquals(List.of("later"), texts(client.deliveries(1)));
        assertEquals(0, harness.destinations().scheduler().size());
    }

    @Test
    void shouldReleaseDelayedMessagesAsEachBecomesDue()
    {
        start(DestinationPolicies.defaults());
        client.createConsumer(SESSION, 1, "orders", "", 10);
        final long now = harness.nowMs();
        client.sendConfirmed(SESSION, toQueue("orders", "at-300").deliveryTime(now + 300));
        client.sendConfirmed(SESSION, toQueue("orders", "at-100").deliveryTime(now + 100));
        client.sendConfirmed(SESSION, toQueue("orders", "at-200").deliveryTime(now + 200));

        harness.advanceMs(100);
        final List<TestClientPeer.Frame> first = client.deliveries(1);
        harness.advanceMs(100);
        final List<TestClientPeer.Frame> second = client.deliveries(1);
        harness.advanceMs(100);

        assertEquals(List.of("at-100"), texts(first));
        assertEquals(List.of("at-200"), texts(second));
        assertEquals(List.of("at-300"), texts(client.deliveries(1)));
    }

    @Test
    void shouldReleaseMessagesDueTogetherInTheirArrivalOrder()
    {
        start(DestinationPolicies.defaults());
        final long now = harness.nowMs();
        client.sendConfirmed(SESSION, toQueue("orders", "a").deliveryTime(now + 300));
        client.sendConfirmed(SESSION, toQueue("orders", "b").deliveryTime(now + 100));
        client.sendConfirmed(SESSION, toQueue("orders", "c"));
        client.sendConfirmed(SESSION, toQueue("orders", "d").deliveryTime(now + 200));

        harness.advanceMs(5000);
        client.createConsumer(SESSION, 1, "orders", "", 10);

        assertEquals(List.of("a", "b", "c", "d"), texts(client.deliveries(1)));
    }

    @Test
    void shouldDelayATopicMessageForEverySubscription()
    {
        start(DestinationPolicies.defaults());
        client.expectOk(client.requestConsumer(SESSION, 1, DestinationType.TOPIC, "prices", "", 10));
        client.expectOk(client.requestConsumer(SESSION, 2, DestinationType.TOPIC, "prices", "", 10));
        client.sendConfirmed(SESSION, toTopic("prices", "p").deliveryTime(harness.nowMs() + 1000));

        final List<TestClientPeer.Frame> early = client.deliveries(1);
        harness.advanceMs(1000);

        assertTrue(early.isEmpty());
        assertEquals(List.of("p"), texts(client.deliveries(1)));
        assertEquals(List.of("p"), texts(client.deliveries(2)));
    }

    @Test
    void shouldExpireADelayedMessageWhoseExpirationComesFirst()
    {
        start(DestinationPolicies.defaults());
        client.createConsumer(SESSION, 1, "orders", "", 10);
        final long now = harness.nowMs();
        client.sendConfirmed(SESSION, toQueue("orders", "m").deliveryTime(now + 500).expiration(now + 200));

        harness.advanceMs(500);

        assertTrue(client.deliveries(1).isEmpty());
        assertEquals(1, queue("orders").expiredCount());
        assertEquals(0, queue("orders").heldBytes());
    }
}
