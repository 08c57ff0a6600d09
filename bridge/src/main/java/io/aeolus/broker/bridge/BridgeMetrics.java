package io.aeolus.broker.bridge;

/**
 * A snapshot of one bridge's counters and state. Immutable.
 *
 * @param name               the bridge's name.
 * @param state              what the bridge is doing.
 * @param forwarded          messages sent to the target (a send that failed in doubt and was repeated counts
 *                           twice).
 * @param duplicatesDropped  messages redelivered by the source after they had already been sent to the target,
 *                           recognised by their message id and not sent again.
 * @param failures           failed attempts (connect, receive, send or commit), each followed by a reconnect.
 * @param reconnects         connections (re)established after a failure.
 * @param lastError          the last failure's message, or null.
 */
public record BridgeMetrics(
    String name,
    BridgeState state,
    long forwarded,
    long duplicatesDropped,
    long failures,
    long reconnects,
    String lastError)
{
}
