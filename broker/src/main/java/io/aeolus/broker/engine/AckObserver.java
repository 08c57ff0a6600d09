package io.aeolus.broker.engine;

import io.aeolus.transport.codecs.DestinationType;

/**
 * Told of each message a consumer has finally acknowledged (an acknowledgement, or the commit of a transacted
 * session's), once per queue or subscription it was enqueued in: a message taken back and redelivered is told of
 * once, when its last delivery is acknowledged. For the metrics side (the enqueue-to-acknowledge latency); the
 * engine itself keeps no histogram. Called on the engine's thread, in the middle of its work: an implementation must
 * be quick, allocate nothing per call once warm, and never call back into the engine.
 */
@FunctionalInterface
public interface AckObserver
{
    /**
     * Nobody listens.
     */
    AckObserver NONE = (destination, type, enqueuedMs, nowMs) -> { };

    /**
     * A message acknowledged for good.
     *
     * @param destination the destination the message was sent to (for a topic, the topic).
     * @param type        its type.
     * @param enqueuedMs  when the engine enqueued it, engine time in ms since the epoch; for a message read back
     *                    from the journal (after a restart, or paged in), whose enqueue time is not journaled, its
     *                    JMSTimestamp; 0 if neither is known.
     * @param nowMs       the engine's time now, ms since the epoch.
     */
    void onAcknowledged(String destination, DestinationType type, long enqueuedMs, long nowMs);
}
