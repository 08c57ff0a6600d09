package io.aeolus.console.backend;

import io.aeolus.management.HistoryPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Plausible metrics history for the fake backend: points at the range's spacing up to now, waving around a
 * destination's current depth and rates (or the sum over all destinations for the broker), a deterministic function
 * of time so screenshots are stable. Stateless; any thread.
 */
final class FakeHistory
{
    private FakeHistory()
    {
    }

    static List<HistoryPoint> generate(
        final HistoryRange range, final long nowMs, final long depth, final double inRate, final double outRate)
    {
        final long stepMs = range.stepMs();
        final int count = (int)(range.lengthMs() / stepMs);
        final long newestMs = nowMs - Math.floorMod(nowMs, stepMs);
        final double inBase = Math.max(inRate, 1.0);
        final double outBase = Math.max(outRate > 0 ? outRate : inRate * 0.97, 1.0);
        final double depthBase = Math.max(depth, 5);
        final List<HistoryPoint> points = new ArrayList<>(count);
        for (int i = count - 1; i >= 0; i--)
        {
            final long timeMs = newestMs - i * stepMs;
            // Slow waves (hours), a daily swell and a wobble at the points' spacing, in proportion to the figures.
            final double slow = Math.sin(timeMs / 1_900_000.0) + 0.5 * Math.sin(timeMs / 7_300_000.0);
            final double quick = Math.sin(timeMs / (20.0 * stepMs)) + 0.3 * Math.sin(timeMs / (5.3 * stepMs));
            final double day = Math.sin(timeMs / 13_750_000.0);
            final double in = inBase * (1 + 0.25 * slow + 0.2 * quick + 0.15 * day);
            final double out = outBase * (1 + 0.25 * slow + 0.18 * Math.sin(timeMs / (20.0 * stepMs) - 0.4) +
                0.15 * day);
            final long pointDepth = Math.round(depthBase * (1 + 0.35 * slow + 0.1 * quick + 0.2 * day));
            points.add(new HistoryPoint(timeMs, Math.max(0, pointDepth), Math.max(0, in), Math.max(0, out)));
        }
        return points;
    }
}
