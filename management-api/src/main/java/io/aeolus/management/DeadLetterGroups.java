package io.aeolus.management;

import java.util.List;
import java.util.Map;

/**
 * A dead-letter queue's messages grouped by one property, the largest group first, each with a histogram of when its
 * messages were dead-lettered.
 *
 * @param property the property grouped by.
 * @param total    how many messages were grouped.
 * @param fromMs   the earliest dead-letter time, ms since the epoch; 0 if none.
 * @param toMs     the latest, 0 if none.
 * @param bucketMs the width of a histogram bucket, ms.
 * @param groups   the groups.
 */
public record DeadLetterGroups(String property, int total, long fromMs, long toMs, long bucketMs, List<Group> groups)
{
    /** {@link Argument#GROUP_BY}: the dead-letter reason (the default). */
    public static final String BY_REASON = "reason";
    /** {@link Argument#GROUP_BY}: the destination the message was dead-lettered from. */
    public static final String BY_DESTINATION = "destination";
    /** {@link Argument#GROUP_BY}: the last consumer that received it. */
    public static final String BY_CONSUMER = "consumer";
    /** {@link Argument#GROUP_BY}: its delivery count. */
    public static final String BY_DELIVERY_COUNT = "deliveryCount";
    /** {@link Argument#GROUP_BY}: the property named by {@link Argument#PROPERTY}. */
    public static final String BY_PROPERTY = "property";

    private static final String PROPERTY = "property";
    private static final String FROM_MS = "fromMs";
    private static final String TO_MS = "toMs";
    private static final String BUCKET_MS = "bucketMs";

    /**
     * Copies the groups.
     */
    public DeadLetterGroups
    {
        groups = List.copyOf(groups);
    }

    /**
     * @param out a reply body.
     */
    public void write(final Map<String, Object> out)
    {
        Reply.putRows(out, groups, Group::write);
        out.put(Reply.TOTAL, total);
        out.put(PROPERTY, property);
        out.put(FROM_MS, fromMs);
        out.put(TO_MS, toMs);
        out.put(BUCKET_MS, bucketMs);
    }

    /**
     * @param in a reply body.
     * @return the groups written there.
     */
    public static DeadLetterGroups read(final Map<String, Object> in)
    {
        return new DeadLetterGroups(Reply.string(in, PROPERTY), Reply.intValue(in, Reply.TOTAL),
            Reply.longValue(in, FROM_MS), Reply.longValue(in, TO_MS), Reply.longValue(in, BUCKET_MS),
            Reply.rows(in, Group::read));
    }

    /**
     * One group.
     *
     * @param key       the property's value, as text (empty for messages without it).
     * @param count     how many messages.
     * @param firstMs   the earliest dead-letter time of the group.
     * @param lastMs    the latest.
     * @param histogram messages per time bucket.
     * @param selector  a selector that picks exactly this group's messages.
     */
    public record Group(String key, int count, long firstMs, long lastMs, int[] histogram, String selector)
    {
        private static final String KEY = "key";
        private static final String COUNT = "count";
        private static final String FIRST_MS = "firstMs";
        private static final String LAST_MS = "lastMs";
        private static final String HISTOGRAM = "histogram";
        private static final String SELECTOR = "selector";

        /**
         * @param out    a reply body.
         * @param prefix the row prefix.
         */
        public void write(final Map<String, Object> out, final String prefix)
        {
            final StringBuilder counts = new StringBuilder();
            for (int i = 0; i < histogram.length; i++)
            {
                counts.append(i == 0 ? "" : ",").append(histogram[i]);
            }
            out.put(prefix + KEY, key);
            out.put(prefix + COUNT, count);
            out.put(prefix + FIRST_MS, firstMs);
            out.put(prefix + LAST_MS, lastMs);
            out.put(prefix + HISTOGRAM, counts.toString());
            out.put(prefix + SELECTOR, selector);
        }

        /**
         * @param in     a reply body.
         * @param prefix the row prefix.
         * @return the group written there.
         */
        public static Group read(final Map<String, Object> in, final String prefix)
        {
            final String text = Reply.string(in, prefix + HISTOGRAM);
            final String[] counts = text.isEmpty() ? new String[0] : text.split(",");
            final int[] histogram = new int[counts.length];
            for (int i = 0; i < counts.length; i++)
            {
                histogram[i] = Integer.parseInt(counts[i].trim());
            }
            return new Group(Reply.string(in, prefix + KEY), Reply.intValue(in, prefix + COUNT),
                Reply.longValue(in, prefix + FIRST_MS), Reply.longValue(in, prefix + LAST_MS), histogram,
                Reply.string(in, prefix + SELECTOR));
        }
    }
}
