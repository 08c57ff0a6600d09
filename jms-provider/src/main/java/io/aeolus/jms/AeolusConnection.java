package io.aeolus.jms;

import io.aeolus.jms.message.AeolusMessage;
import io.aeolus.jms.message.SharedFrameDecoder;
import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.TransportConfiguration;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.ConsumerClosedDecoder;
import io.aeolus.transport.codecs.DeliverDecoder;
import io.aeolus.transport.codecs.ErrorDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.NoMessageDecoder;
import io.aeolus.transport.codecs.ProducerCreditDecoder;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connection to an Aeolus broker. Thread-safe, as JMS requires: sessions may be created and the connection
 * started, stopped and closed from any thread. Inbound deliveries arrive on the shared receive thread and are
 * routed to their consumer by id.
 */
public final class AeolusConnection
    implements Connection, QueueConnection, TopicConnection, TemporaryDestinationOwner, ClientEndpoint.Listener,
    XAConnection, XAQueueConnection, XATopicConnection
{
    private final ClientOptions options;
    private final BrokerProxy proxy;
    private final ClientEndpoint endpoint;
    private final List<AeolusSession> sessions = new CopyOnWriteArrayList<>();
    private final List<AeolusConnectionConsumer> connectionConsumers = new CopyOnWriteArrayList<>();
    private final Map<Long, AeolusMessageConsumer> consumers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong messageIds = new AtomicLong();
    private final String messageIdPrefix = "ID:aeolus-" + UUID.randomUUID() + "-";
    private final byte[] messageIdPrefixUtf8 = messageIdPrefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final DeliverDecoder deliverDecoder = new DeliverDecoder();
    private final SharedFrameDecoder sharedFrames = new SharedFrameDecoder();
    private final NoMessageDecoder noMessageDecoder = new NoMessageDecoder();
    private final ErrorDecoder errorDecoder = new ErrorDecoder();
    private final ProducerCreditDecoder producerCreditDecoder = new ProducerCreditDecoder();
    private final Set<Long> blockedProducers = ConcurrentHashMap.newKeySet();
    private final Set<AeolusDestination> temporaryDestinations = ConcurrentHashMap.newKeySet();
    private final Object producerCredit = new Object();
    private final long sendTimeoutNs;
    private final ConsumerClosedDecoder consumerClosedDecoder = new ConsumerClosedDecoder();
    private final Object lifecycleLock = new Object();
    /** Serializes start and stop, which tell the broker. */
    private final Object flowLock = new Object();
    private volatile String clientId;
    private volatile boolean clientIdLocked;
    private volatile boolean started;
    private volatile boolean queueDomainOnly;
    private volatile boolean closed;
    private volatile JMSException failure;
    private volatile ExceptionListener exceptionListener;
    private ExecutorService exceptionExecutor;

    private AeolusConnection(final ClientOptions options) throws JMSException
    {
        this.options = options;
        this.clientId = options.clientId();
        this.sendTimeoutNs = TransportConfiguration.parseDurationNs(
            "sendTimeout", options.uri().option("sendTimeout", null), TimeUnit.SECONDS.toNanos(30));
        this.clientIdLocked = null != options.clientId();
        final ClientEndpointContext ctx = new ClientEndpointContext(options.uri())
            .clientId(options.clientId())
            .credentials(options.user(), null == options.password() ?
                null : options.password().getBytes(StandardCharsets.UTF_8))
            .clientVersion("aeolus-jms " + AeolusConnectionMetaData.PROVIDER_VERSION)
            .listener(this);
        try
        {
            this.endpoint = ClientEndpoint.connect(ctx);
        }
        catch (final TransportException ex)
        {
            throw AeolusExceptions.toJms(ex);
        }
        catch (final RuntimeException ex)
        {
            throw AeolusExceptions.jms("cannot connect to " + options.uri() + ": " + ex.getMessage(), ex);
        }
        this.proxy = new BrokerProxy(endpoint);
        try
        {
            // JMS 6.1.5: a connection delivers nothing until it is started, so its consumers start without credit.
            proxy.connectionFlow(false, Map.of(), false);
        }
        catch (final JMSException ex)
        {
            endpoint.close();
            throw ex;
        }
    }

    static AeolusConnection open(final ClientOptions options) throws JMSException
    {
        return new AeolusConnection(options);
    }

    @Override
    public Session createSession(final boolean transacted, final int acknowledgeMode) throws JMSException
    {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public Session createSession(final int sessionMode) throws JMSException
    {
        return newSession(sessionMode);
    }

    @Override
    public Session createSession() throws JMSException
    {
        return newSession(Session.AUTO_ACKNOWLEDGE);
    }

    /**
     * @return a session that refuses the topic domain's methods (JMS 4.11).
     */
    @Override
    public QueueSession createQueueSession(final boolean transacted, final int acknowledgeMode) throws JMSException
    {
        return newSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, AeolusQueueSession::new);
    }

    /**
     * @return a session that refuses the queue domain's methods (JMS 4.11).
     */
    @Override
    public TopicSession createTopicSession(final boolean transacted, final int acknowledgeMode) throws JMSException
    {
        return newSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode, AeolusTopicSession::new);
    }

    @Override
    public XASession createXASession() throws JMSException
    {
        return newXaSession();
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException
    {
        return newXaSession();
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException
    {
        return newXaSession();
    }

    AeolusXASession newXaSession() throws JMSException
    {
        return newSession(Session.SESSION_TRANSACTED, AeolusXASession::new);
    }

    /**
     * @return who the broker is, for {@code XAResource.isSameRM}: its name and the address connected to.
     */
    String brokerIdentity()
    {
        return endpoint.brokerId() + "@" + options.uri();
    }

    AeolusSession newSession(final int sessionMode) throws JMSException
    {
        return newSession(sessionMode, AeolusSession::new);
    }

    private <S extends AeolusSession> S newSession(final int sessionMode, final SessionMaker<S> maker)
        throws JMSException
    {
        checkOpen();
        final io.aeolus.transport.codecs.AckMode ackMode = AeolusSession.ackMode(sessionMode);
        clientIdLocked = true;
        final S session = maker.make(this, ids.incrementAndGet(), sessionMode);
        proxy.createSession(session.sessionId(), ackMode);
        sessions.add(session);
        return session;
    }

    @Override
    public String getClientID() throws JMSException
    {
        checkOpen();
        return clientId;
    }

    @Override
    public void setClientID(final String clientID) throws JMSException
    {
        checkOpen();
        synchronized (lifecycleLock)
        {
            if (clientIdLocked)
            {
                throw new IllegalStateException(
                    "client id can only be set once, before the connection is used (JMS 6.1.2)");
            }
            if (null == clientID || clientID.isEmpty())
            {
                throw new jakarta.jms.InvalidClientIDException("client id must not be null or empty");
            }
            proxy.setClientId(clientID);
            clientId = clientID;
            clientIdLocked = true;
        }
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException
    {
        checkOpen();
        return AeolusConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException
    {
        checkOpen();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(final ExceptionListener listener) throws JMSException
    {
        checkOpen();
        clientIdLocked = true;
        this.exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException
    {
        checkOpen();
        clientIdLocked = true;
        synchronized (flowLock)
        {
            if (!started)
            {
                proxy.connectionFlow(true, consumersByLastTaken(), false);
            }
            synchronized (lifecycleLock)
            {
                started = true;
            }
        }
        for (final AeolusSession session : sessions)
        {
            session.onConnectionStarted();
        }
        for (final AeolusConnectionConsumer consumer : connectionConsumers)
        {
            consumer.onConnectionStarted();
        }
    }

    /**
     * Stops delivery: waits for running listeners to return, then has the broker stop the consumers and take back
     * what they were sent but had not handed to the application, which goes to consumers of started connections,
     * not counted as delivered (no JMSRedelivered). A CompletionListener may call it (JMS 7.3.8); a MessageListener
     * may not stop its own connection (JMS 6.1.5).
     */
    @Override
    public void stop() throws JMSException
    {
        checkOpen();
        if (AeolusSession.isListenerThreadOf(this))
        {
            throw new IllegalStateException("a MessageListener must not stop its own connection (JMS 6.1.5)");
        }
        clientIdLocked = true;
        final boolean wasStarted;
        synchronized (flowLock)
        {
            synchronized (lifecycleLock)
            {
                wasStarted = started;
                started = false;
            }
        }
        // Without the flow lock: a running listener may start the connection again, and then that start wins.
        for (final AeolusSession session : sessions)
        {
            session.awaitListenerIdle();
        }
        synchronized (flowLock)
        {
            if (wasStarted && !started)
            {
                final Map<Long, Long> lastTaken = consumersByLastTaken();
                final long floor = proxy.connectionFlow(false, lastTaken, true);
                for (final Map.Entry<Long, Long> entry : lastTaken.entrySet())
                {
                    final AeolusMessageConsumer consumer = consumers.get(entry.getKey());
                    if (null != consumer)
                    {
                        consumer.onReleased(entry.getValue(), floor);
                    }
                }
            }
        }
    }

    /**
     * @return every consumer (browsers aside) with the latest delivery it handed to the application, by id.
     */
    private Map<Long, Long> consumersByLastTaken()
    {
        final Map<Long, Long> lastTaken = new TreeMap<>();
        for (final AeolusMessageConsumer consumer : consumers.values())
        {
            if (!consumer.isBrowser())
            {
                lastTaken.put(consumer.consumerId(), consumer.lastTakenDeliveryId());
            }
        }
        return lastTaken;
    }

    @Override
    public void close() throws JMSException
    {
        if (AeolusSession.isListenerThreadOf(this))
        {
            throw new IllegalStateException("a MessageListener must not close its own connection (JMS 6.1.8)");
        }
        if (AeolusSession.isCompletionThreadOf(this))
        {
            throw new IllegalStateException("a CompletionListener must not close its own connection (JMS 7.3.8)");
        }
        synchronized (lifecycleLock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            started = false;
        }
        for (final AeolusConnectionConsumer consumer : connectionConsumers)
        {
            consumer.closeFromConnection();
        }
        for (final AeolusSession session : sessions)
        {
            session.closeFromConnection();
        }
        sessions.clear();
        deleteTemporaryDestinations();
        endpoint.close();
        synchronized (lifecycleLock)
        {
            if (null != exceptionExecutor)
            {
                exceptionExecutor.shutdown();
            }
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(final Destination destination, final String messageSelector,
        final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        return AeolusConnectionConsumer.open(this, destination, messageSelector, null, false, false, sessionPool,
            maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(final Queue queue, final String messageSelector,
        final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        return createConnectionConsumer((Destination)queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(final Topic topic, final String messageSelector,
        final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        return createConnectionConsumer((Destination)topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(final Topic topic, final String subscriptionName,
        final String messageSelector, final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        checkTopicDomain("createSharedConnectionConsumer");
        return AeolusConnectionConsumer.open(this, topic, messageSelector, subscriptionName, false, true,
            sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(final Topic topic, final String subscriptionName,
        final String messageSelector, final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        checkTopicDomain("createDurableConnectionConsumer");
        return AeolusConnectionConsumer.open(this, topic, messageSelector, subscriptionName, true, false,
            sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(final Topic topic, final String subscriptionName,
        final String messageSelector, final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        checkTopicDomain("createSharedDurableConnectionConsumer");
        return AeolusConnectionConsumer.open(this, topic, messageSelector, subscriptionName, true, true,
            sessionPool, maxMessages);
    }

    void onConnectionConsumerOpened(final AeolusConnectionConsumer consumer)
    {
        connectionConsumers.add(consumer);
    }

    void onConnectionConsumerClosed(final AeolusConnectionConsumer consumer)
    {
        connectionConsumers.remove(consumer);
    }

    /**
     * Marks a connection made by {@code createQueueConnection}: it refuses the topic-only connection consumers.
     */
    void restrictToQueues()
    {
        queueDomainOnly = true;
    }

    private void checkTopicDomain(final String method) throws JMSException
    {
        checkOpen();
        if (queueDomainOnly)
        {
            // JMS 4.11, table 4-1.
            throw new IllegalStateException("a QueueConnection does not support " + method + " (JMS 4.11)");
        }
    }

    @Override
    public void deleteTemporaryDestination(final AeolusDestination destination) throws JMSException
    {
        checkOpen();
        proxy.deleteTemporaryDestination(destination);
        temporaryDestinations.remove(destination);
    }

    void onTemporaryDestinationCreated(final AeolusDestination destination)
    {
        temporaryDestinations.add(destination);
    }

    /**
     * Deletes this connection's temporary destinations and waits for the broker, so that they are gone for every
     * other connection once close returns; a broker that only saw the disconnect would delete them too, but later.
     */
    private void deleteTemporaryDestinations()
    {
        for (final AeolusDestination destination : temporaryDestinations)
        {
            if (null != failure)
            {
                break;
            }
            try
            {
                proxy.deleteTemporaryDestination(destination);
            }
            catch (final JMSException ignore)
            {
                // Still in use or already gone: the broker deletes what is left when the connection goes.
            }
        }
        temporaryDestinations.clear();
    }

    @Override
    public void onFrame(final DirectBuffer buffer, final int offset, final int length, final int templateId)
    {
        headerDecoder.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (templateId)
        {
            case DeliverDecoder.TEMPLATE_ID:
                deliverDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final AeolusMessageConsumer consumer = consumers.get(deliverDecoder.consumerId());
                if (null != consumer)
                {
                    consumer.onDeliver(deliverDecoder);
                }
                break;
            case NoMessageDecoder.TEMPLATE_ID:
                noMessageDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final AeolusMessageConsumer pulling = consumers.get(noMessageDecoder.consumerId());
                if (null != pulling)
                {
                    pulling.onNoMessage(noMessageDecoder.correlationId());
                }
                break;
            case ConsumerClosedDecoder.TEMPLATE_ID:
                consumerClosedDecoder.wrap(buffer, bodyOffset, blockLength, version);
                final AeolusMessageConsumer closedByBroker = consumers.get(consumerClosedDecoder.consumerId());
                if (null != closedByBroker)
                {
                    closedByBroker.onClosedByBroker(consumerClosedDecoder.reason());
                }
                break;
            case ProducerCreditDecoder.TEMPLATE_ID:
                producerCreditDecoder.wrap(buffer, bodyOffset, blockLength, version);
                onProducerCredit(producerCreditDecoder.producerId(),
                    producerCreditDecoder.blocked() == BooleanType.TRUE);
                break;
            case ErrorDecoder.TEMPLATE_ID:
                errorDecoder.wrap(buffer, bodyOffset, blockLength, version);
                notifyExceptionListener(AeolusExceptions.toJms(
                    new TransportException(errorDecoder.code(), "broker error: " + errorDecoder.message())));
                break;
            default:
                break;
        }
    }

    @Override
    public void onFailure(final TransportException cause)
    {
        final JMSException jms = AeolusExceptions.toJms(cause);
        failure = jms;
        for (final AeolusMessageConsumer consumer : consumers.values())
        {
            consumer.onConnectionFailed();
        }
        notifyExceptionListener(jms);
    }

    /**
     * @return true once the connection was closed by the application or failed.
     */
    public boolean isClosed()
    {
        return closed || null != failure;
    }

    ClientOptions options()
    {
        return options;
    }

    /**
     * @return the decoder of this connection's deliveries, which decodes a message once for all its subscriber
     *         copies; the receive thread's alone.
     */
    SharedFrameDecoder sharedFrames()
    {
        return sharedFrames;
    }

    BrokerProxy proxy()
    {
        return proxy;
    }

    boolean isStarted()
    {
        return started;
    }

    long nextId()
    {
        return ids.incrementAndGet();
    }

    long connectionId()
    {
        return endpoint.connectionId();
    }

    /**
     * Provider extension, not part of JMS.
     *
     * @return true if this connection's frames are encrypted and authenticated (AES-256-GCM), as negotiated with the
     *         broker at connect (URL option {@code encryption}, broker option
     *         {@code aeolus.broker.transport.encryption}).
     */
    public boolean isTransportEncrypted()
    {
        return endpoint.isEncrypted();
    }

    String nextMessageId()
    {
        return messageIdPrefix + messageIds.incrementAndGet();
    }

    /**
     * Gives a message of ours the next message id, as {@link #nextMessageId()} would, without making its text.
     *
     * @param message the message being sent.
     */
    void assignNextMessageId(final AeolusMessage message)
    {
        message.assignMessageId(messageIdPrefixUtf8, messageIds.incrementAndGet());
    }

    void register(final AeolusMessageConsumer consumer)
    {
        consumers.put(consumer.consumerId(), consumer);
    }

    void unregister(final AeolusMessageConsumer consumer)
    {
        consumers.remove(consumer.consumerId());
    }

    void removeSession(final AeolusSession session)
    {
        sessions.remove(session);
    }

    /**
     * @return how long a send may wait for the broker (flow control, the producer window), in ns.
     */
    long sendTimeoutNs()
    {
        return sendTimeoutNs;
    }

    void checkOpen() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("connection is closed");
        }
        final JMSException failed = failure;
        if (null != failed)
        {
            final IllegalStateException ex = new IllegalStateException(
                "connection failed: " + failed.getMessage(), failed.getErrorCode());
            ex.setLinkedException(failed);
            ex.initCause(failed);
            throw ex;
        }
    }

    /**
     * Waits while the broker holds a producer back because a destination it sends to is over its memory limit
     * (flow control), for at most the connection's send timeout. Costs one set lookup when the producer is free.
     *
     * @param producerId the producer about to send.
     * @throws ResourceAllocationException if the broker still holds it back after the send timeout.
     */
    void awaitProducerCredit(final long producerId) throws JMSException
    {
        if (!blockedProducers.contains(producerId))
        {
            return;
        }
        final long deadlineNs = System.nanoTime() + sendTimeoutNs;
        synchronized (producerCredit)
        {
            while (blockedProducers.contains(producerId))
            {
                checkOpen();
                final long remainingNs = deadlineNs - System.nanoTime();
                if (remainingNs <= 0)
                {
                    throw new ResourceAllocationException("the broker held this producer back for longer than the " +
                        "send timeout (" + TimeUnit.NANOSECONDS.toMillis(sendTimeoutNs) + " ms): a destination it " +
                        "sends to is over its memory limit", "RESOURCE_ALLOCATION");
                }
                try
                {
                    producerCredit.wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(remainingNs))));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw AeolusExceptions.jms("interrupted while the broker held the producer back", ex);
                }
            }
        }
    }

    private void onProducerCredit(final long producerId, final boolean blocked)
    {
        synchronized (producerCredit)
        {
            if (blocked)
            {
                blockedProducers.add(producerId);
            }
            else
            {
                blockedProducers.remove(producerId);
            }
            producerCredit.notifyAll();
        }
    }

    JMSException failure()
    {
        return failure;
    }

    void notifyExceptionListener(final JMSException ex)
    {
        final ExceptionListener listener = exceptionListener;
        if (null == listener)
        {
            return;
        }
        synchronized (lifecycleLock)
        {
            if (null == exceptionExecutor)
            {
                exceptionExecutor = Executors.newSingleThreadExecutor((runnable) ->
                {
                    final Thread thread = new Thread(runnable, "aeolus-exception-listener");
                    thread.setDaemon(true);
                    return thread;
                });
            }
            if (!exceptionExecutor.isShutdown())
            {
                exceptionExecutor.execute(() -> listener.onException(ex));
            }
        }
    }

    /**
     * Makes a session of one kind.
     */
    @FunctionalInterface
    private interface SessionMaker<S extends AeolusSession>
    {
        S make(AeolusConnection connection, long sessionId, int sessionMode);
    }
}
