package io.aeolus.jms;

import io.aeolus.jms.message.AeolusBytesMessage;
import io.aeolus.jms.message.AeolusMapMessage;
import io.aeolus.jms.message.AeolusMessage;
import io.aeolus.jms.message.AeolusObjectMessage;
import io.aeolus.jms.message.AeolusStreamMessage;
import io.aeolus.jms.message.AeolusTextMessage;
import io.aeolus.transport.codecs.AckMode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionRolledBackException;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A JMS session: a single-threaded context for producing and consuming, as the specification defines it.
 * <p>
 * Message listeners and completion listeners of one session run on the session's own delivery thread, one at a time.
 * Synchronous receives run on the application's thread. Acknowledgement follows the session mode; in a transacted
 * session sends are held by the broker and receives acknowledged at commit.
 */
public class AeolusSession implements Session, QueueSession, TopicSession
{
    private static final ThreadLocal<AeolusSession> LISTENER_SESSION = new ThreadLocal<>();
    private static final ThreadLocal<AeolusSession> COMPLETION_SESSION = new ThreadLocal<>();
    private static final AtomicLong TEMPORARY_IDS = new AtomicLong();

    private final AeolusConnection connection;
    private final long sessionId;
    private final int sessionMode;
    private final List<AeolusMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<AeolusMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final Object executorLock = new Object();
    private ExecutorService deliveryExecutor;
    private volatile MessageListener distinguishedListener;
    private volatile boolean closed;

    AeolusSession(final AeolusConnection connection, final long sessionId, final int sessionMode)
    {
        this.connection = connection;
        this.sessionId = sessionId;
        this.sessionMode = sessionMode;
    }

    static AckMode ackMode(final int sessionMode) throws JMSException
    {
        switch (sessionMode)
        {
            case Session.SESSION_TRANSACTED:
                return AckMode.TRANSACTED;
            case Session.AUTO_ACKNOWLEDGE:
                return AckMode.AUTO;
            case Session.CLIENT_ACKNOWLEDGE:
                return AckMode.CLIENT;
            case Session.DUPS_OK_ACKNOWLEDGE:
                return AckMode.DUPS_OK;
            default:
                throw new JMSException("invalid session mode " + sessionMode + " (expected AUTO_ACKNOWLEDGE, " +
                    "CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED)");
        }
    }

    static boolean isListenerThreadOf(final AeolusConnection connection)
    {
        final AeolusSession session = LISTENER_SESSION.get();
        return null != session && session.connection == connection;
    }

    static boolean isCompletionThreadOf(final AeolusConnection connection)
    {
        final AeolusSession session = COMPLETION_SESSION.get();
        return null != session && session.connection == connection;
    }

    /**
     * @return true on this session's delivery thread while it runs a CompletionListener.
     */
    boolean isCompletionThread()
    {
        return COMPLETION_SESSION.get() == this;
    }

    long sessionId()
    {
        return sessionId;
    }

    AeolusConnection connection()
    {
        return connection;
    }

    int sessionMode()
    {
        return sessionMode;
    }

