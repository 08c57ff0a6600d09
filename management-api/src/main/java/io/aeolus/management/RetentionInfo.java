package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One topic with retention as management lists it: its window and what it retains now.
 *
 * @param topic          the topic's name.
 * @param retentionMs    how long it keeps each message, ms; 0: no bound by time.
 * @param retentionBytes how many bytes of messages it keeps; 0: no bound by size.
 * @param retainedCount  messages it retains now.
 * @param retainedBytes  their encoded size in bytes.
 * @param oldestMs       when the oldest of them was published, epoch ms; 0 if none.
 * @param retainedTotal  messages retained since the broker started (or was restored).
 * @param droppedTotal   of those, dropped since as they fell out of the window.
 */
public record RetentionInfo(String topic, long retentionMs, long retentionBytes, long retainedCount,
    long retainedBytes, long oldestMs, long retainedTotal, long droppedTotal)
{
    private static final String TOPIC = "topic";
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
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + TOPIC, topic);
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
        return new RetentionInfo(Reply.string(in, prefix + TOPIC), Reply.longValue(in, prefix + RETENTION_MS),
            Reply.longValue(in, prefix + RETENTION_BYTES), Reply.longValue(in, prefix + RETAINED_COUNT),
            Reply.longValue(in, prefix + RETAINED_BYTES), Reply.longValue(in, prefix + OLDEST_MS),
            Reply.longValue(in, prefix + RETAINED_TOTAL), Reply.longValue(in, prefix + DROPPED_TOTAL));
    }
}
