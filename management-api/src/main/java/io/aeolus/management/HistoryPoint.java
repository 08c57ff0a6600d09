package io.aeolus.management;

import java.util.Map;

/**
 * One point of the metrics history.
 *
 * @param timeMs        the start of its interval, ms since the epoch.
 * @param depth         the depth at the end of the interval.
 * @param inRatePerSec  messages in per second over the interval.
 * @param outRatePerSec messages out per second over the interval.
 */
public record HistoryPoint(long timeMs, long depth, double inRatePerSec, double outRatePerSec)
{
    private static final String TIME_MS = "t";
    private static final String DEPTH = "depth";
    private static final String IN_RATE = "inRate";
    private static final String OUT_RATE = "outRate";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + TIME_MS, timeMs);
        out.put(prefix + DEPTH, depth);
        out.put(prefix + IN_RATE, inRatePerSec);
        out.put(prefix + OUT_RATE, outRatePerSec);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the point written there.
     */
    public static HistoryPoint read(final Map<String, Object> in, final String prefix)
    {
        return new HistoryPoint(Reply.longValue(in, prefix + TIME_MS), Reply.longValue(in, prefix + DEPTH),
            Reply.doubleValue(in, prefix + IN_RATE), Reply.doubleValue(in, prefix + OUT_RATE));
    }
}
