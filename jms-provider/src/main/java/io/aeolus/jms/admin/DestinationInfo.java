package io.aeolus.jms.admin;

/**
 * A queue or topic as the broker reports it. For a topic, depth and consumers are the sums over its subscriptions,
 * enqueued is the number of messages published, and the queue-only figures are 0.
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
 */
public record DestinationInfo(String name, String type, long depth, int inFlight, int scheduled, int consumers,
    long enqueued, long acknowledged, long expired, long deadLettered, long heldBytes, boolean deadLetterQueue)
{
    /**
     * @return true for a queue or a temporary queue.
     */
    public boolean isQueue()
    {
        return type.endsWith("QUEUE");
    }
}
