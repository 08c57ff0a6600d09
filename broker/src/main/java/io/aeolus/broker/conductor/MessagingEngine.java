package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorParseException;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.ErrorCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messaging half of the conductor: sessions, producers, consumers, routing of sends, acknowledgement,
 * recover, transactions, subscriptions and temporary destinations. Every method runs on the conductor thread and
 * answers the client through its {@link ClientConnection}. A request that cannot be honoured gets an
 * {@code Error} with a stable code and a message naming the problem; nothing already accepted is lost.
 */
final class MessagingEngine
{
    static final int MAX_DESTINATION_NAME_LENGTH = 255;
    private static final int DISPATCH_LIMIT = 1024;

    private final Map<String, MessageQueue> queues = new HashMap<>();
    private final Map<String, Topic> topics = new HashMap<>();
    private final Map<String, MessageQueue> durableSubscriptions = new HashMap<>();
    private final Map<String, MessageQueue> sharedSubscriptions = new HashMap<>();
    private final Map<String, Long> temporaryOwners = new HashMap<>();
    private final ArrayList<MessageQueue> dirty = new ArrayList<>();
    private long nextMessageId = 1;
    private long nowMs;
    private long nowNs;

    void time(final long nowMs, final long nowNs)
    {
        this.nowMs = nowMs;
        this.nowNs = nowNs;
    }

    Map<String, MessageQueue> queues()
    {
        return queues;
    }

