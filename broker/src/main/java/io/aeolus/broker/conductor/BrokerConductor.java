package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.AckObserver;
import io.aeolus.broker.engine.EngineManagement;
import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.broker.logging.BrokerLog;
import io.aeolus.broker.logging.SlowConsumerLog;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.broker.security.EncryptionPolicy;
import io.aeolus.broker.security.Handshake;
import io.aeolus.broker.security.Principal;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.metrics.LatencyMeters;
import io.aeolus.broker.management.ManagementProxy;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.transport.FrameAssembler;
import io.aeolus.transport.crypto.AuthenticationFailures;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Owns every connection, session, destination, subscription, delivery and acknowledgement. Runs on exactly one
 * thread: it polls the ingress subscriptions, releases messages whose delivery or redelivery delay ended,
 * dispatches, flushes each client's egress, and runs the timers (liveness, heartbeats, pull timeouts, the expiry
 * scan). Time comes from the injected clocks, read once per duty cycle.
 * Other threads see it only through the counters, which it alone writes.
 */
public final class BrokerConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int MAX_REPLY_CHANNEL_LENGTH = 1024;
    private static final long DRAIN_LINGER_NS = TimeUnit.SECONDS.toNanos(5);

    /**
     * Largest persistent message the journal takes: an eighth of the heap (at least 1 MiB), since the broker holds a
     * message several times over while it journals it (the reassembled frame, the stored copy, H2's chunk buffer);
     * larger ones travel only as non-persistent messages. A host fact, read here and given to the engine.
     */
    static final int MAX_JOURNALED_MESSAGE_LENGTH =
        (int)Math.min(Integer.MAX_VALUE, Math.max(1 << 20, Runtime.getRuntime().maxMemory() / 8));

    private final Settings settings;
    private volatile boolean draining;
    private volatile boolean drained;
    private long drainQuietSinceNs;
    private final SlowConsumerLog slowConsumers = new SlowConsumerLog(SlowConsumerLog.DEFAULT_THRESHOLD_NS);
    private final Aeron aeron;
    private final Subscription[] ingress;
    private final FrameAssembler[] assemblers;
    private final MessagingEngine engine;
    private final ManagementService management;
    private final BrokerSecurity security;
    private final Consumer<Handshake> onHandshakeReady = this::onHandshakeReady;
    private final Long2ObjectHashMap<ClientConnection> connectionsBySource = new Long2ObjectHashMap<>();
    private final AeronClientEgress egress = new AeronClientEgress();
    private final GatewayEgress engineEgress = new GatewayEgress(egress);
    private ProtocolGateway gateway;
    private final ArrayList<ClientConnection> connections = new ArrayList<>();
    private final ExpandableArrayBuffer egressBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final AtomicLong rejectedFrames = new AtomicLong();
    private final AuthenticationFailures authenticationFailures = new AuthenticationFailures(BrokerLog.CONNECTIONS);
    private EncryptionPolicy encryptionPolicy = EncryptionPolicy.AUTO;
    private final AtomicInteger connectionCount = new AtomicInteger();
    /** Connections whose egress is UDP: while there are none, the media driver need not be woken after work. */
    private int networkConnections;
    private boolean networkEgressOffered;
    /** Frames were offered to a UDP client's egress just before it closed (a close answer, a Disconnect). */
    private boolean closedNetworkEgress;
    /** A client's egress publication did not take everything in the last duty cycle. */
    private boolean egressBackPressured;
    private final AtomicLong connectionsClosedByLiveness = new AtomicLong();
    private long nextConnectionId = 1;
    private long nextTimerNs;
    private long nextHeartbeatNs;
    private BrokerJournal journal = BrokerJournal.inMemory();
    private long nowNs;
    private long nowMs;

    /**
     * A conductor with development-mode security and no users (anonymous clients of this host only): for tests that
     * drive a conductor by hand.
     *
     * @param settings the broker's settings for the conductor.
     * @param aeron    the Aeron client the conductor publishes with.
     * @param ingress  the ingress subscriptions (IPC and, if enabled, UDP).
     */
    public BrokerConductor(final Settings settings, final Aeron aeron, final Subscription... ingress)
    {
        this(settings, BrokerSecurity.development(settings.epochClock), aeron, ingress);
    }

    /**
     * @param settings the broker's settings for the conductor.
     * @param security who may connect and what they may do.
     * @param aeron    the Aeron client the conductor publishes with.
     * @param ingress  the ingress subscriptions (IPC and, if enabled, UDP).
     */
    public BrokerConductor(
        final Settings settings, final BrokerSecurity security, final Aeron aeron, final Subscription... ingress)
    {
        this.settings = settings;
        this.security = security;
        this.aeron = aeron;
        this.engine = new MessagingEngine(
            settings.engineSettings, MAX_JOURNALED_MESSAGE_LENGTH, settings.epochClock.time(), security,
            engineEgress);
        this.management = new ManagementService(
            new EngineManagement(engine, settings.engineSettings, this::closeConnection, security.audit()),
            settings.epochClock.time());
        management.users(security.users());
        engine.management(management::onRequest);
        this.ingress = ingress.clone();
        this.assemblers = new FrameAssembler[ingress.length];
        for (int i = 0; i < ingress.length; i++)
        {
            assemblers[i] = new FrameAssembler(new BrokerIngressAdapter(i, this, engine),
                (int)Math.min(Integer.MAX_VALUE, (long)settings.maxFrameLength + FrameSealer.OVERHEAD));
        }
    }

    static long sourceKey(final int ingressIndex, final int sessionId)
    {
        return ((long)ingressIndex << 32) | (sessionId & 0xFFFF_FFFFL);
    }

    /**
     * {@inheritDoc}
     */
    public int doWork()
    {
        nowNs = settings.nanoClock.nanoTime();
        nowMs = settings.epochClock.time();
        egress.time(nowNs, nowMs);
        engine.advanceTime(nowMs);
        int workCount = journal.poll(engine);
        for (int i = 0; !draining && i < ingress.length; i++)
        {
            workCount += ingress[i].poll(assemblers[i], FRAGMENT_LIMIT);
        }
        if (!draining && null != gateway)
        {
            workCount += gateway.doWork(engine, nowMs);
        }
        workCount += management.doWork();
        workCount += engine.dispatch();
        boolean backPressured = false;
        boolean networkEgress = false;
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final ClientConnection connection = connections.get(i);
            workCount += connection.flush();
            backPressured |= connection.hasPendingEgress();
            networkEgress |= connection.isNetwork() && connection.egressAdvanced();
        }
        egressBackPressured = backPressured;
        networkEgressOffered = networkEgress;
        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            workCount += onTimer();
        }
        if (null != gateway)
        {
            // Last: whatever the cycle wrote to MQTT clients (acknowledgements, deliveries, timers' redeliveries).
            workCount += gateway.flush();
        }
        if (draining && !drained)
        {
            drained = isQuiet();
        }
        return workCount;
    }

    /**
     * Whether the embedded media driver must be woken after a duty cycle: when frames were offered to a UDP client's
     * egress since the last cycle (the driver sends them; frames offered late in a cycle are seen in the next, which
     * follows at once), also when that client's connection closed right after (the close handshake's answer), or
     * while an egress publication is back-pressured (the driver moves its limit on). Not
     * otherwise: over IPC the driver takes no part in moving frames, and waking it for nothing slowed every round
     * trip on a host with few cores; and a driver's wake-up marks traffic, which keeps it polling closely for 50 ms
     * (woken after every cycle with work, heartbeats and timers included, the driver of a broker with one idle UDP
     * client woke ~1,000 times a second). On the conductor's thread.
     *
     * @param workCount the duty cycle's work count.
     * @return true to wake the driver.
     */
    public boolean needsDriverAfter(final int workCount)
    {
        final boolean closed = closedNetworkEgress;
        closedNetworkEgress = false;
        return networkEgressOffered || egressBackPressured || closed;
    }

    /**
     * Starts a graceful shutdown: the conductor reads no more from clients, and reports {@link #isDrained()} once
     * everything already accepted is durable and its confirmations have been handed to Aeron. Any thread.
     */
    public void drain()
    {
        draining = true;
    }

    /**
     * @return true once {@link #drain()} has completed; any thread.
     */
    public boolean isDrained()
    {
        return drained;
    }

    private boolean isQuiet()
    {
        if (engine.awaitingDurability() > 0 || (journal.pendingCount() > 0 && null == journal.failure()))
        {
            // Sends accepted before the drain still wait for the journal: their confirmations are not out yet.
            drainQuietSinceNs = 0;
            return false;
        }
        // Everything accepted is durable and its confirmations are queued: wait (a while only: a client that reads
        // nothing must not hold the shutdown) until they are offered and the driver has carried them out, since
        // closing the driver drops what it has not sent.
        if (0 == drainQuietSinceNs)
        {
            drainQuietSinceNs = nowNs;
        }
        if (nowNs - drainQuietSinceNs > DRAIN_LINGER_NS)
        {
            return true;
        }
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final ClientConnection connection = connections.get(i);
            if (connection.hasPendingEgress() ||
                connection.egressCarriedPosition(aeron.countersReader()) < connection.egressPosition())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "aeolus-broker-conductor";
    }

    /**
     * Hands the conductor its journal and rebuilds what the journal holds: destinations, durable subscriptions and
     * their messages, and the last day of the metrics history. Call once, before the conductor thread starts.
     *
     * @param journal      the journal, opened and not yet started.
     * @param pagingWindow most persistent messages of one queue kept in memory; the rest stay in the journal.
     * @param crashed      true if the broker did not shut down cleanly last time.
     * @return messages recovered into memory.
     */
    public long recover(final BrokerJournal journal, final int pagingWindow, final boolean crashed)
    {
        this.journal = journal;
        engine.durability(journal.durability(), pagingWindow);
        if (null == journal.store())
        {
            return 0;
        }
        final long recovered = engine.recover(journal.recoverySource(), crashed);
        for (final String problem : engine.routingRecoveryProblems())
        {
            BrokerLog.BROKER.log(System.Logger.Level.WARNING, problem);
        }
        management.history().recover(journal.store(), settings.epochClock.time());
        return recovered;
    }

    /**
     * Closes every connection, telling each client the broker is shutting down.
     */
    public void onClose()
    {
        for (final ClientConnection connection : new ArrayList<>(connections))
        {
            closeConnection(connection, ErrorCode.SHUTDOWN, "broker shutting down");
        }
    }

    /**
     * @return connections currently open; any thread.
     */
    public int connectionCount()
    {
        return connectionCount.get();
    }

    /**
     * @return frames rejected as malformed since start; any thread.
     */
    public long rejectedFrames()
    {
        return rejectedFrames.get();
    }

    /**
     * @return frames dropped because they failed authentication on an encrypted connection (tampered, replayed,
     *         spoofed or clear) since start; any thread.
     */
    public long unauthenticatedFrames()
    {
        return authenticationFailures.count();
    }

    /**
     * @param policy the transport encryption option ({@value EncryptionPolicy#OPTION}); set before the conductor
     *               starts. The default is {@link EncryptionPolicy#AUTO}.
     */
    public void encryptionPolicy(final EncryptionPolicy policy)
    {
        this.encryptionPolicy = policy;
    }

    /**
     * @return connections closed because the client went silent; any thread.
     */
    public long connectionsClosedByLiveness()
    {
        return connectionsClosedByLiveness.get();
    }

    /**
     * @return the proxy through which JMX runs management operations on this conductor; any thread.
     */
    public ManagementProxy managementProxy()
    {
        return management.proxy();
    }

    ManagementService management()
    {
        return management;
    }

    /**
     * @param extensions the running extensions, which answer the management operations the broker does not (the JMS
     *                   bridge's); any thread.
     */
    public void managementExtensions(final java.util.List<io.aeolus.broker.BrokerExtension> extensions)
    {
        management.extensions(extensions);
    }

    List<ClientConnection> activeConnections()
    {
        return connections;
    }

    boolean closeConnection(final long connectionId, final String reason)
    {
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final ClientConnection connection = connections.get(i);
            if (connection.connectionId == connectionId && connection.state == ClientConnection.State.ACTIVE)
            {
                closeConnection(connection, ErrorCode.CONNECTION_CLOSED, reason);
                return true;
            }
        }
        return false;
    }

    long nowNs()
    {
        return nowNs;
    }

    AeronClientEgress egress()
    {
        return egress;
    }

    /**
     * Adds a second adapter (the MQTT gateway) on the engine's inputs. Before the conductor's thread starts.
     *
     * @param gateway the gateway; its connection ids start at {@link ProtocolGateway#CONNECTION_ID_BASE}.
     */
    public void gateway(final ProtocolGateway gateway)
    {
        this.gateway = gateway;
        engineEgress.gateway(gateway);
    }

    /**
     * Measures send-to-confirm, delivery and enqueue-to-acknowledge latencies into these meters. Before the
     * conductor's thread starts.
     *
     * @param latencies the meters; null measures nothing (the default).
     */
    public void latencyMeters(final LatencyMeters latencies)
    {
        egress.latencies(latencies);
        engine.ackObserver(null == latencies ? AckObserver.NONE : latencies);
    }

    MessagingEngine engine()
    {
        return engine;
    }

    /**
     * @return who may connect and what they may do: the engine's authorizer and limits.
     */
    BrokerSecurity security()
    {
        return security;
    }

    ClientConnection connectionBySource(final long sourceKey)
    {
        return connectionsBySource.get(sourceKey);
    }

    /**
     * @return true if a logged-in connection holds the client id: one still authenticating cannot squat it.
     */
    boolean isClientIdInUse(final String clientId)
    {
        return engine.isClientIdInUse(clientId);
    }

    void onConnect(
        final long sourceKey,
        final int aeronSessionId,
        final ClientConnection existing,
        final ConnectRequest connect)
    {
        if (null != existing)
        {
            onMalformed(sourceKey, existing, "Connect on an established connection");
            return;
        }
        final long correlationId = connect.correlationId();
        final int protocolVersion = connect.protocolVersion();
        final int replyStreamId = connect.replyStreamId();
        final String clientId = connect.clientId();
        final String user = connect.user();
        final byte[] credentials = connect.credentials();
        final String replyChannel = connect.replyChannel();

        final String channelProblem = replyChannelProblem(replyChannel, replyStreamId);
        if (null != channelProblem)
        {
            onMalformed(sourceKey, null, channelProblem);
            return;
        }
        final ExclusivePublication publication;
        try
        {
            publication = aeron.addExclusivePublication(withTermLength(replyChannel), replyStreamId);
        }
        catch (final AeronException | IllegalArgumentException ex)
        {
            onMalformed(sourceKey, null, "cannot publish to reply channel " + replyChannel + ": " + ex.getMessage());
            return;
        }
        final ClientConnection connection = new ClientConnection(nextConnectionId++, sourceKey, aeronSessionId,
            clientId, user, publication, egressBuffer, settings.maxPendingEgressBytes);
        egress.add(connection);
        connection.lastReceivedNs = nowNs;
        connection.deadlineNs = nowNs + settings.connectTimeoutNs;
        connection.source = source(sourceKey, aeronSessionId);
        connectionsBySource.put(sourceKey, connection);
        connections.add(connection);
        connectionCount.set(connections.size());
        if (connection.isNetwork())
        {
            networkConnections++;
        }

        final String refusal = refusal(protocolVersion, clientId, connection);
        if (null != refusal)
        {
            connection.state = ClientConnection.State.REJECTING;
            // The same order as refusal(): a full broker is a resource limit, not the client id's fault.
            connection.sendError(correlationId, protocolVersion != ConnectDecoder.SCHEMA_VERSION ?
                ErrorCode.PROTOCOL_VERSION : connections.size() > settings.maxConnections ?
                ErrorCode.RESOURCE_ALLOCATION : ErrorCode.INVALID_CLIENT_ID, refusal);
            return;
        }
        connection.authCorrelationId = correlationId;
        final Handshake handshake = security.authenticator().onConnect(user, credentials, connection.source, nowNs,
            encryptionPolicy.forSource(connection.source));
        handshake.attachment(connection);
        connection.handshake = handshake;
        onHandshake(connection, handshake);
    }

    /**
     * The client answered the authentication challenge of its Connect.
     */
    void onAuthResponse(final ClientConnection connection, final long correlationId, final byte[] data)
    {
        final Handshake handshake = connection.handshake;
        if (connection.state != ClientConnection.State.CONNECTING || null == handshake ||
            handshake.status() != Handshake.Status.CHALLENGE || correlationId != connection.authCorrelationId)
        {
            onMalformed(connection.sourceKey, connection, "AuthResponse without a challenge to answer");
            return;
        }
        security.authenticator().onResponse(handshake, data, nowNs);
        onHandshake(connection, handshake);
    }

    private void onHandshakeReady(final Handshake handshake)
    {
        final ClientConnection connection = (ClientConnection)handshake.attachment();
        if (connection.handshake == handshake)
        {
            onHandshake(connection, handshake);
        }
    }

    private void onHandshake(final ClientConnection connection, final Handshake handshake)
    {
        if (connection.state != ClientConnection.State.CONNECTING)
        {
            return;
        }
        switch (handshake.status())
        {
            case CHALLENGE:
                connection.sendAuthChallenge(connection.authCorrelationId, handshake.challenge());
                break;
            case SUCCEEDED:
                onAuthenticated(connection, handshake);
                break;
            case FAILED:
                refuse(connection, ErrorCode.SECURITY, handshake.failureMessage());
                break;
            default:
                // PENDING: the answer is held (repeated failures) or checked on the security thread; the
                // authenticator hands the handshake back through poll() in onTimer.
                break;
        }
    }

    private void onAuthenticated(final ClientConnection connection, final Handshake handshake)
    {
        final Principal principal = handshake.principal();
        final String limit = principal.isAnonymous() ? null :
            security.limits().checkConnectionsPerUser(principal.name(), engine.connectionsOf(principal.name()));
        if (null != limit)
        {
            refuse(connection, ErrorCode.RESOURCE_ALLOCATION, limit);
            return;
        }
        if (!connection.clientId.isEmpty() && isClientIdInUse(connection.clientId))
        {
            refuse(connection, ErrorCode.INVALID_CLIENT_ID,
                "client id '" + connection.clientId + "' is in use by another connection");
            return;
        }
        connection.principal = principal;
        connection.handshake = null;
        if (null != handshake.serverFinal())
        {
            connection.sendAuthSuccess(connection.authCorrelationId, handshake.serverFinal());
        }
        if (null != handshake.transportKeys())
        {
            connection.encrypt(handshake.transportKeys());
        }
        connection.sendConnectResponse(connection.authCorrelationId,
            TimeUnit.NANOSECONDS.toMillis(settings.heartbeatIntervalNs),
            TimeUnit.NANOSECONDS.toMillis(settings.livenessTimeoutNs), settings.brokerId, settings.brokerVersion);
        connection.state = ClientConnection.State.ACTIVE;
        engine.onConnected(connection.connectionId, connection.clientId, principal, connection.source);
        BrokerLog.connectionOpened(connection.connectionId, principal.displayName(),
            null == connection.opener ? connection.source : connection.source + " (encrypted, AES-256-GCM)",
            connection.clientId);
    }

    private void refuse(final ClientConnection connection, final ErrorCode code, final String message)
    {
        connection.state = ClientConnection.State.REJECTING;
        connection.handshake = null;
        connection.deadlineNs = nowNs + settings.connectTimeoutNs;
        connection.sendError(connection.authCorrelationId, code, message);
    }

    private String source(final long sourceKey, final int aeronSessionId)
    {
        final Image image = ingress[(int)(sourceKey >>> 32)].imageBySessionId(aeronSessionId);
        return null == image ? "unknown" : image.sourceIdentity();
    }

    private String refusal(final int protocolVersion, final String clientId, final ClientConnection connection)
    {
        if (protocolVersion != ConnectDecoder.SCHEMA_VERSION)
        {
            return "protocol version mismatch: client speaks version " + protocolVersion + ", broker speaks version " +
                ConnectDecoder.SCHEMA_VERSION;
        }
        if (connections.size() > settings.maxConnections)
        {
            return "broker has reached its maximum of " + settings.maxConnections +
                " connections (aeolus.broker.max.connections=" + settings.maxConnections + ")";
        }
        if (!clientId.isEmpty() && isClientIdInUse(clientId))
        {
            return "client id '" + clientId + "' is in use by another connection";
        }
        return null;
    }

    /**
     * The client closes its connection. With a correlation id (the close handshake) the client waits for an Ok: it
     * goes out once the connection is closed in the engine (what it held unacknowledged is back on its destinations,
     * its temporary destinations are gone), before the egress publication closes, so the client knows every frame it
     * sent before was applied.
     *
     * @param connection    the connection.
     * @param correlationId the Disconnect's correlation id, 0 if the client wants no answer.
     */
    void onClientDisconnect(final ClientConnection connection, final long correlationId)
    {
        closeConnection(connection, ErrorCode.NONE, "client closed", correlationId);
    }

    /**
     * A frame on an encrypted connection failed authentication: dropped and counted, never applied; the connection
     * carries on (closing it would let anyone who can send a packet close it).
     */
    void onUnauthenticated(final ClientConnection connection, final String problem)
    {
        authenticationFailures.onFailure(connection.connectionId, connection.source, problem, nowNs);
    }

    void onMalformed(final long sourceKey, final ClientConnection connection, final String reason)
    {
        rejectedFrames.incrementAndGet();
        if (null != connection && connection.state != ClientConnection.State.CLOSED)
        {
            connection.sendError(0, ErrorCode.MALFORMED_FRAME, reason);
            closeConnection(connection, ErrorCode.MALFORMED_FRAME, "malformed frame: " + reason);
        }
    }

    private int onTimer()
    {
        int workCount = 0;
        final boolean heartbeat = nowNs - nextHeartbeatNs >= 0;
        if (heartbeat)
        {
            nextHeartbeatNs = nowNs + settings.heartbeatIntervalNs;
        }
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final ClientConnection connection = connections.get(i);
            switch (connection.state)
            {
                case REJECTING:
                    if (!connection.hasPendingEgress() || nowNs - connection.deadlineNs > 0)
                    {
                        closeConnection(connection, ErrorCode.NONE, "refused");
                        workCount++;
                    }
                    break;
                case CLOSED:
                    closeConnection(connection, ErrorCode.CONNECTION_CLOSED, "egress closed");
                    workCount++;
                    break;
                case CONNECTING:
                    // A login must finish within the connect timeout, unless its answer is being held.
                    if (nowNs - connection.deadlineNs > 0 && (null == connection.handshake ||
                        connection.handshake.status() != Handshake.Status.PENDING))
                    {
                        closeConnection(connection, ErrorCode.SECURITY, "login not completed in time");
                        workCount++;
                    }
                    break;
                default:
                    workCount += checkLiveness(connection, heartbeat);
            }
        }
        workCount += security.authenticator().poll(nowNs, onHandshakeReady);
        workCount += management.onTimer(settings.epochClock.time());
        return workCount + engine.onTimer(nowMs);
    }

    private int checkLiveness(final ClientConnection connection, final boolean heartbeat)
    {
        // While draining the conductor reads nothing, heartbeats included: the silence is its own, and closing the
        // connection would drop the confirmations the drain is waiting to send.
        if (!draining && nowNs - connection.lastReceivedNs > settings.livenessTimeoutNs)
        {
            connectionsClosedByLiveness.incrementAndGet();
            closeConnection(connection, ErrorCode.LIVENESS_TIMEOUT, "no frame from the client for more than " +
                TimeUnit.NANOSECONDS.toMillis(settings.livenessTimeoutNs) + " ms");
            return 1;
        }
        if (connection.hasPendingEgress() && !connection.isPublicationConnected() &&
            nowNs - connection.deadlineNs > 0)
        {
            closeConnection(connection, ErrorCode.CONNECTION_CLOSED, "client's reply channel never connected");
            return 1;
        }
        if (heartbeat)
        {
            connection.sendHeartbeat();
            slowConsumers.onCheck(connection.connectionId, !connection.isWritable(), nowNs,
                connection.principal.displayName(), connection.source);
            return 1;
        }
        return 0;
    }

    private void closeConnection(final ClientConnection connection, final ErrorCode code, final String reason)
    {
        closeConnection(connection, code, reason, 0);
    }

    private void closeConnection(final ClientConnection connection, final ErrorCode code, final String reason,
        final long closeCorrelationId)
    {
        if (connection.state != ClientConnection.State.CLOSED && code != ErrorCode.NONE)
        {
            connection.sendDisconnect(code, reason);
            connection.flush();
        }
        BrokerLog.connectionClosed(connection.connectionId, null == connection.principal ? null :
            connection.principal.displayName(), connection.source, reason);
        slowConsumers.onClosed(connection.connectionId);
        engine.onConnectionClosed(connection.connectionId);
        egress.remove(connection);
        connectionsBySource.remove(connection.sourceKey);
        if (connections.remove(connection) && connection.isNetwork())
        {
            networkConnections--;
        }
        connectionCount.set(connections.size());
        assemblers[(int)(connection.sourceKey >>> 32)].onSessionClosed(connection.aeronSessionId);
        if (0 != closeCorrelationId && connection.state != ClientConnection.State.CLOSED)
        {
            connection.sendOk(closeCorrelationId, 0);
            connection.flush();
        }
        // The connection leaves the list the duty cycle checks: a UDP client's last frames need the driver now.
        closedNetworkEgress |= connection.isNetwork() && connection.egressAdvanced();
        connection.closeEgress();
    }

    private static String replyChannelProblem(final String replyChannel, final int replyStreamId)
    {
        if (replyChannel.isEmpty() || replyChannel.length() > MAX_REPLY_CHANNEL_LENGTH)
        {
            return "reply channel empty or too long";
        }
        try
        {
            final ChannelUri uri = ChannelUri.parse(replyChannel);
            if (!"udp".equals(uri.media()) && !"ipc".equals(uri.media()))
            {
                return "reply channel must be aeron:udp or aeron:ipc: " + replyChannel;
            }
            if ("udp".equals(uri.media()) && null == uri.get("endpoint"))
            {
                return "UDP reply channel has no endpoint: " + replyChannel;
            }
        }
        catch (final RuntimeException ex)
        {
            return "reply channel is not an Aeron channel: " + replyChannel;
        }
        if (replyStreamId == 0)
        {
            return "reply stream id 0";
        }
        return null;
    }

    private String withTermLength(final String replyChannel)
    {
        final ChannelUri uri = ChannelUri.parse(replyChannel);
        if (null == uri.get("term-length"))
        {
            uri.put("term-length", Integer.toString(settings.termLength));
        }
        return uri.toString();
    }

    /**
     * @return a snapshot of queue names and depths, for tests and management; conductor thread only.
     */
    List<String> queueNames()
    {
        return new ArrayList<>(engine.destinations().queues().keySet());
    }

    /**
     * The conductor's settings, resolved from the broker's context.
     */
    public static final class Settings
    {
        final EpochClock epochClock;
        final NanoClock nanoClock;
        final long heartbeatIntervalNs;
        final long livenessTimeoutNs;
        final long connectTimeoutNs;
        final int termLength;
        final int maxFrameLength;
        final int maxConnections;
        final long maxPendingEgressBytes;
        final String brokerId;
        final String brokerVersion;
        final EngineSettings engineSettings;

        /**
         * @param epochClock            wall-clock time for message expiry, in ms.
         * @param nanoClock             monotonic time for timers.
         * @param heartbeatIntervalNs   how often each client is sent a heartbeat.
         * @param livenessTimeoutNs     silence after which a client is declared dead.
         * @param connectTimeoutNs      how long a new client's reply channel may take to connect.
         * @param termLength            term length of each client's egress publication.
         * @param maxFrameLength        largest frame accepted after reassembly.
         * @param maxConnections        most connections at once.
         * @param maxPendingEgressBytes egress backlog above which deliveries to a client pause.
         * @param brokerId              name given to clients.
         * @param brokerVersion         version given to clients.
         * @param engineSettings        destinations, their policies and the expiry scan.
         */
        public Settings(
            final EpochClock epochClock,
            final NanoClock nanoClock,
            final long heartbeatIntervalNs,
            final long livenessTimeoutNs,
            final long connectTimeoutNs,
            final int termLength,
            final int maxFrameLength,
            final int maxConnections,
            final long maxPendingEgressBytes,
            final String brokerId,
            final String brokerVersion,
            final EngineSettings engineSettings)
        {
            this.epochClock = epochClock;
            this.nanoClock = nanoClock;
            this.heartbeatIntervalNs = heartbeatIntervalNs;
            this.livenessTimeoutNs = livenessTimeoutNs;
            this.connectTimeoutNs = connectTimeoutNs;
            this.termLength = termLength;
            this.maxFrameLength = maxFrameLength;
            this.maxConnections = maxConnections;
            this.maxPendingEgressBytes = maxPendingEgressBytes;
            this.brokerId = brokerId;
            this.brokerVersion = brokerVersion;
            this.engineSettings = engineSettings;
        }
    }
}
