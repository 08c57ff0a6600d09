package io.aeolus.console.backend;

/**
 * Kind of a broker destination as the console shows it.
 */
public enum DestinationType
{
    /** A point-to-point queue. */
    QUEUE,
    /** A publish/subscribe topic. */
    TOPIC
}
