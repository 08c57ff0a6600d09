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
 */
public record MetricsSnapshot(
    long timestampMs,
    double inRatePerSec,
    double outRatePerSec,
    int connections,
    List<DestinationInfo> destinations)
{
    /**
     * Copies the destination list so the record stays immutable.
     */
    public MetricsSnapshot
    {
        destinations = List.copyOf(destinations);
    }
}
