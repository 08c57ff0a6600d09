package io.aeolus.store;

/**
 * A message reference read back from a queue, with the message it refers to. Read by recovery and by paging.
 *
 * @param sequence       the position of the reference in its queue; references are returned in this order.
 * @param messageId      the id the broker gave the message.
 * @param deliveryCount  how many times the message was delivered from this queue, as last journaled.
 * @param priority       the message priority, 0 to 9.
 * @param expirationMs   the expiration time in epoch milliseconds, 0 for none.
 * @param deliveryTimeMs the earliest delivery time in epoch milliseconds, 0 for none.
 * @param payload        the opaque encoded message, owned by the caller.
 */
public record StoredReference(
    long sequence,
    long messageId,
    int deliveryCount,
    int priority,
    long expirationMs,
    long deliveryTimeMs,
    byte[] payload)
{
}
