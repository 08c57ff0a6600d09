package io.aeolus.broker.conductor;

import io.aeolus.transport.FrameAssembler;
import io.aeolus.transport.codecs.ConnectDecoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.ExclusivePublication;
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

/**
 * Owns every connection, session, destination, subscription, delivery and acknowledgement. Runs on exactly one
 * thread: it polls the ingress subscriptions, dispatches, flushes each client's egress, and runs the timers
 * (liveness, heartbeats, pull timeouts). Time comes from the injected clocks, read once per duty cycle.
 * Other threads see it only through the counters, which it alone writes.
 */
public final class BrokerConductor implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;
    private static final long TIMER_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int MAX_REPLY_CHANNEL_LENGTH = 1024;

    private final Settings settings;
    private final Aeron aeron;
    private final Subscription[] ingress;
    private final FrameAssembler[] assemblers;
    private final MessagingEngine engine = new MessagingEngine();
    private final Long2ObjectHashMap<ClientConnection> connectionsBySource = new Long2ObjectHashMap<>();
    private final ArrayList<ClientConnection> connections = new ArrayList<>();
    private final ExpandableArrayBuffer egressBuffer = new ExpandableArrayBuffer(64 * 1024);
    private final AtomicLong rejectedFrames = new AtomicLong();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicLong connectionsClosedByLiveness = new AtomicLong();
    private long nextConnectionId = 1;
    private long nextTimerNs;
    private long nextHeartbeatNs;
    private long nowNs;

    /**
     * @param settings the broker's settings for the conductor.
     * @param aeron    the Aeron client the conductor publishes with.
     * @param ingress  the ingress subscriptions (IPC and, if enabled, UDP).
     */
    public BrokerConductor(final Settings settings, final Aeron aeron, final Subscription... ingress)
    {
        this.settings = settings;
        this.aeron = aeron;
        this.ingress = ingress.clone();
        this.assemblers = new FrameAssembler[ingress.length];
        for (int i = 0; i < ingress.length; i++)
        {
            assemblers[i] = new FrameAssembler(new BrokerIngressAdapter(i, this, engine), settings.maxFrameLength);
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
        engine.time(settings.epochClock.time(), nowNs);
        int workCount = 0;
        for (int i = 0; i < ingress.length; i++)
        {
            workCount += ingress[i].poll(assemblers[i], FRAGMENT_LIMIT);
        }
        workCount += engine.dispatchDirty();
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            workCount += connections.get(i).flush();
        }
        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + TIMER_INTERVAL_NS;
            workCount += onTimer();
        }
        return workCount;
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "aeolus-broker-conductor";
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
     * @return connections closed because the client went silent; any thread.
     */
    public long connectionsClosedByLiveness()
    {
        return connectionsClosedByLiveness.get();
    }

    long nowNs()
    {
        return nowNs;
    }

    ClientConnection connectionBySource(final long sourceKey)
    {
        return connectionsBySource.get(sourceKey);
    }

    boolean isClientIdInUse(final String clientId, final ClientConnection asking)
    {
        for (int i = 0, size = connections.size(); i < size; i++)
        {
            final ClientConnection connection = connections.get(i);
            if (connection != asking && connection.state != ClientConnection.State.REJECTING &&
                clientId.equals(connection.clientId))
            {
                return true;
            }
        }
        return false;
    }

    void onConnect(
        final long sourceKey,
        final int aeronSessionId,
        final ClientConnection existing,
        final ConnectDecoder connect,
        final int end)
    {
        if (null != existing)
        {
            onMalformed(sourceKey, existing, "Connect on an established connection");
            return;
        }
        final long correlationId = connect.correlationId();
        final int protocolVersion = connect.protocolVersion();
        final int replyStreamId = connect.replyStreamId();
        BrokerIngressAdapter.string(
            connect.limit(), ConnectDecoder.clientIdHeaderLength(), connect.clientIdLength(), end);
        final String clientId = connect.clientId();
        BrokerIngressAdapter.string(connect.limit(), ConnectDecoder.userHeaderLength(), connect.userLength(), end);
        final String user = connect.user();
        BrokerIngressAdapter.string(
            connect.limit(), ConnectDecoder.credentialsHeaderLength(), connect.credentialsLength(), end);
        connect.skipCredentials();
        BrokerIngressAdapter.string(
            connect.limit(), ConnectDecoder.replyChannelHeaderLength(), connect.replyChannelLength(), end);
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
        connection.lastReceivedNs = nowNs;
        connection.deadlineNs = nowNs + settings.connectTimeoutNs;
        connectionsBySource.put(sourceKey, connection);
        connections.add(connection);
        connectionCount.set(connections.size());

        final String refusal = refusal(protocolVersion, clientId, connection);
        if (null != refusal)
        {
            connection.state = ClientConnection.State.REJECTING;
            connection.sendError(correlationId, protocolVersion != ConnectDecoder.SCHEMA_VERSION ?
                ErrorCode.PROTOCOL_VERSION : ErrorCode.INVALID_CLIENT_ID, refusal);
            return;
        }
        connection.sendConnectResponse(correlationId, TimeUnit.NANOSECONDS.toMillis(settings.heartbeatIntervalNs),
            TimeUnit.NANOSECONDS.toMillis(settings.livenessTimeoutNs), settings.brokerId, settings.brokerVersion);
        connection.state = ClientConnection.State.ACTIVE;
    }

    private String refusal(final int protocolVersion, final String clientId, final ClientConnection connection)
    {
        if (protocolVersion != ConnectDecoder.SCHEMA_VERSION)
        {
            return "protocol version mismatch: client speaks version " + protocolVersion + ", broker speaks version " +
                ConnectDecoder.SCHEMA_VERSION;
        }
        if (!clientId.isEmpty() && isClientIdInUse(clientId, connection))
        {
            return "client id '" + clientId + "' is in use by another connection";
        }
        if (connections.size() > settings.maxConnections)
        {
            return "broker has reached its maximum of " + settings.maxConnections + " connections";
        }
        return null;
    }

    void onClientDisconnect(final ClientConnection connection)
    {
        closeConnection(connection, ErrorCode.NONE, "client closed");
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
                default:
                    workCount += checkLiveness(connection, heartbeat);
            }
        }
        return workCount + engine.onTimer(connections);
    }

    private int checkLiveness(final ClientConnection connection, final boolean heartbeat)
    {
        if (nowNs - connection.lastReceivedNs > settings.livenessTimeoutNs)
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
            return 1;
        }
        return 0;
    }

    private void closeConnection(final ClientConnection connection, final ErrorCode code, final String reason)
    {
        if (connection.state != ClientConnection.State.CLOSED && code != ErrorCode.NONE)
        {
            connection.sendDisconnect(code, reason);
            connection.flush();
        }
        engine.onConnectionClosed(connection);
        connectionsBySource.remove(connection.sourceKey);
        connections.remove(connection);
        connectionCount.set(connections.size());
        assemblers[(int)(connection.sourceKey >>> 32)].onSessionClosed(connection.aeronSessionId);
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
        return new ArrayList<>(engine.queues().keySet());
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
            final String brokerVersion)
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
        }
    }
}
