package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.selector.SelectorParseException;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.H2Journal;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.ErrorCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messaging half of the conductor: sessions, producers, consumers, sends with producer flow control,
 * acknowledgement, recover, transactions, subscriptions and temporary destinations. What happens to the messages
 * themselves is {@link Destinations}' business. Every method runs on the conductor thread and answers the client
 * through its {@link ClientConnection}. A request that cannot be honoured gets an {@code Error} with a stable code
 * and a message naming the problem; nothing already accepted is lost.
 */
final class MessagingEngine
{
    static final int MAX_DESTINATION_NAME_LENGTH = 255;
    private static final Comparator<Consumer> BY_CONSUMER_ID = Comparator.comparingLong(Consumer::consumerId);

    /**
     * Largest persistent message the journal takes: an eighth of the heap (at least 1 MiB), since the broker holds a
     * message several times over while it journals it (the reassembled frame, the stored copy, H2's chunk buffer);
     * larger ones travel only as non-persistent messages.
     */
    static final int MAX_JOURNALED_MESSAGE_LENGTH =
        (int)Math.min(Integer.MAX_VALUE, Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 8));

    private final Destinations destinations;
    private final ProducerFlowControl flowControl = new ProducerFlowControl();
    private final AccessChecks access;
    private final Map<String, MessageQueue> durableSubscriptions = new HashMap<>();
    private final Map<String, MessageQueue> sharedSubscriptions = new HashMap<>();
    private final Map<String, Long> temporaryOwners = new HashMap<>();
    private ManagementService management;
    private long nowMs;
    private long nowNs;

    MessagingEngine(final EngineSettings settings, final long nowMs, final BrokerSecurity security)
    {
        this.access = new AccessChecks(security);
        this.destinations = new Destinations(settings, nowMs);
        this.nowMs = nowMs;
    }

    void time(final long nowMs, final long nowNs)
    {
        this.nowMs = nowMs;
        this.nowNs = nowNs;
        destinations.time(nowMs);
    }

    Destinations destinations()
    {
        return destinations;
    }

    long nowMs()
    {
        return nowMs;
    }

    /**
     * Sends to the management queue are answered by this service from now on, instead of being queued.
     */
    void management(final ManagementService management)
    {
        this.management = management;
    }

    /**
     * Journals from now on.
     */
    void journal(final BrokerJournal journal, final int pagingWindow)
    {
        destinations.journal(journal, pagingWindow);
    }

    /**
     * Rebuilds destinations, durable subscriptions and their messages from the journal's store, before the
     * conductor starts serving.
     *
     * @return messages recovered into memory.
     */
    long recover(final H2Journal store, final boolean crashed)
    {
        destinations.recovering(true);
        try
        {
            for (final DurableSubscription subscription : destinations.recoverDestinations(store))
            {
                recoverSubscription(subscription);
            }
            return destinations.recoverMessages(store, crashed);
        }
        finally
        {
            destinations.recovering(false);
        }
    }

    private void recoverSubscription(final DurableSubscription subscription)
    {
        final String key = subscription.queue().substring(2);
        Topic topic = destinations.topics().get(subscription.topic());
        if (null == topic)
        {
            topic = destinations.createTopic(subscription.topic(), DestinationType.TOPIC);
        }
        Selector selector;
        try
        {
            selector = Selector.parse(subscription.selector());
        }
        catch (final SelectorParseException ex)
        {
            selector = Selector.MATCH_ALL;
        }
        // The subscriber's connection is gone; noLocal is kept in the journal but cannot name a connection here.
        durableSubscriptions.put(key, destinations.createDurableSubscription(topic, key, selector, 0,
            new Destinations.DurableSubscriptionInfo(subscription.clientId(), subscription.subscriptionName(),
            subscription.isNoLocal(), subscription.isShared())));
    }

    ProducerFlowControl flowControl()
    {
        return flowControl;
    }

    Map<String, MessageQueue> queues()
    {
        return destinations.queues();
    }

    Map<String, Topic> topics()
    {
        return destinations.topics();
    }

    void onCreateSession(final ClientConnection connection, final long correlationId, final long sessionId,
        final AckMode ackMode)
    {
        if (ackMode == AckMode.NULL_VAL)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_ARGUMENT, "unknown acknowledge mode");
            return;
        }
        if (connection.sessions.containsKey(sessionId))
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "session " + sessionId + " already exists");
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

    void onCloseSession(final ClientConnection connection, final long correlationId, final long sessionId)
    {
        final SessionState session = connection.sessions.remove(sessionId);
        if (null != session)
        {
            for (final Consumer consumer : new ArrayList<>(session.consumers))
            {
                closeConsumer(connection, consumer, Long.MAX_VALUE);
            }
            session.transactedSends.clear();
        }
        // The client closes a session without closing its producers one by one: they go with it.
        connection.producers.values().removeIf((producer) -> producer.sessionId() == sessionId);
        connection.sendOk(correlationId, 0);
    }

    void onCreateProducer(final ClientConnection connection, final long correlationId, final long sessionId,
        final long producerId, final DestinationType type, final String destination)
    {
        if (!connection.sessions.containsKey(sessionId))
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        if (type != DestinationType.NONE)
        {
            final String problem = destinationProblem(connection, type, destination);
            if (null != problem)
            {
                connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION, problem);
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

    private boolean consumerRefused(
        final ClientConnection connection, final ConsumerRequest request, final SessionState session)
    {
        final long correlationId = request.correlationId;
        if (!isTemporary(request.destinationType) && (access.denied(connection, correlationId,
            request.browser ? Permission.BROWSE : Permission.CONSUME, request.destination) ||
            creationRefused(connection, correlationId, request.destinationType, request.destination)))
        {
            return true;
        }
        return AccessChecks.overLimit(connection, correlationId,
            access.limits().checkConsumers(session.consumers.size()));
    }

    /**
     * A destination used for the first time is created: that needs the createDestination permission and room
     * under the destination limit.
     */
    private boolean creationRefused(final ClientConnection connection, final long correlationId,
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

    void onCloseProducer(final ClientConnection connection, final long correlationId, final long producerId)
    {
        connection.producers.remove(producerId);
        connection.sendOk(correlationId, 0);
    }

    void onCreateConsumer(final ClientConnection connection, final ConsumerRequest request)
    {
        final long correlationId = request.correlationId;
        final SessionState session = connection.sessions.get(request.sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "no session " + request.sessionId);
            return;
        }
        if (connection.consumers.containsKey(request.consumerId) || request.prefetch < 0)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_ARGUMENT, "consumer id in use or negative prefetch");
            return;
        }
        final String problem = destinationProblem(connection, request.destinationType, request.destination);
        if (null != problem)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION, problem);
            return;
        }
        final Long temporaryOwner = temporaryOwners.get(request.destination);
        if (isTemporary(request.destinationType) && !request.browser &&
            (null == temporaryOwner || temporaryOwner != connection.connectionId))
        {
            // JMS 6.2.2: only the connection that created a temporary destination may consume from it.
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION, "temporary destination '" +
                request.destination + "' does not exist or belongs to another connection");
            return;
        }
        if (consumerRefused(connection, request, session))
        {
            return;
        }
        final Selector selector;
        try
        {
            selector = Selector.parse(request.selector);
        }
        catch (final SelectorParseException ex)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_SELECTOR, ex.getMessage());
            return;
        }
        final boolean isTopic = request.destinationType == DestinationType.TOPIC ||
            request.destinationType == DestinationType.TEMPORARY_TOPIC;
        if (isTopic && request.browser)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION, "a topic cannot be browsed");
            return;
        }
        if (isTopic)
        {
            subscribe(connection, session, request, selector);
        }
        else
        {
            final MessageQueue queue = destinations.queueForUse(request.destination);
            final Consumer consumer = new Consumer(request.consumerId, request.sessionId, connection.connectionId,
                connection, selector, request.prefetch, request.noLocal, request.browser);
            attach(connection, correlationId, session, queue, consumer);
        }
    }

    private void subscribe(final ClientConnection connection, final SessionState session,
        final ConsumerRequest request, final Selector selector)
    {
        final Topic topic = destinations.topicForUse(request.destination);
        final long correlationId = request.correlationId;
        final MessageQueue subscription;
        if (!request.durable && !request.shared)
        {
            subscription = destinations.createSubscription(topic,
                "nondurable:" + connection.connectionId + ":" + request.consumerId, selector,
                request.noLocal ? connection.connectionId : 0);
        }
        else
        {
            subscription = namedSubscription(connection, request, topic, selector);
            if (null == subscription)
            {
                return;
            }
        }
        final Consumer consumer = new Consumer(request.consumerId, request.sessionId, connection.connectionId,
            connection, Selector.MATCH_ALL, request.prefetch, false, false);
        attach(connection, correlationId, session, subscription, consumer);
    }

    private MessageQueue namedSubscription(final ClientConnection connection, final ConsumerRequest request,
        final Topic topic, final Selector selector)
    {
        final long correlationId = request.correlationId;
        if (null == request.subscriptionName || request.subscriptionName.isEmpty())
        {
            connection.sendError(correlationId, ErrorCode.INVALID_ARGUMENT, "subscription name is empty");
            return null;
        }
        if (request.durable && !request.shared && connection.clientId.isEmpty())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE,
                "an unshared durable subscription needs a client id on the connection");
            return null;
        }
        final Map<String, MessageQueue> registry = request.durable ? durableSubscriptions : sharedSubscriptions;
        final String key = (request.shared ? "shared|" : "unshared|") + connection.clientId + "|" +
            request.subscriptionName;
        MessageQueue existing = registry.get(key);
        if (request.durable && null == existing &&
            access.denied(connection, correlationId, Permission.CREATE_DURABLE, topic.name()))
        {
            return null;
        }
        if (null != existing && !request.shared && !existing.consumers().isEmpty())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE,
                "durable subscription '" + request.subscriptionName + "' already has an active consumer");
            return null;
        }
        if (null != existing && (!existing.topicName().equals(topic.name()) ||
            !existing.filter().text().equals(selector.text())))
        {
            if (!existing.consumers().isEmpty())
            {
                connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "subscription '" +
                    request.subscriptionName + "' is in use with another topic or selector");
                return null;
            }
            // JMS: a durable subscription re-created with another topic or selector is replaced.
            if (request.durable && (access.denied(connection, correlationId, Permission.DELETE_DURABLE,
                existing.topicName()) ||
                access.denied(connection, correlationId, Permission.CREATE_DURABLE, topic.name())))
            {
                return null;
            }
            registry.remove(key);
            destinations.deleteSubscription(existing);
            existing = null;
        }
        if (null == existing)
        {
            final long noLocalConnectionId = request.noLocal ? connection.connectionId : 0;
            existing = request.durable ?
                destinations.createDurableSubscription(topic, key, selector, noLocalConnectionId,
                    new Destinations.DurableSubscriptionInfo(connection.clientId, request.subscriptionName,
                    request.noLocal, request.shared)) :
                destinations.createSubscription(topic, key, selector, noLocalConnectionId);
            registry.put(key, existing);
        }
        return existing;
    }

    private void attach(final ClientConnection connection, final long correlationId, final SessionState session,
        final MessageQueue queue, final Consumer consumer)
    {
        queue.addConsumer(consumer);
        connection.consumers.put(consumer.consumerId(), consumer);
        session.consumers.add(consumer);
        connection.sendOk(correlationId, 0);
        if (consumer.isBrowser())
        {
            queue.browse(consumer, nowMs);
        }
        else
        {
            destinations.markDirty(queue);
        }
    }

    void onCloseConsumer(final ClientConnection connection, final long correlationId, final long consumerId,
        final long lastConsumedDeliveryId)
    {
        final Consumer consumer = connection.consumers.get(consumerId);
        if (null != consumer)
        {
            closeConsumer(connection, consumer, lastConsumedDeliveryId);
        }
        connection.sendOk(correlationId, 0);
    }

    void closeConsumer(final ClientConnection connection, final Consumer consumer, final long lastConsumedDeliveryId)
    {
        connection.consumers.remove(consumer.consumerId());
        final SessionState session = connection.sessions.get(consumer.sessionId());
        if (null != session)
        {
            session.consumers.remove(consumer);
        }
        final MessageQueue queue = consumer.queue();
        destinations.takeBack(consumer, lastConsumedDeliveryId);
        queue.removeConsumer(consumer);
        if (null != queue.topicName() && queue.consumers().isEmpty() && queue.name().startsWith("nondurable:"))
        {
            destinations.deleteSubscription(queue);
        }
        else if (null != queue.topicName() && queue.consumers().isEmpty() &&
            null != sharedSubscriptions.remove(queue.name()))
        {
            destinations.deleteSubscription(queue);
        }
        else
        {
            destinations.markDirty(queue);
        }
    }

    void onConsumerCredit(final ClientConnection connection, final long consumerId, final int credit)
    {
        final Consumer consumer = connection.consumers.get(consumerId);
        if (null != consumer)
        {
            consumer.addCredit(credit);
            if (consumer.isBrowser())
            {
                consumer.queue().browse(consumer, nowMs);
            }
            else
            {
                destinations.markDirty(consumer.queue());
            }
        }
    }

    void onPull(final ClientConnection connection, final long correlationId, final long consumerId,
        final long timeoutMs)
    {
        final Consumer consumer = connection.consumers.get(consumerId);
        if (null == consumer)
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "no consumer " + consumerId);
            return;
        }
        final long deadlineNs = timeoutMs < 0 ? Long.MAX_VALUE : nowNs + timeoutMs * 1_000_000L;
        consumer.pull(correlationId, deadlineNs);
        final MessageQueue queue = consumer.queue();
        if (consumer.isBrowser())
        {
            queue.browse(consumer, nowMs);
            return;
        }
        destinations.dispatch(queue);
        if (timeoutMs == 0)
        {
            consumer.onTimer(nowNs);
        }
    }

    void onSend(final ClientConnection connection, final long correlationId, final long sessionId,
        final long producerId, final BrokerMessage message)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        final DestinationType type = message.destinationType();
        final String name = message.destination();
        final String problem = destinationProblem(connection, type, name);
        if (null != problem)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION, problem);
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
            connection.sendError(correlationId, ErrorCode.RESOURCE_ALLOCATION, "destination '" + name +
                "' is over its memory limit of " + policy.memoryLimitBytes() + " bytes: the message was refused");
            return;
        }
        final BrokerJournal journal = destinations.journal();
        if (journalRefuses(connection, correlationId, message, journal))
        {
            return;
        }
        final long journaledBefore = journal.lastAppended();
        if (session.isTransacted())
        {
            session.transactedSends.add(message);
        }
        else
        {
            destinations.route(message);
        }
        final long journaledAfter = journal.lastAppended();
        if (journaledAfter == journaledBefore)
        {
            confirmSend(connection, correlationId, producerId, queue, topic, full);
        }
        else
        {
            // A persistent send is confirmed only once the batch holding it is on disk.
            journal.whenDurable(journaledAfter,
                () -> confirmSend(connection, correlationId, producerId, queue, topic, full),
                (failure) -> connection.sendError(correlationId, ErrorCode.RESOURCE_ALLOCATION,
                "the journal failed before the message was stored: " + BrokerJournal.describe(failure)));
        }
    }

    /**
     * A send to the management queue, once allowed (the send permission there is manage), is answered by the
     * management service, never queued.
     */
    private boolean managed(final ClientConnection connection, final long correlationId, final BrokerMessage message)
    {
        if (null == management || message.destinationType() != DestinationType.QUEUE ||
            !AccessPolicy.MANAGEMENT_QUEUE.equals(message.destination()))
        {
            return false;
        }
        connection.sendOk(correlationId, 0);
        management.onRequest(message, (permission, name) -> access.denial(connection, permission, name));
        return true;
    }

    private static boolean journalRefuses(final ClientConnection connection, final long correlationId,
        final BrokerMessage message, final BrokerJournal journal)
    {
        if (!message.isPersistent())
        {
            return false;
        }
        final String refusal = journal.refusal();
        if (null != refusal)
        {
            connection.sendError(correlationId, ErrorCode.RESOURCE_ALLOCATION, refusal);
            return true;
        }
        if (journal.isPersistent() && message.encodedLength() > MAX_JOURNALED_MESSAGE_LENGTH)
        {
            // Journaling takes several times a message's size in heap; one huge message could exhaust it and fail
            // the journal for every producer. Refuse the one message instead.
            connection.sendError(correlationId, ErrorCode.MESSAGE_TOO_LARGE, "a persistent message may be at most " +
                MAX_JOURNALED_MESSAGE_LENGTH + " bytes, an eighth of the broker's heap (this one is " +
                message.encodedLength() + "): send it non-persistent, split it, or give the broker more heap");
            return true;
        }
        return false;
    }

    private void confirmSend(final ClientConnection connection, final long correlationId, final long producerId,
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

    long nextMessageId()
    {
        return destinations.nextMessageId();
    }

    void onAck(final ClientConnection connection, final long consumerId, final long deliveryId,
        final boolean cumulative)
    {
        final Consumer consumer = connection.consumers.get(consumerId);
        if (null != consumer)
        {
            final List<QueueEntry> acked = consumer.acknowledge(deliveryId, cumulative);
            destinations.acknowledge(consumer.queue(), acked);
        }
    }

    void onRecover(final ClientConnection connection, final long correlationId, final long sessionId,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        takeBackAll(connection, correlationId, session, lastConsumedByConsumer);
    }

    private void takeBackAll(final ClientConnection connection, final long correlationId,
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

    void onCommit(final ClientConnection connection, final long correlationId, final long sessionId,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session || !session.isTransacted())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "session " + sessionId + " is not transacted");
            return;
        }
        // JMS: a commit is atomic; its acknowledgements and sends are one journal record, confirmed once on disk.
        final BrokerJournal journal = destinations.journal();
        journal.beginGroup();
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            onAck(connection, entry.getKey(), entry.getValue(), true);
        }
        for (final BrokerMessage message : session.transactedSends)
        {
            destinations.route(message);
        }
        session.transactedSends.clear();
        final long sequence = journal.endGroup();
        final long nextDeliveryId = connection.nextDeliveryId;
        journal.whenDurable(sequence, () -> connection.sendOk(correlationId, nextDeliveryId),
            (failure) -> connection.sendError(correlationId, ErrorCode.TRANSACTION_ROLLED_BACK,
            "the journal failed during commit: " + failure));
    }

    void onRollback(final ClientConnection connection, final long correlationId, final long sessionId,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session || !session.isTransacted())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "session " + sessionId + " is not transacted");
            return;
        }
        session.transactedSends.clear();
        takeBackAll(connection, correlationId, session, lastConsumedByConsumer);
    }

    void onUnsubscribe(final ClientConnection connection, final long correlationId, final String name)
    {
        final String key = durableSubscriptionKey(connection.clientId, name, null);
        final MessageQueue subscription = null == key ? null : durableSubscriptions.get(key);
        if (null == subscription)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION,
                "no durable subscription named '" + name + "'");
            return;
        }
        if (access.denied(connection, correlationId, Permission.DELETE_DURABLE, subscription.topicName()))
        {
            return;
        }
        if (!subscription.consumers().isEmpty())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE,
                "durable subscription '" + name + "' has an active consumer");
            return;
        }
        deleteDurableSubscription(subscription);
        connection.sendOk(correlationId, 0);
    }

    /**
     * Finds a durable subscription by its subscriber's client id and its name, the unshared one first (as
     * {@code Session.unsubscribe} does) unless the caller says which.
     *
     * @param clientId the subscriber's client id, empty for a shared subscription made without one.
     * @param name     the subscription's name.
     * @param shared   true or false to look for that kind only, null for either.
     * @return the subscription, or null if there is none.
     */
    MessageQueue durableSubscription(final String clientId, final String name, final Boolean shared)
    {
        final String key = durableSubscriptionKey(clientId, name, shared);
        return null == key ? null : durableSubscriptions.get(key);
    }

    private String durableSubscriptionKey(final String clientId, final String name, final Boolean shared)
    {
        final String unsharedKey = "unshared|" + clientId + "|" + name;
        final String sharedKey = "shared|" + clientId + "|" + name;
        if (null != shared)
        {
            return shared ? sharedKey : unsharedKey;
        }
        return durableSubscriptions.containsKey(unsharedKey) ? unsharedKey :
            durableSubscriptions.containsKey(sharedKey) ? sharedKey : null;
    }

    /**
     * Deletes a durable subscription that has no consumer, with its messages, from the registry and the journal:
     * what {@code Session.unsubscribe} does, also for management.
     *
     * @param subscription a durable subscription found by {@link #durableSubscription}.
     */
    void deleteDurableSubscription(final MessageQueue subscription)
    {
        durableSubscriptions.remove(subscription.name());
        destinations.deleteSubscription(subscription);
    }

    void onCreateTemporaryDestination(final ClientConnection connection, final long correlationId,
        final DestinationType type, final String name)
    {
        final String problem = nameProblem(name);
        final boolean exists = queues().containsKey(name) || topics().containsKey(name);
        if (null != problem || !isTemporary(type) || temporaryOwners.containsKey(name) || exists)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION,
                null != problem ? problem : "cannot create temporary destination '" + name + "'");
            return;
        }
        if (AccessChecks.overLimit(connection, correlationId,
            access.limits().checkDestinations(queues().size() + topics().size())))
        {
            return;
        }
        temporaryOwners.put(name, connection.connectionId);
        connection.temporaryDestinations.add(name);
        if (type == DestinationType.TEMPORARY_QUEUE)
        {
            destinations.createQueue(name, type);
        }
        else
        {
            destinations.createTopic(name, type);
        }
        connection.sendOk(correlationId, 0);
    }

    void onDeleteTemporaryDestination(final ClientConnection connection, final long correlationId,
        final DestinationType type, final String name)
    {
        final Long owner = temporaryOwners.get(name);
        if (null == owner || owner != connection.connectionId)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION,
                "temporary destination '" + name + "' does not belong to this connection");
            return;
        }
        final MessageQueue queue = queues().get(name);
        final Topic topic = topics().get(name);
        if ((null != queue && !queue.consumers().isEmpty()) || (null != topic && !topic.subscriptions().isEmpty()))
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE,
                "temporary destination '" + name + "' has consumers");
            return;
        }
        deleteTemporary(connection, name);
        connection.sendOk(correlationId, 0);
    }

    private void deleteTemporary(final ClientConnection connection, final String name)
    {
        temporaryOwners.remove(name);
        connection.temporaryDestinations.remove(name);
        destinations.deleteQueue(name);
        destinations.deleteTopic(name);
    }

    void onConnectionClosed(final ClientConnection connection)
    {
        final ArrayList<Consumer> consumers = new ArrayList<>(connection.consumers.values());
        // In id order, not hash order: what is dead-lettered on the way must land in the same order every time.
        consumers.sort(BY_CONSUMER_ID);
        for (final Consumer consumer : consumers)
        {
            // JMS: what a closed or dead consumer held unacknowledged comes back flagged redelivered.
            closeConsumer(connection, consumer, Long.MAX_VALUE);
        }
        connection.sessions.clear();
        flowControl.onConnectionClosed(connection);
        for (final String name : new ArrayList<>(connection.temporaryDestinations))
        {
            deleteTemporary(connection, name);
        }
    }

    void onSetClientId(final ClientConnection connection, final long correlationId, final String clientId,
        final boolean inUse)
    {
        if (!connection.clientId.isEmpty() || !connection.sessions.isEmpty())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "client id can no longer be set");
            return;
        }
        if (null == clientId || clientId.isEmpty() || inUse)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_CLIENT_ID,
                inUse ? "client id '" + clientId + "' is in use by another connection" : "client id is empty");
            return;
        }
        connection.clientId = clientId;
        connection.sendOk(correlationId, 0);
    }

    int dispatchDirty()
    {
        return destinations.dispatchDirty() + flowControl.releaseUnblocked();
    }

    int onTimer(final List<ClientConnection> connections)
    {
        int workCount = 0;
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            for (final Consumer consumer : connections.get(i).consumers.values())
            {
                workCount += consumer.onTimer(nowNs);
            }
        }
        return workCount + destinations.onTimer();
    }

    private String destinationProblem(final ClientConnection connection, final DestinationType type,
        final String name)
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
            return temporaryOwners.containsKey(name) ? null : "temporary destination '" + name + "' no longer exists";
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

    private static boolean isTemporary(final DestinationType type)
    {
        return type == DestinationType.TEMPORARY_QUEUE || type == DestinationType.TEMPORARY_TOPIC;
    }

    /**
     * The fields of a CreateConsumer request.
     */
    static final class ConsumerRequest
    {
        long correlationId;
        long sessionId;
        long consumerId;
        DestinationType destinationType;
        int prefetch;
        boolean noLocal;
        boolean durable;
        boolean shared;
        boolean browser;
        String destination;
        String selector;
        String subscriptionName;
    }
}
