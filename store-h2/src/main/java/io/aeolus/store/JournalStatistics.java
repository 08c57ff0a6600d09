package io.aeolus.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the journal thread has done, for metrics: batches and commands written, the time their commits took, and the
 * database file's size. Written by the journal thread, read by any thread (the broker's metrics publisher).
 */
public final class JournalStatistics
{
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final AtomicLong maxCommitNanos = new AtomicLong();
    private volatile long fileBytes = -1;
    private volatile BatchObserver batchObserver;

    /**
     * Told of every batch the journal thread writes, on that thread: must be quick and must not block.
     */
    @FunctionalInterface
    public interface BatchObserver
    {
        /**
         * @param commandCount the batch's commands.
         * @param nanos        how long writing and committing it took.
         */
        void onBatch(int commandCount, long nanos);
    }

    /**
     * @param observer told of every batch written (latency histograms); null for none. Any thread, best before
     *                 the journal starts.
     */
    public void batchObserver(final BatchObserver observer)
    {
        this.batchObserver = observer;
    }

    /**
     * Records a written batch. Journal thread.
     *
     * @param commandCount its commands.
     * @param nanos        how long writing and committing it (and forcing it to disk in SYNC mode) took.
     */
    void onBatch(final int commandCount, final long nanos)
    {
        batches.incrementAndGet();
        commands.addAndGet(commandCount);
        commitNanos.addAndGet(nanos);
        maxCommitNanos.accumulateAndGet(nanos, Math::max);
        final BatchObserver observer = batchObserver;
        if (null != observer)
        {
            observer.onBatch(commandCount, nanos);
        }
    }

    /**
     * @param bytes the database file's size now, -1 if unknown (a server URL). Journal thread.
     */
    void fileBytes(final long bytes)
    {
        fileBytes = bytes;
    }

    /**
     * @return batches written since start.
     */
    public long batches()
    {
        return batches.get();
    }

    /**
     * @return commands written since start.
     */
    public long commands()
    {
        return commands.get();
    }

    /**
     * @return nanoseconds spent writing batches since start.
     */
    public long commitNanos()
    {
        return commitNanos.get();
    }

    /**
     * @return the longest batch write since the last call, in nanoseconds, and starts a new period.
     */
    public long takeMaxCommitNanos()
    {
        return maxCommitNanos.getAndSet(0);
    }

    /**
     * @return the database file's size in bytes as last measured (about once a second), -1 if unknown.
     */
    public long fileBytes()
    {
        return fileBytes;
    }
}
