package io.aeolus.console.backend;

import java.util.Objects;

/**
 * Statistics of one destination at one instant; immutable, safe to pass between threads.
 *
 * @param name            destination name.
 * @param type            queue or topic.
 * @param depth           messages stored and not yet delivered.
 * @param inFlight        messages delivered and not yet acknowledged.
 * @param consumers       attached consumers.
 * @param enqueued        messages enqueued since the broker started.
 * @param deadLettered    messages moved to a dead-letter queue since the broker started.
 * @param deadLetterQueue true when this destination is a dead-letter queue.
 * @param temporary       true for a temporary queue or topic (one that lives as long as the connection that made it).
 * @param inRatePerSec    messages enqueued per second over the last metrics interval, 0 when not known.
 * @param outRatePerSec   messages acknowledged per second over the last metrics interval, 0 when not known.
 * @param dlqDepth        messages in the dead-letter queue this destination's dead letters go to, 0 if none.
 * @param oldestAgeMs     age of the oldest waiting message when the broker was last asked, 0 if none or unknown.
 * @param paused          true when the broker holds back the queue's deliveries (the last time it was asked).
 */
public record DestinationInfo(
    String name,
    DestinationType type,
    long depth,
    long inFlight,
    int consumers,
    long enqueued,
    long deadLettered,
    boolean deadLetterQueue,
    boolean temporary,
    double inRatePerSec,
    double outRatePerSec,
    long dlqDepth,
    long oldestAgeMs,
    boolean paused)
{
    /**
     * Validates the name and type.
     */
    public DestinationInfo
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * A destination without dead-letter depth or oldest age known.
     *
     * @param name            destination name.
     * @param type            queue or topic.
     * @param depth           messages stored and not yet delivered.
     * @param inFlight        messages delivered and not yet acknowledged.
     * @param consumers       attached consumers.
     * @param enqueued        messages enqueued since the broker started.
     * @param deadLettered    messages moved to a dead-letter queue since the broker started.
     * @param deadLetterQueue true when this destination is a dead-letter queue.
     * @param temporary       true for a temporary queue or topic.
     * @param inRatePerSec    messages enqueued per second over the last metrics interval, 0 when not known.
     * @param outRatePerSec   messages acknowledged per second over the last metrics interval, 0 when not known.
     */
    public DestinationInfo(
        final String name,
        final DestinationType type,
        final long depth,
        final long inFlight,
        final int consumers,
        final long enqueued,
        final long deadLettered,
        final boolean deadLetterQueue,
        final boolean temporary,
        final double inRatePerSec,
        final double outRatePerSec)
    {
        this(name, type, depth, inFlight, consumers, enqueued, deadLettered, deadLetterQueue, temporary, inRatePerSec,
            outRatePerSec, 0, 0, false);
    }

    /**
     * A destination whose outbound rate is not known.
     *
     * @param name            destination name.
     * @param type            queue or topic.
     * @param depth           messages stored and not yet delivered.
     * @param inFlight        messages delivered and not yet acknowledged.
     * @param consumers       attached consumers.
     * @param enqueued        messages enqueued since the broker started.
     * @param deadLettered    messages moved to a dead-letter queue since the broker started.
     * @param deadLetterQueue true when this destination is a dead-letter queue.
     * @param temporary       true for a temporary queue or topic.
     * @param inRatePerSec    messages enqueued per second over the last metrics interval, 0 when not known.
     */
    public DestinationInfo(
        final String name,
        final DestinationType type,
        final long depth,
        final long inFlight,
        final int consumers,
        final long enqueued,
        final long deadLettered,
        final boolean deadLetterQueue,
        final boolean temporary,
        final double inRatePerSec)
    {
        this(name, type, depth, inFlight, consumers, enqueued, deadLettered, deadLetterQueue, temporary, inRatePerSec,
            0);
    }

    /**
     * A destination that is not temporary, with no rate known.
     *
     * @param name            destination name.
     * @param type            queue or topic.
     * @param depth           messages stored and not yet delivered.
     * @param inFlight        messages delivered and not yet acknowledged.
     * @param consumers       attached consumers.
     * @param enqueued        messages enqueued since the broker started.
     * @param deadLettered    messages moved to a dead-letter queue since the broker started.
     * @param deadLetterQueue true when this destination is a dead-letter queue.
     */
    public DestinationInfo(
        final String name,
        final DestinationType type,
        final long depth,
        final long inFlight,
        final int consumers,
        final long enqueued,
        final long deadLettered,
        final boolean deadLetterQueue)
    {
        this(name, type, depth, inFlight, consumers, enqueued, deadLettered, deadLetterQueue, false, 0, 0);
    }

    /**
     * The same destination with a new depth, for fakes that change their content.
     *
     * @param newDepth messages stored and not yet delivered.
     * @return a copy with that depth.
     */
    public DestinationInfo withDepth(final long newDepth)
    {
        return new DestinationInfo(name, type, newDepth, inFlight, consumers, enqueued, deadLettered, deadLetterQueue,
            temporary, inRatePerSec, outRatePerSec, dlqDepth, oldestAgeMs, paused);
    }
}
