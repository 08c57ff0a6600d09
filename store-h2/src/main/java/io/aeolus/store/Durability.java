package io.aeolus.store;

/**
 * When a journal batch counts as complete.
 */
public enum Durability
{
    /**
     * The batch is committed and forced to the storage device ({@code CHECKPOINT SYNC}, one fsync per batch) before
     * its completion is posted. A completed write survives a process crash and a power failure. The default.
     */
    SYNC,

    /**
     * The batch is committed in H2 but not forced: H2 writes it to the file within its write delay (500 ms by
     * default). A completed write survives nothing until then: a crash or power failure can lose the last
     * half-second of completed batches. Faster, and says so.
     */
    ASYNC
}
