package io.aeolus.broker.management;

import io.aeolus.broker.destination.DestinationOverrides;

/**
 * The settings administrators give queues and topics of their own, as management reaches them on the conductor
 * thread: create a destination with them, read them, replace them. Each change is journaled.
 */
public interface ManagedSettings
{
    /**
     * Creates a queue or topic with settings of its own, both journaled in one group.
     *
     * @param name      the name, already checked; no destination of that name and kind exists.
     * @param topic     true for a topic.
     * @param overrides its settings.
     * @throws IllegalStateException if such a destination cannot have settings of its own.
     */
    void create(String name, boolean topic, DestinationOverrides overrides);

    /**
     * @param name  a destination's name.
     * @param topic true for a topic.
     * @return the settings it was given of its own, {@link DestinationOverrides#NONE} if none.
     */
    DestinationOverrides of(String name, boolean topic);

    /**
     * Replaces the settings an existing destination has of its own and applies them (journaled).
     *
     * @param name      the destination's name.
     * @param topic     true for a topic.
     * @param overrides its settings from now on; {@link DestinationOverrides#NONE} to follow the broker's again.
     * @return the policy now in force.
     * @throws IllegalArgumentException if there is no such destination.
     * @throws IllegalStateException    naming a setting that cannot change on it, or why it has none of its own.
     */
    io.aeolus.broker.destination.DestinationPolicy change(String name, boolean topic, DestinationOverrides overrides);
}
