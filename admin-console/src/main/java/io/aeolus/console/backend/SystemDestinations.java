package io.aeolus.console.backend;

/**
 * Which destinations belong to the broker or to clients' plumbing rather than to applications: the management
 * queue, the metrics topic, the trash, and every temporary destination (the console's own management reply queue is
 * one). The console hides them unless asked to show them. Stateless; any thread.
 */
public final class SystemDestinations
{
    /** The broker's management queue. */
    public static final String MANAGEMENT_QUEUE = io.aeolus.management.SystemDestinations.MANAGEMENT_QUEUE;
    /** The broker's metrics topic. */
    public static final String METRICS_TOPIC = io.aeolus.management.SystemDestinations.METRICS_TOPIC;
    /** The broker's trash: messages an administrator purged or deleted, restorable for a while. */
    public static final String TRASH_QUEUE = io.aeolus.management.SystemDestinations.TRASH_QUEUE;

    private SystemDestinations()
    {
    }

    /**
     * Whether a destination is a system one.
     *
     * @param info the destination.
     * @return true for the management queue, the metrics topic, the trash and temporary destinations.
     */
    public static boolean isSystem(final DestinationInfo info)
    {
        return info.temporary() || isBuiltIn(info.name());
    }

    /**
     * Whether a name is one of the broker's own destinations.
     *
     * @param name a destination name.
     * @return true for the management queue, the metrics topic and the trash.
     */
    public static boolean isBuiltIn(final String name)
    {
        return io.aeolus.management.SystemDestinations.isBuiltIn(name);
    }
}
