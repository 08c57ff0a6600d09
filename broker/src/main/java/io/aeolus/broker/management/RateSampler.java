package io.aeolus.broker.management;

/**
 * The in and out rates of one destination for its MBean, from two successive samples of its counters taken by the
 * MBean refresher (every two seconds while the broker is busy or someone reads the MBeans, less often while idle:
 * {@link RefreshBackoff}). A rate is the average over the time between the two samples, however long. Written by the
 * refresher thread, read by JMX threads.
 */
final class RateSampler
{
    private final Runnable onRead;
    private long lastEnqueued = -1;
    private long lastDequeued;
    private long lastNs;
    private volatile double enqueueRatePerSec;
    private volatile double dequeueRatePerSec;

    /**
     * @param onRead run on each read of a rate (JMX thread), so that the refresher knows someone is looking.
     */
    RateSampler(final Runnable onRead)
    {
        this.onRead = onRead;
    }

    /**
     * Takes a sample. Refresher thread only.
     *
     * @param enqueued messages enqueued (a topic: published) so far.
     * @param dequeued messages acknowledged so far.
     * @param nowNs    the time of the sample, {@link System#nanoTime()}.
     * @return true if either counter moved since the last sample, or the rates were not yet zero (the first sample
     *         counts as a change).
     */
    boolean sample(final long enqueued, final long dequeued, final long nowNs)
    {
        final boolean changed = lastEnqueued < 0 || enqueued != lastEnqueued || dequeued != lastDequeued ||
            0 != enqueueRatePerSec || 0 != dequeueRatePerSec;
        if (lastEnqueued >= 0 && nowNs - lastNs > 0)
        {
            final double seconds = (nowNs - lastNs) / 1e9;
            enqueueRatePerSec = Math.max(0, enqueued - lastEnqueued) / seconds;
            dequeueRatePerSec = Math.max(0, dequeued - lastDequeued) / seconds;
        }
        lastEnqueued = enqueued;
        lastDequeued = dequeued;
        lastNs = nowNs;
        return changed;
    }

    /**
     * @return messages in per second between the last two samples; any thread.
     */
    double enqueueRatePerSec()
    {
        onRead.run();
        return enqueueRatePerSec;
    }

    /**
     * @return messages acknowledged per second between the last two samples; any thread.
     */
    double dequeueRatePerSec()
    {
        onRead.run();
        return dequeueRatePerSec;
    }
}
