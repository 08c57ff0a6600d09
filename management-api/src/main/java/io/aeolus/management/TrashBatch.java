package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One batch of messages in the broker's trash: what one purge or delete removed.
 *
 * @param batch       the batch's id.
 * @param operation   what removed them: {@code purge} or {@code delete}.
 * @param destination the queue they came from.
 * @param timeMs      when, ms since the epoch.
 * @param expiresMs   when the trash drops them for good, ms since the epoch.
 * @param count       how many messages the batch still holds.
 */
public record TrashBatch(String batch, String operation, String destination, long timeMs, long expiresMs, int count)
{
    /** {@link #operation()} of a batch a purge removed. */
    public static final String PURGE = "purge";
    /** {@link #operation()} of a batch a delete of selected messages removed. */
    public static final String DELETE = "delete";

    private static final String BATCH = "batch";
    private static final String OPERATION = "operation";
    private static final String DESTINATION = "destination";
    private static final String TIME_MS = "timeMs";
    private static final String EXPIRES_MS = "expiresMs";
    private static final String COUNT = "count";

    /**
     * Checks that the texts are present.
     */
    public TrashBatch
    {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + BATCH, batch);
        out.put(prefix + OPERATION, operation);
        out.put(prefix + DESTINATION, destination);
        out.put(prefix + TIME_MS, timeMs);
        out.put(prefix + EXPIRES_MS, expiresMs);
        out.put(prefix + COUNT, count);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the batch written there.
     */
    public static TrashBatch read(final Map<String, Object> in, final String prefix)
    {
        return new TrashBatch(Reply.string(in, prefix + BATCH), Reply.string(in, prefix + OPERATION),
            Reply.string(in, prefix + DESTINATION), Reply.longValue(in, prefix + TIME_MS),
            Reply.longValue(in, prefix + EXPIRES_MS), Reply.intValue(in, prefix + COUNT));
    }
}
