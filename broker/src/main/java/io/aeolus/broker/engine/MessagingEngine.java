package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.Principal;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.StoredReference;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The engine: sessions, producers, sends with producer flow control, acknowledgement, recover and transactions
 * here; consumers and subscriptions in {@link Subscriptions}; temporary destinations in
 * {@link TemporaryDestinations}; what happens to the messages themselves in {@link Destinations}. Everything
 * arrives through {@link EngineInputs}; clients are answered through {@link ClientEgress}, what must survive a
 * restart goes to {@link Durability}. A request that cannot be honoured gets an error with a stable code and a
 * message naming the problem; nothing already accepted is lost. One thread at a time.
 */
public final class MessagingEngine implements EngineInputs
{
    private static final Comparator<Consumer> BY_CONSUMER_ID = Comparator.comparingLong(Consumer::consumerId);

    private final Destinations destinations;
    private final ProducerFlowControl flowControl = new ProducerFlowControl();
    private final AccessChecks access;
    private final Subscriptions subscriptions;
    private final TemporaryDestinations temporaries;
    private final ClientEgress egress;
    private final DurableWaiters waiters = new DurableWaiters();
    private final Sends sends;
    private final DestinationChecks checks;
    private final Sessions sessions;
    private final Transactions transactions;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final XaBranches xa;
    private ManagementPort management = ManagementPort.NONE;
    private long nowMs;

    /**
     * @param settings                  destinations, their policies and the expiry scan.
     * @param maxJournaledMessageLength largest persistent message the durable store takes: a host limit, given.
     * @param nowMs                     the time at start, ms since the epoch.
     * @param security                  who may do what, and the limits.
     * @param egress                    where answers and deliveries go.
     */
    public MessagingEngine(final EngineSettings settings, final int maxJournaledMessageLength, final long nowMs,
        final BrokerSecurity security, final ClientEgress egress)
    {
        this.access = new AccessChecks(security);
        this.egress = egress;
        this.destinations = new Destinations(settings, nowMs);
        this.subscriptions = new Subscriptions(this, destinations, access);
        this.temporaries = new TemporaryDestinations(destinations, access);
        this.checks = new DestinationChecks(destinations, temporaries, access);
        this.sessions = new Sessions(checks, access, subscriptions);
        this.sends = new Sends(this, destinations, access, flowControl, waiters, maxJournaledMessageLength);
        this.transactions = new Transactions(destinations, waiters);
        this.xa = new XaBranches(connections, destinations, waiters, egress);
        this.nowMs = nowMs;
    }

    /**
     * @return the queues, topics and their messages.
     */
    public Destinations destinations()
    {
        return destinations;
    }

    /**
     * @return the routing rules read back at recovery that no longer fit, each in words; empty if none.
     */
    public List<String> routingRecoveryProblems()
    {
        return destinations.routing.recoveryProblems();
    }

    /**
     * @return the engine's time, ms since the epoch.
     */
    public long nowMs()
    {
        return nowMs;
    }

    /**
     * Sends to the management queue are answered by this port from now on, instead of being queued.
     *
     * @param management the management service.
     */
    public void management(final ManagementPort management)
    {
        this.management = management;
    }

    /**
     * @param observer told of every message finally acknowledged from now on; {@link AckObserver#NONE} to stop.
     */
    public void ackObserver(final AckObserver observer)
    {
        destinations.ackObserver = observer;
    }

    /**
     * Writes to this durable store from now on.
     *
     * @param durability   the store.
     * @param pagingWindow most persistent messages of one queue kept in memory; the rest stay in the store.
     */
    public void durability(final Durability durability, final int pagingWindow)
    {
        destinations.durability(durability, pagingWindow);
    }

    /**
     * @return the durable store written to.
     */
    public Durability durability()
    {
        return destinations.durability();
    }

    /**
     * Rebuilds destinations, durable subscriptions and their messages from what a durable store holds, before the
     * engine serves.
     *
     * @param store   what to read.
     * @param crashed true if the broker did not shut down cleanly: recovered messages count one more delivery.
     * @return messages recovered into memory.
     */
    public long recover(final RecoverySource store, final boolean crashed)
    {
        destinations.recovering(true);
        try
        {
            for (final DurableSubscription subscription : destinations.recoverDestinations(store))
            {
                subscriptions.recoverSubscription(subscription);
            }
            // Before the messages: those a prepared XA branch acknowledged are claimed by it as they are read.
            xa.recover(store.readXaBranches());
            destinations.routing.recover(store.readRoutes());
            destinations.replays.recover(store.readReplays());
            return destinations.recoverMessages(store, crashed);
        }
        finally
        {
            destinations.recovering(false);
        }
    }