    Map<String, Topic> topics()
    {
        return topics;
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
        }
        connection.producers.put(producerId, type == DestinationType.NONE ? "" : destination);
        connection.sendOk(correlationId, 0);
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
            final MessageQueue queue = queues.computeIfAbsent(
                request.destination, (name) -> new MessageQueue(name, null));
            final Consumer consumer = new Consumer(request.consumerId, request.sessionId, connection.connectionId,
                connection, selector, request.prefetch, request.noLocal, request.browser);
            attach(connection, correlationId, session, queue, consumer);
        }
    }

    private void subscribe(final ClientConnection connection, final SessionState session,
        final ConsumerRequest request, final Selector selector)
    {
        final Topic topic = topics.computeIfAbsent(request.destination, Topic::new);
        final long correlationId = request.correlationId;
        final MessageQueue subscription;
        if (!request.durable && !request.shared)
        {
            subscription = new MessageQueue("nondurable:" + connection.connectionId + ":" + request.consumerId,
                topic.name()).filter(selector, request.noLocal ? connection.connectionId : 0);
            topic.addSubscription(subscription);
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
            registry.remove(key);
            final Topic oldTopic = topics.get(existing.topicName());
            if (null != oldTopic)
            {
                oldTopic.removeSubscription(existing);
            }
            existing = null;
        }
        if (null == existing)
        {
            existing = new MessageQueue(key, topic.name())
                .filter(selector, request.noLocal ? connection.connectionId : 0);
            registry.put(key, existing);
            topic.addSubscription(existing);
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
            markDirty(queue);
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
        queue.removeConsumer(consumer, lastConsumedDeliveryId);
        if (null != queue.topicName() && queue.consumers().isEmpty() && queue.name().startsWith("nondurable:"))
        {
            removeSubscription(queue);
        }
        else if (null != queue.topicName() && queue.consumers().isEmpty() &&
            null != sharedSubscriptions.remove(queue.name()))
        {
            removeSubscription(queue);
        }
        else
        {
            markDirty(queue);
        }
    }

    private void removeSubscription(final MessageQueue subscription)
    {
        final Topic topic = topics.get(subscription.topicName());
        if (null != topic)
        {
            topic.removeSubscription(subscription);
        }
        subscription.purge();
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
                markDirty(consumer.queue());
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
        queue.dispatch(nowMs, DISPATCH_LIMIT);
        if (timeoutMs == 0)
        {
            consumer.onTimer(nowNs);
        }
    }

    void onSend(final ClientConnection connection, final long correlationId, final long sessionId,
        final BrokerMessage message)
    {
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session)
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE, "no session " + sessionId);
            return;
        }
        final String problem = destinationProblem(connection, message.destinationType(), message.destination());
        if (null != problem)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION, problem);
            return;
        }
        if (isTemporary(message.destinationType()) && !temporaryOwners.containsKey(message.destination()))
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION,
                "temporary destination '" + message.destination() + "' no longer exists");
            return;
        }
        if (session.isTransacted())
        {
            session.transactedSends.add(message);
        }
        else
        {
            route(message);
        }
        connection.sendOk(correlationId, 0);
    }

    long nextMessageId()
    {
        return nextMessageId++;
    }

    private void route(final BrokerMessage message)
    {
        final DestinationType type = message.destinationType();
        if (type == DestinationType.TOPIC || type == DestinationType.TEMPORARY_TOPIC)
        {
            final Topic topic = topics.computeIfAbsent(message.destination(), Topic::new);
            topic.publish(message, nowMs, DISPATCH_LIMIT);
            for (final MessageQueue subscription : topic.subscriptions())
            {
                markDirty(subscription);
            }
        }
        else
        {
            final MessageQueue queue = queues.computeIfAbsent(
                message.destination(), (name) -> new MessageQueue(name, null));
            queue.enqueue(message);
            queue.dispatch(nowMs, DISPATCH_LIMIT);
            markDirty(queue);
        }
    }

    void onAck(final ClientConnection connection, final long consumerId, final long deliveryId,
        final boolean cumulative)
    {
        final Consumer consumer = connection.consumers.get(consumerId);
        if (null != consumer)
        {
            final List<QueueEntry> acked = consumer.acknowledge(deliveryId, cumulative);
            consumer.queue().onAcknowledged(acked);
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
            consumer.queue().takeBack(consumer, null == lastConsumed ? 0 : lastConsumed);
            consumer.resetCredit();
        }
        // The client discards deliveries numbered below this: the ones just taken back.
        connection.sendOk(correlationId, connection.nextDeliveryId);
        for (final Consumer consumer : session.consumers)
        {
            markDirty(consumer.queue());
        }
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
        for (final Map.Entry<Long, Long> entry : lastConsumedByConsumer.entrySet())
        {
            onAck(connection, entry.getKey(), entry.getValue(), true);
        }
        for (final BrokerMessage message : session.transactedSends)
        {
            route(message);
        }
        session.transactedSends.clear();
        connection.sendOk(correlationId, connection.nextDeliveryId);
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
        final String unsharedKey = "unshared|" + connection.clientId + "|" + name;
        final String sharedKey = "shared|" + connection.clientId + "|" + name;
        final String key = durableSubscriptions.containsKey(unsharedKey) ? unsharedKey : sharedKey;
        final MessageQueue subscription = durableSubscriptions.get(key);
        if (null == subscription)
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION,
                "no durable subscription named '" + name + "'");
            return;
        }
        if (!subscription.consumers().isEmpty())
        {
            connection.sendError(correlationId, ErrorCode.ILLEGAL_STATE,
                "durable subscription '" + name + "' has an active consumer");
            return;
        }
        durableSubscriptions.remove(key);
        removeSubscription(subscription);
        connection.sendOk(correlationId, 0);
    }

    void onCreateTemporaryDestination(final ClientConnection connection, final long correlationId,
        final DestinationType type, final String name)
    {
        final String problem = nameProblem(name);
        if (null != problem || !isTemporary(type) || temporaryOwners.containsKey(name))
        {
            connection.sendError(correlationId, ErrorCode.INVALID_DESTINATION,
                null != problem ? problem : "cannot create temporary destination '" + name + "'");
            return;
        }
        temporaryOwners.put(name, connection.connectionId);
        connection.temporaryDestinations.add(name);
        if (type == DestinationType.TEMPORARY_QUEUE)
        {
            queues.put(name, new MessageQueue(name, null));
        }
        else
        {
            topics.put(name, new Topic(name));
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
        final MessageQueue queue = queues.get(name);
        final Topic topic = topics.get(name);
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
        queues.remove(name);
        topics.remove(name);
    }

    void onConnectionClosed(final ClientConnection connection)
    {
        for (final Consumer consumer : new ArrayList<>(connection.consumers.values()))
        {
            // JMS: what a closed or dead consumer held unacknowledged comes back flagged redelivered.
            closeConsumer(connection, consumer, Long.MAX_VALUE);
        }
        connection.sessions.clear();
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
        int workCount = 0;
        for (int i = dirty.size() - 1; i >= 0; i--)
        {
            final MessageQueue queue = dirty.get(i);
            final int delivered = queue.dispatch(nowMs, DISPATCH_LIMIT);
            workCount += delivered;
            if (delivered < DISPATCH_LIMIT)
            {
                dirty.remove(i);
            }
        }
        return workCount;
    }

    int onTimer(final List<ClientConnection> connections)
    {
        int workCount = 0;
        for (final ClientConnection connection : connections)
        {
            for (final Consumer consumer : connection.consumers.values())
            {
                workCount += consumer.onTimer(nowNs);
            }
        }
        for (final MessageQueue queue : queues.values())
        {
            if (queue.depth() > 0 && !queue.consumers().isEmpty())
            {
                markDirty(queue);
            }
        }
        return workCount;
    }

    private void markDirty(final MessageQueue queue)
    {
        if (!dirty.contains(queue))
        {
            dirty.add(queue);
        }
    }

    private String destinationProblem(final ClientConnection connection, final DestinationType type,
        final String name)
    {
        if (type == DestinationType.NULL_VAL || type == DestinationType.NONE)
        {
            return "no destination type";
        }
        return nameProblem(name);
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
