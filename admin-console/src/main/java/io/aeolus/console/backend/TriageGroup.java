package io.aeolus.console.backend;

import java.util.List;
import java.util.Objects;

/**
 * One cause among the messages of a dead-letter queue; immutable.
 *
 * @param key       the grouping property's value, empty when the messages lack it.
 * @param count     messages in the group.
 * @param firstMs   the earliest dead-lettering time among them, epoch milliseconds.
 * @param lastMs    the latest.
 * @param histogram messages per time bucket, over the whole queue's time range (the same buckets for every group).
 * @param selector  a JMS selector that picks exactly this group, for a job that acts on this cause only.
 */
public record TriageGroup(String key, long count, long firstMs, long lastMs, List<Integer> histogram, String selector)
{
    /**
     * Validates and copies.
     */
    public TriageGroup
    {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(selector, "selector");
        histogram = List.copyOf(histogram);
    }

    /**
     * The largest bucket, for scaling a histogram drawing.
     *
     * @return the highest count in one bucket, 0 when empty.
     */
    public int peak()
    {
        int peak = 0;
        for (final int value : histogram)
        {
            peak = Math.max(peak, value);
        }
        return peak;
    }
}
