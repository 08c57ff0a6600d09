package io.aeolus.store;

/**
 * A message reference read back without its message's body: what a retention log keeps of a message it holds by
 * reference. Read by recovery ({@link H2Journal#readReferenceLengths}).
 *
 * @param sequence     the position of the reference in its queue; references are returned in this order.
 * @param messageId    the id the broker gave the message.
 * @param length       the length in bytes of the encoded message (its payload).
 * @param expirationMs the expiration time in epoch milliseconds, 0 for none.
 */
public record ReferenceLength(long sequence, long messageId, int length, long expirationMs)
{
}
