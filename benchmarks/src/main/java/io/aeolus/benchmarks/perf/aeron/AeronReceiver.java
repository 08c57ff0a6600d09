package io.aeolus.benchmarks.perf.aeron;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Receiver;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * A thread polling one subscription and counting fragments; optionally it reads each message's sequence number
 * and intended send time (the first 16 bytes) and records one-way latency from a given sequence on. Counts and
 * times are published once per poll. The histogram is written by the polling thread only; read it after
 * {@link #close()}.
 */
final class AeronReceiver implements Receiver, FragmentHandler, AutoCloseable
{
    private final Subscription subscription;
    private final IdleStrategy idle;
    private final Histogram latencies;
    private final long recordFromSequence;
    private final Thread thread;
    private long count;
    private long lastNs;
    private volatile long publishedCount;
    private volatile long publishedLastNs;
    private volatile boolean running = true;
    private volatile Exception failure;

    AeronReceiver(
        final Subscription subscription,
        final IdleStrategy idle,
        final Histogram latencies,
        final long recordFromSequence,
        final String threadName)
    {
        this.subscription = subscription;
        this.idle = idle;
        this.latencies = latencies;
        this.recordFromSequence = recordFromSequence;
        this.thread = new Thread(this::pollLoop, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final long nowNs = System.nanoTime();
        if (null != latencies)
        {
            final long sequence = buffer.getLong(offset);
            if (sequence >= recordFromSequence)
            {
                Latencies.record(latencies, nowNs - buffer.getLong(offset + Long.BYTES));
            }
        }
        lastNs = nowNs;
        count++;
    }

    @Override
    public long received()
    {
        return publishedCount;
    }

    @Override
    public long lastReceiveNs()
    {
        return publishedLastNs;
    }

    @Override
    public Exception failure()
    {
        return failure;
    }

    /**
     * @return true once the subscription has an image of the publication: messages offered from now on reach it.
     */
    boolean isConnected()
    {
        return subscription.isConnected();
    }

    /**
     * Asks the polling thread to stop, without waiting.
     */
    void stop()
    {
        running = false;
    }

    /**
     * Stops polling and closes the subscription.
     */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        CloseHelper.quietClose(subscription);
    }

    private void pollLoop()
    {
        try
        {
            while (running)
            {
                final int fragments = subscription.poll(this, RawAeronProvider.FRAGMENT_LIMIT);
                if (fragments > 0)
                {
                    publishedLastNs = lastNs;
                    publishedCount = count;
                }
                idle.idle(fragments);
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }
}
