package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One topic or queue with retention as management lists it: its window and what it retains now.
 *
 * @param topic          the topic's or queue's name.
 * @param retentionMs    how long it keeps each message, ms; 0: no bound by time.
 * @param retentionBytes how many bytes of messages it keeps; 0: no bound by size.
 * @param retainedCount  messages it retains now.
 * @param retainedBytes  their encoded size in bytes.
 * @param oldestMs       when the oldest of them was published, epoch ms; 0 if none.
 * @param retainedTotal  messages retained since the broker started (or was restored).
 * @param droppedTotal   of those, dropped since as they fell out of the window.
 * @param kind           {@link #TOPIC} or {@link #QUEUE}.
 * @param newestMs       when the newest of them was published (given to the queue), epoch ms; 0 if none.
 */
public record RetentionInfo(String topic, long retentionMs, long retentionBytes, long retainedCount,
    long retainedBytes, long oldestMs, long retainedTotal, long droppedTotal, String kind, long newestMs)
{
    /** {@link #kind()} of a topic's retention. */
    public static final String TOPIC = "topic";
    /** {@link #kind()} of a queue's retention. */
    public static final String QUEUE = "queue";
    private static final String KIND = "kind";
    private static final String NEWEST_MS = "newestMs";
    private static final String NAME = "topic";
    private static final String RETENTION_MS = "retentionMs";
    private static final String RETENTION_BYTES = "retentionBytes";
    private static final String RETAINED_COUNT = "retainedCount";
    private static final String RETAINED_BYTES = "retainedBytes";
    private static final String OLDEST_MS = "oldestMs";
    private static final String RETAINED_TOTAL = "retainedTotal";
    private static final String DROPPED_TOTAL = "droppedTotal";

    /**
     * Checks that the name is present.
     */
    public RetentionInfo
    {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * A topic's row, as brokers before queue retention wrote it.
     */
    public RetentionInfo(final String topic, final long retentionMs, final long retentionBytes,
        final long retainedCount, final long retainedBytes, final long oldestMs, final long retainedTotal,
        final long droppedTotal)
    {
        this(topic, retentionMs, retentionBytes, retainedCount, retainedBytes, oldestMs, retainedTotal, droppedTotal,
            TOPIC, 0);
    }

    /**
     * @return the topic's or queue's name.
     */
    public String name()
    {
        return topic;
    }

    /**
     * @return true for a queue's retention.
     */
    public boolean isQueue()
    {
        return QUEUE.equals(kind);
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + NAME, topic);
        out.put(prefix + KIND, kind);
        out.put(prefix + NEWEST_MS, newestMs);
        out.put(prefix + RETENTION_MS, retentionMs);
        out.put(prefix + RETENTION_BYTES, retentionBytes);
        out.put(prefix + RETAINED_COUNT, retainedCount);
        out.put(prefix + RETAINED_BYTES, retainedBytes);
        out.put(prefix + OLDEST_MS, oldestMs);
        out.put(prefix + RETAINED_TOTAL, retainedTotal);
        out.put(prefix + DROPPED_TOTAL, droppedTotal);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the row written there.
     */
    public static RetentionInfo read(final Map<String, Object> in, final String prefix)
    {
        final Object kind = in.get(prefix + KIND);
        return new RetentionInfo(Reply.string(in, prefix + NAME), Reply.longValue(in, prefix + RETENTION_MS),
            Reply.longValue(in, prefix + RETENTION_BYTES), Reply.longValue(in, prefix + RETAINED_COUNT),
            Reply.longValue(in, prefix + RETAINED_BYTES), Reply.longValue(in, prefix + OLDEST_MS),
            Reply.longValue(in, prefix + RETAINED_TOTAL), Reply.longValue(in, prefix + DROPPED_TOTAL),
            null == kind ? TOPIC : kind.toString(), in.containsKey(prefix + NEWEST_MS) ?
            Reply.longValue(in, prefix + NEWEST_MS) : 0);
    }
}
