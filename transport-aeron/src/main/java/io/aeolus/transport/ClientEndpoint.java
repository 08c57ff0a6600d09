package io.aeolus.transport;

import io.aeolus.transport.auth.AuthMechanism;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramClient;
import io.aeolus.transport.codecs.AuthChallengeDecoder;
import io.aeolus.transport.codecs.AuthResponseEncoder;
import io.aeolus.transport.codecs.AuthSuccessDecoder;
import io.aeolus.transport.codecs.ConnectEncoder;
import io.aeolus.transport.codecs.ConnectResponseDecoder;
import io.aeolus.transport.codecs.DisconnectDecoder;
import io.aeolus.transport.codecs.DisconnectEncoder;
import io.aeolus.transport.codecs.ErrorCode;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.HeartbeatEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.OkDecoder;
import io.aeolus.transport.codecs.XaRecoveredDecoder;
import io.aeolus.transport.crypto.FrameSealer;
import io.aeolus.transport.crypto.InboundFrameFilter;
import io.aeolus.transport.crypto.TransportEncryption;
import io.aeolus.transport.crypto.TransportKeys;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client end of one connection to a broker: the publication to the broker's ingress, the subscription the
 * broker answers on, the handshake, request/response correlation, heartbeats and liveness.
 * <p>
 * Any thread may send; sends are serialised by a lock and wait out Aeron back-pressure up to the send timeout.
 * Inbound frames are handled on the shared receive thread ({@link SharedAeronClient}): answers complete the
 * waiting request, everything else goes to the {@link Listener}.
 */
public final class ClientEndpoint implements AutoCloseable
{
    private static final int STATE_CONNECTING = 0;
    private static final int STATE_CONNECTED = 1;
    private static final int STATE_FAILED = 2;
    private static final int STATE_CLOSED = 3;
    private static final int FRAGMENT_LIMIT = 16;
    private static final int MAX_AUTH_DATA_LENGTH = 4096;
    private static final long MAX_UNACKNOWLEDGED_BYTES = 16L * 1024 * 1024;
    private static final System.Logger LOGGER = System.getLogger("io.aeolus.client");

    /**
     * Receives what the broker sends that is not an answer to a request. Called on the receive thread.
     */
    public interface Listener
    {
        /**
         * A frame such as {@code Deliver}, {@code NoMessage}, {@code ConsumerClosed} or an unsolicited error.
         *
         * @param buffer     holds the frame; valid only during the call.
         * @param offset     of the frame's message header.
         * @param length     of the frame.
         * @param templateId the frame's SBE template id.
         */
        void onFrame(DirectBuffer buffer, int offset, int length, int templateId);

        /**
         * The connection failed: the broker went silent, went away or closed it. Called once.
         *
         * @param cause what happened.
         */
        void onFailure(TransportException cause);
    }

    private final ClientEndpointContext ctx;
    /** The URL as text, for the inbound filter's messages: built once, not per frame. */
    private final String uriText;
    private final SharedAeronClient shared;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ClusterInbox clusterInbox = new ClusterInbox();
    private final Map<Long, CompletableFuture<Response>> pendingRequests = new ConcurrentHashMap<>();
    private final AtomicLong correlationIds = new AtomicLong(ThreadLocalRandom.current().nextInt(1, 1 << 20));
    private final ExpandableArrayBuffer controlBuffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final ReceiveAgent receiveAgent;
    private final IdleStrategy sendIdle = new BackoffIdleStrategy(10, 20, 1_000, 100_000);
    private final BlockingQueue<Object> handshakeEvents = new LinkedBlockingQueue<>();
    private final InboundFrameFilter inbound = new InboundFrameFilter(LOGGER);
    private TransportKeys transportKeys;
    private volatile long handshakeCorrelationId;
    private Subscription subscription;
    private ExclusivePublication publication;
    private FrameSender sender;
    private ClusterLink link;
    private volatile TransportException linkFailure;
    private volatile int state = STATE_CONNECTING;
    /** close() has begun: nothing more is sent, and a failure now is not reported to the listener. */
    private volatile boolean closing;
    private volatile long connectionId;
    private volatile String brokerId = "";
    private volatile long lastReceivedNs;
    private volatile long lastSentNs;
    private volatile TransportException failure;
    private int maxMessageLength;

    private ClientEndpoint(final ClientEndpointContext ctx)
    {
        this.ctx = ctx;
        this.uriText = ctx.uri.toString();
        this.receiveAgent = new ReceiveAgent();
        this.shared = SharedAeronClient.acquire(
            ctx.aeronDirectoryName, ctx.termLength, ctx.idleStrategy, ctx.driverIdleStrategy);
    }

