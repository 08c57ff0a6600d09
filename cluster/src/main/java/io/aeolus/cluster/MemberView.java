package io.aeolus.cluster;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.engine.EngineManagement;
import io.aeolus.broker.management.ManagedBroker;
import io.aeolus.broker.management.ManagedSettings;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.security.AuditLog;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.PreparedBranch;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetentionInfo;
import io.aeolus.management.RouteInfo;
import io.aeolus.store.HistoryPoint;
import io.aeolus.store.JournalStatistics;
import io.aeolus.store.StoredReference;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A member's replicated engine as its JMX reads and its metrics history see it: every read is the engine's, every
 * change is refused ({@link ManagementException#ILLEGAL_STATE}), since a change made here would be this member's
 * alone and not in the group's log (changes go there through {@link MemberClient}). It never takes one of the
 * engine's message ids (they are replicated state): it numbers what asks for one itself. The metrics history is kept
 * in memory only (the engine journals nothing in a group). Service thread only.
 */
final class MemberView implements ManagedBroker
{
    private final EngineManagement engine;
    private long localMessageIds;

    /**
     * @param engine the member's engine as management sees it.
     */
    MemberView(final EngineManagement engine)
    {
        this.engine = engine;
    }

    private static ManagementException refused(final String what)
    {
        return new ManagementException(ManagementException.ILLEGAL_STATE, what + ": a broker group member's " +
            "JMX reads change nothing (a change goes through the group's log, sent by the member's own session)");
    }

    /** {@inheritDoc} */
    public Map<String, MessageQueue> queues()
    {
        return engine.queues();
    }

    /** {@inheritDoc} */
    public Map<String, Topic> topics()
    {
        return engine.topics();
    }

    /** {@inheritDoc} */
    public AuditLog audit()
    {
        return engine.audit();
    }

    /** {@inheritDoc} */
    public List<ConnectionView> connections()
    {
        return engine.connections();
    }

    /** {@inheritDoc} */
    public List<SessionView> sessions()
    {
        return engine.sessions();
    }

    /** {@inheritDoc} */
    public List<ConsumerView> consumers()
    {
        return engine.consumers();
    }

    /** {@inheritDoc} */
    public List<ProducerView> producers()
    {
        return engine.producers();
    }

    /** {@inheritDoc} */
    public boolean closeConnection(final long connectionId, final String reason)
    {
        throw refused("closeConnection");
    }

    /** {@inheritDoc} */
    public void createQueue(final String name)
    {
        throw refused("createQueue");
    }

    /** {@inheritDoc} */
    public void createTopic(final String name)
    {
        throw refused("createTopic");
    }

    /** {@inheritDoc} */
    public ManagedSettings settings()
    {
        return engine.settings();
    }

    /** {@inheritDoc} */
    public void deleteDestination(final String name, final boolean topic)
    {
        throw refused("deleteDestination");
    }

    /** {@inheritDoc} */
    public void paused(final MessageQueue queue, final boolean paused)
    {
        throw refused(paused ? "pause" : "resume");
    }

    /** {@inheritDoc} */
    public MessageQueue durableSubscription(final String clientId, final String name, final Boolean shared)
    {
        throw refused("durableSubscription");
    }

    /** {@inheritDoc} */
    public void deleteDurableSubscription(final MessageQueue subscription)
    {
        throw refused("dropSubscription");
    }

    /** {@inheritDoc} */
    public void requireJournalable(final BrokerMessage message)
    {
        throw refused("send");
    }

    /** {@inheritDoc} */
    public void discard(final QueueEntry entry)
    {
        throw refused("discard");
    }

    /** {@inheritDoc} */
    public void enqueue(final MessageQueue queue, final BrokerMessage message)
    {
        throw refused("enqueue");
    }

    /** {@inheritDoc} */
    public void route(final BrokerMessage message)
    {
        throw refused("route");
    }

    /** {@inheritDoc} */
    public BrokerMessage copy(final BrokerMessage original, final String destination, final boolean topic,
        final Set<String> removedProperty)
    {
        throw refused("copy");
    }

    /** {@inheritDoc} */
    public BrokerMessage rewrite(final BrokerMessage original, final String destination, final boolean topic,
        final Map<String, Object> extraProperties, final long expiration, final Set<String> removedProperties)
    {
        throw refused("rewrite");
    }

    /** {@inheritDoc} */
    public JournalStatistics journalStatistics()
    {
        return engine.journalStatistics();
    }

    /** {@inheritDoc} */
    public long trashRetentionMs()
    {
        return engine.trashRetentionMs();
    }

    /** {@inheritDoc} */
    public boolean willPageIn(final MessageQueue queue)
    {
        return engine.willPageIn(queue);
    }

    /** {@inheritDoc} */
    public void discardPagedOut(final MessageQueue queue, final BrokerMessage message)
    {
        throw refused("discard");
    }

    /** {@inheritDoc} */
    public void browsePagedOut(final MessageQueue queue, final long afterSequence, final long skip, final int limit,
        final BiConsumer<List<StoredReference>, String> onPage)
    {
        engine.browsePagedOut(queue, afterSequence, skip, limit, onPage);
    }

    /** {@inheritDoc} */
    public BrokerMessage duplicate(final BrokerMessage original, final String queue)
    {
        throw refused("duplicate");
    }

    /** {@inheritDoc} */
    public long historyRetentionMs()
    {
        return engine.historyRetentionMs();
    }

    /** {@inheritDoc} */
    public int historyMaxDestinations()
    {
        return engine.historyMaxDestinations();
    }

    /**
     * Keeps nothing: a member's history is in its memory only.
     *
     * @param points        the points, not stored.
     * @param pruneBeforeMs ignored.
     * @return true.
     */
    public boolean recordHistory(final List<HistoryPoint> points, final long pruneBeforeMs)
    {
        return true;
    }

    /** {@inheritDoc} */
    public void beginGroup()
    {
    }

    /** {@inheritDoc} */
    public void endGroup()
    {
    }

    /**
     * @return an id of this view's own: the engine's ids are replicated state.
     */
    public long nextMessageId()
    {
        return ++localMessageIds;
    }

    /** {@inheritDoc} */
    public long nowMs()
    {
        return engine.nowMs();
    }

    /** {@inheritDoc} */
    public long journalPending()
    {
        return engine.journalPending();
    }

    /** {@inheritDoc} */
    public long journalLastAppended()
    {
        return engine.journalLastAppended();
    }

    /** {@inheritDoc} */
    public void whenDurable(final long sequence, final Runnable onDurable, final Consumer<String> onFailed)
    {
        onDurable.run();
    }

    /** {@inheritDoc} */
    public List<PreparedBranch> xaBranches()
    {
        return engine.xaBranches();
    }

    /** {@inheritDoc} */
    public String completeXaBranch(final String xid, final boolean commit)
    {
        throw refused(commit ? "commitXaBranch" : "rollbackXaBranch");
    }

    /** {@inheritDoc} */
    public List<RouteInfo> routes()
    {
        return engine.routes();
    }

    /** {@inheritDoc} */
    public String putRoute(final String name, final String source, final String selector, final String targets,
        final String mode, final String transformer, final String parameters, final String schema,
        final String invalid)
    {
        throw refused("createRoute");
    }

    /** {@inheritDoc} */
    public List<LastValueInfo> lastValueQueues()
    {
        return engine.lastValueQueues();
    }

    /** {@inheritDoc} */
    public String deleteRoute(final String name)
    {
        throw refused("deleteRoute");
    }

    /** {@inheritDoc} */
    public List<RetentionInfo> retention()
    {
        return engine.retention();
    }

    /** {@inheritDoc} */
    public ReplayInfo replay(final String topic, final String queue, final long fromMs, final long toMs)
    {
        throw refused("replay");
    }

    /** {@inheritDoc} */
    public List<ReplayInfo> replays()
    {
        return engine.replays();
    }
}
