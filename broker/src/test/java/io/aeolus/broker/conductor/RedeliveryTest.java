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
import java.util.Map;

import static io.aeolus.broker.conductor.DispatchTest.texts;
import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static io.aeolus.broker.conductor.TestMessage.toTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class RedeliveryTest
{
    private static final long SESSION = 1;

    private ConductorHarness harness;
    private TestClientPeer client;

    @AfterEach
    void tearDown()
    {
        harness.close();
    }

    private void start(final DestinationPolicies policies, final AckMode ackMode)
    {
        harness = new ConductorHarness(new EngineSettings(policies, List.of(), List.of(), 1000));
        client = harness.connect();
        client.createSession(SESSION, ackMode);
    }

    private static DestinationPolicies policies()
    {
        return DestinationPolicies.defaults();
    }

    /**
     * Delivers the one message on the consumer, then recovers as a client does after the application saw it.
     */
    private TestClientPeer.Frame deliverAndRecover(final long consumerId)
    {
        return deliverAndRecover(SESSION, consumerId);
    }

    private TestClientPeer.Frame deliverAndRecover(final long sessionId, final long consumerId)
    {
        final TestClientPeer.Frame delivery = client.awaitDelivery(consumerId);
        client.recover(sessionId, Map.of(consumerId, delivery.deliveryId));
        return delivery;
    }

    @Test
    void shouldRedeliverAfterRecoverWithTheDeliveryCountIncremented()
    {
        start(policies(), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));

        final TestClientPeer.Frame first = deliverAndRecover(1);
        final TestClientPeer.Frame second = client.awaitDelivery(1);

        assertEquals(1, first.deliveryCount);
        assertFalse(first.redelivered);
        assertEquals(2, second.deliveryCount);
        assertTrue(second.redelivered);
        assertEquals("m0", second.text());
    }

    @Test
    void shouldNotCountDeliveriesTheApplicationNeverSaw()
    {
        start(policies(), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        for (int i = 0; i < 3; i++)
        {
            client.sendConfirmed(SESSION, toQueue("orders", "m" + i));
        }
        final List<TestClientPeer.Frame> first = client.deliveries(1);

        client.recover(SESSION, Map.of(1L, first.get(0).deliveryId));
        final List<TestClientPeer.Frame> again = client.deliveries(1);

        assertEquals(List.of("m0", "m1", "m2"), texts(again));
        assertEquals(2, again.get(0).deliveryCount);
        assertEquals(1, again.get(1).deliveryCount);
        assertFalse(again.get(2).redelivered);
    }

    @Test
    void shouldKeepATakenBackMessageInvisibleUntilItsRedeliveryDelayPasses()
    {
        start(policies().put("orders", PolicySetting.REDELIVERY_DELAY, 1000L), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        deliverAndRecover(1);

        harness.advanceMs(999);
        final List<TestClientPeer.Frame> early = client.deliveries(1);
        final MessageQueue queue = harness.destinations().queues().get("orders");
        final int scheduled = queue.scheduledCount();
        harness.advanceMs(1);
        final List<TestClientPeer.Frame> due = client.deliveries(1);

        assertTrue(early.isEmpty());
        assertEquals(1, scheduled);
        assertEquals(List.of("m0"), texts(due));
        assertEquals(2, due.get(0).deliveryCount);
        assertEquals(0, queue.scheduledCount());
    }

    @Test
    void shouldLetOtherMessagesPassAMessageWaitingOutItsRedeliveryDelay()
    {
        start(policies().put("orders", PolicySetting.REDELIVERY_DELAY, 500L), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 1);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        client.sendConfirmed(SESSION, toQueue("orders", "m1"));

        deliverAndRecover(1);
        final TestClientPeer.Frame next = client.awaitDelivery(1);
        client.ack(SESSION, 1, next.deliveryId, false);
        client.credit(1, 1);
        harness.advanceMs(500);
        final TestClientPeer.Frame last = client.awaitDelivery(1);

        assertEquals("m1", next.text());
        assertEquals("m0", last.text());
    }

    @Test
    void shouldGrowTheRedeliveryDelayExponentially()
    {
        start(policies()
            .put("#", PolicySetting.REDELIVERY_DELAY, 100L)
            .put("#", PolicySetting.REDELIVERY_MULTIPLIER, 2.0)
            .put("#", PolicySetting.REDELIVERY_MAX_DELAY, 300L), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        deliverAndRecover(1);
        harness.advanceMs(100);
        deliverAndRecover(1);

        harness.advanceMs(199);
        final List<TestClientPeer.Frame> early = client.deliveries(1);
        harness.advanceMs(1);
        final TestClientPeer.Frame third = client.awaitDelivery(1);

        assertTrue(early.isEmpty());
        assertEquals(3, third.deliveryCount);
    }

    @Test
    void shouldMoveToTheDlqAfterMaxDeliveryAttemptsWithRecordingProperties()
    {
        start(policies().put("orders", PolicySetting.MAX_DELIVERY_ATTEMPTS, 3), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0").property("customer", "alice"));

        for (int attempt = 1; attempt <= 3; attempt++)
        {
            assertEquals(attempt, deliverAndRecover(1).deliveryCount);
        }
        final List<TestClientPeer.Frame> afterMax = client.deliveries(1);
        client.createConsumer(SESSION, 2, "DLQ.orders", "", 10);
        final TestClientPeer.Frame deadLetter = client.awaitDelivery(2);

        assertTrue(afterMax.isEmpty());
        assertEquals(0, harness.destinations().queues().get("orders").depth());
        assertEquals(1, harness.destinations().queues().get("orders").deadLetteredCount());
        final TestMessage message = deadLetter.message;
        assertEquals("m0", message.text());
        assertEquals("ID:m0", message.messageId);
        assertEquals("DLQ.orders", message.destination);
        assertEquals(DestinationType.QUEUE, message.destinationType);
        assertEquals("alice", message.property("customer"));
        assertEquals("orders", message.property(Destinations.ORIGINAL_DESTINATION));
        assertEquals("QUEUE", message.property(Destinations.ORIGINAL_DESTINATION_TYPE));
        assertEquals(Destinations.REASON_MAX_DELIVERY_ATTEMPTS, message.property(Destinations.REASON));
        assertEquals(harness.nowMs(), message.property(Destinations.TIME));
        assertEquals(3, message.property(Destinations.DELIVERY_COUNT));
        assertTrue(String.valueOf(message.property(Destinations.LAST_CONSUMER)).startsWith("anonymous@"),
            "no client id: the user and source: " + message.property(Destinations.LAST_CONSUMER));
        assertNull(message.property(Destinations.ORIGINAL_SUBSCRIPTION));
        assertEquals(1, deadLetter.deliveryCount);
    }

    @Test
    void shouldMoveARolledBackMessageToTheDlqAfterMaxDeliveryAttempts()
    {
        start(policies().put("orders", PolicySetting.MAX_DELIVERY_ATTEMPTS, 2), AckMode.TRANSACTED);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        client.commit(SESSION, 1, 0);

        client.rollback(SESSION, 1, client.awaitDelivery(1).deliveryId);
        client.rollback(SESSION, 1, client.awaitDelivery(1).deliveryId);

        assertTrue(client.deliveries(1).isEmpty());
        assertEquals(1, harness.destinations().queues().get("DLQ.orders").depth());
    }

    @Test
    void shouldUseOneSharedDlqWhenTheTemplateNamesNoDestination()
    {
        start(policies()
            .put("#", PolicySetting.MAX_DELIVERY_ATTEMPTS, 1)
            .put("#", PolicySetting.DEAD_LETTER_QUEUE, "DLQ"), AckMode.CLIENT);
        client.createSession(2, AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.createConsumer(2, 2, "invoices", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "o"));
        client.sendConfirmed(SESSION, toQueue("invoices", "i"));

        deliverAndRecover(1);
        deliverAndRecover(2, 2);

        final MessageQueue dlq = harness.destinations().queues().get("DLQ");
        assertEquals(2, dlq.depth());
        assertTrue(dlq.isDeadLetterQueue());
    }

    @Test
    void shouldDropDeadLettersWhenTheDlqIsNone()
    {
        start(policies()
            .put("#", PolicySetting.MAX_DELIVERY_ATTEMPTS, 1)
            .put("#", PolicySetting.DEAD_LETTER_QUEUE, ""), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));

        deliverAndRecover(1);

        assertTrue(client.deliveries(1).isEmpty());
        assertTrue(harness.destinations().queues().keySet().stream().noneMatch((name) -> name.startsWith("DLQ")),
            "no dead-letter queue: " + harness.destinations().queues().keySet());
        assertEquals(0, harness.destinations().queues().get("orders").heldBytes());
    }

    @Test
    void shouldApplyTheMostSpecificPolicyOfADestination()
    {
        start(policies()
            .put("#", PolicySetting.MAX_DELIVERY_ATTEMPTS, 5)
            .put("orders.*", PolicySetting.MAX_DELIVERY_ATTEMPTS, 1), AckMode.CLIENT);
        client.createSession(2, AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders.eu", "", 10);
        client.createConsumer(2, 2, "invoices", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders.eu", "o"));
        client.sendConfirmed(SESSION, toQueue("invoices", "i"));

        deliverAndRecover(1);
        deliverAndRecover(2, 2);

        assertEquals(1, harness.destinations().queues().get("DLQ.orders.eu").depth());
        assertEquals(2, client.awaitDelivery(2).deliveryCount);
    }

    @Test
    void shouldRecordTheTopicAndSubscriptionOfADeadLetterFromASubscription()
    {
        start(policies().put("prices", PolicySetting.MAX_DELIVERY_ATTEMPTS, 1), AckMode.CLIENT);
        client.expectOk(client.requestConsumer(SESSION, 1, DestinationType.TOPIC, "prices", "", 10));
        client.sendConfirmed(SESSION, toTopic("prices", "p0"));

        deliverAndRecover(1);
        client.createConsumer(SESSION, 2, "DLQ.prices", "", 10);
        final TestMessage deadLetter = client.awaitDelivery(2).message;

        assertEquals("prices", deadLetter.property(Destinations.ORIGINAL_DESTINATION));
        assertEquals("TOPIC", deadLetter.property(Destinations.ORIGINAL_DESTINATION_TYPE));
        assertTrue(((String)deadLetter.property(Destinations.ORIGINAL_SUBSCRIPTION)).startsWith("nondurable:"));
    }

    @Test
    void shouldNeverDeadLetterTheMessagesOfADeadLetterQueue()
    {
        start(policies().put("#", PolicySetting.MAX_DELIVERY_ATTEMPTS, 1), AckMode.CLIENT);
        client.createConsumer(SESSION, 1, "orders", "", 10);
        client.sendConfirmed(SESSION, toQueue("orders", "m0"));
        deliverAndRecover(1);
        client.createSession(2, AckMode.CLIENT);
        client.createConsumer(2, 2, "DLQ.orders", "", 10);

        deliverAndRecover(2, 2);
        final TestClientPeer.Frame again = client.awaitDelivery(2);

        assertEquals("m0", again.text());
        assertEquals(2, again.deliveryCount);
        assertNull(harness.destinations().queues().get("DLQ.DLQ.orders"));
    }
}
