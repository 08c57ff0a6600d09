package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.BranchId;
import io.aeolus.broker.engine.ClientEgress;
import io.aeolus.broker.engine.EngineError;

import java.util.List;

/**
 * The engine's one egress: what it says to a connection of a {@link ProtocolGateway} (ids from
 * {@link ProtocolGateway#CONNECTION_ID_BASE}) goes to that gateway, everything else to the Aeron egress. Conductor
 * thread only.
 */
final class GatewayEgress implements ClientEgress
{
    private final ClientEgress aeron;
    private ProtocolGateway gateway;

    GatewayEgress(final ClientEgress aeron)
    {
        this.aeron = aeron;
    }

    void gateway(final ProtocolGateway gateway)
    {
        this.gateway = gateway;
    }

    private ClientEgress of(final long connectionId)
    {
        return connectionId >= ProtocolGateway.CONNECTION_ID_BASE && null != gateway ? gateway : aeron;
    }

    /**
     * {@inheritDoc}
     */
    public void ok(final long connectionId, final long correlationId, final long value)
    {
        of(connectionId).ok(connectionId, correlationId, value);
    }

    /**
     * {@inheritDoc}
     */
    public void error(final long connectionId, final long correlationId, final EngineError error,
        final String message)
    {
        of(connectionId).error(connectionId, correlationId, error, message);
    }

    /**
     * {@inheritDoc}
     */
    public void deliver(final long connectionId, final long consumerId, final long deliveryId,
        final int deliveryCount, final BrokerMessage message)
    {
        of(connectionId).deliver(connectionId, consumerId, deliveryId, deliveryCount, message);
    }

    /**
     * {@inheritDoc}
     */
    public void noMessage(final long connectionId, final long consumerId, final long correlationId)
    {
        of(connectionId).noMessage(connectionId, consumerId, correlationId);
    }

    /**
     * {@inheritDoc}
     */
    public void xaRecovered(final long connectionId, final long correlationId, final List<BranchId> branches)
    {
        of(connectionId).xaRecovered(connectionId, correlationId, branches);
    }

    /**
     * {@inheritDoc}
     */
    public void producerCredit(final long connectionId, final long producerId, final boolean blocked)
    {
        of(connectionId).producerCredit(connectionId, producerId, blocked);
    }

    /**
     * {@inheritDoc}
     */
    public boolean isWritable(final long connectionId)
    {
        return of(connectionId).isWritable(connectionId);
    }
}
