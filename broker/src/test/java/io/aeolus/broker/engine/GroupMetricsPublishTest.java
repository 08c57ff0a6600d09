package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a broker group's member publishes on {@code aeolus.metrics} ({@link ManagementService#publishMetrics}) is a
 * complete snapshot however many destinations there are: from a thousand destinations on, the single broker's
 * schedule sends most seconds only the destinations that changed, and which changed depends on each member's own
 * figures, while every member must route a message of the same size on the replicated topic.
 */
@Timeout(60)
class GroupMetricsPublishTest
{
    private static final int QUEUES = 1_200;

    @Test
    void everySnapshotIsCompleteAboveTheChangesOnlyThreshold()
    {
        final List<BrokerMessage> metrics = new ArrayList<>();
        final List<String> outputs = new ArrayList<>();
        final ClientEgress egress = new CapturingEgress(metrics, outputs);
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        final EngineSettings settings = EngineSettings.defaults();
        final MessagingEngine engine = new MessagingEngine(settings, 1 << 20, EngineRig.START_MS, security, egress);
        final ManagementService management = new ManagementService(
            new EngineManagement(engine, settings, (connectionId, reason) -> false, null), EngineRig.START_MS);
        engine.onConnected(1, "", security.authorizer().anonymous("test"), "test");
        engine.onCreateSession(1, 1, 1, AckMode.AUTO);
        engine.onCreateProducer(1, 2, 1, 1, DestinationType.NONE, "");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        for (int i = 0; i < QUEUES; i++)
        {
            final int length = new ReplayWorkload.Message("q" + i, "m").nonPersistent().encode(buffer, 1, 0);
            engine.onSend(1, 0, 1, 1, buffer, 0, length);
        }
        engine.onCreateConsumer(1, new ConsumerRequest(3, 1, 7, DestinationType.TOPIC, "aeolus.metrics", "", "",
            1000, false, false, false, false));
        engine.dispatch();

        for (int second = 1; second <= 3; second++)
        {
            final long nowMs = EngineRig.START_MS + second * 1000L;
            engine.advanceTime(nowMs);
            assertEquals(1, management.publishMetrics(nowMs), "published");
            engine.dispatch();
        }

        assertEquals(3, metrics.size(), "one snapshot a second");
        final int first = metrics.get(0).encodedBytes().length;
        assertTrue(first > QUEUES * 20, "the first holds every destination: " + first + " bytes");
        for (final BrokerMessage message : metrics)
        {
            assertEquals(first, message.encodedBytes().length, "every snapshot complete, the same size");
        }
    }

    /** Keeps the messages delivered, writes the rest as {@link RecordingEgress} does. */
    private static final class CapturingEgress implements ClientEgress
    {
        private final List<BrokerMessage> delivered;
        private final RecordingEgress lines;

        CapturingEgress(final List<BrokerMessage> delivered, final List<String> outputs)
        {
            this.delivered = delivered;
            this.lines = new RecordingEgress(outputs);
        }

        public void ok(final long connectionId, final long correlationId, final long value)
        {
            lines.ok(connectionId, correlationId, value);
        }

        public void error(final long connectionId, final long correlationId, final EngineError error,
            final String message)
        {
            lines.error(connectionId, correlationId, error, message);
        }

        public void deliver(final long connectionId, final long consumerId, final long deliveryId,
            final int deliveryCount, final BrokerMessage message)
        {
            delivered.add(message);
        }

        public void noMessage(final long connectionId, final long consumerId, final long correlationId)
        {
            lines.noMessage(connectionId, consumerId, correlationId);
        }

        public void producerCredit(final long connectionId, final long producerId, final boolean blocked)
        {
            lines.producerCredit(connectionId, producerId, blocked);
        }

        public void xaRecovered(final long connectionId, final long correlationId, final List<BranchId> branches)
        {
        }

        public boolean isWritable(final long connectionId)
        {
            return true;
        }
    }
}
