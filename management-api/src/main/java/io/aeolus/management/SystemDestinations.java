package io.aeolus.management;

/**
 * The broker's own destinations: the queue management requests go to, the topic metrics snapshots are published on,
 * the queue that holds purged and deleted messages for a while, and the MQTT gateway's queues.
 */
public final class SystemDestinations
{
    /** Where management requests are sent, with JMSReplyTo. */
    public static final String MANAGEMENT_QUEUE = "aeolus.management";
    /** Where the broker publishes a {@link MetricsSnapshot} every second. */
    public static final String METRICS_TOPIC = "aeolus.metrics";
    /** Where purged and deleted messages wait until their trash retention ends. */
    public static final String TRASH_QUEUE = "aeolus.trash";
    /** The MQTT gateway's own queues (retained messages, QoS 2 state) start with this. */
    public static final String MQTT_PREFIX = "aeolus.mqtt.";

    private SystemDestinations()
    {
    }

    /**
     * @param name a destination's name.
     * @return true for one of the broker's own destinations.
     */
    public static boolean isBuiltIn(final String name)
    {
        return MANAGEMENT_QUEUE.equals(name) || METRICS_TOPIC.equals(name) || TRASH_QUEUE.equals(name) ||
            name.startsWith(MQTT_PREFIX);
    }
}
