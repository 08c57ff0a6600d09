package io.aeolus.jms.admin;

/**
 * Messages one request purged or deleted, waiting in the broker's trash to be restored or to expire.
 *
 * @param batch       the id to restore them by.
 * @param operation   purge or delete.
 * @param destination the queue they were removed from.
 * @param timeMs      when, ms since the epoch.
 * @param expiresMs   when the trash lets them go for good, ms since the epoch.
 * @param count       how many are still in the trash.
 */
public record TrashBatch(String batch, String operation, String destination, long timeMs, long expiresMs, int count)
{
}
