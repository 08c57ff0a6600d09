package io.aeolus.broker.management;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The broker transport's frame counters that the broker MBean shows: atomic counters kept by the conductor, which
 * any thread may read, so JMX reads them without a round trip to the conductor.
 *
 * @param unauthenticatedFrames frames dropped on encrypted connections because they failed authentication.
 * @param rejectedFrames        frames rejected as malformed.
 */
public record TransportCounters(LongSupplier unauthenticatedFrames, LongSupplier rejectedFrames)
{
    /**
     * @param unauthenticatedFrames frames dropped on encrypted connections because they failed authentication.
     * @param rejectedFrames        frames rejected as malformed.
     */
    public TransportCounters
    {
        Objects.requireNonNull(unauthenticatedFrames, "unauthenticatedFrames");
        Objects.requireNonNull(rejectedFrames, "rejectedFrames");
    }
}
