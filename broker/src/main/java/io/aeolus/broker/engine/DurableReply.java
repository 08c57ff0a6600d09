package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;

/**
 * An answer to a client that waits for the durable store, as data rather than a callback, so that an engine
 * snapshot can carry it: once durable, an {@code Ok} with a value (a commit, an XA step) or a send's confirmation
 * (which producer flow control may still withhold); if the store fails first, an error naming the failure.
 * Immutable; engine thread only.
 */
final class DurableReply
{
    final EngineConnection connection;
    final long correlationId;
    final long value;
    final EngineError error;
    final String failurePrefix;
    /** For a send's confirmation: the send path, else null. */
    final Sends sends;
    final long producerId;
    final MessageQueue queue;
    final Topic topic;
    final boolean full;

    DurableReply(final EngineConnection connection, final long correlationId, final long value,
        final EngineError error, final String failurePrefix, final Sends sends, final long producerId,
        final MessageQueue queue, final Topic topic, final boolean full)
    {
        this.connection = connection;
        this.correlationId = correlationId;
        this.value = value;
        this.error = error;
        this.failurePrefix = failurePrefix;
        this.sends = sends;
        this.producerId = producerId;
        this.queue = queue;
        this.topic = topic;
        this.full = full;
    }

    /**
     * @return an {@code Ok(value)} once durable, else {@code error} with {@code failurePrefix} and the failure.
     */
    static DurableReply ok(final EngineConnection connection, final long correlationId, final long value,
        final EngineError error, final String failurePrefix)
    {
        return new DurableReply(connection, correlationId, value, error, failurePrefix, null, 0, null, null, false);
    }

    void onDurable()
    {
        if (null != sends)
        {
            sends.confirmSend(connection, correlationId, producerId, queue, topic, full);
        }
        else
        {
            connection.sendOk(correlationId, value);
        }
    }

    void onFailed(final String failure)
    {
        connection.sendError(correlationId, error, failurePrefix + failure);
    }
}