    /**
     * Durable subscriptions by name (a gateway finds a persistent session's subscriptions so, after a restart too).
     *
     * @param clientId   the subscriber's client id, empty for shared subscriptions made without one.
     * @param shared     shared or unshared ones.
     * @param namePrefix what their names start with.
     * @return the subscriptions, in the order of their names; each queue's name is its registry key, which ends
     * with the subscription's name.
     */
    public List<io.aeolus.broker.destination.MessageQueue> durableSubscriptions(final String clientId,
        final boolean shared, final String namePrefix)
    {
        return subscriptions.durableSubscriptionsNamed(clientId, shared, namePrefix);
    }

    /**
     * @return the connections logged in, in the order they logged in.
     */
    List<EngineConnection> connections()
    {
        return connections.inOrder();
    }

    /**
     * @param clientId a client id.
     * @return true if a logged-in connection holds it.
     */
    public boolean isClientIdInUse(final String clientId)
    {
        return connections.isClientIdInUse(clientId);
    }

    /**
     * @param user a user name.
     * @return connections logged in as that user (not anonymous).
     */
    public int connectionsOf(final String user)
    {
        return connections.connectionsOf(user);
    }

    /**
     * @return destinations whose producers are blocked by flow control.
     */
    public int blockedDestinationCount()
    {
        return flowControl.blockedCount();
    }

    /** {@inheritDoc} */
    public XaInputs xa()
    {
        return xa;
    }

    ManagementPort management()
    {
        return management;
    }

    DestinationChecks checks()
    {
        return checks;
    }

    Sends sends()
    {
        return sends;
    }

    Subscriptions subscriptions()
    {
        return subscriptions;
    }

    TemporaryDestinations temporaries()
    {
        return temporaries;
    }

    /**
     * @return sends, commits and management replies still waiting for the durable store before they are answered.
     */
    public int awaitingDurability()
    {
        return waiters.size();
    }

    DurableWaiters waiters()
    {
        return waiters;
    }

    /** {@inheritDoc} */
    public void advanceTime(final long nowMs)
    {
        this.nowMs = nowMs;
        destinations.time(nowMs);
    }

    /** {@inheritDoc} */
    public int dispatch()
    {
        return destinations.dispatchDirty() + flowControl.releaseUnblocked();
    }

    /** {@inheritDoc} */
    public int onTimer(final long nowMs)
    {
        advanceTime(nowMs);
        int workCount = 0;
        final List<EngineConnection> inOrder = connections.inOrder();
        for (int i = 0, size = inOrder.size(); i < size; i++)
        {
            final ArrayList<Consumer> consumers = inOrder.get(i).consumersInOrder;
            for (int j = 0, count = consumers.size(); j < count; j++)
            {
                workCount += consumers.get(j).onTimer(nowMs);
            }
        }
        return workCount + destinations.onTimer() + xa.onTimer(nowMs);
    }

    /** {@inheritDoc} */
    public void onDurable(final long position)
    {
        waiters.onDurable(position);
    }

    /** {@inheritDoc} */
    public void onDurabilityFailed(final long durablePosition, final String failure)
    {
        waiters.onFailed(durablePosition, failure);
    }

    /** {@inheritDoc} */
    public void onPage(final String queue, final List<StoredReference> references)
    {
        destinations.onPage(queue, references);
    }

    /** {@inheritDoc} */
    public void onConnected(final long connectionId, final String clientId, final Principal principal,
        final String source)
    {
        final EngineConnection connection = new EngineConnection(connectionId, clientId, principal, source, egress);
        connections.add(connection);
    }

    /** {@inheritDoc} */
    public void onConnectionClosed(final long connectionId)
    {
        final EngineConnection connection = connections.remove(connectionId);
        if (null == connection)
        {
            return;
        }
        xa.onConnectionClosed(connection);
        final ArrayList<Consumer> closing = new ArrayList<>(connection.consumersInOrder);
        // In id order: what is dead-lettered on the way must land in the same order every time.
        closing.sort(BY_CONSUMER_ID);
        for (final Consumer consumer : closing)
        {
            // JMS: what a closed or dead consumer held unacknowledged comes back flagged redelivered.
            subscriptions.closeConsumer(connection, consumer, Long.MAX_VALUE);
        }
        connection.sessions.clear();
        flowControl.onConnectionClosed(connection);
        temporaries.onConnectionClosed(connection);
    }

