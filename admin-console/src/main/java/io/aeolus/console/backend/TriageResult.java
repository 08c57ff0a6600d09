package io.aeolus.console.backend;

import java.util.List;
import java.util.Objects;

/**
 * The messages of a dead-letter queue grouped by cause, biggest group first; immutable.
 *
 * @param property the message property they are grouped by.
 * @param total    messages in the queue.
 * @param fromMs   the earliest dead-lettering time, epoch milliseconds, 0 when empty.
 * @param toMs     the latest.
 * @param bucketMs the width of one histogram bucket, counted from {@code fromMs}.
 * @param groups   the groups.
 */
public record TriageResult(String property, long total, long fromMs, long toMs, long bucketMs, List<TriageGroup> groups)
{
    /**
     * Validates and copies.
     */
    public TriageResult
    {
        Objects.requireNonNull(property, "property");
        groups = List.copyOf(groups);
    }
}
