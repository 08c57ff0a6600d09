package io.aeolus.benchmarks.perf;

import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Latency histograms and send pacing shared by the JMS and the bare-Aeron workloads. Histograms record nanoseconds
 * and are reported in microseconds; each is written by one thread and read after that thread is joined.
 */
public final class Latencies
{
    /** Largest latency a histogram tracks; larger values are clamped to it. */
    public static final long MAX_TRACKED_NS = TimeUnit.SECONDS.toNanos(60);

    /**
     * Below this much time to wait, a paced sender yields instead of parking: a park overshoots by ~70 us here
     * (Linux timer slack), which would make the sender late and charge the provider for it.
     */
    private static final long PARK_THRESHOLD_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long PARK_MARGIN_NS = TimeUnit.MICROSECONDS.toNanos(160);

    private Latencies()
    {
    }

    /**
     * @return a histogram of nanoseconds, 3 significant digits, up to {@link #MAX_TRACKED_NS}.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(MAX_TRACKED_NS, 3);
    }

    /**
     * Records one latency, clamped to the histogram's range.
     *
     * @param histogram the histogram.
     * @param valueNs   the latency, nanoseconds.
     */
    public static void record(final Histogram histogram, final long valueNs)
    {
        histogram.recordValue(Math.max(0, Math.min(valueNs, MAX_TRACKED_NS)));
    }

    /**
     * Adds {@code p50_us}, {@code p99_us}, {@code p999_us} and {@code max_us} (with a prefix) to the figures.
     *
     * @param prefix    prepended to each name, e.g. {@code send_}; empty for none.
     * @param histogram nanoseconds.
     * @param figures   where to put them.
     */
    public static void putPercentiles(final String prefix, final Histogram histogram, final Map<String, Double> figures)
    {
        if (histogram.getTotalCount() == 0)
        {
            figures.put(prefix + "p50_us", Double.NaN);
            figures.put(prefix + "p99_us", Double.NaN);
            figures.put(prefix + "p999_us", Double.NaN);
            figures.put(prefix + "max_us", Double.NaN);
            return;
        }
        figures.put(prefix + "p50_us", micros(histogram.getValueAtPercentile(50)));
        figures.put(prefix + "p99_us", micros(histogram.getValueAtPercentile(99)));
        figures.put(prefix + "p999_us", micros(histogram.getValueAtPercentile(99.9)));
        figures.put(prefix + "max_us", micros(histogram.getMaxValue()));
    }

    /**
     * @param nanos a duration in nanoseconds.
     * @return the same in microseconds.
     */
    public static double micros(final long nanos)
    {
        return nanos / 1_000.0;
    }

    /**
     * Messages per second.
     *
     * @param messages  how many.
     * @param elapsedNs in what time.
     * @return the rate, or NaN if no time elapsed.
     */
    public static double perSecond(final long messages, final long elapsedNs)
    {
        return elapsedNs <= 0 ? Double.NaN : messages * 1e9 / elapsedNs;
    }

    /**
     * The intended send time of message {@code index} on a fixed-rate schedule that starts at {@code startNs}.
     *
     * @param startNs       when message 0 is due, {@link System#nanoTime()} base.
     * @param index         the message's number from 0.
     * @param ratePerSecond the schedule's rate.
     * @return when it is due.
     */
    public static long intendedSendNs(final long startNs, final long index, final long ratePerSecond)
    {
        return startNs + index * 1_000_000_000L / ratePerSecond;
    }

    /**
     * Waits until {@code dueNs}: parks while far from it, then yields (or spins when {@code spin}), so a paced
     * sender does not burn a core on a 2-core machine at low rates.
     *
     * @param dueNs the {@link System#nanoTime()} to wait for.
     * @param spin  spin instead of yielding for the last stretch.
     */
    public static void awaitNs(final long dueNs, final boolean spin)
    {
        while (true)
        {
            final long remainingNs = dueNs - System.nanoTime();
            if (remainingNs <= 0)
            {
                return;
            }
            if (remainingNs > PARK_THRESHOLD_NS)
            {
                LockSupport.parkNanos(remainingNs - PARK_MARGIN_NS);
            }
            else if (spin)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
        }
    }
}
