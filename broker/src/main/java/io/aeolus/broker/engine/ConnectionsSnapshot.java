package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.SnapshotAccess;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.Principal;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connections' part of an {@link EngineSnapshot}: each connection in login order with its principal, client id,
 * delivery ids, temporary destinations, producers, sessions (held sends, refusals, the XA branch worked on) and
 * consumers (state and in-flight deliveries); and, last, what waits: producer flow control and the answers waiting
 * for the durable store. An answer may be for a connection that has gone since; it is restored to a detached
 * connection of the same id, so that it still goes out (and is dropped by the egress) as it would have.
 * Engine thread only.
 */
final class ConnectionsSnapshot
{
    private final MessagingEngine engine;
    private final DestinationsSnapshot destinations;
    private final Long2ObjectHashMap<EngineConnection> restored = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<EngineConnection> detached = new Long2ObjectHashMap<>();
    private final ArrayList<SessionState> xaSessions = new ArrayList<>();
    private final IdentityHashMap<SessionState, Long> sessionConnections = new IdentityHashMap<>();
    private final ArrayList<BranchId> xaSessionBranches = new ArrayList<>();

    ConnectionsSnapshot(final MessagingEngine engine, final DestinationsSnapshot destinations)
    {
        this.engine = engine;
        this.destinations = destinations;
    }

    void write(final SnapshotWriter out)
    {
        final List<EngineConnection> connections = engine.connections();
        out.writeInt(connections.size());
        for (final EngineConnection connection : connections)
        {
            out.writeLong(connection.connectionId);
            out.writeString(connection.clientId);
            out.writeString(connection.source);
            writePrincipal(out, connection.principal);
            out.writeLong(connection.nextDeliveryId);
            out.writeBoolean(connection.deliveryStopped);
            out.writeInt(connection.temporaryDestinations.size());
            for (final String name : connection.temporaryDestinations)
            {
                out.writeString(name);
            }
            final long[] producerIds = sortedKeys(connection.producers.keySet()); // order-free: sorted
            out.writeInt(producerIds.length);
            for (final long producerId : producerIds)
            {
                final ProducerState producer = connection.producers.get(producerId);
                out.writeLong(producerId);
                out.writeLong(producer.sessionId());
                out.writeByte(producer.destinationType().ordinal());
                out.writeString(producer.destination());
            }
            final long[] sessionIds = sortedKeys(connection.sessions.keySet()); // order-free: sorted
            out.writeInt(sessionIds.length);
            for (final long sessionId : sessionIds)
            {
                final SessionState session = connection.sessions.get(sessionId);
                sessionConnections.put(session, connection.connectionId);
                writeSession(out, session);
            }
            out.writeInt(connection.consumersInOrder.size());
            for (final Consumer consumer : connection.consumersInOrder)
            {
                writeConsumer(out, consumer);
            }
        }
    }

    void read(final SnapshotReader in)
    {
        final int connectionCount = in.readCount("connections");
        for (int i = 0; i < connectionCount; i++)
        {
            final long connectionId = in.readLong();
            final String clientId = in.readString();
            final String source = in.readString();
            final Principal principal = readPrincipal(in, source);
            if (null != restored.get(connectionId))
            {
                throw new IllegalArgumentException("snapshot corrupted: connection " + connectionId + " twice");
            }
            engine.onConnected(connectionId, clientId, principal, source);
            final EngineConnection connection = engine.connections().get(engine.connections().size() - 1);
            restored.put(connectionId, connection);
            connection.nextDeliveryId = in.readLong();
            connection.deliveryStopped = in.readBoolean();
            final int temporaryCount = in.readCount("temporary destinations");
            for (int j = 0; j < temporaryCount; j++)
            {
                final String name = in.readString();
                connection.temporaryDestinations.add(name);
                engine.temporaries().restoreOwner(name, connectionId);
            }
            final int producerCount = in.readCount("producers");
            for (int j = 0; j < producerCount; j++)
            {
                final long producerId = in.readLong();
                connection.producers.put(producerId, new ProducerState(in.readLong(),
                    in.readEnum(DestinationType.values(), "destination type"), in.readString()));
            }
            final int sessionCount = in.readCount("sessions");
            final long[][] sessionConsumers = new long[sessionCount][];
            final SessionState[] sessions = new SessionState[sessionCount];
            for (int j = 0; j < sessionCount; j++)
            {
                sessions[j] = readSession(in);
                sessionConsumers[j] = DestinationsSnapshot.readLongs(in);
                connection.sessions.put(sessions[j].sessionId, sessions[j]);
            }
            final int consumerCount = in.readCount("consumers");
            for (int j = 0; j < consumerCount; j++)
            {
                readConsumer(in, connection);
            }
            for (int j = 0; j < sessionCount; j++)
            {
                for (final long consumerId : sessionConsumers[j])
                {
                    sessions[j].consumers.add(consumer(connectionId, consumerId));
                }
            }
        }
    }

