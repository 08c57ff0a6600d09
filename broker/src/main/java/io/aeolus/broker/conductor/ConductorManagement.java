package io.aeolus.broker.conductor;

import io.aeolus.broker.security.AuditLog;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.management.ManagedBroker;
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
 * The conductor's state as management sees it: reads go straight to the engine's maps, changes through the
 * journaled methods of {@link Destinations}. Conductor thread only.
 */
final class ConductorManagement implements ManagedBroker
{
    private final BrokerConductor conductor;
    private final MessagingEngine engine;
    private final Destinations destinations;
    private final EngineSettings settings;

    ConductorManagement(final BrokerConductor conductor, final MessagingEngine engine, final EngineSettings settings)
    {
        this.conductor = conductor;
        this.engine = engine;
        this.destinations = engine.destinations();
        this.settings = settings;
    }

    /**
     * {@inheritDoc}
     */
    public AuditLog audit()
    {
        return conductor.security().audit();
    }

    public Map<String, MessageQueue> queues()
    {
        return Collections.unmodifiableMap(destinations.queues());
    }

    public Map<String, Topic> topics()
    {
        return Collections.unmodifiableMap(destinations.topics());
    }

    public List<ConnectionView> connections()
    {
        final List<ConnectionView> views = new ArrayList<>();
        for (final ClientConnection connection : conductor.activeConnections())
        {
            if (connection.state == ClientConnection.State.ACTIVE)
            {
                views.add(new ConnectionView(connection.connectionId,
                    null == connection.clientId ? "" : connection.clientId,
                    null == connection.principal ? "" : connection.principal.name(),
                    null == connection.source ? "" : connection.source,
                    connection.sessions.size(), connection.consumers.size(), connection.producers.size()));
            }
        }
        return views;
    }

    public List<SessionView> sessions()
    {
        final List<SessionView> views = new ArrayList<>();
        for (final ClientConnection connection : active())
        {
            for (final long sessionId : sortedIds(connection.sessions))
            {
                final SessionState session = connection.sessions.get(sessionId);
                int producers = 0;
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

    public List<ConsumerView> consumers()
    {
        final List<ConsumerView> views = new ArrayList<>();
        for (final ClientConnection connection : active())
        {
            for (final long consumerId : sortedIds(connection.consumers))
            {
                final Consumer consumer = connection.consumers.get(consumerId);
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

    public List<ProducerView> producers()
    {
        final List<ProducerView> views = new ArrayList<>();
        for (final ClientConnection connection : active())
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

    private List<ClientConnection> active()
    {
        final List<ClientConnection> active = new ArrayList<>();
        for (final ClientConnection connection : conductor.activeConnections())
        {
            if (connection.state == ClientConnection.State.ACTIVE)
            {
                active.add(connection);
            }
        }
        return active;
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

    public boolean closeConnection(final long connectionId, final String reason)
    {
        return conductor.closeConnection(connectionId, reason);
    }

    public void createQueue(final String name)
    {
        destinations.createQueue(name, DestinationType.QUEUE);
    }

    public void createTopic(final String name)
    {
        destinations.createTopic(name, DestinationType.TOPIC);
    }

    public void deleteDestination(final String name, final boolean topic)
    {
        destinations.deleteDestination(name, topic);
    }

    public void paused(final MessageQueue queue, final boolean paused)
    {
        destinations.pause(queue, paused);
    }

    public MessageQueue durableSubscription(final String clientId, final String name, final Boolean shared)
    {
        return engine.durableSubscription(clientId, name, shared);
    }

    public void deleteDurableSubscription(final MessageQueue subscription)
    {
        engine.deleteDurableSubscription(subscription);
    }

    public void requireJournalable(final BrokerMessage message)
    {
        final BrokerJournal journal = destinations.journal();
        if (!message.isPersistent())
        {
            return;
        }
        if (null != journal.failure())
        {
            throw new ManagementException(ManagementException.RESOURCE_ALLOCATION,
                "the journal failed, so persistent messages are refused: " + journal.failure());
        }
        if (journal.isPersistent() && message.encodedLength() > MessagingEngine.MAX_JOURNALED_MESSAGE_LENGTH)
        {
            throw new ManagementException(ManagementException.MESSAGE_TOO_LARGE,
                "a persistent message may be at most " + MessagingEngine.MAX_JOURNALED_MESSAGE_LENGTH +
                " bytes (this one is " + message.encodedLength() + "): send it non-persistent");
        }
    }

    public void discard(final QueueEntry entry)
    {
        destinations.discard(entry);
    }

    public void enqueue(final MessageQueue queue, final BrokerMessage message)
    {
        destinations.enqueue(queue, message);
    }

    public void route(final BrokerMessage message)
    {
        destinations.route(message);
    }

    public BrokerMessage copy(final BrokerMessage original, final String destination, final boolean topic,
        final Set<String> removedProperty)
    {
        return destinations.rewriter().rewrite(original, destinations.nextMessageId(), destination,
            topic ? DestinationType.TOPIC : DestinationType.QUEUE, Map.of(), false, removedProperty);
    }

    public BrokerMessage rewrite(final BrokerMessage original, final String destination, final boolean topic,
        final Map<String, Object> extraProperties, final long expiration, final Set<String> removedProperties)
    {
        return destinations.rewriter().rewrite(original, destinations.nextMessageId(), destination,
            topic ? DestinationType.TOPIC : DestinationType.QUEUE, extraProperties, expiration, removedProperties);
    }

    public boolean willPageIn(final MessageQueue queue)
    {
        return destinations.willPageIn(queue);
    }

    public long trashRetentionMs()
    {
        return settings.trashRetentionMs();
    }

    public long historyRetentionMs()
    {
        return settings.historyRetentionMs();
    }

    public int historyMaxDestinations()
    {
        return settings.historyMaxDestinations();
    }

    public boolean recordHistory(final List<HistoryPoint> points, final long pruneBeforeMs)
    {
        return destinations.journal().offerIfRoom(new JournalCommand.RecordHistory(points, pruneBeforeMs));
    }

    public BrokerMessage duplicate(final BrokerMessage original, final String queue)
    {
        final long messageId = destinations.nextMessageId();
        final MessageQueue target = destinations.queues().get(queue);
        return destinations.rewriter().duplicate(original, messageId, "ID:aeolus-broker-" + messageId, queue,
            null == target ? DestinationType.QUEUE : target.destinationType());
    }

    public void beginGroup()
    {
        destinations.journal().beginGroup();
    }

    public void endGroup()
    {
        destinations.journal().endGroup();
    }

    public long nextMessageId()
    {
        return engine.nextMessageId();
    }

    public long nowMs()
    {
        return engine.nowMs();
    }

    public io.aeolus.store.JournalStatistics journalStatistics()
    {
        return destinations.journal().statistics();
    }

    public long journalPending()
    {
        return destinations.journal().pendingCount();
    }

    public long journalLastAppended()
    {
        return destinations.journal().lastAppended();
    }

    public void whenDurable(final long sequence, final Runnable onDurable,
        final java.util.function.Consumer<String> onFailed)
    {
        destinations.journal().whenDurable(sequence, onDurable, (failure) -> onFailed.accept(String.valueOf(failure)));
    }
}
