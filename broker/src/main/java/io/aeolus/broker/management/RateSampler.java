package io.aeolus.broker.management;

/**
 * The in and out rates of one destination for its MBean, from two successive samples of its counters taken by the
 * MBean refresher (every two seconds). Written by the refresher thread, read by JMX threads.
 */
final class RateSampler
{
    private long lastEnqueued = -1;
    private long lastDequeued;
    private long lastNs;
    private volatile double enqueueRatePerSec;
    private volatile double dequeueRatePerSec;

    /**
     * Takes a sample. Refresher thread only.
     *
     * @param enqueued messages enqueued (a topic: published) so far.
     * @param dequeued messages acknowledged so far.
     * @param nowNs    the time of the sample, {@link System#nanoTime()}.
     */
    void sample(final long enqueued, final long dequeued, final long nowNs)
    {
        if (lastEnqueued >= 0 && nowNs - lastNs > 0)
        {
            final double seconds = (nowNs - lastNs) / 1e9;
            enqueueRatePerSec = Math.max(0, enqueued - lastEnqueued) / seconds;
            dequeueRatePerSec = Math.max(0, dequeued - lastDequeued) / seconds;
        }
        lastEnqueued = enqueued;
        lastDequeued = dequeued;
        lastNs = nowNs;
    }

    /**
     * @return messages in per second between the last two samples; any thread.
     */
    double enqueueRatePerSec()
    {
        return enqueueRatePerSec;
    }

    /**
     * @return messages acknowledged per second between the last two samples; any thread.
     */
    double dequeueRatePerSec()
    {
        return dequeueRatePerSec;
    }
}
