package io.aeolus.console.backend;

/**
 * Receives progress of a long backend operation, on the thread running the operation.
 */
@FunctionalInterface
public interface ProgressSink
{
    /** A sink that ignores progress. */
    ProgressSink NONE = (done, total) -> {};

    /**
     * Reports progress.
     *
     * @param done  units done so far.
     * @param total units in all.
     */
    void onProgress(long done, long total);
}
