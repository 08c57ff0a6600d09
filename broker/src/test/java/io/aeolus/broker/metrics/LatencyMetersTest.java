package io.aeolus.broker.metrics;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class LatencyMetersTest
{
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LatencyMeters meters = new LatencyMeters(registry);

    @Test
    void shouldRecordDeliveryLatencyFromTheTimestampPerDestination()
    {
        meters.onDelivered(message("orders", DestinationType.QUEUE, 1_000), 1_250);
        meters.onDelivered(message("orders", DestinationType.QUEUE, 1_000), 1_050);

        final Timer orders = delivery("orders");
        assertEquals(2, orders.count());
        assertEquals(250, orders.max(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(300, orders.totalTime(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void shouldSkipTemporaryAndBrokerDestinationsAndMessagesWithoutATimestamp()
    {
        meters.onDelivered(message("TQ.1.1", DestinationType.TEMPORARY_QUEUE, 1_000), 1_250);
        meters.onDelivered(message("aeolus.trash", DestinationType.QUEUE, 1_000), 1_250);
        meters.onDelivered(message("untimed", DestinationType.QUEUE, 0), 1_250);

        assertEquals(0, registry.find("aeolus.delivery.latency").timers().size());
    }

    @Test
    void shouldShareOneTimerPastTheLimitOfDestinations()
    {
        for (int i = 0; i < DestinationTimers.MAX_DESTINATIONS + 5; i++)
        {
            meters.onDelivered(message("q" + i, DestinationType.TOPIC, 1_000), 1_010);
        }

        assertEquals(DestinationTimers.MAX_DESTINATIONS + 1, registry.find("aeolus.delivery.latency").timers().size());
        assertEquals(5, delivery(DestinationTimers.OTHER).count());
        assertNull(registry.find("aeolus.delivery.latency").tag("destination", "q" + DestinationTimers.MAX_DESTINATIONS)
            .timer());
    }

    @Test
    void shouldRecordEnqueueToAckLatencyPerDestination()
    {
        meters.onAcknowledged("orders", DestinationType.QUEUE, 1_000, 1_400);
        meters.onAcknowledged("orders", DestinationType.QUEUE, 1_000, 1_100);
        meters.onAcknowledged("prices", DestinationType.TOPIC, 2_000, 2_007);

        final Timer orders = enqueueToAck("orders");
        assertEquals(2, orders.count());
        assertEquals(400, orders.max(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(500, orders.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(7, enqueueToAck("prices").totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(0, registry.find("aeolus.delivery.latency").timers().size());
    }

    @Test
    void shouldSkipAcksOfTemporaryAndBrokerDestinationsAndWithoutAnEnqueueTime()
    {
        meters.onAcknowledged("TQ.1.1", DestinationType.TEMPORARY_QUEUE, 1_000, 1_250);
        meters.onAcknowledged("TT.1.1", DestinationType.TEMPORARY_TOPIC, 1_000, 1_250);
        meters.onAcknowledged("aeolus.management", DestinationType.QUEUE, 1_000, 1_250);
        meters.onAcknowledged("unknown", DestinationType.QUEUE, 0, 1_250);

        assertEquals(0, registry.find("aeolus.enqueue.to.ack.latency").timers().size());
    }

    @Test
    void shouldShareOneEnqueueToAckTimerPastTheLimitOfDestinations()
    {
        for (int i = 0; i < DestinationTimers.MAX_DESTINATIONS + 3; i++)
        {
            meters.onAcknowledged("q" + i, DestinationType.QUEUE, 1_000, 1_010);
        }

        assertEquals(DestinationTimers.MAX_DESTINATIONS + 1,
            registry.find("aeolus.enqueue.to.ack.latency").timers().size());
        assertEquals(3, enqueueToAck(DestinationTimers.OTHER).count());
    }

    @Test
    void shouldRecordSendConfirmationsAndJournalBatches()
    {
        meters.onSendConfirmed(40_000);
        meters.onJournalBatch(12, 2_000_000);
        meters.onJournalBatch(4, 1_000_000);

        assertEquals(1, registry.get("aeolus.send.confirm.latency").timer().count());
        assertEquals(2, registry.get("aeolus.journal.commit.latency").timer().count());
        assertEquals(16, registry.get("aeolus.journal.batch.size").summary().totalAmount(), 0.001);
    }

    private Timer delivery(final String destination)
    {
        return registry.get("aeolus.delivery.latency").tag("destination", destination).timer();
    }

    private Timer enqueueToAck(final String destination)
    {
        return registry.get("aeolus.enqueue.to.ack.latency").tag("destination", destination).timer();
    }

    private static BrokerMessage message(final String destination, final DestinationType type, final long timestampMs)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final JmsMessageEncoder encoder = new JmsMessageEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .bodyType(BodyType.TEXT)
            .deliveryMode(DeliveryMode.NON_PERSISTENT)
            .priority((short)4)
            .destinationType(type)
            .replyToType(DestinationType.NONE)
            .timestamp(timestampMs)
            .expiration(0)
            .deliveryTime(0)
            .producerConnectionId(0);
        encoder.flags().clear();
        encoder.messageId("ID:1").destination(destination).replyTo("").putCorrelationId(new byte[0], 0, 0)
            .jmsType("").putProperties(new byte[0], 0, 0).putBody(new byte[0], 0, 0);
        return BrokerMessage.decode(1, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
