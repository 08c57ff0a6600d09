package io.aeolus.cluster;

import io.aeolus.broker.conductor.EngineRequestDecoder;
import io.aeolus.broker.conductor.XaRequestAdapter;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.broker.engine.EngineManagement;
import io.aeolus.broker.engine.InMemoryDurability;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.management.GroupStatus;
import io.aeolus.broker.security.Principal;
import io.aeolus.transport.ClusterFraming;
import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.HeartbeatDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.XaRequestDecoder;
import io.aeolus.transport.crypto.AuthenticationFailures;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The messaging engine as an Aeron Cluster service: every member applies the same log of client frames, session
 * events and timer events to its own engine, so all hold the same state and any can lead. A client's cluster session
 * is one engine connection (its id is the connection id); its frames are the single broker's, wrapped in
 * {@link ClusterFraming}, applied once each in the client's order. Time is the log's ({@code cluster.time()}, ms);
 * the engine's periodic tick is a cluster timer. A send is confirmed when applied, that is once a majority holds it
 * in its log, so the engine runs with {@link InMemoryDurability}: its state is bound by memory, and each
 * destination's memory limit slows or refuses producers at that bound.
 * <p>
 * Management requests sent to {@code aeolus.management} are applied like any send, by {@link ClusterManagement} on
 * every member. Not in the state machine: who leads, the log position (read for management), the group's view of
 * its members ({@link GroupMonitor}), the heartbeats to clients. Clients log in when their session opens
 * ({@link ClusterAuthenticator}, in the consensus module); the session's {@link ClusterPrincipal} in the log gives
 * every member the same user and roles, checked by the engine as on a single broker. XA branches are applied from
 * the log like any request. An encrypted session's messages enter the log sealed and each member opens them as it
 * applies them; the leader seals what it sends ({@link StreamCrypto}). Service thread only, apart from the volatile
 * status fields.
 */
public final class AeolusClusteredService implements ClusteredService
{
    static final long TIMER_ID = 1;
    static final long TICK_MS = 100;
    /** How often the metrics snapshot is published, in log time, ms. */
    static final long METRICS_INTERVAL_MS = 1000;
    private static final int ACKNOWLEDGE_EVERY_FRAMES = 32;
    private static final String VERSION = "0.1.0";
    private static final System.Logger LOGGER = System.getLogger("io.aeolus.cluster");

