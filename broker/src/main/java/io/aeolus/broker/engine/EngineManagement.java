package io.aeolus.broker.engine;

import io.aeolus.broker.security.AuditLog;
import io.aeolus.broker.engine.routing.RoutingRule;
import io.aeolus.broker.engine.routing.RuleTransform;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.management.ManagedBroker;
import io.aeolus.broker.management.ManagedSettings;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.selector.Selector;
import io.aeolus.store.HistoryPoint;
import io.aeolus.store.JournalCommand;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine as management sees it: reads go straight to the engine's maps, changes through the journaled methods
 * of {@link Destinations}; closing a connection is the adapter's, through a {@link ConnectionCloser}. The engine's
 * thread only.
 */
public final class EngineManagement implements ManagedBroker
{
    private final ConnectionCloser closer;
    private final MessagingEngine engine;
    private final Destinations destinations;
    private final EngineSettings settings;
    private final AuditLog audit;

    /**
     * Closes a client's connection at an administrator's request: the adapter's business (it tells the client).
     */
    @FunctionalInterface
    public interface ConnectionCloser
    {
        /**
         * @param connectionId the connection.
         * @param reason       told to the client.
         * @return false if there is no such connection.
         */
        boolean close(long connectionId, String reason);
    }

    /**
     * @param engine   the engine managed.
     * @param settings the engine's settings (retentions).
     * @param closer   closes connections for the adapter.
     * @param audit    where changes made by administrators are recorded; null for none.
     */
    public EngineManagement(final MessagingEngine engine, final EngineSettings settings,
        final ConnectionCloser closer, final AuditLog audit)
    {
        this.audit = audit;
        this.closer = closer;
        this.engine = engine;
        this.destinations = engine.destinations();
        this.settings = settings;
    }

    /** {@inheritDoc} */
    public AuditLog audit()
    {
        return audit;
    }

    /** {@inheritDoc} */
    public Map<String, MessageQueue> queues()
    {
        return Collections.unmodifiableMap(destinations.queues());
    }

    /** {@inheritDoc} */
    public Map<String, Topic> topics()
    {
        return Collections.unmodifiableMap(destinations.topics());
    }

    /** {@inheritDoc} */
    public List<ConnectionView> connections()
    {
        final List<ConnectionView> views = new ArrayList<>();
        for (final EngineConnection connection : engine.connections())
        {
            views.add(new ConnectionView(connection.connectionId, connection.clientId,
                null == connection.principal ? "" : connection.principal.name(), connection.source,
                connection.sessions.size(), connection.consumersById.size(), connection.producers.size()));
        }
        return views;
    }

    /** {@inheritDoc} */
    public List<SessionView> sessions()
    {
        final List<SessionView> views = new ArrayList<>();
        for (final EngineConnection connection : active())
        {
            for (final long sessionId : sortedIds(connection.sessions))
            {
                final SessionState session = connection.sessions.get(sessionId);
                int producers = 0;
                // order-free: a count
                for (final ProducerState producer : connection.producers.values())
                {
                    producers += producer.sessionId() == sessionId ? 1 : 0;
                }
                views.add(new SessionView(connection.connectionId, sessionId, session.ackMode.name(),
                    session.consumers.size(), producers, session.transactedSends.size()));
            }
        }
        return views;
    }

    /** {@inheritDoc} */
    public List<ConsumerView> consumers()
    {
        final List<ConsumerView> views = new ArrayList<>();
        for (final EngineConnection connection : active())
        {
            for (final long consumerId : sortedIds(connection.consumersById))
            {
                final Consumer consumer = connection.consumersById.get(consumerId);
                final MessageQueue queue = consumer.queue();
                final Selector selector = consumer.selector() != Selector.MATCH_ALL ? consumer.selector() :
                    queue.filter();
                views.add(new ConsumerView(connection.connectionId, consumer.sessionId(), consumerId,
                    queue.destinationName(), queue.destinationType().name(), subscriptionName(queue),
                    selector.text(), consumer.isBrowser(), consumer.prefetch(), consumer.credit(),
                    consumer.inFlightCount(), consumer.deliveredCount(), consumer.acknowledgedCount()));
            }
        }
        return views;
    }

