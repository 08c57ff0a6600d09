package io.aeolus.broker.destination;

/**
 * The settings in force for one destination, resolved once when it is created from the broker-wide defaults and the
 * most specific matching per-destination settings. Thread-safe: immutable.
 *
 * @param redeliveryDelayMs     delay before a message whose delivery failed is delivered again; 0 for none.
 * @param redeliveryMultiplier  factor by which each further redelivery delay grows (1.0: constant).
 * @param redeliveryMaxDelayMs  cap on the grown delay.
 * @param maxDeliveryAttempts   deliveries after which a failing message is dead-lettered; 0 for no limit.
 * @param deadLetterQueue       the dead-letter queue's name template, empty to drop such messages.
 * @param expiryQueue           the expiry queue's name template, empty to drop expired messages.
 * @param memoryLimitBytes      bytes of messages the destination (each subscription of a topic) may hold; 0: no limit.
 * @param memoryLimitPolicy     what a send over the limit does.
 * @param autoCreate            whether the destination is created on first use.
 * @param lastValueKey          the property whose value a newer message replaces an older waiting one with; empty
 *                              for none (not a last-value queue).
 * @param retentionMs           how long a topic keeps each message after delivery (for subscriptions that start
 *                              earlier and for replay); 0: no bound by time.
 * @param retentionBytes        bytes of messages a topic keeps after delivery; 0: no bound by size. A topic with
 *                              neither bound keeps nothing.
 */
public record DestinationPolicy(
    long redeliveryDelayMs,
    double redeliveryMultiplier,
    long redeliveryMaxDelayMs,
    int maxDeliveryAttempts,
    String deadLetterQueue,
    String expiryQueue,
    long memoryLimitBytes,
    MemoryLimitPolicy memoryLimitPolicy,
    boolean autoCreate,
    String lastValueKey,
    long retentionMs,
    long retentionBytes)
{
    /** Replaced, in a queue name template, by the name of the destination the message came from. */
    public static final String DESTINATION_PLACEHOLDER = "{destination}";

    /** Built-in defaults, for a destination created without a broker configuration (tests). */
    public static final DestinationPolicy DEFAULT = new DestinationPolicy(
        0, 1.0, 60_000, 10, "DLQ." + DESTINATION_PLACEHOLDER, "", 64L * 1024 * 1024, MemoryLimitPolicy.BLOCK, true, "",
        0, 0);

    /**
     * A policy without a last-value key or retention.
     *
     * @param redeliveryDelayMs    delay before a message whose delivery failed is delivered again; 0 for none.
     * @param redeliveryMultiplier factor by which each further redelivery delay grows (1.0: constant).
     * @param redeliveryMaxDelayMs cap on the grown delay.
     * @param maxDeliveryAttempts  deliveries after which a failing message is dead-lettered; 0 for no limit.
     * @param deadLetterQueue      the dead-letter queue's name template, empty to drop such messages.
     * @param expiryQueue          the expiry queue's name template, empty to drop expired messages.
     * @param memoryLimitBytes     bytes of messages the destination may hold; 0: no limit.
     * @param memoryLimitPolicy    what a send over the limit does.
     * @param autoCreate           whether the destination is created on first use.
     */
    public DestinationPolicy(final long redeliveryDelayMs, final double redeliveryMultiplier,
        final long redeliveryMaxDelayMs, final int maxDeliveryAttempts, final String deadLetterQueue,
        final String expiryQueue, final long memoryLimitBytes, final MemoryLimitPolicy memoryLimitPolicy,
        final boolean autoCreate)
    {
        this(redeliveryDelayMs, redeliveryMultiplier, redeliveryMaxDelayMs, maxDeliveryAttempts, deadLetterQueue,
            expiryQueue, memoryLimitBytes, memoryLimitPolicy, autoCreate, "", 0, 0);
    }

    /**
     * @return true if a message replaces an older waiting one with the same value of {@link #lastValueKey()}.
     */
    public boolean isLastValueQueue()
    {
        return !lastValueKey.isEmpty();
    }

    /**
     * @return true if a topic with this policy keeps its messages after delivery (a retention time or size is set).
     */
    public boolean isRetained()
    {
        return retentionMs > 0 || retentionBytes > 0;
    }

    /**
     * The delay before the next delivery of a message whose delivery failed, with the exponential back-off.
     *
     * @param failedDeliveries how many deliveries of it have failed so far, at least 1.
     * @return the delay in ms, 0 for none.
     */
    public long redeliveryDelayMs(final int failedDeliveries)
    {
        if (redeliveryDelayMs <= 0)
        {
            return 0;
        }
        double delayMs = redeliveryDelayMs;
        for (int i = 1; i < failedDeliveries && delayMs < redeliveryMaxDelayMs; i++)
        {
            delayMs *= redeliveryMultiplier;
        }
        return (long)Math.min(delayMs, (double)redeliveryMaxDelayMs);
    }

    /**
     * @param destination the name of the destination a message came from.
     * @return the name of its dead-letter queue, or null to drop dead letters.
     */
    public String deadLetterQueueFor(final String destination)
    {
        return deadLetterQueue.isEmpty() ? null : deadLetterQueue.replace(DESTINATION_PLACEHOLDER, destination);
    }

    /**
     * @param destination the name of the destination a message came from.
     * @return the name of its expiry queue, or null to drop expired messages.
     */
    public String expiryQueueFor(final String destination)
    {
        return expiryQueue.isEmpty() ? null : expiryQueue.replace(DESTINATION_PLACEHOLDER, destination);
    }

    /**
     * @param heldBytes bytes a destination holds.
     * @return true if that is at or over the memory limit.
     */
    public boolean isOverMemoryLimit(final long heldBytes)
    {
        return memoryLimitBytes > 0 && heldBytes >= memoryLimitBytes;
    }
}
