package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.StartPosition;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorParseException;
import io.aeolus.store.DurableSubscription;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consumers and the subscriptions they read: creating a consumer on a queue or a topic (non-durable, shared,
 * durable), closing one (what it held comes back), unsubscribing, and the registries of durable and shared
 * subscriptions (looked up by key, never walked).
 */
final class Subscriptions
{
    private final MessagingEngine engine;
    private final Destinations destinations;
    private final AccessChecks access;
    private final Map<String, MessageQueue> durableSubscriptions = new HashMap<>();
    private final Map<String, MessageQueue> sharedSubscriptions = new HashMap<>();

    Subscriptions(final MessagingEngine engine, final Destinations destinations, final AccessChecks access)
    {
        this.engine = engine;
        this.destinations = destinations;
        this.access = access;
    }

    void recoverSubscription(final DurableSubscription subscription)
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
            new DurableSubscriptionInfo(subscription.clientId(), subscription.subscriptionName(),
            subscription.isNoLocal(), subscription.isShared())).noLocal(subscription.isNoLocal()));
    }

    void onCreateConsumer(final EngineConnection connection, final ConsumerRequest request)
    {
        final String destination = request.destination();
        final boolean queue = io.aeolus.transport.codecs.DestinationType.QUEUE == request.destinationType();
        if (!Destinations.isTopic(request.destinationType()) && !queue || null == destination ||
            destination.indexOf('?') < 0)
        {
            onCreateConsumer(connection, request, StartPosition.NOW, false);
            return;
        }
        if (queue && request.browser())
        {
            connection.sendError(request.correlationId(), EngineError.INVALID_DESTINATION, "destination '" +
                destination + "': a queue's retained history is read with a consumer (createConsumer on '" +
                StartPosition.baseName(destination) + "?start=...'), not a browser");
            return;
        }
        // Destination options (event streaming): events?start=earliest is the topic events, from its oldest message;
        // orders?start=earliest reads what the queue orders retains, taking nothing from it.
        final StartPosition start;
        try
        {
            start = StartPosition.parse(destination);
        }
        catch (final IllegalArgumentException ex)
        {
            connection.sendError(request.correlationId(), EngineError.INVALID_DESTINATION, ex.getMessage());
            return;
        }
        onCreateConsumer(connection, new ConsumerRequest(request.correlationId(), request.sessionId(),
            request.consumerId(), request.destinationType(), StartPosition.baseName(destination), request.selector(),
            request.subscriptionName(), request.prefetch(), request.noLocal(), request.durable(), request.shared(),
            request.browser()), start, queue);
    }

    private void onCreateConsumer(final EngineConnection connection, final ConsumerRequest request,
        final StartPosition start, final boolean history)
    {
        final long correlationId = request.correlationId();
        final SessionState session = connection.sessions.get(request.sessionId());
        if (null == session)
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no session " + request.sessionId());
            return;
        }
        if (connection.consumersById.containsKey(request.consumerId()) || request.prefetch() < 0)
        {
            connection.sendError(correlationId, EngineError.INVALID_ARGUMENT,
                "consumer id in use or negative prefetch");
            return;
        }
        final String problem = engine.checks().subscribeProblem(request.destinationType(), request.destination());
        if (null != problem)
        {
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION, problem);
            return;
        }
        if (DestinationChecks.isTemporary(request.destinationType()) && !request.browser() &&
            !engine.temporaries().isOwner(request.destination(), connection))
        {
            // JMS 6.2.2: only the connection that created a temporary destination may consume from it.
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION, "temporary destination '" +
                request.destination() + "' does not exist or belongs to another connection");
            return;
        }
        if (consumerRefused(connection, request, session, history))
        {
            return;
        }
        final Selector selector;
        try
        {
            selector = Selector.parse(request.selector());
        }
        catch (final SelectorParseException ex)
        {
            connection.sendError(correlationId, EngineError.INVALID_SELECTOR, ex.getMessage());
            return;
        }
        final boolean isTopic = Destinations.isTopic(request.destinationType());
        if (isTopic && request.browser())
        {
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION, "a topic cannot be browsed");
            return;
        }
        consume(connection, session, request, selector, start, history);
    }

    private void consume(final EngineConnection connection, final SessionState session,
        final ConsumerRequest request, final Selector selector, final StartPosition start, final boolean history)
    {
        if (Destinations.isTopic(request.destinationType()))
        {
            subscribe(connection, session, request, selector, start);
        }
        else if (history)
        {
            readHistory(connection, session, request, selector, start);
        }
        else
        {
            final MessageQueue queue = destinations.queueForUse(request.destination());
            final Consumer consumer = new Consumer(request.consumerId(), request.sessionId(),
                connection.connectionId, connection, selector, request.prefetch(), request.noLocal(),
                request.browser());
            attach(connection, request.correlationId(), session, queue, consumer);
        }
    }

    private boolean consumerRefused(final EngineConnection connection, final ConsumerRequest request,
        final SessionState session, final boolean history)
    {
        final long correlationId = request.correlationId();
        // Reading a queue's retained history takes nothing from it: it needs browse, as a browser does.
        if (!DestinationChecks.isTemporary(request.destinationType()) && (access.denied(connection, correlationId,
            request.browser() || history ? Permission.BROWSE : Permission.CONSUME, request.destination()) ||
            engine.checks().creationRefused(
            connection, correlationId, request.destinationType(), request.destination())))
        {
            return true;
        }
        return AccessChecks.overLimit(connection, correlationId,
            access.limits().checkConsumers(session.consumers.size()));
    }

    /**
     * A consumer of {@code <queue>?start=...}: a reader of what the queue retains, from the start position on, then
     * of each message the queue is given, without taking any from the queue's own consumers. Its messages are its
     * own (acknowledged, redelivered and gone with it), held in memory, like a non-durable subscription's.
     */
    private void readHistory(final EngineConnection connection, final SessionState session,
        final ConsumerRequest request, final Selector selector, final StartPosition start)
    {
        final String name = request.destination();
        final RetentionLog log = destinations.retention.log(Retention.queueKey(name));
        if (null == log)
        {
            connection.sendError(request.correlationId(), EngineError.INVALID_DESTINATION, "queue '" + name + "' " +
                (destinations.queues().containsKey(name) ? "retains nothing (set aeolus.destination." + name +
                ".retention.time or .retention.size)" : "does not exist") + ": destination option '" +
                StartPosition.OPTION + "' reads a queue's retained history");
            return;
        }
        if (!destinations.durability().isPersistent())
        {
            // A reader lives outside the engine snapshots that a broker without a journal (a group member) relies on.
            connection.sendError(request.correlationId(), EngineError.INVALID_DESTINATION, "destination '" + name +
                "?" + StartPosition.OPTION + "=...': a queue's retained history is read only on a broker with a " +
                "journal; use the management operation replay");
            return;
        }
        final MessageQueue reader = destinations.retention.createReader(log,
            "nondurable:" + connection.connectionId + ":" + request.consumerId(), selector, start);
        final Consumer consumer = new Consumer(request.consumerId(), request.sessionId(), connection.connectionId,
            connection, Selector.MATCH_ALL, request.prefetch(), false, false);
        attach(connection, request.correlationId(), session, reader, consumer);
    }

    private void subscribe(final EngineConnection connection, final SessionState session,
        final ConsumerRequest request, final Selector selector, final StartPosition start)
    {
        final Topic topic = destinations.topicForUse(request.destination());
        final MessageQueue subscription;
        if (!request.durable() && !request.shared())
        {
            subscription = destinations.createSubscription(topic,
                "nondurable:" + connection.connectionId + ":" + request.consumerId(), selector,
                request.noLocal() ? connection.connectionId : 0);
            destinations.retention.start(topic, subscription, start);
        }
        else
        {
            subscription = namedSubscription(connection, request, topic, selector, start);
            if (null == subscription)
            {
                return;
            }
        }
        final Consumer consumer = new Consumer(request.consumerId(), request.sessionId(), connection.connectionId,
            connection, Selector.MATCH_ALL, request.prefetch(), false, false);
        attach(connection, request.correlationId(), session, subscription, consumer);
    }

    private MessageQueue namedSubscription(final EngineConnection connection, final ConsumerRequest request,
        final Topic topic, final Selector selector, final StartPosition start)
    {
        final long correlationId = request.correlationId();
        if (null == request.subscriptionName() || request.subscriptionName().isEmpty())
        {
            connection.sendError(correlationId, EngineError.INVALID_ARGUMENT, "subscription name is empty");
            return null;
        }
        if (request.durable() && !request.shared() && connection.clientId.isEmpty())
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "an unshared durable subscription needs a client id on the connection");
            return null;
        }
        final Map<String, MessageQueue> registry = request.durable() ? durableSubscriptions : sharedSubscriptions;
        final String key = (request.shared() ? "shared|" : "unshared|") + connection.clientId + "|" +
            request.subscriptionName();
        MessageQueue existing = registry.get(key);
        if (request.durable() && null == existing &&
            access.denied(connection, correlationId, Permission.CREATE_DURABLE, topic.name()))
        {
            return null;
        }
        if (null != existing && !request.shared() && !existing.consumers().isEmpty())
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
                "durable subscription '" + request.subscriptionName() + "' already has an active consumer");
            return null;
        }
        if (null != existing && (!existing.topicName().equals(topic.name()) ||
            !existing.filter().text().equals(selector.text()) || existing.isNoLocal() != request.noLocal()))
        {
            if (!existing.consumers().isEmpty())
            {
                connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "subscription '" +
                    request.subscriptionName() + "' is in use with another topic or selector");
                return null;
            }
            // JMS 6.11.1: a durable subscription re-created with another topic, selector or noLocal is replaced.
            if (request.durable() && (access.denied(connection, correlationId, Permission.DELETE_DURABLE,
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
            existing = newNamedSubscription(connection, request, topic, selector, key);
            registry.put(key, existing);
            // A durable or shared subscription takes its start position only when it is made.
            destinations.retention.start(topic, existing, start);
        }
        else if (request.noLocal())
        {
            // noLocal means the subscriber's own connection: the one attaching now, also after a restart.
            existing.filter(existing.filter(), connection.connectionId);
        }
        return existing;
    }

    private MessageQueue newNamedSubscription(final EngineConnection connection, final ConsumerRequest request,
        final Topic topic, final Selector selector, final String key)
    {
        final long noLocalConnectionId = request.noLocal() ? connection.connectionId : 0;
        final MessageQueue subscription = request.durable() ?
            destinations.createDurableSubscription(topic, key, selector, noLocalConnectionId,
                new DurableSubscriptionInfo(connection.clientId, request.subscriptionName(),
                request.noLocal(), request.shared())) :
            destinations.createSubscription(topic, key, selector, noLocalConnectionId);
        return subscription.noLocal(request.noLocal());
    }

    private void attach(final EngineConnection connection, final long correlationId, final SessionState session,
        final MessageQueue queue, final Consumer consumer)
    {
        consumer.stopped(connection.deliveryStopped);
        queue.addConsumer(consumer);
        connection.addConsumer(consumer);
        session.consumers.add(consumer);
        connection.sendOk(correlationId, 0);
        if (consumer.isBrowser())
        {
            queue.browse(consumer, engine.nowMs());
        }
        else
        {
            destinations.markDirty(queue);
        }
    }

    void onCloseConsumer(final EngineConnection connection, final long correlationId, final long consumerId,
        final long lastConsumedDeliveryId)
    {
        final Consumer consumer = connection.consumersById.get(consumerId);
        if (null != consumer)
        {
            closeConsumer(connection, consumer, lastConsumedDeliveryId);
        }
        connection.sendOk(correlationId, 0);
    }

    void closeConsumer(final EngineConnection connection, final Consumer consumer, final long lastConsumedDeliveryId)
    {
        connection.removeConsumer(consumer);
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

    void onConsumerCredit(final EngineConnection connection, final long consumerId, final int credit)
    {
        final Consumer consumer = connection.consumersById.get(consumerId);
        if (null != consumer)
        {
            consumer.addCredit(credit);
            if (consumer.isBrowser())
            {
                consumer.queue().browse(consumer, engine.nowMs());
            }
            else
            {
                destinations.markDirty(consumer.queue());
            }
        }
    }

    void onPull(final EngineConnection connection, final long correlationId, final long consumerId,
        final long timeoutMs)
    {
        final Consumer consumer = connection.consumersById.get(consumerId);
        if (null == consumer)
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE, "no consumer " + consumerId);
            return;
        }
        final long deadlineMs = timeoutMs < 0 ? Long.MAX_VALUE : engine.nowMs() + timeoutMs;
        consumer.pull(correlationId, deadlineMs);
        final MessageQueue queue = consumer.queue();
        if (consumer.isBrowser())
        {
            queue.browse(consumer, engine.nowMs());
            return;
        }
        destinations.dispatch(queue);
        if (timeoutMs == 0)
        {
            consumer.onTimer(engine.nowMs());
        }
    }

    void onUnsubscribe(final EngineConnection connection, final long correlationId, final String name)
    {
        final String key = durableSubscriptionKey(connection.clientId, name, null);
        final MessageQueue subscription = null == key ? null : durableSubscriptions.get(key);
        if (null == subscription)
        {
            connection.sendError(correlationId, EngineError.INVALID_DESTINATION,
                "no durable subscription named '" + name + "'");
            return;
        }
        if (access.denied(connection, correlationId, Permission.DELETE_DURABLE, subscription.topicName()))
        {
            return;
        }
        if (!subscription.consumers().isEmpty())
        {
            connection.sendError(correlationId, EngineError.ILLEGAL_STATE,
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

    /**
     * @param clientId   the subscriber's client id, empty for shared subscriptions made without one.
     * @param shared     shared or unshared ones.
     * @param namePrefix what the names start with.
     * @return the durable subscriptions whose name starts with the prefix, in the order of their names.
     */
    List<MessageQueue> durableSubscriptionsNamed(final String clientId, final boolean shared, final String namePrefix)
    {
        final String keyPrefix = (shared ? "shared|" : "unshared|") + clientId + "|" + namePrefix;
        final TreeMap<String, MessageQueue> found = new TreeMap<>();
        // Walks the stores (a list in creation order), not the registry's hash order.
        for (final MessageQueue store : destinations.stores)
        {
            if (store.name().startsWith(keyPrefix) && durableSubscriptions.get(store.name()) == store)
            {
                found.put(store.name(), store);
            }
        }
        return new ArrayList<>(found.values());
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

    /**
     * @return durable subscriptions by key; for lookups and snapshots (sorted there), never walked for an outcome.
     */
    Map<String, MessageQueue> durableRegistry()
    {
        return durableSubscriptions;
    }

    /**
     * @return shared non-durable subscriptions by key; as {@link #durableRegistry()}.
     */
    Map<String, MessageQueue> sharedRegistry()
    {
        return sharedSubscriptions;
    }
}
