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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * How much heap a retained message takes in the engine: a topic retains 100,000 persistent messages with a 1 KiB body,
 * and the heap in use after a full collection is compared before and after; once on an engine without a journal
 * (the messages held in memory, as every retained message was before #17 item 4) and once on an engine whose journal
 * keeps nothing in the heap (the messages held by reference, their bodies in the journal). Printed, never asserted.
 * Run on demand only:
 * {@code mvn -pl broker -am test -Dtest=RetentionMemoryMeasure -Dsurefire.failIfNoSpecifiedTests=false
 * -Daeolus.retention.memory.measure=true}.
 */
@Timeout(600)
@EnabledIfSystemProperty(named = "aeolus.retention.memory.measure", matches = "true")
class RetentionMemoryMeasure
{
    private static final int MESSAGES = 100_000;

    @Test
    void measureHeapPerRetainedMessageInMemory()
    {
        measure(false);
    }

    @Test
    void measureHeapPerRetainedMessageByReference()
    {
        measure(true);
    }

    private static void measure(final boolean journaled)
    {
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        final DestinationPolicies policies = DestinationPolicies.defaults()
            .put("events", PolicySetting.RETENTION_TIME, 3_600_000L)
            .put("events", PolicySetting.MEMORY_LIMIT, 0L);
        final List<String> outputs = new ArrayList<>();
        final MessagingEngine engine = new MessagingEngine(new EngineSettings(policies, List.of(), List.of(),
            50), 64 * 1024, EngineRig.START_MS, security, new RecordingEgress(outputs));
        final DiscardingJournal journal = new DiscardingJournal();
        if (journaled)
        {
            engine.durability(journal, 1000);
        }
        engine.onConnected(1, "pub", security.authorizer().anonymous("aeron:ipc"), "aeron:ipc");
        engine.onCreateSession(1, 1, 1, AckMode.AUTO);
        engine.onCreateProducer(1, 2, 1, 1, DestinationType.NONE, "");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(2048);
        final String body = "x".repeat(1024);
        send(engine, buffer, body, 0);
        final long before = usedHeap();

        long encoded = 0;
        for (int i = 1; i <= MESSAGES; i++)
        {
            encoded += send(engine, buffer, body, i);
            engine.onDurable(journal.lastAppended());
            outputs.clear();
        }
        final long after = usedHeap();

        final RetentionLog log = engine.destinations().retention.log("events");
        final long counted = log.bytes() * MESSAGES / log.size();
        System.out.printf("retention memory (%s): %,d messages retained, %,d bytes sent (%,d each), %,d counted " +
            "against retention.size (%,d each), heap %,d bytes (%,d each, %,d beyond the counted length)%n",
            journaled ? "by reference, bodies in the journal" : "in memory", log.size(),
            encoded, encoded / MESSAGES, counted, counted / MESSAGES, after - before, (after - before) / MESSAGES,
            (after - before - counted) / MESSAGES);
    }

    private static int send(final MessagingEngine engine, final ExpandableArrayBuffer buffer, final String body,
        final int n)
    {
        final int length = new ReplayWorkload.Message("events", body).topic().property("n", n)
            .encode(buffer, 1, EngineRig.START_MS);
        engine.onSend(1, 0, 1, 1, buffer, 0, length);
        return length;
    }

    /**
     * A persistent journal that keeps nothing: positions only, so that the heap measured is the engine's.
     */
    private static final class DiscardingJournal implements Durability
    {
        private long appended;
        private int groupDepth;

        public boolean isPersistent()
        {
            return true;
        }

        public long append(final io.aeolus.store.JournalCommand command)
        {
            return groupDepth > 0 ? appended + 1 : ++appended;
        }

        public void beginGroup()
        {
            groupDepth++;
        }

        public long endGroup()
        {
            return 0 == --groupDepth ? ++appended : appended + 1;
        }

        public void readPage(final String queue, final long afterSequence, final int limit)
        {
        }

        public boolean offerIfRoom(final io.aeolus.store.JournalCommand command)
        {
            return false;
        }

        public long pendingCount()
        {
            return 0;
        }

        public long lastAppended()
        {
            return appended;
        }

        public io.aeolus.store.JournalStatistics statistics()
        {
            return null;
        }
    }

    private static long usedHeap()
    {
        final Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++)
        {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
