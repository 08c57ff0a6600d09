package io.aeolus.management;

import java.util.Map;

/**
 * A queue or topic as the broker lists it. For a topic the figures are summed over its subscriptions and
 * {@code enqueued} counts publications.
 *
 * @param name            its name.
 * @param type            {@code QUEUE}, {@code TOPIC}, {@code TEMPORARY_QUEUE} or {@code TEMPORARY_TOPIC}.
 * @param depth           messages waiting (paged out included).
 * @param inFlight        messages delivered and not yet acknowledged.
 * @param scheduled       messages waiting for their delivery time.
 * @param consumers       consumers.
 * @param enqueued        messages ever enqueued (a topic: published).
 * @param acknowledged    messages acknowledged.
 * @param expired         messages expired.
 * @param deadLettered    messages moved to the dead-letter queue.
 * @param heldBytes       bytes of the messages held.
 * @param deadLetterQueue true if it is a dead-letter queue.
 * @param paused          true if delivery from it is paused.
 * @param oldestAgeMs     age of the oldest waiting message, ms; 0 if none.
 * @param producers       producers bound to it.
 * @param dlq             the dead-letter queue its dead letters go to, empty for none.
 * @param dlqDepth        that queue's depth.
 * @param subscriptions   a topic's subscriptions; 0 for a queue.
 */
public record DestinationInfo(String name, String type, long depth, int inFlight, int scheduled, int consumers,
    long enqueued, long acknowledged, long expired, long deadLettered, long heldBytes, boolean deadLetterQueue,
    boolean paused, long oldestAgeMs, int producers, String dlq, long dlqDepth, int subscriptions)
{
    private static final String NAME = "name";
    private static final String TYPE = "type";
    private static final String DEPTH = "depth";
    private static final String IN_FLIGHT = "inFlight";
    private static final String SCHEDULED = "scheduled";
    private static final String CONSUMERS = "consumers";
    private static final String ENQUEUED = "enqueued";
    private static final String ACKNOWLEDGED = "acknowledged";
    private static final String EXPIRED = "expired";
    private static final String DEAD_LETTERED = "deadLettered";
    private static final String HELD_BYTES = "heldBytes";
    private static final String DEAD_LETTER_QUEUE = "deadLetterQueue";
    private static final String PAUSED = "paused";
    private static final String OLDEST_AGE_MS = "oldestAgeMs";
    private static final String PRODUCERS = "producers";
    private static final String DLQ = "dlq";
    private static final String DLQ_DEPTH = "dlqDepth";
    private static final String SUBSCRIPTIONS = "subscriptions";

    /**
     * A destination without pause, age, producers, dead-letter queue or subscriptions.
     *
     * @param name            its name.
     * @param type            its type.
     * @param depth           messages waiting.
     * @param inFlight        messages in flight.
     * @param scheduled       messages scheduled.
     * @param consumers       consumers.
     * @param enqueued        messages enqueued.
     * @param acknowledged    messages acknowledged.
     * @param expired         messages expired.
     * @param deadLettered    messages dead-lettered.
     * @param heldBytes       bytes held.
     * @param deadLetterQueue true for a dead-letter queue.
     */
    public DestinationInfo(final String name, final String type, final long depth, final int inFlight,
        final int scheduled, final int consumers, final long enqueued, final long acknowledged, final long expired,
        final long deadLettered, final long heldBytes, final boolean deadLetterQueue)
    {
        this(name, type, depth, inFlight, scheduled, consumers, enqueued, acknowledged, expired, deadLettered,
            heldBytes, deadLetterQueue, false, 0, 0, "", 0, 0);
    }

    /**
     * @return true for a queue (temporary ones included).
     */
    public boolean isQueue()
    {
        return type.endsWith("QUEUE");
    }

    /**
     * @return true for a temporary queue or topic.
     */
    public boolean isTemporary()
    {
        return type.startsWith("TEMPORARY");
    }

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + NAME, name);
        out.put(prefix + TYPE, type);
        out.put(prefix + DEPTH, depth);
        out.put(prefix + IN_FLIGHT, inFlight);
        out.put(prefix + SCHEDULED, scheduled);
        out.put(prefix + CONSUMERS, consumers);
        out.put(prefix + ENQUEUED, enqueued);
        out.put(prefix + ACKNOWLEDGED, acknowledged);
        out.put(prefix + EXPIRED, expired);
        out.put(prefix + DEAD_LETTERED, deadLettered);
        out.put(prefix + HELD_BYTES, heldBytes);
        out.put(prefix + DEAD_LETTER_QUEUE, deadLetterQueue);
        out.put(prefix + PAUSED, paused);
        out.put(prefix + OLDEST_AGE_MS, oldestAgeMs);
        out.put(prefix + PRODUCERS, producers);
        out.put(prefix + DLQ, dlq);
        out.put(prefix + DLQ_DEPTH, dlqDepth);
        out.put(prefix + SUBSCRIPTIONS, subscriptions);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the destination written there.
     */
    public static DestinationInfo read(final Map<String, Object> in, final String prefix)
    {
        return new DestinationInfo(Reply.string(in, prefix + NAME), Reply.string(in, prefix + TYPE),
            Reply.longValue(in, prefix + DEPTH), Reply.intValue(in, prefix + IN_FLIGHT),
            Reply.intValue(in, prefix + SCHEDULED), Reply.intValue(in, prefix + CONSUMERS),
            Reply.longValue(in, prefix + ENQUEUED), Reply.longValue(in, prefix + ACKNOWLEDGED),
            Reply.longValue(in, prefix + EXPIRED), Reply.longValue(in, prefix + DEAD_LETTERED),
            Reply.longValue(in, prefix + HELD_BYTES), Reply.booleanValue(in, prefix + DEAD_LETTER_QUEUE),
            Reply.booleanValue(in, prefix + PAUSED), Reply.longValue(in, prefix + OLDEST_AGE_MS),
            Reply.intValue(in, prefix + PRODUCERS), Reply.string(in, prefix + DLQ),
            Reply.longValue(in, prefix + DLQ_DEPTH), Reply.intValue(in, prefix + SUBSCRIPTIONS));
    }
}
