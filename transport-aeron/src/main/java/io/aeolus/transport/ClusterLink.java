package io.aeolus.transport;

import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.crypto.AuthenticationFailures;
import io.aeolus.transport.crypto.FrameOpener;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.cluster.codecs.EventCode;
import io.aeron.logbuffer.Header;
import io.aeron.security.AuthenticationException;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client's link to a broker group on Aeron Cluster: frames go in as ingress messages of the client's cluster
 * session and come back as its egress, each wrapped in {@link ClusterFraming}'s header. {@link AeronCluster}
 * follows leader changes; this class makes them lose and repeat nothing: frames the group has not acknowledged are
 * kept and sent again to a new leader (the group drops those it already applied), and the group is asked to send
 * again what this client has not yet taken (a leader's last deliveries and answers may never have arrived).
 * <p>
 * When the login negotiated encryption, every message both ways (its framing header and frame) is sealed with the
 * session's keys ({@link FrameSealer}, {@link FrameOpener}), right before it is offered and as it arrives: a message
 * from the group that does not open is dropped and counted, and one offered again is sealed again, with a new
 * sequence.
 * <p>
 * Not thread-safe: the owning {@link ClientEndpoint} calls it under its send lock only.
 */
final class ClusterLink implements EgressListener
{
    private static final int ACK_EVERY_FRAMES = 64;
    private static final long RESYNC_RETRY_NS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final long RESEND_AFTER_NS = TimeUnit.SECONDS.toNanos(2);
    private static final System.Logger LOGGER = System.getLogger("io.aeolus.client");

    /**
     * Told what arrives and what ends the link. Called on the polling thread, under the owner's lock.
     */
    interface Handler
    {
        /**
         * A frame from the group, in order.
         */
        void onFrame(DirectBuffer buffer, int offset, int length);

        /**
         * The group closed this client's session (timed out, or a member closed it): the link is dead.
         */
        void onClosed(ErrorCode code, String reason);
    }

    private final AeronCluster cluster;
    private final Handler handler;
    private final int maxFrameLength;
    private final ArrayDeque<byte[]> offered = new ArrayDeque<>();
    private final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
    private final UnsafeBuffer controlBuffer = new UnsafeBuffer(new byte[ClusterFraming.HEADER_LENGTH]);
    private final UnsafeBuffer frameBuffer = new UnsafeBuffer(0, 0);
    private final FrameSealer sealer;
    private final FrameOpener opener;
    private final AuthenticationFailures failures = new AuthenticationFailures(LOGGER);
    private long nextSequence = 1;
    private long acknowledgedByGroup;
    private long received;
    private long acknowledgedToGroup;
    private long unacknowledgedBytes;
    private long lastReceivedNs;
    private long lastSentNs;
    private long resyncSentNs;
    private boolean resyncWanted;
    private long acknowledgeProgressNs;
    private int leaderMemberId;

    private ClusterLink(final AeronCluster.Context context, final ClusterLogin login, final Handler handler,
        final long nowNs)
    {
        this.handler = handler;
        context.egressListener(this);
        this.cluster = AeronCluster.connect(context);
        // The keys exist once connect() returns, before the first poll of the egress.
        final TransportKeys keys = context.credentialsSupplier() == login ? login.transportKeys() : null;
        this.sealer = null == keys ? null : keys.clientSealer(cluster.clusterSessionId());
        this.opener = null == keys ? null : keys.clientOpener(cluster.clusterSessionId());
        this.maxFrameLength = cluster.ingressPublication().maxMessageLength() - AeronCluster.SESSION_HEADER_LENGTH -
            ClusterFraming.HEADER_LENGTH - (null == keys ? 0 : FrameSealer.OVERHEAD);
        this.leaderMemberId = cluster.leaderMemberId();
        this.lastReceivedNs = nowNs;
        this.lastSentNs = nowNs;
    }

    /**
     * Connects a cluster session to the group's leader.
     *
     * @param ctx     the connection's settings (its URL lists the members).
     * @param aeron   the client's Aeron, which stays the caller's.
     * @param local   this host's address on the route to the group.
     * @param handler told what arrives.
     * @return the link.
     * @throws TransportException if no leader answers within the connect timeout.
     */
    static ClusterLink connect(
        final ClientEndpointContext ctx, final io.aeron.Aeron aeron, final String local, final Handler handler)
    {
        final List<String> members = ctx.uri.clusterMembers();
        final StringBuilder endpoints = new StringBuilder();
        for (int i = 0; i < members.size(); i++)
        {
            endpoints.append(i == 0 ? "" : ",").append(i).append('=').append(members.get(i));
        }
        final ClusterLogin login;
        try
        {
            login = new ClusterLogin(ctx.user, ctx.credentials, ctx.mechanism,
                null != ctx.clusterCredentials ? TransportEncryption.OFF : ctx.encryption);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TransportException(ErrorCode.SECURITY, ex.getMessage(), ex);
        }
        final AeronCluster.Context context = new AeronCluster.Context()
            .credentialsSupplier(null != ctx.clusterCredentials ? ctx.clusterCredentials : login)
            .aeron(aeron)
            .ownsAeronClient(false)
            .ingressChannel("aeron:udp?term-length=" + ctx.termLength)
            .ingressEndpoints(endpoints.toString())
            .egressChannel("aeron:udp?endpoint=" + local + ":0|term-length=" + ctx.termLength)
            .messageTimeoutNs(ctx.connectTimeoutNs);
        try
        {
            return new ClusterLink(context, login, handler, System.nanoTime());
        }
        catch (final AuthenticationException ex)
        {
            context.close();
            final boolean anonymous = ctx.user.isEmpty() && null == ctx.clusterCredentials;
            final String failure = login.failure();
            throw new TransportException(ErrorCode.SECURITY, null != failure && failure.startsWith("authentication " +
                "failed") ? failure : "authentication failed" + (null != failure ? ": " + failure : anonymous ?
                ": the broker group requires a user name and password" : ""), ex);
        }
        catch (final RuntimeException ex)
        {
            context.close();
            throw new TransportException(ErrorCode.CONNECTION_CLOSED, "no leader of the broker group " +
                ctx.uri + " answered within " + TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs) +
                " ms (is a majority of its members running?): " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the longest frame this link carries; a longer one is refused.
     */
    int maxFrameLength()
    {
        return maxFrameLength;
    }

    /**
     * @return true if the session's messages are sealed both ways.
     */
    boolean isEncrypted()
    {
        return null != sealer;
    }

    /**
     * @return messages from the group dropped because they did not open with the session's keys.
     */
    long unauthenticatedFrames()
    {
        return failures.count();
    }

    /**
     * @return bytes sent and not yet acknowledged by the group.
     */
    long unacknowledgedBytes()
    {
        return unacknowledgedBytes;
    }

    /**
     * @return the id of the member this client believes leads the group.
     */
    int leaderMemberId()
    {
        return leaderMemberId;
    }

    /**
     * @return the cluster session's id.
     */
    long sessionId()
    {
        return cluster.clusterSessionId();
    }

    /**
     * Sends a frame: keeps it until the group acknowledges it and offers it now if the leader takes it.
     *
     * @throws TransportException if the frame is longer than {@link #maxFrameLength()}.
     */
    void send(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (length > maxFrameLength)
        {
            throw new TransportException(ErrorCode.RESOURCE_ALLOCATION, "frame of " + length + " bytes exceeds " +
                maxFrameLength + " bytes, the most a broker group carries (an eighth of termLength, less headers)");
        }
        final byte[] message = new byte[ClusterFraming.HEADER_LENGTH + length];
        final UnsafeBuffer target = new UnsafeBuffer(message);
        ClusterFraming.putHeader(target, 0, nextSequence++, received);
        target.putBytes(ClusterFraming.HEADER_LENGTH, buffer, offset, length);
        waiting.addLast(message);
        unacknowledgedBytes += message.length;
        flush(nowNs);
    }

    /**
     * Offers what waits, polls the egress, acknowledges, keeps the session alive.
     *
     * @param nowNs              the time.
     * @param keepAliveIntervalNs how long the link may stay silent.
     * @return the work done.
     */
    int doWork(final long nowNs, final long keepAliveIntervalNs)
    {
        if (cluster.isClosed())
        {
            handler.onClosed(ErrorCode.CONNECTION_CLOSED, "the broker group closed this client's session");
            return 1;
        }
        int work = cluster.pollEgress();
        if (!offered.isEmpty() && nowNs - acknowledgeProgressNs > RESEND_AFTER_NS)
        {
            // Offered, and not applied for a while though the group is alive: a leader in an election may have
            // dropped it. Send everything not acknowledged again; the group drops what it had applied.
            while (!offered.isEmpty())
            {
                waiting.addFirst(offered.pollLast());
            }
            acknowledgeProgressNs = nowNs;
        }
        work += flush(nowNs);
        if (resyncWanted && nowNs - resyncSentNs >= RESYNC_RETRY_NS && sendControl(ClusterFraming.RESYNC, nowNs))
        {
            // Counted as sent only once the leader's ingress took it: after a leader change the first tries meet a
            // publication still connecting, and waiting the retry interval after each cost a failover 200 ms.
            resyncSentNs = nowNs;
            work++;
        }
        if (received - acknowledgedToGroup >= ACK_EVERY_FRAMES ||
            nowNs - lastSentNs >= keepAliveIntervalNs && received != acknowledgedToGroup)
        {
            work += sendControl(ClusterFraming.CONTROL, nowNs) ? 1 : 0;
        }
        else if (nowNs - lastSentNs >= keepAliveIntervalNs && cluster.sendKeepAlive())
        {
            lastSentNs = nowNs;
            work++;
        }
        return work;
    }

    /**
     * @return when the group was last heard from, System.nanoTime() base.
     */
    long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    /**
     * Closes the cluster session (the group then frees what this client held). Idempotent.
     */
    void close()
    {
        cluster.close();
    }

    /**
     * {@inheritDoc}
     */
    public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer sealedBuffer,
        final int sealedOffset, final int sealedLength, final Header header)
    {
        DirectBuffer buffer = sealedBuffer;
        int offset = sealedOffset;
        int length = sealedLength;
        if (null != opener)
        {
            length = opener.open(sealedBuffer, sealedOffset, sealedLength);
            if (length < 0)
            {
                failures.onFailure(clusterSessionId, "the broker group", opener.problem(), System.nanoTime());
                return;
            }
            buffer = opener.buffer();
            offset = 0;
        }
        if (length < ClusterFraming.HEADER_LENGTH)
        {
            return;
        }
        lastReceivedNs = System.nanoTime();
        onAcknowledged(ClusterFraming.acknowledged(buffer, offset));
        final long sequence = ClusterFraming.sequence(buffer, offset);
        if (sequence == ClusterFraming.RESYNC)
        {
            // Everything after what this client had taken was sent again, before this answer, in order.
            resyncWanted = false;
            return;
        }
        if (sequence == ClusterFraming.CONTROL)
        {
            if (length >= ClusterFraming.CONTROL_LENGTH &&
                buffer.getLong(offset + ClusterFraming.LAST_SENT_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN) > received)
            {
                // The group sent a frame this client never got, and none after it: ask again.
                resyncWanted = true;
            }
            return;
        }
        if (sequence <= received)
        {
            return;
        }
        if (sequence != received + 1)
        {
            // A frame of the group's went missing (a leader's back-pressure, or a leader change): ask again.
            resyncWanted = true;
            return;
        }
        received = sequence;
        frameBuffer.wrap(buffer, offset + ClusterFraming.HEADER_LENGTH, length - ClusterFraming.HEADER_LENGTH);
        handler.onFrame(frameBuffer, 0, length - ClusterFraming.HEADER_LENGTH);
    }

    /**
     * {@inheritDoc}
     */
    public void onSessionEvent(final long correlationId, final long clusterSessionId, final long leadershipTermId,
        final int leaderMemberId, final EventCode code, final String detail)
    {
        if (code == EventCode.CLOSED || code == EventCode.ERROR || code == EventCode.AUTHENTICATION_REJECTED)
        {
            handler.onClosed(ErrorCode.CONNECTION_CLOSED, "the broker group closed this client's session (" + code +
                (null == detail || detail.isEmpty() ? "" : ": " + detail) + ")");
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
        final String ingressEndpoints)
    {
        this.leaderMemberId = leaderMemberId;
        lastReceivedNs = System.nanoTime();
        // Everything not acknowledged goes again, in order; the group drops what it had already applied.
        while (!offered.isEmpty())
        {
            waiting.addFirst(offered.pollLast());
        }
        resyncWanted = true;
        resyncSentNs = System.nanoTime() - RESYNC_RETRY_NS;
    }

    private void onAcknowledged(final long sequence)
    {
        if (sequence <= acknowledgedByGroup)
        {
            return;
        }
        acknowledgedByGroup = sequence;
        acknowledgeProgressNs = System.nanoTime();
        trim(offered, sequence);
        trim(waiting, sequence);
    }

    private void trim(final ArrayDeque<byte[]> messages, final long sequence)
    {
        while (!messages.isEmpty() && ClusterFraming.sequence(new UnsafeBuffer(messages.peekFirst()), 0) <= sequence)
        {
            unacknowledgedBytes -= messages.pollFirst().length;
        }
    }

    private int flush(final long nowNs)
    {
        int work = 0;
        while (!waiting.isEmpty())
        {
            final byte[] message = waiting.peekFirst();
            final UnsafeBuffer target = new UnsafeBuffer(message);
            target.putLong(ClusterFraming.ACKNOWLEDGED_OFFSET, received, java.nio.ByteOrder.LITTLE_ENDIAN);
            if (offer(target, message.length) < 0)
            {
                break;
            }
            if (offered.isEmpty())
            {
                acknowledgeProgressNs = nowNs;
            }
            offered.addLast(waiting.pollFirst());
            acknowledgedToGroup = received;
            lastSentNs = nowNs;
            work++;
        }
        return work;
    }

    private boolean sendControl(final long sequence, final long nowNs)
    {
        ClusterFraming.putHeader(controlBuffer, 0, sequence, received);
        if (offer(controlBuffer, ClusterFraming.HEADER_LENGTH) < 0)
        {
            return false;
        }
        acknowledgedToGroup = received;
        lastSentNs = nowNs;
        return true;
    }

    /**
     * Offers a message, sealed first when the session is encrypted (a refused offer costs a sequence: the group
     * accepts any sequence above the last it opened).
     */
    private long offer(final UnsafeBuffer message, final int length)
    {
        if (null == sealer)
        {
            return cluster.offer(message, 0, length);
        }
        final int sealedLength = sealer.seal(message, 0, length);
        return cluster.offer(sealer.buffer(), 0, sealedLength);
    }
}
