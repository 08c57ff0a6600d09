package io.aeolus.broker.management;

/**
 * What the metrics history tracks of one destination (or of the broker as a whole): the counters seen at the last
 * sample, the messages enqueued and dequeued since each resolution's last point, when it was last active, and its
 * rings of points, one per resolution, which only a series within the cap has. Conductor thread only.
 */
final class HistorySeries
{
    /** The name the journal keeps the series under. */
    final String key;
    /** The destination's name; empty for the broker as a whole. */
    final String name;
    final long[] enqueuedSincePoint = new long[MetricsHistory.Resolution.COUNT];
    final long[] dequeuedSincePoint = new long[MetricsHistory.Resolution.COUNT];
    /** The destination object last sampled, to tell a destination deleted and created again; null once gone. */
    Object source;
    long lastEnqueued;
    long lastDequeued;
    /** Enqueued and dequeued between the last two samples. */
    long sampledIn;
    long sampledOut;
    long depth;
    long lastActiveMs;
    /** When someone last asked for its history (a console showing its chart); eviction spares what is looked at. */
    long lastViewedMs = Long.MIN_VALUE;
    long lastSample;
    /** Points by resolution; null while the series has no room under the cap. */
    HistoryRing[] rings;

    HistorySeries(final String key, final String name)
    {
        this.key = key;
        this.name = name;
    }

    boolean isRecorded()
    {
        return null != rings;
    }

    /**
     * The last time it was active or looked at, whichever is later: a series idle since then the longest is the
     * first to give up its place.
     *
     * @return epoch milliseconds.
     */
    long lastUsedMs()
    {
        return Math.max(lastActiveMs, lastViewedMs);
    }

    /**
     * Takes a sample of the destination's counters, adding what happened since the last one to every resolution.
     * Counters that went down (a topic lost a subscription with its acknowledgements) count as nothing happened.
     *
     * @param destination the destination object; a different one than last time starts again from zero.
     * @param baseline    true to take the counters as they are without counting them (the first sample after a
     *                    start, when they include what recovery put back).
     * @return true if anything was enqueued or dequeued, or the depth changed, since the last sample.
     */
    boolean sample(final Object destination, final long depthNow, final long enqueued, final long dequeued,
        final boolean baseline)
    {
        if (destination != source)
        {
            source = destination;
            lastEnqueued = baseline ? enqueued : 0;
            lastDequeued = baseline ? dequeued : 0;
            depth = baseline ? depthNow : 0;
        }
        sampledIn = Math.max(0, enqueued - lastEnqueued);
        sampledOut = Math.max(0, dequeued - lastDequeued);
        final boolean isActive = sampledIn > 0 || sampledOut > 0 || depthNow != depth;
        lastEnqueued = enqueued;
        lastDequeued = dequeued;
        depth = depthNow;
        add(sampledIn, sampledOut);
        return isActive;
    }

    void add(final long in, final long out)
    {
        for (int r = 0; r < enqueuedSincePoint.length; r++)
        {
            enqueuedSincePoint[r] += in;
            dequeuedSincePoint[r] += out;
        }
    }

    /**
     * Ends the interval of a resolution: records its point (if the series has rings) and starts the next one.
     */
    void point(final int resolution, final long timeMs, final double elapsedS)
    {
        if (null != rings)
        {
            rings[resolution].put(timeMs, depth, enqueuedSincePoint[resolution] / elapsedS,
                dequeuedSincePoint[resolution] / elapsedS);
        }
        enqueuedSincePoint[resolution] = 0;
        dequeuedSincePoint[resolution] = 0;
    }

    /**
     * Starts the next interval of a resolution without a point (the destination is gone).
     */
    void skipPoint(final int resolution)
    {
        enqueuedSincePoint[resolution] = 0;
        dequeuedSincePoint[resolution] = 0;
    }

    /**
     * @return the time of the newest point at any resolution, {@link Long#MIN_VALUE} if none.
     */
    long newestPointMs()
    {
        long newest = Long.MIN_VALUE;
        if (null != rings)
        {
            for (final HistoryRing ring : rings)
            {
                newest = Math.max(newest, ring.newestTimeMs());
            }
        }
        return newest;
    }
}