    /**
     * Connects to a broker: sets up the channels and completes the handshake.
     *
     * @param ctx the connection's settings; not shared with another endpoint.
     * @return the connected endpoint.
     * @throws TransportException if the broker cannot be reached or refuses the connection.
     */
    public static ClientEndpoint connect(final ClientEndpointContext ctx)
    {
        final ClientEndpoint endpoint = new ClientEndpoint(ctx);
        try
        {
            endpoint.handshake();
            return endpoint;
        }
        catch (final RuntimeException ex)
        {
            endpoint.close();
            if (ex instanceof TransportException)
            {
                throw ex;
            }
            throw new TransportException(ErrorCode.CONNECTION_CLOSED,
                "cannot connect to " + ctx.uri + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the name the broker gave at connect ({@code aeolus.broker.id}), empty before.
     */
    public String brokerId()
    {
        return brokerId;
    }

    /**
     * @return the id the broker gave this connection.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @return true if the frames of this connection are encrypted and authenticated (negotiated at connect).
     */
    public boolean isEncrypted()
    {
        return null != link ? link.isEncrypted() : inbound.isEncrypted();
    }

    /**
     * @return frames from the broker dropped because they failed authentication on this encrypted connection.
     */
    public long unauthenticatedFrames()
    {
        return null != link ? link.unauthenticatedFrames() : inbound.unauthenticatedFrames();
    }

    /**
     * @return a new correlation id for a request; thread-safe.
     */
    public long nextCorrelationId()
    {
        return correlationIds.incrementAndGet();
    }

    /**
     * @return true once the connection failed or was closed.
     */
    public boolean isClosed()
    {
        return state >= STATE_FAILED;
    }

    /**
     * @return the failure that ended the connection, or null.
     */
    public TransportException failure()
    {
        return failure;
    }

    /**
     * Sends a frame without waiting for an answer. Any thread.
     *
     * @param buffer holds the frame.
     * @param offset of the frame.
     * @param length of the frame.
     * @throws TransportException if the connection is closed or the broker does not take the frame in time.
     */
    public void send(final DirectBuffer buffer, final int offset, final int length)
    {
        awaitLinkRoom();
        sendLock.lock();
        try
        {
            checkOpen();
            sendLocked(buffer, offset, length);
        }
        finally
        {
            sendLock.unlock();
        }
        shared.wakeAfterSend();
    }

    /**
     * Sends a frame the caller hands over, without copying it if it must wait. Any thread.
     *
     * @param frame  the frame's bytes from index 0; not to be touched afterwards.
     * @param length of the frame.
     * @throws TransportException if the connection is closed or the broker does not take the frame in time.
     */
    public void sendOwned(final byte[] frame, final int length)
    {
        awaitLinkRoom();
        sendLock.lock();
        try
        {
            checkOpen();
            if (null != link)
            {
                sendLocked(new UnsafeBuffer(frame), 0, length);
                return;
            }
            final long deadlineNs = System.nanoTime() + ctx.sendTimeoutNs;
            sender.sendOwned(frame, length);
            awaitFlushed(deadlineNs);
        }
        finally
        {
            sendLock.unlock();
        }
        shared.wakeAfterSend();
    }

    /**
     * Sends a frame the caller hands over as a request; the answer completes the future. Any thread.
     *
     * @param correlationId the id written in the request.
     * @param frame         the frame's bytes from index 0; not to be touched afterwards.
     * @param length        of the frame.
     * @return completes with the answer, or exceptionally with a {@link TransportException}.
     */
    public CompletableFuture<Response> requestOwnedAsync(final long correlationId, final byte[] frame, final int length)
    {
        final CompletableFuture<Response> future = new CompletableFuture<>();
        pendingRequests.put(correlationId, future);
        try
        {
            sendOwned(frame, length);
        }
        catch (final RuntimeException ex)
        {
            pendingRequests.remove(correlationId);
            throw ex;
        }
        if (isClosed())
        {
            completeAllExceptionally();
        }
        return future;
    }

    /**
     * Sends a request and waits for its answer. Any thread.
     *
     * @param correlationId the id written in the request.
     * @param buffer        holds the frame.
     * @param offset        of the frame.
     * @param length        of the frame.
     * @return the answer.
     * @throws TransportException with the broker's error code, or when no answer comes within the request timeout.
     */
    public Response request(final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        final CompletableFuture<Response> future = requestAsync(correlationId, buffer, offset, length);
        return await(correlationId, future, ctx.requestTimeoutNs);
    }

    /**
     * Sends a request; the answer completes the returned future on the receive thread. Any thread.
     *
     * @param correlationId the id written in the request.
     * @param buffer        holds the frame.
     * @param offset        of the frame.
     * @param length        of the frame.
     * @return completes with the answer, or exceptionally with a {@link TransportException}.
     */
    public CompletableFuture<Response> requestAsync(
        final long correlationId, final DirectBuffer buffer, final int offset, final int length)
    {
        final CompletableFuture<Response> future = new CompletableFuture<>();
        pendingRequests.put(correlationId, future);
        try
        {
            send(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            pendingRequests.remove(correlationId);
            throw ex;
        }
        if (isClosed())
        {
            completeAllExceptionally();
        }
        return future;
    }

    /**
     * Closes the connection. Over Aeron (not a group) with the close handshake: the {@code Disconnect} carries a
     * correlation id, which the broker answers once it has applied every frame sent before it; this waits for that
     * at most {@code closeTimeout} (5 s), then logs and goes on. Only then are waiting requests failed and the Aeron
     * resources released, the shared client and its embedded driver included (frames still in a driver released
     * early would be lost). Idempotent; any thread (on the receive thread it does not wait).
     */
    public void close()
    {
        final long closeCorrelationId;
        final CompletableFuture<Response> closeAnswer;
        sendLock.lock();
        try
        {
            if (state == STATE_CLOSED || closing)
            {
                return;
            }
            closing = true;
            final boolean handshake = state == STATE_CONNECTED && null == link && null != sender;
            closeCorrelationId = handshake ? nextCorrelationId() : 0;
            closeAnswer = handshake ?
                pendingRequests.computeIfAbsent(closeCorrelationId, (id) -> new CompletableFuture<>()) : null;
            if (state == STATE_CONNECTED && (null != sender || null != link) &&
                !trySendDisconnect(closeCorrelationId) && null != closeAnswer)
            {
                pendingRequests.remove(closeCorrelationId);
                closeAnswer.cancel(false);
            }
        }
        finally
        {
            sendLock.unlock();
        }
        if (null != closeAnswer && !closeAnswer.isDone())
        {
            shared.wakeAfterSend();
            CloseAnswer.await(closeAnswer, ctx.closeTimeoutNs, "connection " + connectionId + " to " + uriText);
            pendingRequests.remove(closeCorrelationId);
        }
        sendLock.lock();
        try
        {
            state = STATE_CLOSED;
            if (null != link)
            {
                link.close();
            }
        }
        finally
        {
            sendLock.unlock();
        }
        if (null == failure)
        {
            failure = new TransportException(ErrorCode.CONNECTION_CLOSED, "connection closed");
        }
        completeAllExceptionally();
        shared.removeReceiver(receiveAgent);
        CloseHelper.quietCloseAll(publication, subscription);
        shared.release();
    }

    /**
     * @return the largest frame sent without chunking; larger ones are chunked transparently.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    private void handshake()
    {
        // A broker group logs clients in (and negotiates encryption) in Aeron Cluster's connect: ClusterLogin.
        final ScramClient scram = ctx.uri.isCluster() ? null : scramClient();
        final String replyChannel = ctx.uri.isCluster() ? openClusterLink() : openChannels();
        final long deadlineNs = System.nanoTime() + ctx.connectTimeoutNs;
        while (null == link && !publication.isConnected())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new TransportException(ErrorCode.CONNECTION_CLOSED,
                    "no broker answers at " + ctx.uri + " within " +
                    TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs) + " ms");
            }
            sendIdle.idle();
        }
        sendIdle.reset();
        lastReceivedNs = System.nanoTime();

        final long correlationId = nextCorrelationId();
        handshakeCorrelationId = correlationId;
        shared.addReceiver(receiveAgent);
        final byte[] credentials = ctx.user.isEmpty() || null != link ? new byte[0] : null != scram ?
            AuthMechanism.SCRAM_SHA_256.encode(scram.clientFirstMessage().getBytes(StandardCharsets.UTF_8)) :
            ctx.mechanism.encode(ctx.credentials);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final ConnectEncoder encoder = new ConnectEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .correlationId(correlationId)
            .protocolVersion(ctx.protocolVersion)
            .replyStreamId(ctx.replyStreamId)
            .heartbeatIntervalMs((int)TimeUnit.NANOSECONDS.toMillis(ctx.heartbeatIntervalNs))
            .livenessTimeoutMs((int)TimeUnit.NANOSECONDS.toMillis(ctx.livenessTimeoutNs))
            .clientId(ctx.clientId)
            .user(ctx.user);
        encoder.putCredentials(credentials, 0, credentials.length)
            .replyChannel(replyChannel)
            .clientVersion(ctx.clientVersion);
        final CompletableFuture<Response> future = new CompletableFuture<>();
        // Runs on the receive thread as the answer arrives, so it is queued after any auth frame before it.
        future.whenComplete((answer, failure) -> handshakeEvents.add(null != failure ? failure : answer));
        pendingRequests.put(correlationId, future);
        sendControl(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());

        final long answerDeadlineNs = System.nanoTime() + ctx.connectTimeoutNs;
        if (null != scram)
        {
            authenticate(scram, correlationId, answerDeadlineNs);
        }
        final Object answer = awaitHandshakeEvent(correlationId, answerDeadlineNs);
        if (!(answer instanceof Response))
        {
            throw new TransportException(ErrorCode.SECURITY, "authentication failed: unexpected frame from broker");
        }
        onConnected(((Response)answer).value());
    }

    private void onConnected(final long assignedConnectionId)
    {
        connectionId = assignedConnectionId;
        sendLock.lock();
        try
        {
            if (null != sender)
            {
                sender.connectionId(assignedConnectionId);
            }
            if (null != transportKeys)
            {
                // From here on every frame to the broker is sealed; the broker sealed its ConnectResponse already.
                sender.sealer(transportKeys.clientSealer(assignedConnectionId));
            }
        }
        finally
        {
            sendLock.unlock();
        }
        state = STATE_CONNECTED;
    }

    /**
     * @return the SCRAM exchange for this login, or null without a user or with another mechanism.
     * @throws TransportException with {@link ErrorCode#SECURITY} if SASLprep refuses the password.
     */
    private ScramClient scramClient()
    {
        if (ctx.user.isEmpty() || ctx.mechanism != AuthMechanism.SCRAM_SHA_256)
        {
            if (ctx.encryption == TransportEncryption.REQUIRED)
            {
                throw new TransportException(ErrorCode.SECURITY, "encryption=required needs a user and " +
                    "SCRAM-SHA-256: the keys come from the SCRAM exchange (" +
                    (ctx.user.isEmpty() ? "no user given" : "mechanism is " + ctx.mechanism.mechanismName()) + ")");
            }
            return null;
        }
        try
        {
            return new ScramClient(ctx.user, new String(ctx.credentials, StandardCharsets.UTF_8), Scram.nonce(),
                ctx.encryption);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TransportException(ErrorCode.SECURITY, "the password cannot be used: it " + ex.getMessage());
        }
    }

    /**
     * SCRAM-SHA-256: answers the broker's challenge with the proof, then checks the broker's own signature, so a
     * client never completes a login with a broker that does not hold the user's credentials.
     */
    private void authenticate(final ScramClient scram, final long correlationId, final long deadlineNs)
    {
        final Object challenge = awaitHandshakeEvent(correlationId, deadlineNs);
        if (!(challenge instanceof AuthFrame) || ((AuthFrame)challenge).templateId != AuthChallengeDecoder.TEMPLATE_ID)
        {
            throw new TransportException(ErrorCode.SECURITY,
                "authentication failed: the broker did not answer with a SCRAM challenge");
        }
        final AuthFrame frame = (AuthFrame)challenge;
        final String clientFinal;
        try
        {
            clientFinal = scram.clientFinalMessage(new String(frame.data, StandardCharsets.UTF_8));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new TransportException(ErrorCode.SECURITY, "authentication failed: " + ex.getMessage(), ex);
        }
        transportKeys = scram.transportKeys();
        if (null != transportKeys)
        {
            // Before the answer goes out, so the broker's first sealed frame finds the opener in place.
            inbound.opener(transportKeys.clientOpener(frame.connectionId));
        }
        final byte[] response = clientFinal.getBytes(StandardCharsets.UTF_8);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final AuthResponseEncoder encoder = new AuthResponseEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .connectionId(frame.connectionId)
            .correlationId(correlationId)
            .putData(response, 0, response.length);
        sendControl(buffer, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());

        final Object outcome = awaitHandshakeEvent(correlationId, deadlineNs);
        if (!(outcome instanceof AuthFrame) || ((AuthFrame)outcome).templateId != AuthSuccessDecoder.TEMPLATE_ID ||
            !scram.isServerFinalValid(new String(((AuthFrame)outcome).data, StandardCharsets.UTF_8)))
        {
            throw new TransportException(ErrorCode.SECURITY,
                "authentication failed: the broker could not prove it holds the user's credentials");
        }
    }

    private Object awaitHandshakeEvent(final long correlationId, final long deadlineNs)
    {
        final Object event;
        try
        {
            event = handshakeEvents.poll(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            pendingRequests.remove(correlationId);
            throw new TransportException(ErrorCode.INTERNAL, "interrupted while waiting for the broker", ex);
        }
        if (null == event)
        {
            pendingRequests.remove(correlationId);
            throw new TransportException(isClosed() ? ErrorCode.CONNECTION_CLOSED : ErrorCode.INTERNAL,
                "no answer from the broker within " + TimeUnit.NANOSECONDS.toMillis(ctx.connectTimeoutNs) + " ms");
        }
        if (event instanceof Throwable)
        {
            final Throwable cause = (Throwable)event;
            if (cause instanceof TransportException)
            {
                throw new TransportException(((TransportException)cause).code(), cause.getMessage(), cause);
            }
            throw new TransportException(ErrorCode.INTERNAL, String.valueOf(cause), cause);
        }
        return event;
    }

    private void sendControl(final DirectBuffer buffer, final int length)
    {
        sendLock.lock();
        try
        {
            sendLocked(buffer, 0, length);
        }
        finally
        {
            sendLock.unlock();
        }
    }

    private String openClusterLink()
    {
        final String first = ctx.uri.clusterMembers().get(0);
        final int colon = first.lastIndexOf(':');
        final String localAddress = localAddressFor(first.substring(0, colon),
            Integer.parseInt(first.substring(colon + 1)));
        link = ClusterLink.connect(ctx, shared.aeron(), localAddress, new ClusterLink.Handler()
        {
            public void onFrame(final DirectBuffer buffer, final int offset, final int length)
            {
                clusterInbox.offer(buffer, offset, length);
            }

            public void onClosed(final ErrorCode code, final String reason)
            {
                // Failed once the poll is over: the listener may close this endpoint, and with it the link.
                if (null == linkFailure)
                {
                    linkFailure = new TransportException(code, reason);
                }
            }
        });
        maxMessageLength = link.maxFrameLength();
        return "cluster";
    }

    /**
     * A broker group's link keeps every frame until the group has it: a sender waits while too much is kept.
     */
    private void awaitLinkRoom()
    {
        if (null == link)
        {
            return;
        }
        final long deadlineNs = System.nanoTime() + ctx.sendTimeoutNs;
        while (true)
        {
            sendLock.lock();
            try
            {
                if (link.unacknowledgedBytes() < MAX_UNACKNOWLEDGED_BYTES || state >= STATE_FAILED)
                {
                    return;
                }
            }
            finally
            {
                sendLock.unlock();
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new TransportException(ErrorCode.RESOURCE_ALLOCATION, "the broker group did not take what " +
                    "this connection sent within " + TimeUnit.NANOSECONDS.toMillis(ctx.sendTimeoutNs) +
                    " ms (send timeout): it has no leader (fewer than a majority of its members reachable?)");
            }
            sendIdle.idle();
        }
    }

    private String openChannels()
    {
        final String replyChannel;
        final String ingressChannel;
        if (ctx.uri.isIpc())
        {
            replyChannel = "aeron:ipc";
            ingressChannel = new ChannelUriStringBuilder().media("ipc").termLength(ctx.termLength).build();
            subscription = shared.aeron().addSubscription(replyChannel, ctx.replyStreamId);
        }
        else
        {
            final String localAddress = localAddressFor(ctx.uri.host(), ctx.uri.port());
            subscription = shared.aeron().addSubscription(
                "aeron:udp?endpoint=" + localAddress + ":0", ctx.replyStreamId);
            String resolved = subscription.resolvedEndpoint();
            final long deadlineNs = System.nanoTime() + ctx.connectTimeoutNs;
            while (null == resolved)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new TransportException(ErrorCode.CONNECTION_CLOSED, "reply endpoint did not resolve");
                }
                Thread.yield();
                resolved = subscription.resolvedEndpoint();
            }
            replyChannel = "aeron:udp?endpoint=" + resolved;
            ingressChannel = new ChannelUriStringBuilder().media("udp")
                .endpoint(ctx.uri.host() + ":" + ctx.uri.port()).termLength(ctx.termLength).build();
        }
        publication = shared.aeron().addExclusivePublication(ingressChannel, TransportConfiguration.INGRESS_STREAM_ID);
        sender = new FrameSender(publication);
        maxMessageLength = sender.maxMessageLength();
        return replyChannel;
    }

    private static String localAddressFor(final String host, final int port)
    {
        try (DatagramSocket socket = new DatagramSocket())
        {
            // Connecting a datagram socket sends nothing; it makes the OS pick the route and so our address on it.
            socket.connect(new InetSocketAddress(InetAddress.getByName(host), port));
            final InetAddress local = socket.getLocalAddress();
            return local.isAnyLocalAddress() ? "127.0.0.1" : local.getHostAddress();
        }
        catch (final java.io.IOException ex)
        {
            throw new TransportException(ErrorCode.CONNECTION_CLOSED, "cannot route to " + host + ":" + port, ex);
        }
    }

    private void sendLocked(final DirectBuffer buffer, final int offset, final int length)
    {
        if (null != link)
        {
            final long nowNs = System.nanoTime();
            link.send(buffer, offset, length, nowNs);
            lastSentNs = nowNs;
            return;
        }
        final long deadlineNs = System.nanoTime() + ctx.sendTimeoutNs;
        sender.send(buffer, offset, length);
        awaitFlushed(deadlineNs);
    }

    private void awaitFlushed(final long deadlineNs)
    {
        while (sender.hasPending())
        {
            if (state >= STATE_FAILED)
            {
                throw closedException();
            }
            if (sender.flush() == 0)
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new TransportException(ErrorCode.RESOURCE_ALLOCATION,
                        "broker did not take the frame within " + TimeUnit.NANOSECONDS.toMillis(ctx.sendTimeoutNs) +
                        " ms (send timeout)");
                }
                // Back-pressured: a media driver of a broker in this JVM moves the publication's limit on.
                LocalWakeUps.wakeAll(true);
                sendIdle.idle();
            }
        }
        sendIdle.reset();
        lastSentNs = System.nanoTime();
    }

    /**
     * Sends the Disconnect, waiting up to 500 ms for Aeron (or the group's link) to take it. Under the send lock.
     *
     * @param correlationId what the broker answers with Ok, or 0 for no answer.
     * @return true if it went out.
     */
    private boolean trySendDisconnect(final long correlationId)
    {
        final DisconnectEncoder encoder = new DisconnectEncoder().wrapAndApplyHeader(controlBuffer, 0, headerEncoder)
            .connectionId(connectionId).correlationId(correlationId).code(ErrorCode.NONE).reason("client closed");
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        if (null != link)
        {
            try
            {
                link.send(controlBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(),
                    System.nanoTime());
                while (link.unacknowledgedBytes() > 0 && System.nanoTime() - deadlineNs < 0)
                {
                    if (link.doWork(System.nanoTime(), ctx.heartbeatIntervalNs) == 0)
                    {
                        Thread.yield();
                    }
                }
                return link.unacknowledgedBytes() == 0;
            }
            catch (final RuntimeException ignore)
            {
                // The group closes the session when it times out instead.
                return false;
            }
        }
        try
        {
            sender.send(controlBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
            while (sender.hasPending() && System.nanoTime() - deadlineNs < 0)
            {
                if (sender.flush() == 0)
                {
                    Thread.yield();
                }
            }
            return !sender.hasPending();
        }
        catch (final RuntimeException ignore)
        {
            // The broker will notice our silence instead.
            return false;
        }
    }

    private Response await(final long correlationId, final CompletableFuture<Response> future, final long timeoutNs)
    {
        try
        {
            return future.get(timeoutNs, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof TransportException)
            {
                throw new TransportException(((TransportException)cause).code(), cause.getMessage(), cause);
            }
            throw new TransportException(ErrorCode.INTERNAL, String.valueOf(cause), cause);
        }
        catch (final TimeoutException ex)
        {
            pendingRequests.remove(correlationId);
            throw new TransportException(isClosed() ? ErrorCode.CONNECTION_CLOSED : ErrorCode.INTERNAL,
                "no answer from the broker" + (null != link ? " group" : "") + " within " +
                TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms" + (null != link ?
                " (requestTimeout): the group has no leader, fewer than a majority of its members are reachable " +
                "(no quorum)" : ""));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            pendingRequests.remove(correlationId);
            throw new TransportException(ErrorCode.INTERNAL, "interrupted while waiting for the broker", ex);
        }
    }

    private void checkOpen()
    {
        if (state >= STATE_FAILED || closing)
        {
            throw closedException();
        }
    }

    private TransportException closedException()
    {
        final TransportException cause = failure;
        if (null == cause)
        {
            return new TransportException(ErrorCode.CONNECTION_CLOSED, "connection closed");
        }
        return new TransportException(cause.code(), "connection closed: " + cause.getMessage(), cause);
    }

    private void failPending(final TransportException cause)
    {
        for (final Long id : pendingRequests.keySet())
        {
            final CompletableFuture<Response> future = pendingRequests.remove(id);
            if (null != future)
            {
                future.completeExceptionally(cause);
            }
        }
    }

    private void completeAllExceptionally()
    {
        final TransportException cause = closedException();
        for (final Long id : pendingRequests.keySet())
        {
            final CompletableFuture<Response> future = pendingRequests.remove(id);
            if (null != future)
            {
                future.completeExceptionally(cause);
            }
        }
    }

    private void fail(final ErrorCode code, final String reason)
    {
        if (state >= STATE_FAILED)
        {
            return;
        }
        failure = new TransportException(code, reason);
        state = STATE_FAILED;
        completeAllExceptionally();
        if (null != ctx.listener && !closing)
        {
            ctx.listener.onFailure(failure);
        }
    }

    private final class ReceiveAgent implements Agent, FrameHandler
    {
        private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
        private final OkDecoder okDecoder = new OkDecoder();
        private final ErrorDecoder errorDecoder = new ErrorDecoder();
        private final ConnectResponseDecoder connectResponseDecoder = new ConnectResponseDecoder();
        private final XaRecoveredDecoder xaRecoveredDecoder = new XaRecoveredDecoder();
        private final DisconnectDecoder disconnectDecoder = new DisconnectDecoder();
        private final AuthChallengeDecoder authChallengeDecoder = new AuthChallengeDecoder();
        private final AuthSuccessDecoder authSuccessDecoder = new AuthSuccessDecoder();
        private final HeartbeatEncoder heartbeatEncoder = new HeartbeatEncoder();
        private final MessageHeaderEncoder heartbeatHeader = new MessageHeaderEncoder();
        private final UnsafeBuffer heartbeatBuffer = new UnsafeBuffer(new byte[64]);
        private final FrameAssembler assembler = new FrameAssembler(this,
            (int)Math.min(Integer.MAX_VALUE, (long)ctx.maxFrameLength + FrameSealer.OVERHEAD));
        private final BrokerFrameValidator validator = new BrokerFrameValidator();
        private final InboundFrameFilter.Sink clearFrames = this::onClearFrame;

        public int doWork()
        {
            final int currentState = state;
            if (currentState >= STATE_FAILED)
            {
                return 0;
            }
            if (null != link)
            {
                return doClusterWork(currentState);
            }
            int workCount = subscription.poll(assembler, FRAGMENT_LIMIT);
            final long nowNs = System.nanoTime();
            if (currentState == STATE_CONNECTED)
            {
                if (nowNs - lastReceivedNs > ctx.livenessTimeoutNs)
                {
                    fail(ErrorCode.LIVENESS_TIMEOUT, "broker silent for more than " +
                        TimeUnit.NANOSECONDS.toMillis(ctx.livenessTimeoutNs) + " ms");
                    return 1;
                }
                if (nowNs - lastSentNs >= ctx.heartbeatIntervalNs)
                {
                    workCount += sendHeartbeat(nowNs);
                }
            }
            return workCount;
        }

        public String roleName()
        {
            return "aeolus-client-endpoint";
        }

        private int doClusterWork(final int currentState)
        {
            final long nowNs = System.nanoTime();
            final int workCount;
            sendLock.lock();
            try
            {
                if (state >= STATE_FAILED)
                {
                    return 0;
                }
                clusterInbox.open();
                try
                {
                    workCount = link.doWork(nowNs, ctx.heartbeatIntervalNs);
                }
                finally
                {
                    clusterInbox.close();
                }
            }
            finally
            {
                sendLock.unlock();
            }
            clusterInbox.drainTo(this);
            final TransportException closed = linkFailure;
            if (null != closed)
            {
                fail(closed.code(), closed.getMessage());
                return 1;
            }
            if (currentState == STATE_CONNECTED && nowNs - link.lastReceivedNs() > ctx.requestTimeoutNs &&
                !pendingRequests.isEmpty())
            {
                // The group is silent (no leader): what waits fails now; the connection stays, the frames stay queued.
                failPending(new TransportException(ErrorCode.RESOURCE_ALLOCATION, "the broker group has not " +
                    "answered for more than " + TimeUnit.NANOSECONDS.toMillis(ctx.requestTimeoutNs) +
                    " ms (requestTimeout): it has no leader, fewer than a majority of its members are reachable " +
                    "(no quorum); what was sent stays queued and goes to the group once it has a leader again"));
            }
            if (currentState == STATE_CONNECTED && nowNs - link.lastReceivedNs() > ctx.livenessTimeoutNs)
            {
                fail(ErrorCode.LIVENESS_TIMEOUT, "the broker group has been unreachable for more than " +
                    TimeUnit.NANOSECONDS.toMillis(ctx.livenessTimeoutNs) + " ms (livenessTimeout): no leader, " +
                    "fewer than a majority of its members reachable (no quorum)");
                return 1;
            }
            return workCount;
        }

        public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int sessionId)
        {
            inbound.onFrame(buffer, offset, length, state == STATE_CONNECTING, connectionId, uriText, clearFrames);
        }

        private void onClearFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            lastReceivedNs = System.nanoTime();
            final String problem = validator.problem(buffer, offset, length);
            if (null != problem)
            {
                // Decoding it could read past its end or believe a hostile length: the connection cannot be trusted.
                fail(ErrorCode.MALFORMED_FRAME, "malformed frame from broker: " + problem);
                return;
            }
            headerDecoder.wrap(buffer, offset);
            final int templateId = headerDecoder.templateId();
            final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int blockLength = headerDecoder.blockLength();
            final int version = headerDecoder.version();
            switch (templateId)
            {
                case OkDecoder.TEMPLATE_ID:
                    okDecoder.wrap(buffer, bodyOffset, blockLength, version);
                    complete(okDecoder.correlationId(), new Response(templateId, okDecoder.correlationId(),
                        okDecoder.value()));
                    break;
                case ConnectResponseDecoder.TEMPLATE_ID:
                    connectResponseDecoder.wrap(buffer, bodyOffset, blockLength, version);
                    final long connectCorrelationId = connectResponseDecoder.correlationId();
                    final long assignedConnectionId = connectResponseDecoder.connectionId();
                    brokerId = connectResponseDecoder.brokerId();
                    complete(connectCorrelationId, new Response(templateId, connectCorrelationId,
                        assignedConnectionId));
                    break;
                case XaRecoveredDecoder.TEMPLATE_ID:
                    onXaRecovered(buffer, bodyOffset, blockLength, version);
                    break;
                case ErrorDecoder.TEMPLATE_ID:
                    onError(buffer, offset, length, bodyOffset, blockLength, version);
                    break;
                case DisconnectDecoder.TEMPLATE_ID:
                    disconnectDecoder.wrap(buffer, bodyOffset, blockLength, version);
                    final ErrorCode code = disconnectDecoder.code();
                    fail(code == ErrorCode.NONE || code == ErrorCode.NULL_VAL ? ErrorCode.CONNECTION_CLOSED : code,
                        "broker closed the connection: " + disconnectDecoder.reason());
                    break;
                case io.aeolus.transport.codecs.HeartbeatDecoder.TEMPLATE_ID:
                    break;
                case AuthChallengeDecoder.TEMPLATE_ID:
                case AuthSuccessDecoder.TEMPLATE_ID:
                    onAuthFrame(buffer, bodyOffset, blockLength, version, templateId);
                    break;
                default:
                    if (null != ctx.listener)
                    {
                        ctx.listener.onFrame(buffer, offset, length, templateId);
                    }
            }
        }