    Consumer consumer(final long connectionId, final long consumerId)
    {
        final EngineConnection connection = restored.get(connectionId);
        final Consumer consumer = null == connection ? null : connection.consumersById.get(consumerId);
        if (null == consumer)
        {
            throw new IllegalArgumentException("snapshot corrupted: no consumer " + consumerId + " of connection " +
                connectionId);
        }
        return consumer;
    }

    long connectionOf(final SessionState session)
    {
        final Long connectionId = sessionConnections.get(session);
        if (null == connectionId)
        {
            throw new IllegalStateException("cannot snapshot: session " + session.sessionId + " of an XA branch " +
                "belongs to no connection");
        }
        return connectionId;
    }

    SessionState session(final long connectionId, final long sessionId)
    {
        final EngineConnection connection = restored.get(connectionId);
        final SessionState session = null == connection ? null : connection.sessions.get(sessionId);
        if (null == session)
        {
            throw new IllegalArgumentException("snapshot corrupted: no session " + sessionId + " of connection " +
                connectionId);
        }
        return session;
    }

    /**
     * Gives each restored session the XA branch it works on, once the branches are restored.
     */
    void resolveBranches(final Map<BranchId, XaBranch> branches)
    {
        for (int i = 0; i < xaSessions.size(); i++)
        {
            final XaBranch branch = branches.get(xaSessionBranches.get(i));
            if (null == branch)
            {
                throw new IllegalArgumentException("snapshot corrupted: no XA branch " + xaSessionBranches.get(i));
            }
            xaSessions.get(i).xaBranch = branch;
        }
    }

    void writeWaiting(final SnapshotWriter out)
    {
        final ArrayList<ProducerFlowControl.BlockedDestination> blocked = engine.flowControl().blocked();
        out.writeInt(blocked.size());
        for (final ProducerFlowControl.BlockedDestination destination : blocked)
        {
            out.writeInt(null == destination.queue ? -1 : destinations.storeId(destination.queue));
            out.writeString(null == destination.topic ? null : destination.topic.name());
            out.writeInt(destination.waiters.size());
            for (final ProducerFlowControl.Waiter waiter : destination.waiters)
            {
                writeConnection(out, waiter.connection);
                out.writeLong(waiter.producerId);
                out.writeLong(waiter.correlationId);
            }
        }
        final DurableWaiters waiters = engine.waiters();
        out.writeLong(waiters.durable());
        out.writeString(waiters.failure());
        final List<Map.Entry<Long, DurableReply>> replies = waiters.replies();
        out.writeInt(replies.size());
        for (final Map.Entry<Long, DurableReply> waiting : replies)
        {
            final DurableReply reply = waiting.getValue();
            out.writeLong(waiting.getKey());
            writeConnection(out, reply.connection);
            out.writeLong(reply.correlationId);
            out.writeLong(reply.value);
            out.writeByte(reply.error.ordinal());
            out.writeString(reply.failurePrefix);
            out.writeBoolean(null != reply.sends);
            if (null != reply.sends)
            {
                out.writeLong(reply.producerId);
                out.writeBoolean(reply.full);
                out.writeInt(null == reply.queue || !reply.full ? -1 : destinations.storeId(reply.queue));
                out.writeString(null == reply.topic || !reply.full ? null : reply.topic.name());
            }
        }
    }

