package io.aeolus.console.backend;

import java.util.List;

/**
 * Broker-wide figures published about once a second; immutable.
 *
 * @param timestampMs   when the broker took the snapshot, epoch milliseconds.
 * @param inRatePerSec  messages received per second over the last interval.
 * @param outRatePerSec messages delivered per second over the last interval.
 * @param connections   open client connections.
 * @param destinations  statistics of every destination.
 * @param journal       the journal's figures over the interval, {@link JournalFigures#NONE} if not known.
 */
public record MetricsSnapshot(
    long timestampMs,
    double inRatePerSec,
    double outRatePerSec,
    int connections,
    List<DestinationInfo> destinations,
    JournalFigures journal)
{
    /**
     * Copies the destination list so the record stays immutable.
     */
    public MetricsSnapshot
    {
        destinations = List.copyOf(destinations);
        journal = null == journal ? JournalFigures.NONE : journal;
    }

    /**
     * A snapshot without journal figures.
     *
     * @param timestampMs   when the broker took the snapshot, epoch milliseconds.
     * @param inRatePerSec  messages received per second over the last interval.
     * @param outRatePerSec messages delivered per second over the last interval.
     * @param connections   open client connections.
     * @param destinations  statistics of every destination.
     */
    public MetricsSnapshot(
        final long timestampMs,
        final double inRatePerSec,
        final double outRatePerSec,
        final int connections,
        final List<DestinationInfo> destinations)
    {
        this(timestampMs, inRatePerSec, outRatePerSec, connections, destinations, JournalFigures.NONE);
    }

    /**
     * The journal thread's figures over one interval.
     *
     * @param fileBytes       the journal file's size, -1 if unknown.
     * @param batches         batches written.
     * @param averageBatch    commands per batch.
     * @param commitAverageUs average time to write and commit (and in sync mode force) a batch, in microseconds.
     * @param commitMaxUs     the longest of them.
     */
    public record JournalFigures(long fileBytes, long batches, double averageBatch, double commitAverageUs,
        long commitMaxUs)
    {
        /** No journal, or figures not known. */
        public static final JournalFigures NONE = new JournalFigures(-1, 0, 0, 0, 0);
    }
}