    private final ServiceSettings settings;
    private final BrokerSecurity memberSecurity;
    private final Map<Long, ClientStream> streams = new TreeMap<>();
    private final ClusterEgress egress;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final ConnectDecoder connect = new ConnectDecoder();
    private final XaRequestAdapter xaRequests = new XaRequestAdapter();
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[ClusterFraming.CONTROL_LENGTH]);
    private final StreamCrypto.Leadership leadership = new StreamCrypto.Leadership();
    private final AuthenticationFailures unauthenticated = new AuthenticationFailures(LOGGER);
    private final byte[] sessionKey;
    private MessagingEngine engine;
    private ManagementService management;
    private BrokerSecurity security;
    private EngineRequestDecoder ingress;
    private Cluster cluster;
    private boolean timerScheduled;
    private long nextHeartbeatMs;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long logPosition;
    private volatile long leadershipTermId = -1;
    private volatile int leaderMemberId = -1;
    private volatile int connections;
    private volatile long droppedFrames;
    private volatile boolean startedFromSnapshot;
    private volatile Supplier<GroupStatus> groupView = () -> new GroupStatus(-1, -1, -1, -1, false, List.of());
    private volatile Consumer<String> onFatal = (reason) -> { };
    private volatile long snapshotLogPosition = -1;
    private volatile MemberManagement memberManagement;
    /** The member whose own session sent the message being applied, -1 for a client's: read by management. */
    private int requestingMember = -1;

    /**
     * @param settings the broker's options that shape the engine; the same on every member.
     */
    AeolusClusteredService(final ServiceSettings settings)
    {
        this(settings, null);
    }

    /**
     * @param settings the broker's options that shape the engine; the same on every member.
     * @param security the member's security for the service thread ({@link BrokerSecurity#forAnotherThread()}),
     *                 or null for development mode without users.
     */
    AeolusClusteredService(final ServiceSettings settings, final BrokerSecurity security)
    {
        this(settings, security, null);
    }

    /**
     * @param settings   the broker's options that shape the engine; the same on every member.
     * @param security   the member's security for the service thread ({@link BrokerSecurity#forAnotherThread()}),
     *                   or null for development mode without users.
     * @param sessionKey what encrypted sessions' keys are wrapped with in the log ({@link GroupSessionKeys}), null if
     *                   this member has none. Whether a client may connect clear is the login's decision, on the
     *                   leader: the service applies what the log holds, whatever this member's own option says.
     */
    AeolusClusteredService(final ServiceSettings settings, final BrokerSecurity security, final byte[] sessionKey)
    {
        this.sessionKey = null == sessionKey ? null : sessionKey.clone();
        this.settings = settings;
        this.memberSecurity = security;
        this.egress = new ClusterEgress(streams, settings.maxEgressBacklog());
    }

    /**
     * {@inheritDoc}
     */
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        egress.cluster(cluster);
        leadership.cluster(cluster);
        security = null != memberSecurity ? memberSecurity : BrokerSecurity.development(new CachedEpochClock());
        engine = new MessagingEngine(settings.engineSettings(), settings.maxMessageLength(), cluster.time(), security,
            egress);
        engine.durability(new InMemoryDurability(), Integer.MAX_VALUE);
        // Management requests come through the log like any send: every member answers them on its own engine.
        final EngineManagement managed = new EngineManagement(engine, settings.engineSettings(),
            (connectionId, reason) -> false, security.audit());
        final MemberManagement jmx = memberManagement;
        management = new ManagementService(managed, cluster.time());
        engine.management(new ClusterManagement(management, managed, this::groupStatus,
            null == jmx ? null : jmx::history, () -> requestingMember));
        if (null != jmx)
        {
            jmx.start(managed, System.currentTimeMillis());
        }
        // A member measures no enqueue latencies: nothing to note as a send arrives.
        ingress = new EngineRequestDecoder(engine, (connectionId, correlationId) ->
        {
        });
        if (null != snapshotImage)
        {
            timerScheduled = ClusterSnapshot.restore(
                ClusterSnapshot.read(snapshotImage, cluster.idleStrategy()), streams, engine);
            for (final ClientStream stream : streams.values())
            {
                // Aeron Cluster restored the sessions, with their principals, before this.
                final ClientSession session = cluster.getClientSession(stream.sessionId);
                stream.crypto = null == session ? null : crypto(session, stream.restoredIngressSequence);
            }
            startedFromSnapshot = true;
            snapshotLogPosition = cluster.logPosition();
        }
        connections = streams.size();
        logPosition = cluster.logPosition();
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        engine.advanceTime(timestamp);
        final ClientStream stream = new ClientStream(session.id());
        stream.crypto = crypto(session, 0);
        streams.put(session.id(), stream);
        connections = streams.size();
        if (!timerScheduled)
        {
            timerScheduled = true;
            cluster.scheduleTimer(TIMER_ID, timestamp + TICK_MS);
        }
        logPosition = cluster.logPosition();
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        engine.advanceTime(timestamp);
        final ClientStream stream = streams.remove(session.id());
        connections = streams.size();
        if (null != stream && stream.connected)
        {
            // Closed, timed out or its member gone: what the client held (unacknowledged deliveries) goes back.
            engine.onConnectionClosed(session.id());
        }
        engine.dispatch();
        logPosition = cluster.logPosition();
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        engine.advanceTime(timestamp);
        final ClientStream stream = streams.get(session.id());
        if (null != stream && null != stream.crypto)
        {
            // Opened by every member alike, in log order: a replayed, tampered or clear message is dropped by all.
            final int innerLength = stream.crypto.open(buffer, offset, length);
            if (innerLength < 0)
            {
                unauthenticated.onFailure(session.id(), "cluster session " + session.id(), stream.crypto.problem(),
                    System.nanoTime());
                logPosition = cluster.logPosition();
                return;
            }
            onOpened(stream, session, stream.crypto.buffer(), 0, innerLength);
            return;
        }
        onOpened(stream, session, buffer, offset, length);
    }

    private void onOpened(final ClientStream stream, final ClientSession session, final DirectBuffer buffer,
        final int offset, final int length)
    {
        if (null == stream || length < ClusterFraming.HEADER_LENGTH)
        {
            droppedFrames++;
            return;
        }
        stream.onAcknowledged(ClusterFraming.acknowledged(buffer, offset));
        // From the session's principal in the log, so every member (and a restarted one) reads it alike.
        requestingMember = ClusterPrincipal.memberId(session.encodedPrincipal());
        try
        {
            onSequenced(stream, session, buffer, offset, length);
        }
        finally
        {
            requestingMember = -1;
        }
        engine.dispatch();
        logPosition = cluster.logPosition();
    }

    private void onSequenced(final ClientStream stream, final ClientSession session, final DirectBuffer buffer,
        final int offset, final int length)
    {
        final long sequence = ClusterFraming.sequence(buffer, offset);
        if (sequence == ClusterFraming.RESYNC)
        {
            stream.resend(session, ClusterFraming.acknowledged(buffer, offset), scratch);
        }
        else if (sequence > ClusterFraming.CONTROL)
        {
            if (sequence <= stream.applied)
            {
                // Sent again after a leader change, applied already: tell the client so it stops keeping it.
                stream.acknowledge(session, scratch);
            }
            else if (sequence != stream.applied + 1)
            {
                droppedFrames++;
            }
            else
            {
                stream.applied = sequence;
                onFrame(stream, session, buffer, offset + ClusterFraming.HEADER_LENGTH,
                    length - ClusterFraming.HEADER_LENGTH);
                if (++stream.unacknowledgedFrames >= ACKNOWLEDGE_EVERY_FRAMES)
                {
                    stream.acknowledge(session, scratch);
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        engine.advanceTime(timestamp);
        if (TIMER_ID == correlationId)
        {
            engine.onTimer(timestamp);
            if (isMetricsTick(timestamp))
            {
                management.publishMetrics(timestamp);
            }
            cluster.scheduleTimer(TIMER_ID, timestamp + TICK_MS);
        }
        engine.dispatch();
        if (timestamp >= nextHeartbeatMs)
        {
            nextHeartbeatMs = timestamp + settings.heartbeatIntervalMs();
            for (final ClientStream stream : streams.values())
            {
                stream.acknowledge(egress.session(stream.sessionId), scratch);
            }
        }
        logPosition = cluster.logPosition();
    }

    /**
     * Whether the engine's tick at this time of the log publishes the metrics snapshot on {@code aeolus.metrics}:
     * the first tick of each second of log time. Every member applies the same ticks, so every member routes the
     * snapshot at the same point of the log and numbers it alike, a member restarted from a snapshot too (the rule
     * needs no state). Ticks are at least {@link #TICK_MS} apart, so no second has two; a second whose first
     * {@link #TICK_MS} ms no tick falls in (a late tick) has none. The figures are each member's (rates since its
     * previous snapshot, its heap), the same size on each: subscribers get the leader's.
     *
     * @param timestampMs the tick's time in the log.
     * @return true to publish.
     */
    static boolean isMetricsTick(final long timestampMs)
    {
        return Math.floorMod(timestampMs, METRICS_INTERVAL_MS) < TICK_MS;
    }

    /**
     * Answers this member's JMX reads and samples its metrics history, between two log events
     * ({@link MemberManagement}).
     *
     * @param nowNs the time now, for elapsed times only.
     * @return the work done.
     */
    public int doBackgroundWork(final long nowNs)
    {
        final MemberManagement jmx = memberManagement;
        return null == jmx ? 0 : jmx.doWork(System.currentTimeMillis());
    }

    /**
     * {@inheritDoc}
     */
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        ClusterSnapshot.write(snapshotPublication, cluster.idleStrategy(), timerScheduled, streams, engine);
    }

    /**
     * {@inheritDoc}
     */
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    /**
     * {@inheritDoc}
     */
    public void onTerminate(final Cluster cluster)
    {
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeadershipTermEvent(final long leadershipTermId, final long logPosition, final long timestamp,
        final long termBaseLogPosition, final int leaderMemberId, final int logSessionId, final TimeUnit timeUnit,
        final int appVersion)
    {
        this.leadershipTermId = leadershipTermId;
        this.leaderMemberId = leaderMemberId;
        leadership.onNewTerm(leadershipTermId, leaderMemberId);
    }

    /**
     * @return messages of encrypted sessions dropped because they did not open (tampered, replayed, clear, or keys
     * this member cannot open); any thread.
     */
    public long unauthenticatedFrames()
    {
        return unauthenticated.count();
    }

    private StreamCrypto crypto(final ClientSession session, final long lastAccepted)
    {
        final StreamCrypto crypto = StreamCrypto.of(session, sessionKey, lastAccepted, leadership);
        if (null != crypto && null != crypto.keysProblem())
        {
            // Dropping the session's messages, which the other members apply, would leave this member's state
            // apart from theirs: it stops instead, and stops again at each restart until its key is put right.
            final String reason = crypto.keysProblem() + ": this member stops rather than drop the messages the " +
                "other members apply; give every member the same users file and users.key";
            LOGGER.log(System.Logger.Level.ERROR, reason);
            onFatal.accept(reason);
        }
        return crypto;
    }

    /**
     * Sets what is told when this member can no longer keep its state the same as the other members' (it cannot
     * open an encrypted session's keys: its users.key differs). Before the service starts.
     *
     * @param onFatal told the reason, on the service thread; it must not wait for the service.
     */
    void onFatal(final Consumer<String> onFatal)
    {
        this.onFatal = onFatal;
    }

    /**
     * Sets where the {@code group} operation reads this member's view of the group. Before the service starts.
     *
     * @param groupView the view, read on the service thread.
     */
    void groupView(final Supplier<GroupStatus> groupView)
    {
        this.groupView = groupView;
    }

    /**
     * Sets the member's JMX management, which the service starts once its engine exists. Before the service starts.
     *
     * @param memberManagement the member's JMX management.
     */
    void memberManagement(final MemberManagement memberManagement)
    {
        this.memberManagement = memberManagement;
    }

    /**
     * @return this member's view of the group with the log position it has applied; service thread.
     */
    private GroupStatus groupStatus()
    {
        final GroupStatus view = groupView.get();
        return new GroupStatus(view.answeringMemberId(), view.leaderMemberId(), view.leadershipTermId(),
            cluster.logPosition(), view.leaderView(), view.members());
    }

    /**
     * @return this member's role as the service last heard; any thread.
     */
    public Cluster.Role role()
    {
        return role;
    }

    /**
     * @return the log position of the last event applied; any thread.
     */
    public long logPosition()
    {
        return logPosition;
    }

    /**
     * @return the current leadership term; any thread.
     */
    public long leadershipTermId()
    {
        return leadershipTermId;
    }

    /**
     * @return the leader's member id as of the last new term; any thread.
     */
    public int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * @return client sessions open; any thread.
     */
    public int connections()
    {
        return connections;
    }

    /**
     * @return true if this member started from a snapshot (then replayed only the log after it); any thread.
     */
    public boolean startedFromSnapshot()
    {
        return startedFromSnapshot;
    }

    /**
     * @return the log position of the snapshot this member started from (it replayed the log after it), -1 if it
     * started without one; any thread.
     */
    public long snapshotLogPosition()
    {
        return snapshotLogPosition;
    }

    /**
     * @return client messages dropped as malformed or out of order; any thread.
     */
    public long droppedFrames()
    {
        return droppedFrames;
    }

    private void onFrame(final ClientStream stream, final ClientSession session, final DirectBuffer buffer,
        final int offset, final int length)
    {
        final long connectionId = session.id();
        try
        {
            if (length < MessageHeaderDecoder.ENCODED_LENGTH)
            {
                throw new IllegalArgumentException("frame shorter than its header (" + length + " bytes)");
            }
            header.wrap(buffer, offset);
            if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
            {
                throw new IllegalArgumentException("unknown schema id " + header.schemaId());
            }
            final int templateId = header.templateId();
            final int blockLength = header.blockLength();
            final int version = header.version();
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int end = offset + length;
            switch (templateId)
            {
                case ConnectDecoder.TEMPLATE_ID:
                    EngineRequestDecoder.requireBlock(blockLength, ConnectDecoder.BLOCK_LENGTH, end - bodyOffset);
                    connect.wrap(buffer, bodyOffset, blockLength, version);
                    onConnect(stream, session, end);
                    return;
                case HeartbeatDecoder.TEMPLATE_ID:
                    return;
                case DisconnectDecoder.TEMPLATE_ID:
                    if (stream.connected)
                    {
                        stream.connected = false;
                        engine.onConnectionClosed(connectionId);
                    }
                    return;
                case XaRequestDecoder.TEMPLATE_ID:
                    EngineRequestDecoder.requireBlock(blockLength, XaRequestDecoder.BLOCK_LENGTH, end - bodyOffset);
                    onXaRequest(stream, connectionId, buffer, bodyOffset, blockLength, version, end);
                    return;
                default:
                    if (!stream.connected)
                    {
                        throw new IllegalArgumentException("template " + templateId + " before Connect");
                    }
                    if (!ingress.decode(connectionId, buffer, bodyOffset, blockLength, version, templateId, end))
                    {
                        throw new IllegalArgumentException("unknown template id " + templateId);
                    }
            }
        }
        catch (final IndexOutOfBoundsException | IllegalArgumentException | IllegalStateException ex)
        {
            droppedFrames++;
            egress.error(connectionId, 0, EngineError.MESSAGE_FORMAT, "malformed frame: " + ex.getMessage());
        }
    }

    /**
     * Applied from the log like every request: a prepared branch is in every member's engine (and its snapshot), so
     * it survives the leader and recover() lists it on the next one.
     */
    private void onXaRequest(final ClientStream stream, final long connectionId, final DirectBuffer buffer,
        final int offset, final int blockLength, final int version, final int end)
    {
        if (!stream.connected)
        {
            throw new IllegalArgumentException("XaRequest before Connect");
        }
        xaRequests.onRequest(connectionId, (correlationId, error, message) ->
            egress.error(connectionId, correlationId, error, message), engine.xa(), buffer, offset, blockLength,
            version, end);
    }

    private void onConnect(final ClientStream stream, final ClientSession session, final int end)
    {
        final long connectionId = session.id();
        final long correlationId = connect.correlationId();
        EngineRequestDecoder.string(connect.limit(), ConnectDecoder.clientIdHeaderLength(), connect.clientIdLength(),
            end);
        final String clientId = connect.clientId();
        if (stream.connected)
        {
            egress.error(connectionId, correlationId, EngineError.ILLEGAL_STATE, "already connected");
            return;
        }
        if (!clientId.isEmpty() && engine.isClientIdInUse(clientId))
        {
            egress.error(connectionId, correlationId, EngineError.INVALID_CLIENT_ID,
                "client id '" + clientId + "' is in use by another connection");
            return;
        }
        final StringBuilder refusal = new StringBuilder();
        final Principal principal = ClusterPrincipal.decode(session.encodedPrincipal(), session.responseChannel(),
            security.mode(), security.authorizer(), refusal);
        if (null == principal)
        {
            egress.error(connectionId, correlationId, EngineError.SECURITY, refusal.toString());
            return;
        }
        stream.connected = true;
        engine.onConnected(connectionId, clientId, principal, principal.source());
        egress.connectResponse(connectionId, correlationId, settings.brokerId(), VERSION,
            settings.maxMessageLength());
    }
}
