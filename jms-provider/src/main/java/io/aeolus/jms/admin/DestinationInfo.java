package io.aeolus.jms.admin;

/**
 * A queue or topic as the broker reports it. For a topic, depth and consumers are the sums over its subscriptions,
 * enqueued is the number of messages published, oldestAgeMs the largest over its subscriptions, and the queue-only
 * figures are 0.
 *
 * @param name            the destination's name.
 * @param type            QUEUE, TOPIC, TEMPORARY_QUEUE or TEMPORARY_TOPIC.
 * @param depth           messages waiting (paged out ones included).
 * @param inFlight        messages delivered and not yet acknowledged.
 * @param scheduled       messages waiting for their delivery or redelivery time.
 * @param consumers       consumers attached.
 * @param enqueued        messages enqueued (published, for a topic) since the broker started.
 * @param acknowledged    messages acknowledged since the broker started.
 * @param expired         messages expired since the broker started.
 * @param deadLettered    messages moved to a dead-letter queue since the broker started.
 * @param heldBytes       bytes of the messages it holds.
 * @param deadLetterQueue true if it is a dead-letter (or expiry) queue.
 * @param paused          true while a queue's deliveries are held back ({@link AdminClient#pause(String)}).
 * @param oldestAgeMs     how long the oldest message available for delivery has waited, by its JMSTimestamp, in ms;
 *                        0 if there is none.
 * @param producers       producers created for this destination (anonymous producers are counted nowhere).
 * @param dlq             the queue its dead letters go to, empty if none (and for a dead-letter queue itself).
 * @param dlqDepth        messages waiting in that queue, 0 if it does not exist yet.
 */
public record DestinationInfo(String name, String type, long depth, int inFlight, int scheduled, int consumers,
    long enqueued, long acknowledged, long expired, long deadLettered, long heldBytes, boolean deadLetterQueue,
    boolean paused, long oldestAgeMs, int producers, String dlq, long dlqDepth)
{
    /**
     * The figures of a broker that reports no pause, age, producers or dead-letter queue (before they existed).
     *
     * @param name            the destination's name.
     * @param type            QUEUE, TOPIC, TEMPORARY_QUEUE or TEMPORARY_TOPIC.
     * @param depth           messages waiting.
     * @param inFlight        messages delivered and not yet acknowledged.
     * @param scheduled       messages waiting for their delivery or redelivery time.
     * @param consumers       consumers attached.
     * @param enqueued        messages enqueued since the broker started.
     * @param acknowledged    messages acknowledged since the broker started.
     * @param expired         messages expired since the broker started.
     * @param deadLettered    messages moved to a dead-letter queue since the broker started.
     * @param heldBytes       bytes of the messages it holds.
     * @param deadLetterQueue true if it is a dead-letter (or expiry) queue.
     */
    public DestinationInfo(final String name, final String type, final long depth, final int inFlight,
        final int scheduled, final int consumers, final long enqueued, final long acknowledged, final long expired,
        final long deadLettered, final long heldBytes, final boolean deadLetterQueue)
    {
        this(name, type, depth, inFlight, scheduled, consumers, enqueued, acknowledged, expired, deadLettered,
            heldBytes, deadLetterQueue, false, 0, 0, "", 0);
    }

    /**
     * @return true for a queue or a temporary queue.
     */
    public boolean isQueue()
    {
        return type.endsWith("QUEUE");
    }
}
