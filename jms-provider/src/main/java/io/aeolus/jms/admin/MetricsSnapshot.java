package io.aeolus.jms.admin;

import java.util.List;

/**
 * The broker's figures of one second, as published on the topic {@code aeolus.metrics}.
 *
 * @param timestamp      when the broker took it, ms since the epoch.
 * @param connections    open connections.
 * @param sessions       open sessions.
 * @param uptimeMs       time since the broker started.
 * @param heapUsed       bytes of heap in use.
 * @param heapMax        the heap's maximum in bytes.
 * @param journalPending journal records not yet durable.
 * @param destinations   per queue and topic figures.
 * @param journal        the journal thread's figures, {@link Journal#NONE} without a journal.
 */
public record MetricsSnapshot(long timestamp, int connections, int sessions, long uptimeMs, long heapUsed,
    long heapMax, long journalPending, List<Destination> destinations, Journal journal)
{
    /**
     * A snapshot without journal figures.
     *
     * @param timestamp      when the broker took it, ms since the epoch.
     * @param connections    open connections.
     * @param sessions       open sessions.
     * @param uptimeMs       time since the broker started.
     * @param heapUsed       bytes of heap in use.
     * @param heapMax        the heap's maximum in bytes.
     * @param journalPending journal records not yet durable.
     * @param destinations   per queue and topic figures.
     */
    public MetricsSnapshot(final long timestamp, final int connections, final int sessions, final long uptimeMs,
        final long heapUsed, final long heapMax, final long journalPending, final List<Destination> destinations)
    {
        this(timestamp, connections, sessions, uptimeMs, heapUsed, heapMax, journalPending, destinations,
            Journal.NONE);
    }

    /**
     * The journal thread's figures over the snapshot's interval.
     *
     * @param fileBytes       the database file's size, -1 if unknown (an H2 server).
     * @param batches         batches written.
     * @param averageBatch    commands per batch.
     * @param commitAverageUs average time to write, commit (and in sync mode force) a batch, in microseconds.
     * @param commitMaxUs     the longest of them.
     */
    public record Journal(long fileBytes, long batches, double averageBatch, double commitAverageUs, long commitMaxUs)
    {
        /** No journal (memory mode), or a broker that does not publish the figures. */
        public static final Journal NONE = new Journal(-1, 0, 0, 0, 0);
    }

    /**
     * The figures of one queue or topic (a topic's summed over its subscriptions).
     *
     * @param name             its name.
     * @param type             QUEUE or TOPIC.
     * @param depth            messages waiting, paged-out ones included.
     * @param inFlight         messages delivered and not yet acknowledged.
     * @param consumers        consumers attached.
     * @param enqueued         messages enqueued since the broker started.
     * @param dequeued         messages acknowledged since the broker started.
     * @param enqueueRate      messages enqueued per second over the last interval.
     * @param dequeueRate      messages acknowledged per second over the last interval.
     * @param scheduled        messages waiting for their delivery time or a redelivery delay.
     * @param producers        producers attached.
     * @param expired          messages expired since the broker started.
     * @param deadLettered     messages dead-lettered since the broker started.
     * @param expiredRate      messages expired per second over the last interval.
     * @param deadLetteredRate messages dead-lettered per second over the last interval.
     * @param heldBytes        bytes of messages held in memory.
     * @param oldestAgeMs      age of the oldest waiting message, 0 if none.
     * @param dlqDepth         depth of the dead-letter queue its dead letters go to.
     */
    public record Destination(String name, String type, long depth, int inFlight, int consumers, long enqueued,
        long dequeued, double enqueueRate, double dequeueRate, int scheduled, int producers, long expired,
        long deadLettered, double expiredRate, double deadLetteredRate, long heldBytes, long oldestAgeMs,
        long dlqDepth)
    {
        /**
         * The figures a broker before these fields published.
         *
         * @param name        its name.
         * @param type        QUEUE or TOPIC.
         * @param depth       messages waiting.
         * @param inFlight    messages delivered and not yet acknowledged.
         * @param consumers   consumers attached.
         * @param enqueued    messages enqueued since the broker started.
         * @param dequeued    messages acknowledged since the broker started.
         * @param enqueueRate messages enqueued per second over the last interval.
         * @param dequeueRate messages acknowledged per second over the last interval.
         */
        public Destination(final String name, final String type, final long depth, final int inFlight,
            final int consumers, final long enqueued, final long dequeued, final double enqueueRate,
            final double dequeueRate)
        {
            this(name, type, depth, inFlight, consumers, enqueued, dequeued, enqueueRate, dequeueRate, 0, 0, 0, 0, 0,
                0, 0, 0, 0);
        }
    }
}