    /** {@inheritDoc} */
    public void onSetClientId(final long connectionId, final long correlationId, final String clientId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        if (!connection.clientId.isEmpty() || !connection.sessions.isEmpty())
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "client id can no longer be set");
            return;
        }
        final boolean inUse = null != clientId && !clientId.isEmpty() && connections.isClientIdInUse(clientId);
        if (null == clientId || clientId.isEmpty() || inUse)
        {
            connection.sendError(correlationId, EngineError.INVALID_CLIENT_ID,
                inUse ? "client id '" + clientId + "' is in use by another connection" : "client id is empty");
            return;
        }
        connection.clientId = clientId;
        connection.sendOk(correlationId, 0);
    }

    /** {@inheritDoc} */
    public void onCreateSession(final long connectionId, final long correlationId, final long sessionId,
        final AckMode ackMode)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            sessions.onCreateSession(connection, correlationId, sessionId, ackMode);
        }
    }

    /** {@inheritDoc} */
    public void onCloseSession(final long connectionId, final long correlationId, final long sessionId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            xa.onSessionClosing(connection.sessions.get(sessionId));
            sessions.onCloseSession(connection, correlationId, sessionId);
        }
    }

    /** {@inheritDoc} */
    public void onCreateProducer(final long connectionId, final long correlationId, final long sessionId,
        final long producerId, final DestinationType type, final String destination)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            sessions.onCreateProducer(connection, correlationId, sessionId, producerId, type, destination);
        }
    }

    /** {@inheritDoc} */
    public void onCloseProducer(final long connectionId, final long correlationId, final long producerId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            sessions.onCloseProducer(connection, correlationId, producerId);
        }
    }

    /** {@inheritDoc} */
    public void onCreateConsumer(final long connectionId, final ConsumerRequest request)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onCreateConsumer(connection, request);
        }
    }

    /** {@inheritDoc} */
    public void onCloseConsumer(final long connectionId, final long correlationId, final long consumerId,
        final long lastConsumedDeliveryId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onCloseConsumer(connection, correlationId, consumerId, lastConsumedDeliveryId);
        }
    }

    /** {@inheritDoc} */
    public void onConsumerCredit(final long connectionId, final long consumerId, final int credit)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onConsumerCredit(connection, consumerId, credit);
        }
    }

    /** {@inheritDoc} */
    public void onPull(final long connectionId, final long correlationId, final long consumerId,
        final long timeoutMs)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onPull(connection, correlationId, consumerId, timeoutMs);
        }
    }

    /** {@inheritDoc} */
    public void onSend(final long connectionId, final long correlationId, final long sessionId,
        final long producerId, final DirectBuffer buffer, final int offset, final int length)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        final BrokerMessage message;
        try
        {
            message = BrokerMessage.decode(destinations.nextMessageId(), buffer, offset, length);
        }
        catch (final IllegalArgumentException ex)
        {
            connection.sendError(correlationId, EngineError.MESSAGE_FORMAT, "malformed message: " + ex.getMessage());
            return;
        }
        sends.onSend(connection, correlationId, sessionId, producerId, message);
    }

    /** {@inheritDoc} */
    public void onAck(final long connectionId, final long consumerId, final long deliveryId,
        final boolean cumulative)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            transactions.acknowledge(connection, consumerId, deliveryId, cumulative);
        }
    }

    /** {@inheritDoc} */
    public void onAckComplete(final long connectionId, final long correlationId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            connection.sendOk(correlationId, 0);
        }
    }

    /** {@inheritDoc} */
    public void onRecover(final long connectionId, final long correlationId, final long sessionId,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        transactions.takeBackAll(connection, correlationId, session, lastConsumedByConsumer);
    }

    /** {@inheritDoc} */
    public void onCommit(final long connectionId, final long correlationId, final long sessionId,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session || !session.isTransacted())
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "session " + sessionId + " is not transacted");
            return;
        }
        transactions.commit(connection, correlationId, session, lastConsumedByConsumer);
    }

    /** {@inheritDoc} */
    public void onRollback(final long connectionId, final long correlationId, final long sessionId,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session || !session.isTransacted())
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "session " + sessionId + " is not transacted");
            return;
        }
        session.endTransaction();
        transactions.takeBackAll(connection, correlationId, session, lastConsumedByConsumer);
    }

    /** {@inheritDoc} */
    public void onConnectionFlow(final long connectionId, final long correlationId, final boolean started,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            transactions.connectionFlow(connection, correlationId, started, lastConsumedByConsumer);
        }
    }

    /** {@inheritDoc} */
    public void onUnsubscribe(final long connectionId, final long correlationId, final String subscriptionName)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onUnsubscribe(connection, correlationId, subscriptionName);
        }
    }

    /** {@inheritDoc} */
    public void onCreateTemporaryDestination(final long connectionId, final long correlationId,
        final DestinationType type, final String name)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            temporaries.onCreate(connection, correlationId, type, name);
        }
    }

    /** {@inheritDoc} */
    public void onDeleteTemporaryDestination(final long connectionId, final long correlationId,
        final DestinationType type, final String name)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            temporaries.onDelete(connection, correlationId, name);
        }
    }

    ProducerFlowControl flowControl()
    {
        return flowControl;
    }

    AccessChecks access()
    {
        return access;
    }

    ClientEgress egress()
    {
        return egress;
    }
}