    void readWaiting(final SnapshotReader in)
    {
        final ArrayList<ProducerFlowControl.BlockedDestination> blocked = engine.flowControl().blocked();
        final int blockedCount = in.readCount("blocked destinations");
        for (int i = 0; i < blockedCount; i++)
        {
            final int queueId = in.readInt();
            final MessageQueue queue = queueId < 0 ? null : destinations.store(queueId);
            final Topic topic = topic(in.readString());
            final ProducerFlowControl.BlockedDestination destination =
                new ProducerFlowControl.BlockedDestination(queue, topic);
            final int waiterCount = in.readCount("blocked sends");
            for (int j = 0; j < waiterCount; j++)
            {
                destination.waiters.add(new ProducerFlowControl.Waiter(readConnection(in), in.readLong(),
                    in.readLong()));
            }
            blocked.add(destination);
        }
        final long durable = in.readLong();
        final String failure = in.readString();
        final int replyCount = in.readCount("answers waiting for durability");
        final List<Map.Entry<Long, DurableReply>> replies = new ArrayList<>(replyCount);
        for (int i = 0; i < replyCount; i++)
        {
            final long position = in.readLong();
            final EngineConnection connection = readConnection(in);
            final long correlationId = in.readLong();
            final long value = in.readLong();
            final EngineError error = in.readEnum(EngineError.values(), "error");
            final String prefix = in.readString();
            final DurableReply reply;
            if (in.readBoolean())
            {
                final long producerId = in.readLong();
                final boolean full = in.readBoolean();
                final int queueId = in.readInt();
                reply = new DurableReply(connection, correlationId, value, error, prefix, engine.sends(), producerId,
                    queueId < 0 ? null : destinations.store(queueId), topic(in.readString()), full);
            }
            else
            {
                reply = DurableReply.ok(connection, correlationId, value, error, prefix);
            }
            replies.add(Map.entry(position, reply));
        }
        engine.waiters().restore(durable, failure, replies);
    }

    private void writeSession(final SnapshotWriter out, final SessionState session)
    {
        out.writeLong(session.sessionId);
        out.writeByte(session.ackMode.ordinal());
        out.writeString(session.rollbackOnly);
        out.writeBoolean(null != session.xaBranch);
        if (null != session.xaBranch)
        {
            XaSnapshot.writeBranchId(out, session.xaBranch.id);
        }
        final long[] producerIds = sortedKeys(session.refusals.keySet()); // order-free: sorted
        out.writeInt(producerIds.length);
        for (final long producerId : producerIds)
        {
            final SendRefusals.Refusal refusal = session.refusals.get(producerId);
            out.writeLong(producerId);
            out.writeByte(refusal.error.ordinal());
            out.writeString(refusal.text);
            out.writeInt(refusal.count);
        }
        out.writeInt(session.transactedSends.size());
        for (final BrokerMessage message : session.transactedSends)
        {
            out.writeMessage(message);
        }
        out.writeInt(session.consumers.size());
        for (final Consumer consumer : session.consumers)
        {
            out.writeLong(consumer.consumerId());
        }
    }

    private SessionState readSession(final SnapshotReader in)
    {
        final SessionState session = new SessionState(in.readLong(), in.readEnum(AckMode.values(), "ack mode"));
        session.rollbackOnly = in.readString();
        if (in.readBoolean())
        {
            xaSessions.add(session);
            xaSessionBranches.add(XaSnapshot.readBranchId(in));
        }
        final int refusalCount = in.readCount("refusals");
        for (int i = 0; i < refusalCount; i++)
        {
            final long producerId = in.readLong();
            final SendRefusals.Refusal refusal = new SendRefusals.Refusal(in.readEnum(EngineError.values(), "error"),
                in.readString());
            refusal.count = in.readInt();
            session.refusals.put(producerId, refusal);
        }
        final int sendCount = in.readCount("held sends");
        for (int i = 0; i < sendCount; i++)
        {
            session.transactedSends.add(in.readMessage());
        }
        return session;
    }

