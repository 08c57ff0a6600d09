package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.security.Principal;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.StoredReference;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
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
    static final int MAX_DESTINATION_NAME_LENGTH = 255;
    private static final Comparator<Consumer> BY_CONSUMER_ID = Comparator.comparingLong(Consumer::consumerId);

    private final Destinations destinations;
    private final ProducerFlowControl flowControl = new ProducerFlowControl();
    private final AccessChecks access;
    private final Subscriptions subscriptions;
    private final TemporaryDestinations temporaries;
    private final ClientEgress egress;
    private final DurableWaiters waiters = new DurableWaiters();
    private final int maxJournaledMessageLength;
    private final Long2ObjectHashMap<EngineConnection> connections = new Long2ObjectHashMap<>();
    private final ArrayList<EngineConnection> connectionsInOrder = new ArrayList<>();
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
        this.maxJournaledMessageLength = maxJournaledMessageLength;
        this.destinations = new Destinations(settings, nowMs);
        this.subscriptions = new Subscriptions(this, destinations, access);
        this.temporaries = new TemporaryDestinations(destinations, access);
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
            return destinations.recoverMessages(store, crashed);
        }
        finally
        {
            destinations.recovering(false);
        }
    }

    /**
     * @return the connections logged in, in the order they logged in.
     */
    List<EngineConnection> connections()
    {
        return connectionsInOrder;
    }

    /**
     * @param clientId a client id.
     * @return true if a logged-in connection holds it.
     */
    public boolean isClientIdInUse(final String clientId)
    {
        for (int i = 0, size = connectionsInOrder.size(); i < size; i++)
        {
            if (clientId.equals(connectionsInOrder.get(i).clientId))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param user a user name.
     * @return connections logged in as that user (not anonymous).
     */
    public int connectionsOf(final String user)
    {
        int count = 0;
        for (int i = 0, size = connectionsInOrder.size(); i < size; i++)
        {
            final Principal principal = connectionsInOrder.get(i).principal;
            if (null != principal && !principal.isAnonymous() && user.equals(principal.name()))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * @return destinations whose producers are blocked by flow control.
     */
    public int blockedDestinationCount()
    {
        return flowControl.blockedCount();
    }

    Subscriptions subscriptions()
    {
        return subscriptions;
    }

    TemporaryDestinations temporaries()
    {
        return temporaries;
    }

    DurableWaiters waiters()
    {
        return waiters;
    }

    /**
     * {@inheritDoc}
     */
    public void advanceTime(final long nowMs)
    {
        this.nowMs = nowMs;
        destinations.time(nowMs);
    }

    /**
     * {@inheritDoc}
     */
    public int dispatch()
    {
        return destinations.dispatchDirty() + flowControl.releaseUnblocked();
    }

    /**
     * {@inheritDoc}
     */
    public int onTimer(final long nowMs)
    {
        advanceTime(nowMs);
        int workCount = 0;
        for (int i = 0, size = connectionsInOrder.size(); i < size; i++)
        {
            final ArrayList<Consumer> consumers = connectionsInOrder.get(i).consumersInOrder;
            for (int j = 0, count = consumers.size(); j < count; j++)
            {
                workCount += consumers.get(j).onTimer(nowMs);
            }
        }
        return workCount + destinations.onTimer();
    }

    /**
     * {@inheritDoc}
     */
    public void onDurable(final long position)
    {
        waiters.onDurable(position);
    }

    /**
     * {@inheritDoc}
     */
    public void onDurabilityFailed(final long durablePosition, final String failure)
    {
        waiters.onFailed(durablePosition, failure);
    }

    /**
     * {@inheritDoc}
     */
    public void onPage(final String queue, final List<StoredReference> references)
    {
        destinations.onPage(queue, references);
    }

    /**
     * {@inheritDoc}
     */
    public void onConnected(final long connectionId, final String clientId, final Principal principal,
        final String source)
    {
        final EngineConnection connection = new EngineConnection(connectionId, clientId, principal, source, egress);
        connections.put(connectionId, connection);
        connectionsInOrder.add(connection);
    }

    /**
     * {@inheritDoc}
     */
    public void onConnectionClosed(final long connectionId)
    {
        final EngineConnection connection = connections.remove(connectionId);
        if (null == connection)
        {
            return;
        }
        connectionsInOrder.remove(connection);
        final ArrayList<Consumer> consumers = new ArrayList<>(connection.consumersInOrder);
        // In id order: what is dead-lettered on the way must land in the same order every time.
        consumers.sort(BY_CONSUMER_ID);
        for (final Consumer consumer : consumers)
        {
            // JMS: what a closed or dead consumer held unacknowledged comes back flagged redelivered.
            subscriptions.closeConsumer(connection, consumer, Long.MAX_VALUE);
        }
        connection.sessions.clear();
        flowControl.onConnectionClosed(connection);
        temporaries.onConnectionClosed(connection);
    }

    /**
     * {@inheritDoc}
     */
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
        final boolean inUse = null != clientId && !clientId.isEmpty() && isClientIdInUse(clientId);
        if (null == clientId || clientId.isEmpty() || inUse)
        {
            connection.sendError(correlationId, EngineError.INVALID_CLIENT_ID,
                inUse ? "client id '" + clientId + "' is in use by another connection" : "client id is empty");
            return;
        }
        connection.clientId = clientId;
        connection.sendOk(correlationId, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void onCreateSession(final long connectionId, final long correlationId, final long sessionId,
        final AckMode ackMode)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        if (ackMode == AckMode.NULL_VAL)
        {
            connection.sendError(correlationId, EngineError.INVALID_ARGUMENT, "unknown acknowledge mode");
            return;
        }
        if (connection.sessions.containsKey(sessionId))
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "session " + sessionId + " already exists");
            return;
        }
        if (AccessChecks.overLimit(
            connection, correlationId, access.limits().checkSessions(connection.sessions.size())))
        {
            return;
        }
        connection.sessions.put(sessionId, new SessionState(sessionId, ackMode));
        connection.sendOk(correlationId, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void onCloseSession(final long connectionId, final long correlationId, final long sessionId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        final SessionState session = connection.sessions.remove(sessionId);
        if (null != session)
        {
            for (final Consumer consumer : new ArrayList<>(session.consumers))
            {
                subscriptions.closeConsumer(connection, consumer, Long.MAX_VALUE);
            }
            session.transactedSends.clear();
        }
        // The client closes a session without closing its producers one by one: they go with it.
        connection.producers.values().removeIf((producer) -> producer.sessionId() == sessionId);
        connection.sendOk(correlationId, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void onCreateProducer(final long connectionId, final long correlationId, final long sessionId,
        final long producerId, final DestinationType type, final String destination)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        if (!connection.sessions.containsKey(sessionId))
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        if (type != DestinationType.NONE)
        {
            final String problem = destinationProblem(type, destination);
            if (null != problem)
            {
                connection.sendError(correlationId, EngineError.INVALID_DESTINATION, problem);
                return;
            }
            if (!isTemporary(type) && access.denied(connection, correlationId, Permission.SEND, destination))
            {
                return;
            }
        }
        connection.producers.put(producerId, type == DestinationType.NONE ?
            new ProducerState(sessionId, DestinationType.NONE, "") : new ProducerState(sessionId, type, destination));
        connection.sendOk(correlationId, 0);
    }

    /**
     * {@inheritDoc}
     */
    public void onCloseProducer(final long connectionId, final long correlationId, final long producerId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            connection.producers.remove(producerId);
            connection.sendOk(correlationId, 0);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCreateConsumer(final long connectionId, final ConsumerRequest request)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onCreateConsumer(connection, request);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCloseConsumer(final long connectionId, final long correlationId, final long consumerId,
        final long lastConsumedDeliveryId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onCloseConsumer(connection, correlationId, consumerId, lastConsumedDeliveryId);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onConsumerCredit(final long connectionId, final long consumerId, final int credit)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onConsumerCredit(connection, consumerId, credit);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onPull(final long connectionId, final long correlationId, final long consumerId,
        final long timeoutMs)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onPull(connection, correlationId, consumerId, timeoutMs);
        }
    }

    /**
     * {@inheritDoc}
     */
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
        onSend(connection, correlationId, sessionId, producerId, message);
    }

    private void onSend(final EngineConnection connection, final long correlationId, final long sessionId,
        final long producerId, final BrokerMessage message)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        final DestinationType type = message.destinationType();
        final String name = message.destination();
        final String problem = destinationProblem(type, name);
        if (null != problem)
        {
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION, problem);
            return;
        }
        if (!isTemporary(type) && (access.denied(connection, correlationId, Permission.SEND, name) ||
            creationRefused(connection, correlationId, type, name)) || managed(connection, correlationId, message))
        {
            return;
        }
        final boolean isTopic = Destinations.isTopic(type);
        final MessageQueue queue = isTopic ? null : destinations.queueForUse(name);
        final Topic topic = isTopic ? destinations.topicForUse(name) : null;
        final DestinationPolicy policy = isTopic ? topic.policy() : queue.policy();
        final boolean full = isTopic ? topic.isOverMemoryLimit() : queue.isOverMemoryLimit();
        if (full && isRefused(policy, queue, topic))
        {
            connection.sendError(correlationId, EngineError.RESOURCE_ALLOCATION, "destination '" + name +
                "' is over its memory limit of " + policy.memoryLimitBytes() + " bytes: the message was refused");
            return;
        }
        if (journalRefuses(connection, correlationId, message))
        {
            return;
        }
        final long position;
        if (session.isTransacted())
        {
            session.transactedSends.add(message);
            position = 0;
        }
        else
        {
            position = destinations.route(message);
        }
        if (0 == position)
        {
            confirmSend(connection, correlationId, producerId, queue, topic, full);
        }
        else
        {
            // A persistent send is confirmed only once what routing it wrote is durable.
            waiters.whenDurable(position,
                () -> confirmSend(connection, correlationId, producerId, queue, topic, full),
                (failure) -> connection.sendError(correlationId, EngineError.RESOURCE_ALLOCATION,
                "the journal failed before the message was stored: " + failure));
        }
    }

    /**
     * A send to the management queue, once allowed (the send permission there is manage), is answered by the
     * management service, never queued.
     */
    private boolean managed(final EngineConnection connection, final long correlationId, final BrokerMessage message)
    {
        if (ManagementPort.NONE == management || message.destinationType() != DestinationType.QUEUE ||
            !AccessPolicy.MANAGEMENT_QUEUE.equals(message.destination()))
        {
            return false;
        }
        connection.sendOk(correlationId, 0);
        management.onRequest(message, (permission, name) -> access.denial(connection, permission, name));
        return true;
    }

    private boolean journalRefuses(final EngineConnection connection, final long correlationId,
        final BrokerMessage message)
    {
        final String problem = journalProblem(message);
        if (null == problem)
        {
            return false;
        }
        connection.sendError(correlationId, null != waiters.failure() ? EngineError.RESOURCE_ALLOCATION :
            EngineError.MESSAGE_TOO_LARGE, problem);
        return true;
    }

    /**
     * @return why the durable store cannot take this message (it failed, or the message is too large), or null.
     */
    String journalProblem(final BrokerMessage message)
    {
        if (!message.isPersistent())
        {
            return null;
        }
        if (null != waiters.failure())
        {
            return "the journal failed, so persistent messages are refused: " + waiters.failure();
        }
        if (destinations.durability().isPersistent() && message.encodedLength() > maxJournaledMessageLength)
        {
            // Journaling takes several times a message's size in heap; one huge message could exhaust it and fail
            // the journal for every producer. Refuse the one message instead.
            return "a persistent message may be at most " + maxJournaledMessageLength + " bytes, an eighth of " +
                "the broker's heap (this one is " + message.encodedLength() + "): send it non-persistent, split " +
                "it, or give the broker more heap";
        }
        return null;
    }

    int maxJournaledMessageLength()
    {
        return maxJournaledMessageLength;
    }

    private void confirmSend(final EngineConnection connection, final long correlationId, final long producerId,
        final MessageQueue queue, final Topic topic, final boolean full)
    {
        if (full)
        {
            flowControl.onBlockedSend(queue, topic, connection, producerId, correlationId);
        }
        else
        {
            connection.sendOk(correlationId, 0);
        }
    }

    /**
     * A send to a full destination is refused under the FAIL policy, and under BLOCK too once the destination holds
     * twice its limit: a producer that ignores flow control cannot exhaust the broker's memory.
     */
    private static boolean isRefused(final DestinationPolicy policy, final MessageQueue queue, final Topic topic)
    {
        if (policy.memoryLimitPolicy() == MemoryLimitPolicy.FAIL)
        {
            return true;
        }
        final long hardLimit = 2 * policy.memoryLimitBytes();
        if (null != queue)
        {
            return queue.heldBytes() >= hardLimit;
        }
        for (final MessageQueue subscription : topic.subscriptions())
        {
            if (subscription.heldBytes() >= hardLimit)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public void onAck(final long connectionId, final long consumerId, final long deliveryId,
        final boolean cumulative)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            acknowledge(connection, consumerId, deliveryId, cumulative);
        }
    }

    private void acknowledge(final EngineConnection connection, final long consumerId, final long deliveryId,
        final boolean cumulative)
    {
        final Consumer consumer = connection.consumers.get(consumerId);
        if (null != consumer)
        {
            final List<QueueEntry> acked = consumer.acknowledge(deliveryId, cumulative);
            destinations.acknowledge(consumer.queue(), acked);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onAckComplete(final long connectionId, final long correlationId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            connection.sendOk(correlationId, 0);
        }
    }

    /**
     * {@inheritDoc}
     */
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
        takeBackAll(connection, correlationId, session, lastConsumedByConsumer);
    }

    private void takeBackAll(final EngineConnection connection, final long correlationId,
        final SessionState session, final Map<Long, Long> lastConsumedByConsumer)
    {
        for (final Consumer consumer : session.consumers)
        {
            final Long lastConsumed = lastConsumedByConsumer.get(consumer.consumerId());
            destinations.takeBack(consumer, null == lastConsumed ? 0 : lastConsumed);
            consumer.resetCredit();
        }
        // The client discards deliveries numbered below this: the ones just taken back.
        connection.sendOk(correlationId, connection.nextDeliveryId);
    }

    /**
     * {@inheritDoc}
     */
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
        // JMS: a commit is atomic; its acknowledgements and sends are one journal record, confirmed once durable.
        final Durability durability = destinations.durability();
        durability.beginGroup();
        // In consumer id order, whatever map the adapter built: the journal record must not depend on hash order.
        final long[] consumerIds = sortedKeys(lastConsumedByConsumer);
        for (final long consumerId : consumerIds)
        {
            acknowledge(connection, consumerId, lastConsumedByConsumer.get(consumerId), true);
        }
        for (final BrokerMessage message : session.transactedSends)
        {
            destinations.route(message);
        }
        session.transactedSends.clear();
        final long position = durability.endGroup();
        final long nextDeliveryId = connection.nextDeliveryId;
        waiters.whenDurable(position, () -> connection.sendOk(correlationId, nextDeliveryId),
            (failure) -> connection.sendError(correlationId, EngineError.TRANSACTION_ROLLED_BACK,
            "the journal failed during commit: " + failure));
    }

    private static long[] sortedKeys(final Map<Long, Long> map)
    {
        final long[] keys = new long[map.size()];
        int i = 0;
        for (final Long key : map.keySet())
        {
            keys[i++] = key;
        }
        Arrays.sort(keys);
        return keys;
    }

    /**
     * {@inheritDoc}
     */
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
        session.transactedSends.clear();
        takeBackAll(connection, correlationId, session, lastConsumedByConsumer);
    }

    /**
     * {@inheritDoc}
     */
    public void onUnsubscribe(final long connectionId, final long correlationId, final String subscriptionName)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            subscriptions.onUnsubscribe(connection, correlationId, subscriptionName);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onCreateTemporaryDestination(final long connectionId, final long correlationId,
        final DestinationType type, final String name)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            temporaries.onCreate(connection, correlationId, type, name);
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onDeleteTemporaryDestination(final long connectionId, final long correlationId,
        final DestinationType type, final String name)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null != connection)
        {
            temporaries.onDelete(connection, correlationId, name);
        }
    }

    /**
     * A destination used for the first time is created: that needs the createDestination permission and room
     * under the destination limit.
     */
    boolean creationRefused(final EngineConnection connection, final long correlationId,
        final DestinationType type, final String name)
    {
        final boolean exists = Destinations.isTopic(type) ?
            destinations.topics().containsKey(name) : destinations.queues().containsKey(name);
        if (exists)
        {
            return false;
        }
        return access.denied(connection, correlationId, Permission.CREATE_DESTINATION, name) ||
            AccessChecks.overLimit(connection, correlationId,
            access.limits().checkDestinations(destinations.queues().size() + destinations.topics().size()));
    }

    String destinationProblem(final DestinationType type, final String name)
    {
        if (type == DestinationType.NULL_VAL || type == DestinationType.NONE)
        {
            return "no destination type";
        }
        final String problem = nameProblem(name);
        if (null != problem)
        {
            return problem;
        }
        if (isTemporary(type))
        {
            return temporaries.exists(name) ? null : "temporary destination '" + name + "' no longer exists";
        }
        if (!destinations.isUsable(type, name))
        {
            return (Destinations.isTopic(type) ? "topic '" : "queue '") + name + "' does not exist, and " +
                "destinations matching its name are not created on first use";
        }
        return null;
    }

    static String nameProblem(final String name)
    {
        if (null == name || name.isEmpty())
        {
            return "destination name is empty";
        }
        if (name.length() > MAX_DESTINATION_NAME_LENGTH)
        {
            return "destination name longer than " + MAX_DESTINATION_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (Character.isISOControl(name.charAt(i)))
            {
                return "destination name contains a control character at " + i;
            }
        }
        return null;
    }

    static boolean isTemporary(final DestinationType type)
    {
        return type == DestinationType.TEMPORARY_QUEUE || type == DestinationType.TEMPORARY_TOPIC;
    }
}
