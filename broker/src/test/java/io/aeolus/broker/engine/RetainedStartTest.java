package io.aeolus.broker.engine;

import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.PolicySetting;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subscription that starts in the past catches up a slice per timer tick (#17): a bounded number of retained
 * messages when it is made and per tick after, in the order published; messages published meanwhile come after the
 * retained ones; nothing twice; a durable one's cursor journaled with its copies; one closed part way forgotten.
 */
@Timeout(10)
class RetainedStartTest
{
    private static final int BATCH = 4;
    private static final int RETAINED = 10;

    private final List<String> outputs = new ArrayList<>();
    private MessagingEngine engine;
    private SimulatedJournal journal;
    private long nowMs = EngineRig.START_MS;
    private long correlationId = 1000;

    private void start(final boolean journaled)
    {
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        engine = newEngine(security);
        if (journaled)
        {
            journal = new SimulatedJournal(outputs);
            engine.durability(journal, 1000);
        }
        engine.onConnected(1, "sub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onConnected(2, "pub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onSetClientId(1, next(), "sub");
        engine.onCreateSession(1, next(), 1, AckMode.AUTO);
        engine.onCreateSession(2, next(), 1, AckMode.AUTO);
        engine.onCreateProducer(2, next(), 1, 1, DestinationType.NONE, "");
        for (int i = 0; i < RETAINED; i++)
        {
            send("retained-" + i, i % 2);
        }
        engine.dispatch();
    }

    @Test
    void shouldGiveTheRetainedMessagesASliceAtATimeThenTheLiveOnesEachOnceInOrder()
    {
        start(false);
        subscribe(1, "events?start=earliest", "", "");
        engine.dispatch();

        assertEquals(BATCH, deliveredTo(1).size(), "the first slice only, at once");
        assertEquals(1, engine.destinations().starts.list().size());

        send("live-1", 0);
        tick();
        assertEquals(2 * BATCH, deliveredTo(1).size(), "a slice per tick; live-1 waits its turn");
        tick();
        assertTrue(engine.destinations().starts.list().isEmpty(), "caught up: the rest and live-1 taken");
        send("live-2", 0);
        tick();

        final List<Long> ids = deliveredTo(1);
        assertEquals(RETAINED + 2, ids.size());
        assertEquals(ids.size(), new TreeSet<>(ids).size(), "a message delivered twice: " + ids);
        assertEquals(new ArrayList<>(new TreeSet<>(ids)), ids, "in the order published: " + ids);
    }

    @Test
    void shouldApplyTheSelectorSliceBySlice()
    {
        start(false);
        subscribe(1, "events?start=earliest", "odd = 1", "");
        send("live-odd", 1);
        send("live-even", 0);
        for (int i = 0; i < 4; i++)
        {
            tick();
        }

        final List<Long> ids = deliveredTo(1);
        assertEquals(RETAINED / 2 + 1, ids.size(), "the odd retained ones and the odd live one: " + ids);
        assertEquals(new ArrayList<>(new TreeSet<>(ids)), ids);
    }

    @Test
    void shouldForgetASubscriptionClosedWhileCatchingUp()
    {
        start(false);
        subscribe(1, "events?start=earliest", "", "");
        engine.dispatch();
        engine.onCloseConsumer(1, next(), 1, 0);
        tick();
        send("live-1", 0);
        tick();

        assertTrue(engine.destinations().starts.list().isEmpty());
        assertEquals(BATCH, deliveredTo(1).size());
    }

    @Test
    void shouldJournalADurableSubscriptionsCursorWithEachSliceAndDropItWhenCaughtUp()
    {
        start(true);
        subscribe(1, "events?start=earliest", "", "audit");
        engine.dispatch();
        for (int i = 0; i < 5; i++)
        {
            tick();
        }

        final List<String> cursors = new ArrayList<>();
        for (final String line : outputs)
        {
            if (line.startsWith("append ") && line.contains("Replay("))
            {
                cursors.add(line);
            }
        }
        final String all = String.join("\n", cursors);
        // Made when subscribed (nothing copied yet: the retained messages are held by reference, and their first page
        // is read at the end of the next tick); moved with each slice (one group: four copies, then the cursor);
        // dropped with the last.
        assertEquals(4, cursors.size(), all);
        assertTrue(cursors.get(0).contains("PutReplay(") && cursors.get(0).contains("\"start\"") &&
            !cursors.get(0).contains("AddReference("), all);
        assertTrue(cursors.get(1).contains("Group([") && cursors.get(1).contains("\"start\"") &&
            cursors.get(1).split("AddReference\\(\"s/", -1).length == BATCH + 1 &&
            cursors.get(1).indexOf("PutReplay(") > cursors.get(1).lastIndexOf("AddReference("), all);
        assertTrue(cursors.get(2).contains("PutReplay(") && cursors.get(2).contains("\"start\""), all);
        assertTrue(cursors.get(3).contains("DeleteReplay("), all);
        assertFalse(all.contains("\"running\""), all);
        assertEquals(RETAINED, deliveredTo(1).size());
    }

    @Test
    void shouldReadJournaledRetainedMessagesAPageAtATimeInOrderThenTheLiveOnes()
    {
        start(true);
        subscribe(1, "events?start=earliest", "", "");
        engine.dispatch();
        tick();
        tick();
        send("live-1", 0);
        for (int i = 0; i < 4; i++)
        {
            tick();
        }
        send("live-2", 1);
        tick();

        final RetentionLog log = engine.destinations().retention.log("events");
        for (int i = 0; i < log.size(); i++)
        {
            assertTrue(log.isByReference(i), "a persistent retained message held in memory at " + i);
        }
        final List<String> reads = outputs.stream()
            .filter((line) -> line.contains("ReadReferences(\"r/events\"")).toList();
        assertTrue(reads.size() >= 3 && reads.stream().allMatch((line) -> line.contains(" " + BATCH + " 0 0)")),
            "pages of " + BATCH + ": " + reads);
        final List<Long> ids = deliveredTo(1);
        assertEquals(RETAINED + 2, ids.size(), ids.toString());
        assertEquals(new ArrayList<>(new TreeSet<>(ids)), ids, "in the order published, each once: " + ids);
        assertTrue(engine.destinations().starts.list().isEmpty());
    }

    @Test
    void shouldRestoreRetentionFromASnapshotOfTheOlderFormat()
    {
        start(false);
        final EngineSnapshot.BytesSink sink = EngineSnapshot.bytesSink();
        EngineSnapshot.write(engine, sink, EngineSnapshot.OLDEST_VERSION);
        final byte[] snapshot = sink.toByteArray();
        assertEquals(4, java.nio.ByteBuffer.wrap(snapshot).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4));
        final RetentionLog original = engine.destinations().retention.log("events");

        final MessagingEngine inMemory = newEngine(BrokerSecurity.development(new CachedEpochClock()));
        EngineSnapshot.restore(inMemory, EngineSnapshot.source(snapshot));
        final MessagingEngine journaled = newEngine(BrokerSecurity.development(new CachedEpochClock()));
        journaled.durability(new SimulatedJournal(new ArrayList<>()), 1000);
        EngineSnapshot.restore(journaled, EngineSnapshot.source(snapshot));

        final RetentionLog memoryLog = inMemory.destinations().retention.log("events");
        final RetentionLog referenceLog = journaled.destinations().retention.log("events");
        assertEquals(RETAINED, memoryLog.size());
        assertEquals(RETAINED, referenceLog.size());
        for (int i = 0; i < RETAINED; i++)
        {
            assertEquals(original.sequence(i), memoryLog.sequence(i));
            assertEquals(original.messageId(i), memoryLog.message(i).messageId(), "without a journal: in memory");
            assertTrue(referenceLog.isByReference(i), "with a journal: by reference, the body in the journal");
            assertEquals(original.messageId(i), referenceLog.messageId(i));
            assertEquals(original.sequence(i), referenceLog.sequence(i));
        }
        assertEquals(original.bytes(), referenceLog.bytes());
        assertEquals(0, referenceLog.memoryBytes());
    }

    private MessagingEngine newEngine(final BrokerSecurity security)
    {
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("events", PolicySetting.RETENTION_TIME, 3_600_000L);
        return new MessagingEngine(new EngineSettings(policies, List.of(), List.of(), 50).withReplayBatch(BATCH),
            64 * 1024, nowMs, security, new RecordingEgress(outputs));
    }

    private void tick()
    {
        nowMs += 10;
        engine.advanceTime(nowMs);
        engine.onTimer(nowMs);
        engine.dispatch();
        if (null != journal)
        {
            for (final java.util.Map.Entry<String, List<io.aeolus.store.StoredReference>> page : journal.takePages())
            {
                engine.onPage(page.getKey(), page.getValue());
            }
            engine.dispatch();
        }
    }

    private void subscribe(final long consumerId, final String topic, final String selector, final String name)
    {
        engine.onCreateConsumer(1, new ConsumerRequest(next(), 1, consumerId, DestinationType.TOPIC, topic, selector,
            name, 100, false, !name.isEmpty(), false, false));
    }

    private void send(final String text, final int odd)
    {
        final ReplayWorkload.Message message = new ReplayWorkload.Message("events", text).topic().property("odd",
            odd);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = message.encode(buffer, 2, nowMs);
        engine.onSend(2, next(), 1, 1, buffer, 0, length);
    }

    private List<Long> deliveredTo(final long consumerId)
    {
        final List<Long> ids = new ArrayList<>();
        for (final String line : outputs)
        {
            final String[] parts = line.split(" ");
            if (parts[0].equals("deliver") && parts[1].equals("1") && parts[2].equals(String.valueOf(consumerId)))
            {
                ids.add(Long.parseLong(parts[5]));
            }
        }
        return ids;
    }

    private long next()
    {
        return ++correlationId;
    }
}