    @Override
    public BytesMessage createBytesMessage() throws JMSException
    {
        checkOpen();
        return new AeolusBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException
    {
        checkOpen();
        return new AeolusMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException
    {
        checkOpen();
        return new AeolusMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException
    {
        checkOpen();
        return new AeolusObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(final Serializable object) throws JMSException
    {
        checkOpen();
        final AeolusObjectMessage message = new AeolusObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException
    {
        checkOpen();
        return new AeolusStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException
    {
        checkOpen();
        return new AeolusTextMessage();
    }

    @Override
    public TextMessage createTextMessage(final String text) throws JMSException
    {
        checkOpen();
        final AeolusTextMessage message = new AeolusTextMessage();
        message.setText(text);
        return message;
    }

    @Override
    public boolean getTransacted() throws JMSException
    {
        checkOpen();
        return sessionMode == Session.SESSION_TRANSACTED;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException
    {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() throws JMSException
    {
        checkOpen();
        if (sessionMode != Session.SESSION_TRANSACTED)
        {
            throw new IllegalStateException("commit on a session that is not transacted");
        }
        checkNotCompletionThread("commit");
        awaitCompletions();
        final Map<Long, Long> consumed = consumedSinceAck();
        // A commit takes nothing back, so prefetched deliveries and their credit stay as they are; only rollback and
        // recover discard below the broker's floor.
        try
        {
            connection.proxy().commit(sessionId, consumed);
        }
        catch (final TransactionRolledBackException ex)
        {
            // The broker rolled the transaction back (a send in it was refused) and acknowledged nothing: take the
            // deliveries back as a rollback would, so they come again.
            endTransaction();
            final long floor = connection.proxy().rollback(sessionId, lastConsumed());
            for (final AeolusMessageConsumer consumer : consumers)
            {
                consumer.discardBelow(floor);
            }
            throw ex;
        }
        endTransaction();
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumer.onAcknowledged();
        }
        closeRetiredConsumers();
    }

    private void endTransaction()
    {
        for (final AeolusMessageProducer producer : producers)
        {
            producer.onTransactionEnded();
        }
    }

    @Override
    public void rollback() throws JMSException
    {
        checkOpen();
        if (sessionMode != Session.SESSION_TRANSACTED)
        {
            throw new IllegalStateException("rollback on a session that is not transacted");
        }
        checkNotCompletionThread("roll back");
        awaitCompletions();
        final long floor = connection.proxy().rollback(sessionId, lastConsumed());
        endTransaction();
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumer.discardBelow(floor);
        }
        closeRetiredConsumers();
    }

    @Override
    public void recover() throws JMSException
    {
        checkOpen();
        if (sessionMode == Session.SESSION_TRANSACTED)
        {
            throw new IllegalStateException("recover on a transacted session: use rollback");
        }
        recoverInternal();
    }

    void recoverInternal() throws JMSException
    {
        // JMS 6.2.11: stop delivery, then redeliver from the first unacknowledged message. What synchronous receives
        // of an AUTO_ACKNOWLEDGE session returned is acknowledged, even if its batched acknowledgement is not out yet.
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumer.flushAutoAcks();
        }
        final long floor = connection.proxy().recover(sessionId, lastConsumed());
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumer.discardBelow(floor);
        }
        closeRetiredConsumers();
    }

    @Override
    public void close() throws JMSException
    {
        if (LISTENER_SESSION.get() == this)
        {
            throw new IllegalStateException("a MessageListener must not close its own session (JMS 6.2.13)");
        }
        if (isCompletionThread())
        {
            throw new IllegalStateException("a CompletionListener must not close its own session (JMS 7.3.8)");
        }
        if (closed)
        {
            return;
        }
        final List<AeolusMessageConsumer> closing = closeResources();
        connection.removeSession(this);
        if (!connection.isClosed())
        {
            releaseAtBroker(closing);
            connection.proxy().closeSession(sessionId);
        }
    }

    void closeFromConnection()
    {
        if (!closed)
        {
            final List<AeolusMessageConsumer> closing = closeResources();
            if (null == connection.failure())
            {
                try
                {
                    releaseAtBroker(closing);
                }
                catch (final JMSException ignore)
                {
                    // The connection is closing; the broker takes back every delivery when it goes.
                }
            }
        }
    }

    private static void releaseAtBroker(final List<AeolusMessageConsumer> closing) throws JMSException
    {
        for (final AeolusMessageConsumer consumer : closing)
        {
            consumer.releaseAtBroker();
        }
    }

    private List<AeolusMessageConsumer> closeResources()
    {
        // JMS 7.3: a close waits for the completion listeners of outstanding asynchronous sends.
        awaitCompletions();
        deliveryLock.lock();
        try
        {
            closed = true;
        }
        finally
        {
            deliveryLock.unlock();
        }
        final List<AeolusMessageConsumer> closing = new ArrayList<>(consumers);
        for (final AeolusMessageConsumer consumer : closing)
        {
            consumer.closeLocally();
        }
        consumers.clear();
        producers.clear();
        synchronized (executorLock)
        {
            if (null != deliveryExecutor)
            {
                deliveryExecutor.shutdown();
                try
                {
                    deliveryExecutor.awaitTermination(30, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return closing;
    }

    @Override
    public MessageListener getMessageListener() throws JMSException
    {
        checkOpen();
        return distinguishedListener;
    }

    /**
     * Sets the session's distinguished listener, to which {@link #run()} delivers what a connection consumer loaded
     * into the session (application servers, JMS 8.2). Any thread.
     */
    @Override
    public void setMessageListener(final MessageListener listener) throws JMSException
    {
        checkOpen();
        distinguishedListener = listener;
    }

    /**
     * Application servers: delivers the messages a connection consumer loaded into this session to its distinguished
     * listener, one at a time, on the calling thread, acknowledged as the session's mode says (JMS 8.2). Returns once
     * they are delivered, at once if there are none; stops early if the connection stops (the rest go back to the
     * broker) or the session closes.
     *
     * @throws IllegalStateRuntimeException if no listener was set with {@link #setMessageListener}.
     */
    @Override
    public void run()
    {
        final MessageListener listener = distinguishedListener;
        if (closed)
        {
            return;
        }
        if (null == listener)
        {
            throw new IllegalStateRuntimeException("Session.run: the session has no MessageListener " +
                "(set one with Session.setMessageListener)");
        }
        deliveryLock.lock();
        LISTENER_SESSION.set(this);
        try
        {
            for (final AeolusMessageConsumer consumer : consumers)
            {
                boolean delivered = consumer.isServerSessionTarget();
                while (delivered && !closed && connection.isStarted())
                {
                    delivered = consumer.deliverOneTo(listener);
                }
                if (consumer.isServerSessionTarget() && !closed)
                {
                    // DUPS_OK: a batch is the lazy acknowledgement's unit; the next one may be long in coming.
                    consumer.acknowledgeLazily();
                }
            }
        }
        catch (final JMSException ex)
        {
            // The connection is failing: its exception listener hears it, and the broker takes the messages back.
        }
        finally
        {
            LISTENER_SESSION.remove();
            deliveryLock.unlock();
        }
        closeRetiredConsumers();
    }

    /**
     * Closes the consumers that connection consumers loaded into this session and then gave up (they closed), once
     * nothing they handed the application is left unacknowledged: closing one earlier would take back what a later
     * commit or acknowledge is to cover. In an XA session a close hands the consumed work to the current branch.
     */
    void closeRetiredConsumers()
    {
        for (final AeolusMessageConsumer consumer : consumers)
        {
            if (consumer.isRetired())
            {
                closeIfSettled(consumer);
            }
        }
    }

    /**
     * @return true if the consumer is closed now: it had nothing consumed left unacknowledged (or the session is XA)
     *         and no listener of the session was running.
     */
    boolean closeIfSettled(final AeolusMessageConsumer consumer)
    {
        if (consumer.isClosed())
        {
            return true;
        }
        if (!deliveryLock.tryLock())
        {
            return false;
        }
        try
        {
            final boolean holdsUnacknowledged = consumer.unacknowledgedCount() > 0 &&
                (sessionMode == Session.CLIENT_ACKNOWLEDGE || sessionMode == Session.SESSION_TRANSACTED);
            if (holdsUnacknowledged && !(this instanceof AeolusXASession))
            {
                return false;
            }
            consumer.close();
            return true;
        }
        catch (final JMSException ex)
        {
            // The connection is failing: the broker takes back what the consumer held when it goes.
            return consumer.isClosed();
        }
        finally
        {
            deliveryLock.unlock();
        }
    }

    @Override
    public MessageProducer createProducer(final Destination destination) throws JMSException
    {
        return newProducer(destination);
    }

    AeolusMessageProducer newProducer(final Destination destination) throws JMSException
    {
        checkOpen();
        final AeolusDestination target = null == destination ? null : AeolusDestination.toAeolus(destination);
        final AeolusMessageProducer producer = new AeolusMessageProducer(this, connection.nextId(), target);
        connection.proxy().createProducer(sessionId, producer.producerId(), target);
        producers.add(producer);
        return producer;
    }

    void removeProducer(final AeolusMessageProducer producer)
    {
        producers.remove(producer);
    }

    @Override
    public MessageConsumer createConsumer(final Destination destination) throws JMSException
    {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(final Destination destination, final String messageSelector)
        throws JMSException
    {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public MessageConsumer createConsumer(final Destination destination, final String messageSelector,
        final boolean noLocal) throws JMSException
    {
        return newConsumer(destination, ConsumerKind.plain(messageSelector, noLocal));
    }

    AeolusMessageConsumer newConsumer(final Destination destination, final ConsumerKind kind) throws JMSException
    {
        return newConsumer(destination, kind, false);
    }

    /**
     * @param deferred for a browser: the broker starts the browse only when {@link AeolusMessageConsumer#startBrowse()}
     *                 grants credit, so that it shows the queue as it is then.
     */
    AeolusMessageConsumer newConsumer(final Destination destination, final ConsumerKind kind, final boolean deferred)
        throws JMSException
    {
        checkOpen();
        if (null == destination)
        {
            throw new InvalidDestinationException("destination must not be null");
        }
        final AeolusDestination target = AeolusDestination.toAeolus(destination);
        // A browser walks the queue by credit, so it needs some even where consumers pull (prefetch 0).
        final int prefetch = kind.browser() ? Math.max(1, connection.options().prefetch()) :
            connection.options().prefetch();
        return attachConsumer(new AeolusMessageConsumer(this, connection.nextId(), target, kind, prefetch), deferred);
    }

    /**
     * A consumer a connection consumer loads messages into for {@link #run()}: it pulls (prefetch 0), only when the
     * connection consumer asks, so that the broker sends it nothing while the session is busy.
     */
    AeolusMessageConsumer newServerSessionConsumer(final AeolusDestination destination, final ConsumerKind kind)
        throws JMSException
    {
        checkOpen();
        return attachConsumer(new AeolusMessageConsumer(this, connection.nextId(), destination, kind, 0, true), false);
    }

    private AeolusMessageConsumer attachConsumer(final AeolusMessageConsumer consumer, final boolean deferred)
        throws JMSException
    {
        final AeolusDestination target = consumer.destination();
        final ConsumerKind kind = consumer.kind();
        final int prefetch = consumer.prefetch();
        connection.register(consumer);
        try
        {
            connection.proxy().createConsumer(sessionId, consumer.consumerId(), target, kind, deferred ? 0 : prefetch);
        }
        catch (final JMSException ex)
        {
            connection.unregister(consumer);
            throw ex;
        }
        consumers.add(consumer);
        return consumer;
    }

    void removeConsumer(final AeolusMessageConsumer consumer)
    {
        consumers.remove(consumer);
    }

    @Override
    public Queue createQueue(final String queueName) throws JMSException
    {
        checkOpen();
        return new AeolusQueue(checkName(queueName));
    }

    @Override
    public Topic createTopic(final String topicName) throws JMSException
    {
        checkOpen();
        return new AeolusTopic(checkName(topicName));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(final Topic topic, final String name) throws JMSException
    {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal) throws JMSException
    {
        return newConsumer(topic, new ConsumerKind(messageSelector, noLocal, true, false, false,
            checkSubscriptionName(name)));
    }

    @Override
    public MessageConsumer createDurableConsumer(final Topic topic, final String name) throws JMSException
    {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal) throws JMSException
    {
        return createDurableSubscriber(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName)
        throws JMSException
    {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName,
        final String messageSelector) throws JMSException
    {
        return newConsumer(topic, new ConsumerKind(messageSelector, false, false, true, false,
            checkSubscriptionName(sharedSubscriptionName)));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(final Topic topic, final String name) throws JMSException
    {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(final Topic topic, final String name,
        final String messageSelector) throws JMSException
    {
        return newConsumer(topic, new ConsumerKind(messageSelector, false, true, true, false,
            checkSubscriptionName(name)));
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue) throws JMSException
    {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue, final String messageSelector) throws JMSException
    {
        checkOpen();
        if (null == queue)
        {
            throw new InvalidDestinationException("queue must not be null");
        }
        return new AeolusQueueBrowser(this, AeolusDestination.toAeolus(queue), messageSelector);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException
    {
        checkOpen();
        final AeolusTemporaryQueue queue = new AeolusTemporaryQueue(temporaryName("TQ"), connection);
        connection.proxy().createTemporaryDestination(queue);
        connection.onTemporaryDestinationCreated(queue);
        return queue;
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException
    {
        checkOpen();
        final AeolusTemporaryTopic topic = new AeolusTemporaryTopic(temporaryName("TT"), connection);
        connection.proxy().createTemporaryDestination(topic);
        connection.onTemporaryDestinationCreated(topic);
        return topic;
    }

    @Override
    public void unsubscribe(final String name) throws JMSException
    {
        checkOpen();
        connection.proxy().unsubscribe(checkSubscriptionName(name));
    }

    @Override
    public QueueReceiver createReceiver(final Queue queue) throws JMSException
    {
        return (QueueReceiver)createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(final Queue queue, final String messageSelector) throws JMSException
    {
        return (QueueReceiver)createConsumer(queue, messageSelector);
    }

    @Override
    public QueueSender createSender(final Queue queue) throws JMSException
    {
        return newProducer(queue);
    }

    @Override
    public TopicSubscriber createSubscriber(final Topic topic) throws JMSException
    {
        return (TopicSubscriber)createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(final Topic topic, final String messageSelector, final boolean noLocal)
        throws JMSException
    {
        return (TopicSubscriber)createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(final Topic topic) throws JMSException
    {
        return newProducer(topic);
    }

    /**
     * Called when the application has consumed a message (receive returned it, or onMessage returned).
     * AUTO_ACKNOWLEDGE: a message a listener handled is acknowledged at once; one a synchronous receive returned
     * ({@code batchable}) is acknowledged with up to {@code autoAckBatch} others in one cumulative acknowledgement,
     * sent when the batch is full, before the consumer waits for its next message or returns none, and before a
     * recover or close (see {@link AeolusMessageConsumer#flushAutoAcks()}).
     */
    void onConsumed(final AeolusMessageConsumer consumer, final long deliveryId, final boolean batchable)
        throws JMSException
    {
        if (sessionMode == Session.AUTO_ACKNOWLEDGE)
        {
            final int batch = connection.options().autoAckBatch();
            if (batchable && batch > 1)
            {
                if (consumer.deferAutoAck(deliveryId) >= batch)
                {
                    consumer.flushAutoAcks();
                }
                return;
            }
            connection.proxy().acknowledgeOne(sessionId, consumer.consumerId(), deliveryId, false);
            consumer.onAcknowledged();
        }
        else if (sessionMode == Session.DUPS_OK_ACKNOWLEDGE && consumer.unacknowledgedCount() >= 32)
        {
            connection.proxy().acknowledgeOne(sessionId, consumer.consumerId(), deliveryId, true);
            consumer.onAcknowledged();
        }
    }

    /**
     * CLIENT_ACKNOWLEDGE: acknowledges every message the session's consumers have consumed.
     */
    void acknowledge() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("cannot acknowledge: the session is closed");
        }
        connection.checkOpen();
        if (sessionMode != Session.CLIENT_ACKNOWLEDGE)
        {
            return;
        }
        final Map<Long, Long> consumed = consumedSinceAck();
        if (!consumed.isEmpty())
        {
            connection.proxy().acknowledge(sessionId, consumed, true, true);
            for (final AeolusMessageConsumer consumer : consumers)
            {
                consumer.onAcknowledged();
            }
            closeRetiredConsumers();
        }
    }

    /**
     * XA end: waits for outstanding asynchronous sends, then names what each consumer consumed since the last
     * acknowledgement, which the branch takes.
     */
    Map<Long, Long> consumedForBranch()
    {
        awaitCompletions();
        return consumedSinceAck();
    }

    /**
     * XA end done: what the consumers consumed belongs to the branch now.
     */
    void onBranchAcknowledged()
    {
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumer.onAcknowledged();
        }
    }

    private Map<Long, Long> consumedSinceAck()
    {
        final Map<Long, Long> consumed = new LinkedHashMap<>();
        for (final AeolusMessageConsumer consumer : consumers)
        {
            if (consumer.unacknowledgedCount() > 0)
            {
                consumed.put(consumer.consumerId(), consumer.lastConsumedDeliveryId());
            }
        }
        return consumed;
    }

    private Map<Long, Long> lastConsumed()
    {
        final Map<Long, Long> consumed = new LinkedHashMap<>();
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumed.put(consumer.consumerId(), consumer.lastConsumedDeliveryId());
        }
        return consumed;
    }

    void scheduleListenerDelivery(final AeolusMessageConsumer consumer)
    {
        final ExecutorService executor = executor();
        if (null != executor)
        {
            executor.execute(() -> deliverToListener(consumer));
        }
    }

    void scheduleCompletion(final Runnable completion)
    {
        final ExecutorService executor = executor();
        if (null != executor)
        {
            executor.execute(() ->
            {
                COMPLETION_SESSION.set(this);
                try
                {
                    completion.run();
                }
                finally
                {
                    COMPLETION_SESSION.remove();
                }
            });
        }
        else
        {
            completion.run();
        }
    }

    private void deliverToListener(final AeolusMessageConsumer consumer)
    {
        deliveryLock.lock();
        LISTENER_SESSION.set(this);
        try
        {
            while (!closed && connection.isStarted() && consumer.deliverOneToListener())
            {
                if (!connection.isStarted())
                {
                    break;
                }
            }
        }
        finally
        {
            LISTENER_SESSION.remove();
            deliveryLock.unlock();
        }
    }

    void onConnectionStarted()
    {
        for (final AeolusMessageConsumer consumer : consumers)
        {
            consumer.onConnectionStarted();
        }
    }

    void awaitListenerIdle()
    {
        if (deliveryLock.isHeldByCurrentThread())
        {
            return;
        }
        deliveryLock.lock();
        deliveryLock.unlock();
    }

    boolean isListenerThread()
    {
        return LISTENER_SESSION.get() == this;
    }

    void awaitListenerIdleUnlessListener()
    {
        if (!isListenerThread())
        {
            awaitListenerIdle();
        }
    }

    private void checkNotCompletionThread(final String action) throws JMSException
    {
        if (isCompletionThread())
        {
            throw new IllegalStateException("a CompletionListener must not " + action + " its own session (JMS 7.3.8)");
        }
    }

    private void awaitCompletions()
    {
        for (final AeolusMessageProducer producer : producers)
        {
            producer.awaitCompletions();
        }
    }

    private ExecutorService executor()
    {
        synchronized (executorLock)
        {
            if (closed)
            {
                return null;
            }
            if (null == deliveryExecutor)
            {
                deliveryExecutor = Executors.newSingleThreadExecutor((runnable) ->
                {
                    final Thread thread = new Thread(runnable, "aeolus-session-" + sessionId);
                    thread.setDaemon(true);
                    return thread;
                });
            }
            return deliveryExecutor;
        }
    }

    boolean isClosed()
    {
        return closed;
    }

    void checkOpen() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("session is closed");
        }
        connection.checkOpen();
    }

    private String temporaryName(final String kind)
    {
        return kind + "." + connection.connectionId() + "." + TEMPORARY_IDS.incrementAndGet();
    }

    private static String checkName(final String name) throws JMSException
    {
        if (null == name || name.isEmpty())
        {
            throw new InvalidDestinationException("destination name must not be null or empty");
        }
        return name;
    }

    private static String checkSubscriptionName(final String name) throws JMSException
    {
        if (null == name || name.isEmpty())
        {
            throw new JMSException("subscription name must not be null or empty");
        }
        return name;
    }
}
