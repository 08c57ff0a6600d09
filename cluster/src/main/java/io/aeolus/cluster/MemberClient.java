package io.aeolus.cluster;

import io.aeolus.broker.management.ManagementException;
import io.aeolus.management.Reply;
import io.aeolus.management.SystemDestinations;
import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.EndpointUri;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.codecs.AckEncoder;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.AckType;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.ConsumerCreditEncoder;
import io.aeolus.transport.codecs.CreateConsumerEncoder;
import io.aeolus.transport.codecs.CreateSessionEncoder;
import io.aeolus.transport.codecs.CreateTemporaryDestinationEncoder;
import io.aeolus.transport.codecs.DeliverDecoder;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.codecs.SendEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A member of a broker group as a client of its own group, for the changes asked of it through JMX: a change must be
 * in the group's log, and a member cannot put one there itself (Aeron Cluster takes a service's own messages only
 * when every member offers the same ones). So it sends them as any client would, over a cluster session of its own
 * (ingress to the leader, egress back, following elections: the same path as {@code aeolus:cluster://} clients),
 * as management requests to {@code aeolus.management} with a temporary reply queue; every member applies each in the
 * log's order, and the answer comes back here.
 * <p>
 * The session opens at the first change, through the member's own media driver, and is kept; it logs in with
 * {@link MemberLogin} (or anonymously when the member has no member key: only development mode admits that). The
 * JMX caller's name travels in the request's {@link #JMX_USER_PROPERTY} property, which the group reads only from a
 * member's own session, for the audit log ({@link ClusterManagement}). If the session fails (the group closed it,
 * or no leader answered for too long) the next change opens a new one. Thread-safe: JMX threads call
 * {@link #execute}, which waits; the answers arrive on the Aeron client's receive thread.
 */
final class MemberClient implements AutoCloseable
{
    /** The request property naming the JMX principal, read only from a member's own session. */
    static final String JMX_USER_PROPERTY = "AEOLUS_JMX_USER";

    private static final long SESSION_ID = 1;
    private static final long CONSUMER_ID = 1;
    private static final int PREFETCH = 64;

    private final String url;
    private final int memberId;
    private final byte[] memberKey;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private volatile ClientEndpoint endpoint;
    private volatile String replyQueue;
    private volatile boolean closed;

    /**
     * @param groupUrl        the group's client URL ({@code aeolus:cluster://...}).
     * @param aeronDirectory  this member's media driver, which the session uses.
     * @param memberId        this member's id.
     * @param memberKey       the member key ({@link MemberLogin#key}), null to connect anonymously.
     */
    MemberClient(final String groupUrl, final String aeronDirectory, final int memberId, final byte[] memberKey)
    {
        this.url = groupUrl + "?aeronDir=" + aeronDirectory;
        this.memberId = memberId;
        this.memberKey = null == memberKey ? null : memberKey.clone();
    }

    /**
     * @param settings  this member's settings: the group's URL, its media driver and its id.
     * @param memberKey the member key ({@link MemberLogin#key}), null to connect anonymously.
     */
    MemberClient(final ClusterNodeSettings settings, final byte[] memberKey)
    {
        this(settings.clientUrl(), settings.aeronDirectoryName(), settings.memberId(), memberKey);
    }

    /**
     * @return the member key this member's session proves, null if none; also what the group's authenticator on this
     *         member checks.
     */
    byte[] memberKey()
    {
        return null == memberKey ? null : memberKey.clone();
    }

    /**
     * Sends a management request through the group's log and waits for its answer. A JMX thread.
     *
     * @param arguments {@code op} and its arguments.
     * @param jmxUser   the JMX principal, empty if unknown.
     * @param timeoutMs how long to wait for the answer once the request is sent.
     * @return the answer's body.
     * @throws ManagementException with the group's answer if it refused the operation, or naming why no answer came.
     */
    Map<String, Object> execute(final Map<String, Object> arguments, final String jmxUser, final long timeoutMs)
    {
        final ClientEndpoint session = session();
        final String correlation = "jmx-" + memberId + "-" + requests.incrementAndGet();
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(correlation, answer);
        try
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            send(session, arguments, jmxUser, correlation, deadlineNs);
            final Answer reply = answer.get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
            acknowledge(session, reply.deliveryId);
            if (Reply.ERROR.equals(reply.properties.get(Reply.STATUS)))
            {
                throw new ManagementException(String.valueOf(reply.properties.get(Reply.ERROR_CODE)),
                    String.valueOf(reply.properties.get(Reply.ERROR_MESSAGE)));
            }
            return reply.body;
        }
        catch (final TimeoutException ex)
        {
            throw new ManagementException(ManagementException.TIMEOUT, "member " + memberId + " sent the change " +
                "to the broker group, which did not answer within " + timeoutMs + " ms (no leader, or fewer than a " +
                "majority of its members running?); the change may still be applied once it has a leader");
        }
        catch (final ExecutionException ex)
        {
            throw failure(ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new ManagementException(ManagementException.TIMEOUT, "interrupted while waiting for the group");
        }
        finally
        {
            waiting.remove(correlation);
        }
    }

    /**
     * Closes the session, if open. Idempotent; any thread.
     */
    public void close()
    {
        lock.lock();
        try
        {
            closed = true;
            final ClientEndpoint session = endpoint;
            endpoint = null;
            if (null != session)
            {
                session.close();
            }
        }
        finally
        {
            lock.unlock();
        }
        failWaiting(new ManagementException(ManagementException.ILLEGAL_STATE, "member " + memberId + " stopped"));
    }

    /**
     * @return true while the session to the group is open; any thread.
     */
    boolean isConnected()
    {
        final ClientEndpoint session = endpoint;
        return null != session && !session.isClosed();
    }

    private ClientEndpoint session()
    {
        lock.lock();
        try
        {
            if (closed)
            {
                throw new ManagementException(ManagementException.ILLEGAL_STATE, "member " + memberId +
                    " is stopping");
            }
            final ClientEndpoint open = endpoint;
            if (null != open && !open.isClosed())
            {
                return open;
            }
            endpoint = null;
            final ClientEndpointContext context = context();
            final ClientEndpoint session;
            try
            {
                session = ClientEndpoint.connect(context);
            }
            catch (final TransportException ex)
            {
                final boolean refused = ex.code() == io.aeolus.transport.codecs.ErrorCode.SECURITY;
                throw new ManagementException(refused ? ManagementException.ACCESS_DENIED :
                    ManagementException.ILLEGAL_STATE, "member " + memberId + " cannot reach its broker group to " +
                    "put the change into its log: " + ex.getMessage() + (refused && null == memberKey ?
                    " (this member has no users file key to log in with, so it connects anonymously, which only " +
                    "development mode admits: make the change over JMS)" : ""));
            }
            try
            {
                open(session);
            }
            catch (final RuntimeException ex)
            {
                session.close();
                throw ex instanceof ManagementException ? ex : failure(ex);
            }
            endpoint = session;
            return session;
        }
        finally
        {
            lock.unlock();
        }
    }

    private ClientEndpointContext context()
    {
        final ClientEndpointContext context = new ClientEndpointContext(EndpointUri.parse(url))
            .clientVersion("aeolus-member-" + memberId)
            .listener(new ClientEndpoint.Listener()
            {
                public void onFrame(final DirectBuffer buffer, final int offset, final int length,
                    final int templateId)
                {
                    if (DeliverDecoder.TEMPLATE_ID == templateId)
                    {
                        onDeliver(buffer, offset);
                    }
                }

                public void onFailure(final TransportException cause)
                {
                    failWaiting(failure(cause));
                }
            });
        if (null != memberKey)
        {
            context.clusterCredentials(new MemberLogin(memberId, memberKey));
        }
        return context;
    }

    /**
     * A session, a temporary reply queue and a consumer on it.
     */
    private void open(final ClientEndpoint session)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        long correlationId = session.nextCorrelationId();
        final CreateSessionEncoder createSession = new CreateSessionEncoder().wrapAndApplyHeader(buffer, 0, header)
            .connectionId(session.connectionId()).correlationId(correlationId).sessionId(SESSION_ID)
            .ackMode(AckMode.CLIENT);
        session.request(correlationId, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + createSession.encodedLength());

        final String queue = "TQ." + session.connectionId() + ".jmx-member-" + memberId;
        correlationId = session.nextCorrelationId();
        final CreateTemporaryDestinationEncoder temporary = new CreateTemporaryDestinationEncoder()
            .wrapAndApplyHeader(buffer, 0, header).connectionId(session.connectionId()).correlationId(correlationId)
            .destinationType(DestinationType.TEMPORARY_QUEUE).name(queue);
        session.request(correlationId, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + temporary.encodedLength());

        correlationId = session.nextCorrelationId();
        final CreateConsumerEncoder consumer = new CreateConsumerEncoder().wrapAndApplyHeader(buffer, 0, header)
            .connectionId(session.connectionId()).correlationId(correlationId).sessionId(SESSION_ID)
            .consumerId(CONSUMER_ID).destinationType(DestinationType.TEMPORARY_QUEUE);
        consumer.flags().clear();
        consumer.prefetch(PREFETCH).destination(queue).selector("").subscriptionName("");
        session.request(correlationId, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + consumer.encodedLength());
        replyQueue = queue;
    }

    private void send(final ClientEndpoint session, final Map<String, Object> arguments, final String jmxUser,
        final String correlation, final long deadlineNs) throws InterruptedException, ExecutionException,
        TimeoutException
    {
        final ExpandableArrayBuffer message = new ExpandableArrayBuffer(512);
        final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(512);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final JmsMessageEncoder encoder = new JmsMessageEncoder().wrapAndApplyHeader(message, 0, header)
            .bodyType(BodyType.MAP)
            .deliveryMode(DeliveryMode.NON_PERSISTENT)
            .priority((short)4);
        encoder.flags().clear();
        encoder.destinationType(DestinationType.QUEUE)
            .replyToType(DestinationType.TEMPORARY_QUEUE)
            .timestamp(0)
            .expiration(0)
            .deliveryTime(0)
            .producerConnectionId(session.connectionId());
        encoder.messageId("ID:" + correlation);
        encoder.destination(SystemDestinations.MANAGEMENT_QUEUE);
        encoder.replyTo(replyQueue);
        final byte[] correlationBytes = correlation.getBytes(StandardCharsets.UTF_8);
        encoder.putCorrelationId(correlationBytes, 0, correlationBytes.length);
        encoder.jmsType("");
        final Map<String, Object> properties = new TreeMap<>();
        properties.put(JMX_USER_PROPERTY, null == jmxUser ? "" : jmxUser);
        int length = PropertiesCodec.encode(properties, scratch, 0);
        encoder.putProperties(scratch, 0, length);
        length = PropertiesCodec.encode(arguments, scratch, 0);
        encoder.putBody(scratch, 0, length);
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();

        final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(messageLength + 64);
        final long correlationId = session.nextCorrelationId();
        final SendEncoder send = new SendEncoder().wrapAndApplyHeader(frame, 0, header)
            .connectionId(session.connectionId()).correlationId(correlationId).sessionId(SESSION_ID).producerId(0)
            .putMessage(message, 0, messageLength);
        // The group confirms the send once it is in the log (or refuses it, naming why).
        session.requestAsync(correlationId, frame, 0, MessageHeaderEncoder.ENCODED_LENGTH + send.encodedLength())
            .get(Math.max(0, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void acknowledge(final ClientEndpoint session, final long deliveryId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final AckEncoder ack = new AckEncoder().wrapAndApplyHeader(buffer, 0, header)
            .connectionId(session.connectionId()).correlationId(0).sessionId(SESSION_ID)
            .ackType(AckType.INDIVIDUAL);
        ack.entriesCount(1).next().consumerId(CONSUMER_ID).deliveryId(deliveryId);
        final int ackLength = MessageHeaderEncoder.ENCODED_LENGTH + ack.encodedLength();
        final ConsumerCreditEncoder credit = new ConsumerCreditEncoder().wrapAndApplyHeader(buffer, ackLength, header)
            .connectionId(session.connectionId()).consumerId(CONSUMER_ID).credit(1);
        try
        {
            session.send(buffer, 0, ackLength);
            session.send(buffer, ackLength, MessageHeaderEncoder.ENCODED_LENGTH + credit.encodedLength());
        }
        catch (final TransportException ex)
        {
            // The answer is in hand; a session that failed is replaced at the next change.
            return;
        }
    }

    /**
     * An answer arrived: hand it to the JMX thread waiting for it. The receive thread.
     */
    private void onDeliver(final DirectBuffer buffer, final int offset)
    {
        try
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
            final DeliverDecoder deliver = new DeliverDecoder().wrap(buffer,
                offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            final long deliveryId = deliver.deliveryId();
            final UnsafeBuffer message = new UnsafeBuffer(new byte[deliver.messageLength()]);
            deliver.getMessage(message, 0, message.capacity());
            header.wrap(message, 0);
            final JmsMessageDecoder decoder = new JmsMessageDecoder().wrap(message,
                MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            decoder.skipMessageId();
            decoder.skipDestination();
            decoder.skipReplyTo();
            final byte[] correlation = new byte[decoder.correlationIdLength()];
            decoder.getCorrelationId(correlation, 0, correlation.length);
            decoder.skipJmsType();
            final int propertiesLength = decoder.propertiesLength();
            final int propertiesOffset = decoder.limit() + JmsMessageDecoder.propertiesHeaderLength();
            decoder.skipProperties();
            final int bodyLength = decoder.bodyLength();
            final int bodyOffset = decoder.limit() + JmsMessageDecoder.bodyHeaderLength();
            final Map<String, Object> properties = PropertiesCodec.decode(message, propertiesOffset,
                propertiesLength);
            final Map<String, Object> body = bodyLength > 0 ? PropertiesCodec.decode(message, bodyOffset,
                bodyLength) : Map.of();
            final CompletableFuture<Answer> answer =
                waiting.get(new String(correlation, StandardCharsets.UTF_8));
            if (null != answer)
            {
                answer.complete(new Answer(deliveryId, properties, body));
            }
        }
        catch (final RuntimeException ex)
        {
            // Not an answer this member can read: whoever waits for it times out, naming the group.
            return;
        }
    }

    private void failWaiting(final ManagementException cause)
    {
        for (final CompletableFuture<Answer> answer : waiting.values())
        {
            answer.completeExceptionally(cause);
        }
    }

    private ManagementException failure(final Throwable cause)
    {
        if (cause instanceof ManagementException)
        {
            return (ManagementException)cause;
        }
        if (cause instanceof TransportException)
        {
            final TransportException transport = (TransportException)cause;
            return new ManagementException(transport.code() == io.aeolus.transport.codecs.ErrorCode.SECURITY ?
                ManagementException.ACCESS_DENIED : ManagementException.ILLEGAL_STATE, "member " + memberId +
                ": the broker group refused or lost the change's request: " + transport.getMessage());
        }
        return new ManagementException(ManagementException.INTERNAL, "member " + memberId + ": " + cause);
    }

    private record Answer(long deliveryId, Map<String, Object> properties, Map<String, Object> body)
    {
    }
}