        public void onChunk(final int sessionId)
        {
            lastReceivedNs = System.nanoTime();
        }

        public void onMalformed(final int sessionId, final String reason)
        {
            fail(ErrorCode.MALFORMED_FRAME, "malformed frame from broker: " + reason);
        }

        private void onError(
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final int bodyOffset,
            final int blockLength,
            final int version)
        {
            errorDecoder.wrap(buffer, bodyOffset, blockLength, version);
            final long correlationId = errorDecoder.correlationId();
            final ErrorCode code = errorDecoder.code();
            final String message = errorDecoder.message();
            final CompletableFuture<Response> future = pendingRequests.remove(correlationId);
            if (null != future)
            {
                future.completeExceptionally(new TransportException(code, message));
            }
            else if (null != ctx.listener)
            {
                ctx.listener.onFrame(buffer, offset, length, ErrorDecoder.TEMPLATE_ID);
            }
        }

        private void onAuthFrame(
            final DirectBuffer buffer,
            final int bodyOffset,
            final int blockLength,
            final int version,
            final int templateId)
        {
            final long frameConnectionId;
            final long correlationId;
            final int dataLength;
            final int dataOffset;
            if (templateId == AuthChallengeDecoder.TEMPLATE_ID)
            {
                authChallengeDecoder.wrap(buffer, bodyOffset, blockLength, version);
                frameConnectionId = authChallengeDecoder.connectionId();
                correlationId = authChallengeDecoder.correlationId();
                dataLength = authChallengeDecoder.dataLength();
                dataOffset = authChallengeDecoder.limit() + AuthChallengeDecoder.dataHeaderLength();
            }
            else
            {
                authSuccessDecoder.wrap(buffer, bodyOffset, blockLength, version);
                frameConnectionId = authSuccessDecoder.connectionId();
                correlationId = authSuccessDecoder.correlationId();
                dataLength = authSuccessDecoder.dataLength();
                dataOffset = authSuccessDecoder.limit() + AuthSuccessDecoder.dataHeaderLength();
            }
            // Only the handshake in progress takes auth frames; anything else from the broker is ignored.
            if (state != STATE_CONNECTING || correlationId != handshakeCorrelationId ||
                dataLength < 0 || dataLength > MAX_AUTH_DATA_LENGTH ||
                dataOffset + dataLength > buffer.capacity())
            {
                return;
            }
            final byte[] data = new byte[dataLength];
            buffer.getBytes(dataOffset, data);
            handshakeEvents.add(new AuthFrame(templateId, frameConnectionId, data));
        }

