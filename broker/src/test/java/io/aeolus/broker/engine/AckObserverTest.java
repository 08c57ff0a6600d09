package io.aeolus.broker.engine;

import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.aeolus.broker.engine.EngineRig.START_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engine tells its {@link AckObserver} of each final acknowledgement, once, with the enqueue time in its own
 * clock: not of deliveries taken back (recover, rollback), once per subscription for a topic, and with the
 * JMSTimestamp for messages read back from the journal (paging), whose enqueue time is not journaled.
 */
@Timeout(10)
class AckObserverTest
{
    private static final long CONNECTION = 1;
    private static final long ALL = 1_000;

    private final EngineRig rig = new EngineRig(null);
    private final EngineInputs in = rig.inputs();
    private final List<String> acks = new ArrayList<>();
    private long correlationId = 1;

    @BeforeEach
    void setUp()
    {
        rig.engine().ackObserver((destination, type, enqueuedMs, nowMs) ->
            acks.add(destination + " " + type + " " + (enqueuedMs - START_MS) + " " + (nowMs - START_MS)));
        in.onConnected(CONNECTION, "", rig.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        in.onCreateSession(CONNECTION, next(), 1, AckMode.CLIENT);
        in.onCreateSession(CONNECTION, next(), 2, AckMode.TRANSACTED);
        in.onCreateProducer(CONNECTION, next(), 1, 1, DestinationType.NONE, "");
        rig.settle();
    }

    @Test
    void shouldTellOfAnAcknowledgementOnceAfterARecover()
    {
        consumer(1, 10, DestinationType.QUEUE, "backlog", "");
        send(new ReplayWorkload.Message("backlog", "a"), START_MS);

        rig.advance(START_MS + 40);
        in.onRecover(CONNECTION, next(), 1, Map.of(10L, ALL));
        rig.advance(START_MS + 90);
        in.onAck(CONNECTION, 10, ALL, true);

        assertEquals(2, deliveries(10), "delivered, then redelivered after the recover");
        assertEquals(List.of("backlog QUEUE 0 90"), acks);
    }

    @Test
    void shouldTellOfATransactedAcknowledgementAtCommitOnly()
    {
        consumer(2, 20, DestinationType.QUEUE, "backlog", "");
        rig.advance(START_MS + 10);
        send(new ReplayWorkload.Message("backlog", "a"), START_MS + 10);
        rig.settle();

        in.onRollback(CONNECTION, next(), 2, Map.of(20L, ALL));
        rig.advance(START_MS + 30);
        in.onCommit(CONNECTION, next(), 2, Map.of(20L, ALL));

        assertEquals(2, deliveries(20), "delivered, then redelivered after the rollback");
        assertEquals(List.of("backlog QUEUE 10 30"), acks);
    }

    @Test
    void shouldTellOfATopicMessageOncePerSubscription()
    {
        consumer(1, 11, DestinationType.TOPIC, "news", "");
        consumer(1, 12, DestinationType.TOPIC, "news", "");
        send(new ReplayWorkload.Message("news", "a").topic(), START_MS);
        rig.advance(START_MS + 5);

        in.onAck(CONNECTION, 11, ALL, true);
        in.onAck(CONNECTION, 12, ALL, true);

        assertEquals(List.of("news TOPIC 0 5", "news TOPIC 0 5"), acks);
    }

    @Test
    void shouldUseTheTimestampOfMessagesPagedInFromTheJournal()
    {
        for (int i = 0; i < EngineRig.PAGING_WINDOW + 2; i++)
        {
            send(new ReplayWorkload.Message("backlog", "m" + i), START_MS - 1_000);
        }
        rig.settle();
        consumer(1, 10, DestinationType.QUEUE, "backlog", "");
        rig.advance(START_MS + 20);

        for (int i = 0; i < 3 && acks.size() < EngineRig.PAGING_WINDOW + 2; i++)
        {
            in.onAck(CONNECTION, 10, ALL, true);
            in.onConsumerCredit(CONNECTION, 10, EngineRig.PAGING_WINDOW + 2);
            rig.settle();
        }

        assertEquals(EngineRig.PAGING_WINDOW + 2, acks.size(), acks.toString());
        assertEquals(EngineRig.PAGING_WINDOW, acks.stream().filter((ack) -> ack.equals("backlog QUEUE 0 20")).count());
        assertEquals(2, acks.stream().filter((ack) -> ack.equals("backlog QUEUE -1000 20")).count());
    }

    private void consumer(final long sessionId, final long consumerId, final DestinationType type,
        final String destination, final String subscription)
    {
        in.onCreateConsumer(CONNECTION, new ConsumerRequest(next(), sessionId, consumerId, type, destination, "",
            subscription, 100, false, false, false, false));
        rig.settle();
    }

    private void send(final ReplayWorkload.Message message, final long timestampMs)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = message.encode(buffer, CONNECTION, timestampMs);
        in.onSend(CONNECTION, next(), 1, 1, buffer, 0, length);
    }

    private long deliveries(final long consumerId)
    {
        final String prefix = "deliver " + CONNECTION + " " + consumerId + " ";
        return rig.outputs().stream().filter((line) -> line.startsWith(prefix)).count();
    }

    private long next()
    {
        return correlationId++;
    }
}
