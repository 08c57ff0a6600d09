package io.aeolus.jms.admin;

/**
 * What {@link AdminClient#importMessages} did.
 *
 * @param imported messages sent to the queue.
 * @param expired  messages not sent because their expiration had passed.
 */
public record ImportResult(int imported, int expired)
{
}
