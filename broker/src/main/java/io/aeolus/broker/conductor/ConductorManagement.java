package io.aeolus.broker.conductor;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.management.ManagedBroker;
import io.aeolus.store.HistoryPoint;
import io.aeolus.store.JournalCommand;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
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

    public long journalPending()
    {
        return destinations.journal().pendingCount();
    }
}
