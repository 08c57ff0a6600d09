package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.ClientEgress;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.broker.metrics.LatencyMeters;
import io.aeolus.transport.codecs.ErrorCode;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The engine's egress over Aeron: each call finds the client's connection by its id and encodes the frame onto its
 * egress publication. A connection already gone drops what is said to it. When the metrics endpoint is on, it also
 * measures send-to-confirm and delivery latencies ({@link LatencyMeters}): the adapter, not the engine, reads time.
 * Conductor thread only.
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
    private LatencyMeters latencies;
    private long nowNs;
    private long nowMs;

    /**
     * @param latencies where send-to-confirm and delivery latencies go; null (the default) measures nothing.
     */
    void latencies(final LatencyMeters latencies)
    {
        this.latencies = latencies;
    }

    /**
     * The duty cycle's time, read once by the conductor, for the latencies.
     */
    void time(final long nowNs, final long nowMs)
    {
        this.nowNs = nowNs;
        this.nowMs = nowMs;
    }

    /**
     * A send arrived: called before the engine sees it, since it may confirm it at once.
     */
    void onSendReceived(final long connectionId, final long correlationId)
    {
        if (null != latencies && 0 != correlationId)
        {
            final ClientConnection connection = connectionsById.get(connectionId);
            if (null != connection)
            {
                connection.sendReceived(correlationId, nowNs);
            }
        }
    }

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
            if (null != latencies)
            {
                final long receivedNs = connection.takeSendReceivedNs(correlationId);
                if (ClientConnection.NO_SEND != receivedNs)
                {
                    latencies.onSendConfirmed(nowNs - receivedNs);
                }
            }
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
            if (null != latencies)
            {
                connection.takeSendReceivedNs(correlationId);
            }
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
            if (null != latencies && 1 == deliveryCount)
            {
                latencies.onDelivered(message, nowMs);
            }
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
    public void xaRecovered(final long connectionId, final long correlationId,
        final java.util.List<io.aeolus.broker.engine.BranchId> branches)
    {
        final ClientConnection connection = connectionsById.get(connectionId);
        if (null != connection)
        {
            connection.sendXaRecovered(correlationId, branches);
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
