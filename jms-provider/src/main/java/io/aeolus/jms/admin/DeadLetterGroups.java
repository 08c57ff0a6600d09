package io.aeolus.jms.admin;

import java.util.List;

/**
 * A dead-letter queue's messages grouped by cause ({@link AdminJobs#triage}), biggest group first.
 *
 * @param property the message property they are grouped by.
 * @param total    messages in the queue.
 * @param fromMs   the earliest dead-lettering time, ms since the epoch (0 if empty).
 * @param toMs     the latest.
 * @param bucketMs the width of a histogram bucket, from {@code fromMs}.
 * @param groups   the groups.
 */
public record DeadLetterGroups(String property, int total, long fromMs, long toMs, long bucketMs, List<Group> groups)
{
    /**
     * One cause.
     *
     * @param key       the property's value ("" if absent).
     * @param count     messages with it.
     * @param firstMs   the earliest of them, ms since the epoch.
     * @param lastMs    the latest.
     * @param histogram messages per time bucket.
     * @param selector  picks exactly this group: give it to {@link AdminJobs#start} or {@link AdminClient#move} to act
     *                  on this cause only.
     */
    public record Group(String key, int count, long firstMs, long lastMs, int[] histogram, String selector)
    {
    }
}
