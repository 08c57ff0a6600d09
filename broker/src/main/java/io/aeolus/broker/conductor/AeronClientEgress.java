package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.ClientEgress;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.transport.codecs.ErrorCode;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The engine's egress over Aeron: each call finds the client's connection by its id and encodes the frame onto its
 * egress publication. A connection already gone drops what is said to it. Conductor thread only.
 */
final class AeronClientEgress implements ClientEgress
{
    private static final ErrorCode[] ERROR_CODES = new ErrorCode[EngineError.values().length];

    static
    {
        for (final EngineError error : EngineError.values())
        {
            ERROR_CODES[error.ordinal()] = ErrorCode.valueOf(error.name());
        }
    }

    private final Long2ObjectHashMap<ClientConnection> connectionsById = new Long2ObjectHashMap<>();

    void add(final ClientConnection connection)
    {
        connectionsById.put(connection.connectionId, connection);
    }

    void remove(final ClientConnection connection)
    {
        connectionsById.remove(connection.connectionId);
    }

    ClientConnection connection(final long connectionId)
    {
        return connectionsById.get(connectionId);
    }

    static ErrorCode errorCode(final EngineError error)
    {
        return ERROR_CODES[error.ordinal()];
    }

    /**
     * {@inheritDoc}
     */
    public void ok(final long connectionId, final long correlationId, final long value)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        if (null != connection)
        {
            connection.sendOk(correlationId, value);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void error(final long connectionId, final long correlationId, final EngineError error,
        final String message)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        if (null != connection)
        {
            connection.sendError(correlationId, ERROR_CODES[error.ordinal()], message);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void deliver(final long connectionId, final long consumerId, final long deliveryId,
        final int deliveryCount, final BrokerMessage message)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        if (null != connection)
        {
            connection.deliver(consumerId, deliveryId, deliveryCount, message);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void noMessage(final long connectionId, final long consumerId, final long correlationId)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        if (null != connection)
        {
            connection.noMessage(consumerId, correlationId);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void producerCredit(final long connectionId, final long producerId, final boolean blocked)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        if (null != connection)
        {
            connection.sendProducerCredit(producerId, blocked);
        }
    }

    /**
     * {@inheritDoc}
     */
    public boolean isWritable(final long connectionId)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        return null != connection && connection.isWritable();
    }
}
