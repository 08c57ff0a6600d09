package io.aeolus.management;

import java.util.Map;
import java.util.Objects;

/**
 * One last-value queue (or topic subscription with a last-value key) as management lists it: the property that
 * keys it and the key values of the messages waiting in it, one each.
 *
 * @param queue  the queue's name (a subscription's internal name for a topic's subscription).
 * @param key    the property whose value keys the messages.
 * @param depth  messages waiting (those without the property included).
 * @param keys   how many key values have a waiting message.
 * @param values those key values, in text order, comma-separated; at most {@link #MAX_VALUES}, then {@code ...}.
 */
public record LastValueInfo(String queue, String key, long depth, int keys, String values)
{
    /** Most key values listed per queue. */
    public static final int MAX_VALUES = 100;

    private static final String QUEUE = "queue";
    private static final String KEY = "key";
    private static final String DEPTH = "depth";
    private static final String KEYS = "keys";
    private static final String VALUES = "values";

    /**
     * Checks that the texts are present.
     */
    public LastValueInfo
    {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(values, "values");
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + QUEUE, queue);
        out.put(prefix + KEY, key);
        out.put(prefix + DEPTH, depth);
        out.put(prefix + KEYS, keys);
        out.put(prefix + VALUES, values);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the row written there.
     */
    public static LastValueInfo read(final Map<String, Object> in, final String prefix)
    {
        return new LastValueInfo(Reply.string(in, prefix + QUEUE), Reply.string(in, prefix + KEY),
            Reply.longValue(in, prefix + DEPTH), Reply.intValue(in, prefix + KEYS), Reply.string(in, prefix + VALUES));
    }
}