    private void writeConsumer(final SnapshotWriter out, final Consumer consumer)
    {
        out.writeLong(consumer.consumerId());
        out.writeLong(consumer.sessionId());
        out.writeInt(destinations.storeId(consumer.queue()));
        out.writeString(consumer.selector().text());
        out.writeInt(consumer.prefetch());
        out.writeBoolean(consumer.isBrowser());
        DestinationsSnapshot.writeLongs(out, SnapshotAccess.consumerState(consumer));
        final List<QueueEntry> inFlight = SnapshotAccess.inFlight(consumer);
        out.writeInt(inFlight.size());
        for (final QueueEntry entry : inFlight)
        {
            destinations.writeEntry(out, entry);
        }
    }

    private void readConsumer(final SnapshotReader in, final EngineConnection connection)
    {
        final long consumerId = in.readLong();
        final long sessionId = in.readLong();
        final MessageQueue queue = destinations.store(in.readInt());
        final String selector = in.readString();
        final int prefetch = in.readInt();
        final boolean browser = in.readBoolean();
        final long[] state = DestinationsSnapshot.readLongs(in);
        final Consumer consumer = new Consumer(consumerId, sessionId, connection.connectionId, connection,
            DestinationsSnapshot.selector(selector), prefetch, SnapshotAccess.noLocal(state), browser);
        SnapshotAccess.restoreConsumerState(consumer, state);
        SnapshotAccess.attach(consumer, queue);
        connection.addConsumer(consumer);
        final int inFlightCount = in.readCount("deliveries in flight");
        for (int i = 0; i < inFlightCount; i++)
        {
            SnapshotAccess.restoreInFlight(consumer, destinations.readEntry(in, queue));
        }
    }

    private static void writePrincipal(final SnapshotWriter out, final Principal principal)
    {
        out.writeBoolean(null != principal);
        if (null == principal)
        {
            return;
        }
        out.writeBoolean(principal.isAnonymous());
        out.writeString(principal.name());
        out.writeString(principal.source());
        final String[] roles = principal.roles().toArray(new String[0]);
        Arrays.sort(roles);
        out.writeInt(roles.length);
        for (final String role : roles)
        {
            out.writeString(role);
        }
    }

    private Principal readPrincipal(final SnapshotReader in, final String connectionSource)
    {
        if (!in.readBoolean())
        {
            return null;
        }
        final boolean anonymous = in.readBoolean();
        final String name = in.readString();
        final String source = in.readString();
        final int roleCount = in.readCount("roles");
        final LinkedHashSet<String> roles = new LinkedHashSet<>();
        for (int i = 0; i < roleCount; i++)
        {
            roles.add(in.readString());
        }
        final String from = null == source ? connectionSource : source;
        return anonymous ? engine.access().authorizer().anonymous(from) :
            engine.access().authorizer().principal(name, roles, from);
    }

    private void writeConnection(final SnapshotWriter out, final EngineConnection connection)
    {
        out.writeLong(connection.connectionId);
    }

    private EngineConnection readConnection(final SnapshotReader in)
    {
        final long connectionId = in.readLong();
        final EngineConnection live = restored.get(connectionId);
        if (null != live)
        {
            return live;
        }
        EngineConnection gone = detached.get(connectionId);
        if (null == gone)
        {
            gone = new EngineConnection(connectionId, "", null, "", engine.egress());
            detached.put(connectionId, gone);
        }
        return gone;
    }

    private Topic topic(final String name)
    {
        if (null == name)
        {
            return null;
        }
        final Topic topic = engine.destinations().topics.get(name);
        if (null == topic)
        {
            throw new IllegalArgumentException("snapshot corrupted: no topic " + name);
        }
        return topic;
    }

    private static long[] sortedKeys(final Set<Long> keys)
    {
        final long[] sorted = new long[keys.size()];
        int i = 0;
        for (final long key : keys)
        {
            sorted[i++] = key;
        }
        Arrays.sort(sorted);
        return sorted;
    }
}
