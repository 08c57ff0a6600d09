package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DeliverySink;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.Principal;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;

/**
 * A logged-in client as the engine knows it: its id, client id and principal, its sessions, producers and consumers,
 * its temporary destinations and the next delivery id. Deliveries go out through the {@link ClientEgress} under the
 * connection's id. The maps serve lookups only; whatever is walked is walked in a list kept in creation order.
 */
final class EngineConnection implements DeliverySink
{
    final long connectionId;
    final Principal principal;
    final String source;
    final Long2ObjectHashMap<SessionState> sessions = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<Consumer> consumersById = new Long2ObjectHashMap<>();
    final ArrayList<Consumer> consumersInOrder = new ArrayList<>();
    final Long2ObjectHashMap<ProducerState> producers = new Long2ObjectHashMap<>();
    final ArrayList<String> temporaryDestinations = new ArrayList<>();
    String clientId;
    long nextDeliveryId = 1;
    /** JMS Connection.stop: the connection's consumers, those it creates too, get nothing until it starts. */
    boolean deliveryStopped;
    private final ClientEgress egress;

    EngineConnection(
        final long connectionId,
        final String clientId,
        final Principal principal,
        final String source,
        final ClientEgress egress)
    {
        this.connectionId = connectionId;
        this.clientId = null == clientId ? "" : clientId;
        this.principal = principal;
        this.source = null == source ? "" : source;
        this.egress = egress;
    }

    /**
     * {@inheritDoc}
     */
    public String description()
    {
        if (!clientId.isEmpty())
        {
            return clientId;
        }
        final String user = null == principal ? "" : principal.name();
        return (user.isEmpty() ? "anonymous" : user) + "@" + source;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isWritable()
    {
        return egress.isWritable(connectionId);
    }

    /**
     * {@inheritDoc}
     */
    public long deliver(final Consumer consumer, final QueueEntry entry)
    {
        final long deliveryId = nextDeliveryId++;
        egress.deliver(connectionId, consumer.consumerId(), deliveryId, entry.deliveryCount(), entry.message());
        return deliveryId;
    }

    /**
     * {@inheritDoc}
     */
    public void noMessage(final Consumer consumer, final long correlationId)
    {
        egress.noMessage(connectionId, consumer.consumerId(), correlationId);
    }

    void sendOk(final long correlationId, final long value)
    {
        if (0 != correlationId)
        {
            egress.ok(connectionId, correlationId, value);
        }
    }

    void sendError(final long correlationId, final EngineError error, final String message)
    {
        egress.error(connectionId, correlationId, error, message);
    }

    void sendProducerCredit(final long producerId, final boolean blocked)
    {
        egress.producerCredit(connectionId, producerId, blocked);
    }

    void addConsumer(final Consumer consumer)
    {
        consumersById.put(consumer.consumerId(), consumer);
        consumersInOrder.add(consumer);
    }

    void removeConsumer(final Consumer consumer)
    {
        consumersById.remove(consumer.consumerId());
        consumersInOrder.remove(consumer);
    }
}