    /** {@inheritDoc} */
    public List<ProducerView> producers()
    {
        final List<ProducerView> views = new ArrayList<>();
        for (final EngineConnection connection : active())
        {
            for (final long producerId : sortedIds(connection.producers))
            {
                final ProducerState producer = connection.producers.get(producerId);
                views.add(new ProducerView(connection.connectionId, producer.sessionId(), producerId,
                    producer.destination(), producer.destinationType().name()));
            }
        }
        return views;
    }

    private List<EngineConnection> active()
    {
        return engine.connections();
    }

    /**
     * The keys of a map in order, so that a listing does not depend on hash order.
     */
    private static long[] sortedIds(final Long2ObjectHashMap<?> map)
    {
        final long[] ids = new long[map.size()];
        int i = 0;
        for (final Long id : map.keySet())
        {
            ids[i++] = id;
        }
        Arrays.sort(ids);
        return ids;
    }

    /**
     * The name a durable or shared subscription was given (its queue is named {@code shared|clientId|name} or
     * {@code unshared|clientId|name}); empty for a queue or a non-durable subscription.
     */
    private static String subscriptionName(final MessageQueue queue)
    {
        if (null == queue.topicName())
        {
            return "";
        }
        final String[] parts = queue.name().split("\\|", 3);
        return parts.length == 3 ? parts[2] : "";
    }

    /** {@inheritDoc} */
    public List<io.aeolus.management.PreparedBranch> xaBranches()
    {
        final List<io.aeolus.management.PreparedBranch> rows = new ArrayList<>();
        for (final XaBranchInfo branch : ((XaBranches)engine.xa()).list())
        {
            rows.add(new io.aeolus.management.PreparedBranch(branch.xid(), branch.state(), branch.preparedMs(),
                branch.sends(), branch.acknowledged()));
        }
        return rows;
    }