        private void onXaRecovered(final DirectBuffer buffer, final int bodyOffset, final int blockLength,
            final int version)
        {
            xaRecoveredDecoder.wrap(buffer, bodyOffset, blockLength, version);
            final long correlationId = xaRecoveredDecoder.correlationId();
            final int count = xaRecoveredDecoder.count();
            final byte[] xids = new byte[xaRecoveredDecoder.xidsLength()];
            xaRecoveredDecoder.getXids(xids, 0, xids.length);
            complete(correlationId, new Response(XaRecoveredDecoder.TEMPLATE_ID, correlationId, count, xids));
        }

        private void complete(final long correlationId, final Response response)
        {
            final CompletableFuture<Response> future = pendingRequests.remove(correlationId);
            if (null != future)
            {
                future.complete(response);
            }
        }

        private int sendHeartbeat(final long nowNs)
        {
            if (!sendLock.tryLock())
            {
                return 0;
            }
            try
            {
                if (state != STATE_CONNECTED || closing)
                {
                    return 0;
                }
                sender.flush();
                heartbeatEncoder.wrapAndApplyHeader(heartbeatBuffer, 0, heartbeatHeader).connectionId(connectionId);
                sender.send(heartbeatBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + HeartbeatEncoder.BLOCK_LENGTH);
                lastSentNs = nowNs;
                return 1;
            }
            catch (final RuntimeException ex)
            {
                fail(ErrorCode.CONNECTION_CLOSED, "cannot reach the broker: " + ex.getMessage());
                return 1;
            }
            finally
            {
                sendLock.unlock();
            }
        }
    }
}
