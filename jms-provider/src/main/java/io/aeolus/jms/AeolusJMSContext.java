package io.aeolus.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simplified API's context: one {@link AeolusConnection} and one {@link AeolusSession}, with unchecked exceptions.
 * <p>
 * The session is created on first use, so that {@link #setClientID(String)} may still be called right after the
 * context is created (JMS 6.1.2). Contexts made by {@link #createContext(int)} share the connection and count
 * references to it: the connection closes when the last of them closes. Producers made by {@link #createProducer()}
 * are lightweight and share one anonymous producer of the session.
 * <p>
 * Like a session, a context is meant for one thread at a time; {@link #close()}, {@link #stop()} and
 * {@link #start()} may be called from any thread, except that a MessageListener must not stop or close its own
 * context, and a CompletionListener must not close it.
 */
public final class AeolusJMSContext implements JMSContext
{
    private final SharedConnection shared;
    private final int sessionMode;
    private final boolean xa;
    private final Object lifecycleLock = new Object();
    private final AeolusJMSProducer.Target producerTarget = new AeolusJMSProducer.Target()
    {
        @Override
        public Session session() throws JMSException
        {
            return AeolusJMSContext.this.session();
        }

        @Override
        public MessageProducer producer() throws JMSException
        {
            return AeolusJMSContext.this.producer();
        }

        @Override
        public void checkOpen()
        {
            AeolusJMSContext.this.checkOpen();
        }
    };
    private AeolusSession session;
    private AeolusMessageProducer producer;
    private volatile boolean autoStart = true;
    private volatile boolean closed;

    private AeolusJMSContext(final SharedConnection shared, final int sessionMode)
    {
        this(shared, sessionMode, false);
    }

    private AeolusJMSContext(final SharedConnection shared, final int sessionMode, final boolean xa)
    {
        this.shared = shared;
        this.sessionMode = sessionMode;
        this.xa = xa;
    }

    /**
     * A context that owns a new connection and whose session is an {@link AeolusXASession}.
     */
    static AeolusJMSContext createXa(final AeolusConnection connection)
    {
        return new AeolusJMSContext(new SharedConnection(connection), JMSContext.SESSION_TRANSACTED, true);
    }

    /**
     * A context that owns a new connection; closing the context closes the connection.
     */
    static JMSContext create(final AeolusConnection connection, final int sessionMode)
    {
        checkSessionMode(sessionMode);
        return new AeolusJMSContext(new SharedConnection(connection), sessionMode);
    }

    static void checkSessionMode(final int sessionMode)
    {
        if (sessionMode != JMSContext.AUTO_ACKNOWLEDGE && sessionMode != JMSContext.CLIENT_ACKNOWLEDGE &&
            sessionMode != JMSContext.DUPS_OK_ACKNOWLEDGE && sessionMode != JMSContext.SESSION_TRANSACTED)
        {
            throw new JMSRuntimeException("invalid session mode " + sessionMode + " (expected AUTO_ACKNOWLEDGE, " +
                "CLIENT_ACKNOWLEDGE, DUPS_OK_ACKNOWLEDGE or SESSION_TRANSACTED)");
        }
    }

    @Override
    public JMSContext createContext(final int sessionMode)
    {
        checkSessionMode(sessionMode);
        // Sharing the connection uses it: from now on its client id is fixed (JMS 6.1.2), for every context on it.
        Unchecked.call(this::session);
        synchronized (lifecycleLock)
        {
            checkOpen();
            // This context holds a reference, so the count cannot reach zero before the new context takes its own.
            shared.references.incrementAndGet();
        }
        return new AeolusJMSContext(shared, sessionMode);
    }

    @Override
    public JMSProducer createProducer()
    {
        checkOpen();
        return new AeolusJMSProducer(producerTarget);
    }

    @Override
    public String getClientID()
    {
        checkOpen();
        return Unchecked.call(shared.connection::getClientID);
    }

    @Override
    public void setClientID(final String clientID)
    {
        checkOpen();
        Unchecked.run(() -> shared.connection.setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData()
    {
        checkOpen();
        return Unchecked.call(shared.connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener()
    {
        checkOpen();
        return Unchecked.call(shared.connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(final ExceptionListener listener)
    {
        checkOpen();
        Unchecked.run(() -> shared.connection.setExceptionListener(listener));
    }

    @Override
    public void start()
    {
        checkOpen();
        Unchecked.run(shared.connection::start);
    }

    @Override
    public void stop()
    {
        checkOpen();
        // The connection refuses a stop from one of its MessageListeners (JMS 6.1.5); a CompletionListener may stop
        // it (JMS 7.3.8 forbids only close, commit and rollback there).
        Unchecked.run(shared.connection::stop);
    }

    @Override
    public void setAutoStart(final boolean autoStart)
    {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart()
    {
        checkOpen();
        return autoStart;
    }

    @Override
    public void close()
    {
        final AeolusSession current;
        final AeolusMessageProducer currentProducer;
        synchronized (lifecycleLock)
        {
            if (closed)
            {
                return;
            }
            current = session;
            currentProducer = producer;
            // JMS 6.2.13 and 7.3.8: closing from one's own listener would wait for the listener to return.
            if (null != current && current.isListenerThread())
            {
                throw new IllegalStateRuntimeException("a MessageListener must not close its own JMSContext");
            }
            if (AeolusSession.isCompletionThreadOf(shared.connection))
            {
                throw new IllegalStateRuntimeException("a CompletionListener must not close its own JMSContext");
            }
            closed = true;
        }
        JMSException failure = null;
        try
        {
            if (null != currentProducer)
            {
                // Waits for incomplete asynchronous sends and their CompletionListeners (JMS 7.3.8).
                currentProducer.close();
            }
        }
        catch (final JMSException ex)
        {
            failure = ex;
        }
        try
        {
            if (null != current)
            {
                current.close();
            }
        }
        catch (final JMSException ex)
        {
            failure = null == failure ? ex : failure;
        }
        if (0 == shared.references.decrementAndGet())
        {
            try
            {
                shared.connection.close();
            }
            catch (final JMSException ex)
            {
                failure = null == failure ? ex : failure;
            }
        }
        if (null != failure)
        {
            throw AeolusExceptions.toRuntime(failure);
        }
    }

    @Override
    public BytesMessage createBytesMessage()
    {
        return Unchecked.call(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage()
    {
        return Unchecked.call(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage()
    {
        return Unchecked.call(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage()
    {
        return Unchecked.call(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(final Serializable object)
    {
        return Unchecked.call(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage()
    {
        return Unchecked.call(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage()
    {
        return Unchecked.call(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(final String text)
    {
        return Unchecked.call(() -> session().createTextMessage(text));
    }

    @Override
    public boolean getTransacted()
    {
        checkOpen();
        return sessionMode == JMSContext.SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode()
    {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit()
    {
        Unchecked.run(() -> session().commit());
    }

    @Override
    public void rollback()
    {
        Unchecked.run(() -> session().rollback());
    }

    @Override
    public void recover()
    {
        Unchecked.run(() -> session().recover());
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination)
    {
        return createConsumer(destination, null, false);
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination, final String messageSelector)
    {
        return createConsumer(destination, messageSelector, false);
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination, final String messageSelector,
        final boolean noLocal)
    {
        return consumer(() -> session().newConsumer(destination, ConsumerKind.plain(messageSelector, noLocal)));
    }

    @Override
    public Queue createQueue(final String queueName)
    {
        return Unchecked.call(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(final String topicName)
    {
        return Unchecked.call(() -> session().createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(final Topic topic, final String name)
    {
        return createDurableConsumer(topic, name, null, false);
    }

    @Override
    public JMSConsumer createDurableConsumer(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal)
    {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(final Topic topic, final String name)
    {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(final Topic topic, final String name, final String messageSelector)
    {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName)
    {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public JMSConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName,
        final String messageSelector)
    {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue)
    {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue, final String messageSelector)
    {
        return Unchecked.call(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue()
    {
        return Unchecked.call(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic()
    {
        return Unchecked.call(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(final String name)
    {
        Unchecked.run(() -> session().unsubscribe(name));
    }

    @Override
    public void acknowledge()
    {
        // The session acknowledges in CLIENT_ACKNOWLEDGE mode and does nothing in the others, as JMS specifies.
        Unchecked.run(() -> session().acknowledge());
    }

    @Override
    public String toString()
    {
        return "AeolusJMSContext{sessionMode=" + sessionMode + ", closed=" + closed + '}';
    }

    /**
     * The context's session, created on first use. Any thread.
     */
    AeolusSession session() throws JMSException
    {
        synchronized (lifecycleLock)
        {
            if (closed)
            {
                throw new IllegalStateException("the JMSContext is closed");
            }
            if (null == session)
            {
                session = xa ? shared.connection.newXaSession() : shared.connection.newSession(sessionMode);
            }
            return session;
        }
    }

    /**
     * The anonymous producer that every JMSProducer of this context sends with, created on first use.
     */
    AeolusMessageProducer producer() throws JMSException
    {
        final AeolusSession current = session();
        synchronized (lifecycleLock)
        {
            if (null == producer)
            {
                producer = current.newProducer(null);
            }
            return producer;
        }
    }

    /**
     * The shared connection; for tests of the reference count.
     */
    AeolusConnection connection()
    {
        return shared.connection;
    }

    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
    }

    private JMSConsumer consumer(final Unchecked.Call<? extends MessageConsumer> create)
    {
        // Every consumer a session makes is an AeolusMessageConsumer.
        final AeolusJMSConsumer consumer = new AeolusJMSConsumer((AeolusMessageConsumer)Unchecked.call(create));
        if (autoStart && !shared.connection.isStarted())
        {
            Unchecked.run(shared.connection::start);
        }
        return consumer;
    }

    /**
     * A connection shared by a context and the contexts made from it, with their count.
     */
    private static final class SharedConnection
    {
        private final AeolusConnection connection;
        private final AtomicInteger references = new AtomicInteger(1);

        SharedConnection(final AeolusConnection connection)
        {
            this.connection = connection;
        }
    }
}
