package io.aeolus.console.backend;

/**
 * A message held in a dead-letter queue; immutable.
 *
 * @param messageId           JMSMessageID, the key for retry.
 * @param originalDestination destination the message was sent to.
 * @param reason              why the broker dead-lettered it.
 * @param deadLetteredAtMs    when it was moved, epoch milliseconds.
 * @param deliveryCount       delivery attempts before it was moved.
 */
public record DeadLetter(
    String messageId,
    String originalDestination,
    String reason,
    long deadLetteredAtMs,
    int deliveryCount)
{
}