    /** {@inheritDoc} */
    public String completeXaBranch(final String xid, final boolean commit)
    {
        final BranchId id;
        try
        {
            id = BranchId.parse(xid);
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
        return ((XaBranches)engine.xa()).completeHeuristically(id, commit);
    }

    /** {@inheritDoc} */
    public List<io.aeolus.management.RouteInfo> routes()
    {
        final List<io.aeolus.management.RouteInfo> rows = new ArrayList<>();
        for (final RoutingRule rule : destinations.routing.table().rules())
        {
            final RuleTransform transform = rule.transform();
            rows.add(new io.aeolus.management.RouteInfo(rule.name(), rule.source().toString(),
                rule.selector().text(), rule.targetsText(), rule.mode().text(), rule.declared(),
                textOrEmpty(transform.transformer()), textOrEmpty(transform.parametersText()),
                textOrEmpty(transform.schema()), transform.isNone() ? "" : transform.invalid().text()));
        }
        return rows;
    }

    /** {@inheritDoc} */
    public String putRoute(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final String parameters, final String schema,
        final String invalid)
    {
        try
        {
            return destinations.routing.put(destinations.routing.parseRunTime(name, source, selector, targets, mode,
                transformer, parameters, schema, invalid));
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    private static String textOrEmpty(final String text)
    {
        return null == text ? "" : text;
    }

    /** {@inheritDoc} */
    public List<io.aeolus.management.LastValueInfo> lastValueQueues()
    {
        return destinations.lastValues.rows();
    }

    /** {@inheritDoc} */
    public String deleteRoute(final String name)
    {
        return destinations.routing.delete(name);
    }

    /** {@inheritDoc} */
    public boolean closeConnection(final long connectionId, final String reason)
    {
        return closer.close(connectionId, reason);
    }

    /** {@inheritDoc} */
    public void createQueue(final String name)
    {
        destinations.createQueue(name, DestinationType.QUEUE);
    }

    /** {@inheritDoc} */
    public void createTopic(final String name)
    {
        destinations.createTopic(name, DestinationType.TOPIC);
    }

    /** {@inheritDoc} */
    public ManagedSettings settings()
    {
        return destinations.settings;
    }

    /** {@inheritDoc} */
    public void deleteDestination(final String name, final boolean topic)
    {
        destinations.deletions().deleteDestination(name, topic);
    }

    /** {@inheritDoc} */
    public void paused(final MessageQueue queue, final boolean paused)
    {
        destinations.deletions().pause(queue, paused);
    }

    /** {@inheritDoc} */
    public MessageQueue durableSubscription(final String clientId, final String name, final Boolean shared)
    {
        return engine.subscriptions().durableSubscription(clientId, name, shared);
    }

    /** {@inheritDoc} */
    public void deleteDurableSubscription(final MessageQueue subscription)
    {
        engine.subscriptions().deleteDurableSubscription(subscription);
    }

    /** {@inheritDoc} */
    public void requireJournalable(final BrokerMessage message)
    {
        final String problem = engine.sends().journalProblem(message);
        if (null == problem)
        {
            return;
        }
        if (null != engine.waiters().failure())
        {
            throw new ManagementException(ManagementException.RESOURCE_ALLOCATION, problem);
        }
        throw new ManagementException(ManagementException.MESSAGE_TOO_LARGE,
            "a persistent message may be at most " + engine.sends().maxJournaledMessageLength() +
            " bytes (this one is " + message.encodedLength() + "): send it non-persistent");
    }

    /** {@inheritDoc} */
    public void discard(final QueueEntry entry)
    {
        destinations.deletions().discard(entry);
    }

    /** {@inheritDoc} */
    public void discardPagedOut(final MessageQueue queue, final BrokerMessage message)
    {
        destinations.deletions().discardPagedOut(queue, message);
    }

    /** {@inheritDoc} */
    public void enqueue(final MessageQueue queue, final BrokerMessage message)
    {
        destinations.enqueue(queue, message);
    }

    /** {@inheritDoc} */
    public void route(final BrokerMessage message)
    {
        destinations.route(message);
    }

    /** {@inheritDoc} */
    public BrokerMessage copy(final BrokerMessage original, final String destination, final boolean topic,
        final Set<String> removedProperty)
    {
        return destinations.rewriter().rewrite(original, destinations.nextMessageId(), destination,
            topic ? DestinationType.TOPIC : DestinationType.QUEUE, Map.of(), false, removedProperty);
    }

    /** {@inheritDoc} */
    public BrokerMessage rewrite(final BrokerMessage original, final String destination, final boolean topic,
        final Map<String, Object> extraProperties, final long expiration, final Set<String> removedProperties)
    {
        return destinations.rewriter().rewrite(original, destinations.nextMessageId(), destination,
            topic ? DestinationType.TOPIC : DestinationType.QUEUE, extraProperties, expiration, removedProperties);
    }

    /** {@inheritDoc} */
    public boolean willPageIn(final MessageQueue queue)
    {
        return destinations.willPageIn(queue);
    }

    /** {@inheritDoc} */
    public void browsePagedOut(final MessageQueue queue, final long afterSequence, final long skip, final int limit,
        final java.util.function.BiConsumer<List<io.aeolus.store.StoredReference>, String> onPage)
    {
        destinations.paging().browsePagedOut(queue, afterSequence, skip, limit, onPage);
    }

    /** {@inheritDoc} */
    public long trashRetentionMs()
    {
        return settings.trashRetentionMs();
    }

    /** {@inheritDoc} */
    public long historyRetentionMs()
    {
        return settings.historyRetentionMs();
    }

    /** {@inheritDoc} */
    public int historyMaxDestinations()
    {
        return settings.historyMaxDestinations();
    }

    /** {@inheritDoc} */
    public boolean recordHistory(final List<HistoryPoint> points, final long pruneBeforeMs)
    {
        return destinations.durability().offerIfRoom(new JournalCommand.RecordHistory(points, pruneBeforeMs));
    }

    /** {@inheritDoc} */
    public BrokerMessage duplicate(final BrokerMessage original, final String queue)
    {
        final long messageId = destinations.nextMessageId();
        final MessageQueue target = destinations.queues().get(queue);
        return destinations.rewriter().duplicate(original, messageId, "ID:aeolus-broker-" + messageId, queue,
            null == target ? DestinationType.QUEUE : target.destinationType());
    }

    /** {@inheritDoc} */
    public void beginGroup()
    {
        destinations.durability().beginGroup();
    }

    /** {@inheritDoc} */
    public void endGroup()
    {
        destinations.durability().endGroup();
    }

    /** {@inheritDoc} */
    public long nextMessageId()
    {
        return destinations.nextMessageId();
    }

    /** {@inheritDoc} */
    public long nowMs()
    {
        return engine.nowMs();
    }

    /** {@inheritDoc} */
    public io.aeolus.store.JournalStatistics journalStatistics()
    {
        return destinations.durability().statistics();
    }

    /** {@inheritDoc} */
    public long journalPending()
    {
        return destinations.durability().pendingCount();
    }

    /** {@inheritDoc} */
    public long journalLastAppended()
    {
        return destinations.durability().lastAppended();
    }

    /** {@inheritDoc} */
    public void whenDurable(final long sequence, final Runnable onDurable,
        final java.util.function.Consumer<String> onFailed)
    {
        engine.waiters().whenDurable(sequence, onDurable, onFailed);
    }

    /** {@inheritDoc} */
    public List<io.aeolus.management.RetentionInfo> retention()
    {
        return destinations.retention.infos();
    }

    /** {@inheritDoc} */
    public io.aeolus.management.ReplayInfo replay(final String topic, final String queue, final long fromMs,
        final long toMs)
    {
        final RetentionLog log = retentionLog(topic);
        if (log.queue && log.destinationName.equals(queue))
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "cannot replay queue '" + queue +
                "' into itself: what it is given it retains again; replay it into another queue");
        }
        if (null == destinations.queueForUse(queue))
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION, "no queue named '" + queue +
                "', and queues are not created on first use here");
        }
        return destinations.replays.start(log, queue, fromMs, toMs).info();
    }

    /** {@inheritDoc} */
    public void browseRetained(final String name, final long fromMs, final long afterSequence, final int limit,
        final java.util.function.BiConsumer<List<io.aeolus.broker.management.RetainedMessage>, String> onPage)
    {
        RetainedPages.read(destinations.durability(), retentionLog(name), fromMs, afterSequence, limit, onPage);
    }

    /**
     * Finds the retention log a management request names ({@link Retention#resolve}), or says why there is none.
     *
     * @param name a topic's or queue's name, bare or as {@code topic:<name>} / {@code queue:<name>}.
     * @return its log.
     * @throws ManagementException naming the destination: unknown, or without retention.
     */
    RetentionLog retentionLog(final String name)
    {
        final RetentionLog log = destinations.retention.resolve(name);
        if (null != log)
        {
            return log;
        }
        final boolean queue = name.startsWith(Retention.QUEUE_KEY_PREFIX);
        final String bare = queue ? name.substring(Retention.QUEUE_KEY_PREFIX.length()) :
            name.startsWith("topic:") ? name.substring("topic:".length()) : name;
        final boolean exists = !queue && destinations.topics().containsKey(bare) ||
            !name.startsWith("topic:") && destinations.queues().containsKey(bare);
        throw new ManagementException(exists ? ManagementException.ILLEGAL_STATE :
            ManagementException.UNKNOWN_DESTINATION, (queue ? "queue '" : name.startsWith("topic:") ? "topic '" :
            "destination '") + bare + "' " + (exists ? "has no retention (set aeolus.destination." + bare +
            ".retention.time or .retention.size)" : "does not exist"));
    }

    /** {@inheritDoc} */
    public List<io.aeolus.management.ReplayInfo> replays()
    {
        return destinations.replays.infos();
    }
}
