package io.aeolus.console.backend;

import java.util.Objects;

/**
 * Statistics of one destination at one instant; immutable, safe to pass between threads.
 *
 * @param name           destination name.
 * @param type           queue or topic.
 * @param depth          messages stored and not yet delivered.
 * @param inFlight       messages delivered and not yet acknowledged.
 * @param consumers      attached consumers.
 * @param enqueued       messages enqueued since the broker started.
 * @param deadLettered   messages moved to a dead-letter queue since the broker started.
 * @param deadLetterQueue true when this destination is a dead-letter queue.
 */
public record DestinationInfo(
    String name,
    DestinationType type,
    long depth,
    long inFlight,
    int consumers,
    long enqueued,
    long deadLettered,
    boolean deadLetterQueue)
{
    /**
     * Validates the name and type.
     */
    public DestinationInfo
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
