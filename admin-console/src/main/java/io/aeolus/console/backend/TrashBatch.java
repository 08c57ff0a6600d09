package io.aeolus.console.backend;

import java.util.Objects;

/**
 * Messages one purge or delete put in the broker's trash ({@value SystemDestinations#TRASH_QUEUE}), waiting to be
 * restored or to expire; immutable.
 *
 * @param batch       the id to restore them by.
 * @param operation   {@code purge} or {@code delete}.
 * @param destination the queue they were removed from.
 * @param timeMs      when they were removed, epoch milliseconds.
 * @param expiresMs   when the trash lets them go for good, epoch milliseconds.
 * @param count       how many are still in the trash.
 */
public record TrashBatch(String batch, String operation, String destination, long timeMs, long expiresMs, int count)
{
    /**
     * Validates the texts.
     */
    public TrashBatch
    {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(destination, "destination");
    }
}
