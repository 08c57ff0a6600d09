package io.aeolus.console.backend;

import java.util.Map;
import java.util.Objects;

/**
 * A message held in a dead-letter queue; immutable.
 *
 * @param messageId           JMSMessageID, the key for retry.
 * @param originalDestination destination the message was sent to.
 * @param reason              why the broker dead-lettered it.
 * @param deadLetteredAtMs    when it was moved, epoch milliseconds.
 * @param deliveryCount       delivery attempts before it was moved.
 * @param lastConsumer        the consumer that last failed it, empty when not known.
 * @param properties          the message's application properties as text (the broker's dead-letter properties
 *                            left out).
 */
public record DeadLetter(
    String messageId,
    String originalDestination,
    String reason,
    long deadLetteredAtMs,
    int deliveryCount,
    String lastConsumer,
    Map<String, String> properties)
{
    /**
     * Validates and copies.
     */
    public DeadLetter
    {
        Objects.requireNonNull(messageId, "messageId");
        originalDestination = null == originalDestination ? "" : originalDestination;
        reason = null == reason ? "" : reason;
        lastConsumer = null == lastConsumer ? "" : lastConsumer;
        properties = Map.copyOf(properties);
    }

    /**
     * A dead letter whose last consumer and properties are not known.
     *
     * @param messageId           JMSMessageID, the key for retry.
     * @param originalDestination destination the message was sent to.
     * @param reason              why the broker dead-lettered it.
     * @param deadLetteredAtMs    when it was moved, epoch milliseconds.
     * @param deliveryCount       delivery attempts before it was moved.
     */
    public DeadLetter(
        final String messageId,
        final String originalDestination,
        final String reason,
        final long deadLetteredAtMs,
        final int deliveryCount)
    {
        this(messageId, originalDestination, reason, deadLetteredAtMs, deliveryCount, "", Map.of());
    }
}
