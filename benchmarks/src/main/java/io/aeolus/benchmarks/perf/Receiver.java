package io.aeolus.benchmarks.perf;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A receiving thread that counts what it receives, seen from the thread that waits for it. Counts and times are
 * published by the receiving thread and may be read from any thread.
 */
public interface Receiver
{
    /**
     * @return messages received so far.
     */
    long received();

    /**
     * @return when the latest message arrived, {@link System#nanoTime()} base.
     */
    long lastReceiveNs();

    /**
     * @return what stopped the receiving thread, or null while it is healthy.
     */
    Exception failure();

    /**
     * Waits until every receiver has received {@code count} messages, as long as they keep making progress. Polls
     * once a millisecond: the end time comes from {@link #lastReceiveNs()}, not from when the wait notices.
     *
     * @param receivers      the receivers.
     * @param count          messages each must have received.
     * @param stallTimeoutNs fail if none of them received anything for this long.
     * @param deadlineNs     give up at this {@link System#nanoTime()} even if they progress.
     * @return true if all got there; false at the deadline.
     * @throws IllegalStateException if they stalled or a receiver failed.
     */
    static boolean awaitAll(
        final List<? extends Receiver> receivers, final long count, final long stallTimeoutNs, final long deadlineNs)
    {
        long lastTotal = -1;
        long lastProgressNs = System.nanoTime();
        while (true)
        {
            long total = 0;
            boolean done = true;
            for (final Receiver receiver : receivers)
            {
                final Exception failure = receiver.failure();
                if (null != failure)
                {
                    throw new IllegalStateException("a receiver failed: " + failure, failure);
                }
                final long received = receiver.received();
                total += received;
                done &= received >= count;
            }
            if (done)
            {
                return true;
            }
            final long nowNs = System.nanoTime();
            if (total != lastTotal)
            {
                lastTotal = total;
                lastProgressNs = nowNs;
            }
            else if (nowNs - lastProgressNs > stallTimeoutNs)
            {
                throw new IllegalStateException("receivers stalled at " + total + " messages in all, expecting " +
                    count + " each; nothing arrived for " + TimeUnit.NANOSECONDS.toMillis(stallTimeoutNs) + " ms");
            }
            if (nowNs - deadlineNs > 0)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
