package io.aeolus.management;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One metrics snapshot, as the broker publishes it every second on {@code aeolus.metrics}.
 * <p>
 * A snapshot is complete (every destination) unless {@link #changesOnly()}: a broker with many destinations sends,
 * between complete ones, only the destinations whose figures changed since its previous snapshot and the keys of
 * those removed since ({@link #removed()}); {@link MetricsMerger} turns such a stream back into complete snapshots.
 * On the wire a snapshot of changes is marked by {@code changesOnly=true} in the body and by the message property
 * {@link #COMPLETE_PROPERTY}{@code =false}; a body without the entry (as brokers before it wrote) is complete, so old
 * snapshots read as before.
 *
 * @param timestamp      when it was taken, ms since the epoch.
 * @param connections    open client connections.
 * @param sessions       their sessions.
 * @param uptimeMs       how long the broker has run, ms.
 * @param heapUsed       heap in use, bytes.
 * @param heapMax        the heap's limit, bytes.
 * @param journalPending journal writes waiting for their commit.
 * @param destinations   each queue and topic (not temporary ones).
 * @param journal        the journal's figures over the interval, {@link Journal#NONE} without a journal.
 * @param changesOnly    true if {@code destinations} holds only those changed since the broker's previous snapshot.
 * @param removed        with {@code changesOnly}, the destinations removed since the previous snapshot; else empty.
 */
public record MetricsSnapshot(long timestamp, int connections, int sessions, long uptimeMs, long heapUsed,
    long heapMax, long journalPending, List<Destination> destinations, Journal journal, boolean changesOnly,
    List<Key> removed)
{
    /**
     * The boolean message property saying whether a snapshot message is complete (absent: complete), readable
     * without decoding its body, so a receiver that is behind can drop what a complete snapshot replaces.
     */
    public static final String COMPLETE_PROPERTY = "AEOLUS_METRICS_COMPLETE";


    private static final String TIMESTAMP = "timestamp";
    private static final String CONNECTIONS = "connections";
    private static final String SESSIONS = "sessions";
    private static final String UPTIME_MS = "uptimeMs";
    private static final String HEAP_USED = "heapUsed";
    private static final String HEAP_MAX = "heapMax";
    private static final String JOURNAL_PENDING = "journalPending";
    private static final String CHANGES_ONLY = "changesOnly";
    private static final String REMOVED_COUNT = "removedCount";
    private static final String REMOVED_PREFIX = "removed.";

    /**
     * Copies the lists; a null journal is {@link Journal#NONE}, null removed keys none.
     */
    public MetricsSnapshot
    {
        destinations = List.copyOf(destinations);
        journal = null == journal ? Journal.NONE : journal;
        removed = null == removed ? List.of() : List.copyOf(removed);
    }

    /**
     * A complete snapshot.
     *
     * @param timestamp      when.
     * @param connections    connections.
     * @param sessions       sessions.
     * @param uptimeMs       uptime, ms.
     * @param heapUsed       heap used, bytes.
     * @param heapMax        heap limit, bytes.
     * @param journalPending journal writes pending.
     * @param destinations   every destination.
     * @param journal        the journal's figures, {@link Journal#NONE} without a journal.
     */
    public MetricsSnapshot(final long timestamp, final int connections, final int sessions, final long uptimeMs,
        final long heapUsed, final long heapMax, final long journalPending, final List<Destination> destinations,
        final Journal journal)
    {
        this(timestamp, connections, sessions, uptimeMs, heapUsed, heapMax, journalPending, destinations, journal,
            false, List.of());
    }

    /**
     * A snapshot without journal figures.
     *
     * @param timestamp      when.
     * @param connections    connections.
     * @param sessions       sessions.
     * @param uptimeMs       uptime, ms.
     * @param heapUsed       heap used, bytes.
     * @param heapMax        heap limit, bytes.
     * @param journalPending journal writes pending.
     * @param destinations   destinations.
     */
    public MetricsSnapshot(final long timestamp, final int connections, final int sessions, final long uptimeMs,
        final long heapUsed, final long heapMax, final long journalPending, final List<Destination> destinations)
    {
        this(timestamp, connections, sessions, uptimeMs, heapUsed, heapMax, journalPending, destinations,
            Journal.NONE);
    }

    /**
     * @param out the snapshot message's map body.
     */
    public void write(final Map<String, Object> out)
    {
        out.put(TIMESTAMP, timestamp);
        out.put(CONNECTIONS, connections);
        out.put(SESSIONS, sessions);
        out.put(UPTIME_MS, uptimeMs);
        out.put(HEAP_USED, heapUsed);
        out.put(HEAP_MAX, heapMax);
        out.put(JOURNAL_PENDING, journalPending);
        if (Journal.NONE != journal)
        {
            journal.write(out);
        }
        Reply.putRows(out, destinations, Destination::write);
        if (changesOnly)
        {
            out.put(CHANGES_ONLY, true);
            for (int i = 0; i < removed.size(); i++)
            {
                removed.get(i).write(out, REMOVED_PREFIX + i + ".");
            }
            out.put(REMOVED_COUNT, removed.size());
        }
    }

    /**
     * @param in a snapshot message's map body.
     * @return the snapshot written there.
     */
    public static MetricsSnapshot read(final Map<String, Object> in)
    {
        return new MetricsSnapshot(Reply.longValue(in, TIMESTAMP), Reply.intValue(in, CONNECTIONS),
            Reply.intValue(in, SESSIONS), Reply.longValue(in, UPTIME_MS), Reply.longValue(in, HEAP_USED),
            Reply.longValue(in, HEAP_MAX), Reply.longValue(in, JOURNAL_PENDING),
            new ArrayList<>(Reply.rows(in, Destination::read)), Journal.read(in), Reply.booleanValue(in, CHANGES_ONLY),
            removed(in));
    }

    private static List<Key> removed(final Map<String, Object> in)
    {
        final int count = Reply.intValue(in, REMOVED_COUNT);
        final List<Key> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            keys.add(Key.read(in, REMOVED_PREFIX + i + "."));
        }
        return keys;
    }

    /**
     * A destination's identity in a snapshot: a queue and a topic may share a name.
     *
     * @param name its name.
     * @param type {@code QUEUE} or {@code TOPIC}.
     */
    public record Key(String name, String type)
    {
        private static final String NAME = "name";
        private static final String TYPE = "type";

        void write(final Map<String, Object> out, final String prefix)
        {
            out.put(prefix + NAME, name);
            out.put(prefix + TYPE, type);
        }

        static Key read(final Map<String, Object> in, final String prefix)
        {
            return new Key(Reply.string(in, prefix + NAME), Reply.string(in, prefix + TYPE));
        }
    }

    /**
     * The journal's figures over one interval.
     *
     * @param fileBytes       the journal's size on disk, bytes; -1 if unknown.
     * @param batches         commits in the interval.
     * @param averageBatch    commands per commit.
     * @param commitAverageUs average commit time, µs.
     * @param commitMaxUs     longest commit, µs.
     */
    public record Journal(long fileBytes, long batches, double averageBatch, double commitAverageUs, long commitMaxUs)
    {
        /** No journal (an in-memory broker). */
        public static final Journal NONE = new Journal(-1, 0, 0, 0, 0);

        private static final String BYTES = "journalBytes";
        private static final String BATCHES = "journalBatches";
        private static final String AVERAGE_BATCH = "journalAverageBatch";
        private static final String COMMIT_AVERAGE_US = "journalCommitAverageUs";
        private static final String COMMIT_MAX_US = "journalCommitMaxUs";

        void write(final Map<String, Object> out)
        {
            out.put(BYTES, fileBytes);
            out.put(BATCHES, batches);
            out.put(AVERAGE_BATCH, averageBatch);
            out.put(COMMIT_AVERAGE_US, commitAverageUs);
            out.put(COMMIT_MAX_US, commitMaxUs);
        }

        static Journal read(final Map<String, Object> in)
        {
            return in.containsKey(BATCHES) ? new Journal(Reply.longValue(in, BYTES), Reply.longValue(in, BATCHES),
                Reply.doubleValue(in, AVERAGE_BATCH), Reply.doubleValue(in, COMMIT_AVERAGE_US),
                Reply.longValue(in, COMMIT_MAX_US)) : NONE;
        }
    }

    /**
     * One destination's figures; rates are per second over the interval since the previous snapshot.
     *
     * @param name             its name.
     * @param type             {@code QUEUE} or {@code TOPIC}.
     * @param depth            messages waiting.
     * @param inFlight         messages in flight.
     * @param consumers        consumers.
     * @param enqueued         messages enqueued (a topic: published).
     * @param dequeued         messages acknowledged.
     * @param enqueueRate      messages in per second.
     * @param dequeueRate      messages out per second.
     * @param scheduled        messages scheduled.
     * @param producers        producers.
     * @param expired          messages expired.
     * @param deadLettered     messages dead-lettered.
     * @param expiredRate      expiries per second.
     * @param deadLetteredRate dead letters per second.
     * @param heldBytes        bytes held.
     * @param oldestAgeMs      age of the oldest waiting message, ms.
     * @param dlqDepth         the depth of its dead-letter queue.
     */
    public record Destination(String name, String type, long depth, int inFlight, int consumers, long enqueued,
        long dequeued, double enqueueRate, double dequeueRate, int scheduled, int producers, long expired,
        long deadLettered, double expiredRate, double deadLetteredRate, long heldBytes, long oldestAgeMs,
        long dlqDepth)
    {
        private static final String NAME = "name";
        private static final String TYPE = "type";
        private static final String DEPTH = "depth";
        private static final String IN_FLIGHT = "inFlight";
        private static final String CONSUMERS = "consumers";
        private static final String ENQUEUED = "enqueued";
        private static final String DEQUEUED = "dequeued";
        private static final String ENQUEUE_RATE = "enqueueRate";
        private static final String DEQUEUE_RATE = "dequeueRate";
        private static final String SCHEDULED = "scheduled";
        private static final String PRODUCERS = "producers";
        private static final String EXPIRED = "expired";
        private static final String DEAD_LETTERED = "deadLettered";
        private static final String EXPIRED_RATE = "expiredRate";
        private static final String DEAD_LETTERED_RATE = "deadLetteredRate";
        private static final String HELD_BYTES = "heldBytes";
        private static final String OLDEST_AGE_MS = "oldestAgeMs";
        private static final String DLQ_DEPTH = "dlqDepth";

        /**
         * @return its identity.
         */
        public Key key()
        {
            return new Key(name, type);
        }

        /**
         * @param ageMs the age of the oldest waiting message, ms.
         * @return these figures with that age.
         */
        public Destination withOldestAgeMs(final long ageMs)
        {
            return new Destination(name, type, depth, inFlight, consumers, enqueued, dequeued, enqueueRate,
                dequeueRate, scheduled, producers, expired, deadLettered, expiredRate, deadLetteredRate, heldBytes,
                ageMs, dlqDepth);
        }

        /**
         * A destination with only the first figures.
         *
         * @param name        its name.
         * @param type        its type.
         * @param depth       messages waiting.
         * @param inFlight    messages in flight.
         * @param consumers   consumers.
         * @param enqueued    messages enqueued.
         * @param dequeued    messages acknowledged.
         * @param enqueueRate messages in per second.
         * @param dequeueRate messages out per second.
         */
        public Destination(final String name, final String type, final long depth, final int inFlight,
            final int consumers, final long enqueued, final long dequeued, final double enqueueRate,
            final double dequeueRate)
        {
            this(name, type, depth, inFlight, consumers, enqueued, dequeued, enqueueRate, dequeueRate, 0, 0, 0, 0, 0,
                0, 0, 0, 0);
        }

        /**
         * @param out    a snapshot's map body.
         * @param prefix the row prefix.
         */
        public void write(final Map<String, Object> out, final String prefix)
        {
            out.put(prefix + NAME, name);
            out.put(prefix + TYPE, type);
            out.put(prefix + DEPTH, depth);
            out.put(prefix + IN_FLIGHT, inFlight);
            out.put(prefix + CONSUMERS, consumers);
            out.put(prefix + ENQUEUED, enqueued);
            out.put(prefix + DEQUEUED, dequeued);
            out.put(prefix + ENQUEUE_RATE, enqueueRate);
            out.put(prefix + DEQUEUE_RATE, dequeueRate);
            out.put(prefix + SCHEDULED, scheduled);
            out.put(prefix + PRODUCERS, producers);
            out.put(prefix + EXPIRED, expired);
            out.put(prefix + DEAD_LETTERED, deadLettered);
            out.put(prefix + EXPIRED_RATE, expiredRate);
            out.put(prefix + DEAD_LETTERED_RATE, deadLetteredRate);
            out.put(prefix + HELD_BYTES, heldBytes);
            out.put(prefix + OLDEST_AGE_MS, oldestAgeMs);
            out.put(prefix + DLQ_DEPTH, dlqDepth);
        }

        /**
         * @param in     a snapshot's map body.
         * @param prefix the row prefix.
         * @return the destination written there.
         */
        public static Destination read(final Map<String, Object> in, final String prefix)
        {
            return new Destination(Reply.string(in, prefix + NAME), Reply.string(in, prefix + TYPE),
                Reply.longValue(in, prefix + DEPTH), Reply.intValue(in, prefix + IN_FLIGHT),
                Reply.intValue(in, prefix + CONSUMERS), Reply.longValue(in, prefix + ENQUEUED),
                Reply.longValue(in, prefix + DEQUEUED), Reply.doubleValue(in, prefix + ENQUEUE_RATE),
                Reply.doubleValue(in, prefix + DEQUEUE_RATE), Reply.intValue(in, prefix + SCHEDULED),
                Reply.intValue(in, prefix + PRODUCERS), Reply.longValue(in, prefix + EXPIRED),
                Reply.longValue(in, prefix + DEAD_LETTERED), Reply.doubleValue(in, prefix + EXPIRED_RATE),
                Reply.doubleValue(in, prefix + DEAD_LETTERED_RATE), Reply.longValue(in, prefix + HELD_BYTES),
                Reply.longValue(in, prefix + OLDEST_AGE_MS), Reply.longValue(in, prefix + DLQ_DEPTH));
        }
    }
}
