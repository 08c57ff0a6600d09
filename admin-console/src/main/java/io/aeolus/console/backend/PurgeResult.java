package io.aeolus.console.backend;

import java.util.Objects;

/**
 * What a purge removed; immutable.
 *
 * @param count      messages removed from the queue.
 * @param trashBatch the trash batch the messages went to, from which they can be restored; empty when the broker
 *                   keeps no trash or nothing was removed.
 */
public record PurgeResult(long count, String trashBatch)
{
    /**
     * Validates the batch.
     */
    public PurgeResult
    {
        Objects.requireNonNull(trashBatch, "trashBatch");
    }

    /**
     * Whether the purge can be undone from the trash.
     *
     * @return true when the messages went to a trash batch.
     */
    public boolean undoable()
    {
        return count > 0 && !trashBatch.isEmpty();
    }
}
