package io.aeolus.ra;

import io.aeolus.jms.AeolusJMSProducer;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
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

/**
 * The {@link JMSContext} an application gets from an {@link AeolusPooledConnectionFactory}: a pooled connection
 * handle and its one session, with the same container rules (the session works in the caller's transaction; client
 * id, exception listener, stop, listeners and {@code createContext} are refused, Jakarta Messaging 3.1 §12.2).
 * Closing it closes the session and gives the connection back to the pool.
 */
public final class AeolusContextHandle implements JMSContext
{
    private final AeolusConnectionHandle connection;
    private final int sessionMode;
    private Session session;
    private MessageProducer producer;
    /** The producers' way to the session: its one anonymous producer, with asynchronous sends refused (§12.2). */
    private final AeolusJMSProducer.Target sends = new AeolusJMSProducer.Target()
    {
        @Override
        public Session session()
        {
            return AeolusContextHandle.this.session();
        }

        @Override
        public MessageProducer producer()
        {
            return AeolusContextHandle.this.producer();
        }

        @Override
        public void checkOpen()
        {
            AeolusContextHandle.this.session();
        }

        @Override
        public void checkAsync(final CompletionListener completionListener)
        {
            if (null != completionListener)
            {
                throw refused("JMSProducer.setAsync");
            }
        }
    };
    private boolean autoStart = true;
    private volatile boolean closed;

    AeolusContextHandle(final AeolusConnectionHandle connection, final int sessionMode)
    {
        this.connection = connection;
        this.sessionMode = sessionMode;
    }

    private synchronized Session session()
    {
        if (closed)
        {
            throw new IllegalStateRuntimeException("the JMSContext is closed");
        }
        if (null == session)
        {
            session = RuntimeExceptions.call(() -> connection.createSession(sessionMode));
        }
        return session;
    }

    private static IllegalStateRuntimeException refused(final String method)
    {
        final String qualified = method.contains(".") ? method : "JMSContext." + method;
        return new IllegalStateRuntimeException(qualified + " must not be used in a Jakarta EE " +
            "container (Jakarta Messaging 3.1 §12.2)");
    }

    @Override
    public JMSContext createContext(final int sessionMode)
    {
        session();
        throw refused("createContext");
    }

    private synchronized MessageProducer producer()
    {
        final Session current = session();
        if (null == producer)
        {
            producer = RuntimeExceptions.call(() -> current.createProducer(null));
        }
        return producer;
    }

    /**
     * A new producer with its own options and properties; all of them send through the session's one anonymous
     * producer.
     */
    @Override
    public JMSProducer createProducer()
    {
        session();
        return new AeolusJMSProducer(sends);
    }

    @Override
    public String getClientID()
    {
        session();
        return RuntimeExceptions.call(connection::getClientID);
    }

    @Override
    public void setClientID(final String clientID)
    {
        session();
        throw refused("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData()
    {
        session();
        return RuntimeExceptions.call(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener()
    {
        session();
        return null;
    }

    @Override
    public void setExceptionListener(final ExceptionListener listener)
    {
        session();
        throw refused("setExceptionListener");
    }

    @Override
    public void start()
    {
        session();
    }

    @Override
    public void stop()
    {
        session();
        throw refused("stop");
    }

    @Override
    public void setAutoStart(final boolean autoStart)
    {
        session();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart()
    {
        session();
        return autoStart;
    }

    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        RuntimeExceptions.run(connection::close);
    }

    @Override
    public BytesMessage createBytesMessage()
    {
        return RuntimeExceptions.call(session()::createBytesMessage);
    }

    @Override
    public MapMessage createMapMessage()
    {
        return RuntimeExceptions.call(session()::createMapMessage);
    }

    @Override
    public Message createMessage()
    {
        return RuntimeExceptions.call(session()::createMessage);
    }

    @Override
    public ObjectMessage createObjectMessage()
    {
        return RuntimeExceptions.call(session()::createObjectMessage);
    }

    @Override
    public ObjectMessage createObjectMessage(final Serializable object)
    {
        final Session current = session();
        return RuntimeExceptions.call(() -> current.createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage()
    {
        return RuntimeExceptions.call(session()::createStreamMessage);
    }

    @Override
    public TextMessage createTextMessage()
    {
        return RuntimeExceptions.call(session()::createTextMessage);
    }

    @Override
    public TextMessage createTextMessage(final String text)
    {
        final Session current = session();
        return RuntimeExceptions.call(() -> current.createTextMessage(text));
    }

    @Override
    public boolean getTransacted()
    {
        return RuntimeExceptions.call(session()::getTransacted);
    }

    @Override
    public int getSessionMode()
    {
        return RuntimeExceptions.call(session()::getAcknowledgeMode);
    }

    @Override
    public void commit()
    {
        RuntimeExceptions.run(session()::commit);
    }

    @Override
    public void rollback()
    {
        RuntimeExceptions.run(session()::rollback);
    }

    @Override
    public void recover()
    {
        RuntimeExceptions.run(session()::recover);
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(() -> current.createConsumer(destination)));
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination, final String messageSelector)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(() -> current.createConsumer(destination, messageSelector)));
    }

    @Override
    public JMSConsumer createConsumer(final Destination destination, final String messageSelector,
        final boolean noLocal)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(
            () -> current.createConsumer(destination, messageSelector, noLocal)));
    }

    @Override
    public Queue createQueue(final String queueName)
    {
        final Session current = session();
        return RuntimeExceptions.call(() -> current.createQueue(queueName));
    }

    @Override
    public Topic createTopic(final String topicName)
    {
        final Session current = session();
        return RuntimeExceptions.call(() -> current.createTopic(topicName));
    }

    @Override
    public JMSConsumer createDurableConsumer(final Topic topic, final String name)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(() -> current.createDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createDurableConsumer(final Topic topic, final String name, final String messageSelector,
        final boolean noLocal)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(
            () -> current.createDurableConsumer(topic, name, messageSelector, noLocal)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(final Topic topic, final String name)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(() -> current.createSharedDurableConsumer(topic, name)));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(final Topic topic, final String name,
        final String messageSelector)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(
            () -> current.createSharedDurableConsumer(topic, name, messageSelector)));
    }

    @Override
    public JMSConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(
            () -> current.createSharedConsumer(topic, sharedSubscriptionName)));
    }

    @Override
    public JMSConsumer createSharedConsumer(final Topic topic, final String sharedSubscriptionName,
        final String messageSelector)
    {
        final Session current = session();
        return new ContextConsumer(RuntimeExceptions.call(
            () -> current.createSharedConsumer(topic, sharedSubscriptionName, messageSelector)));
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue)
    {
        final Session current = session();
        return RuntimeExceptions.call(() -> current.createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(final Queue queue, final String messageSelector)
    {
        final Session current = session();
        return RuntimeExceptions.call(() -> current.createBrowser(queue, messageSelector));
    }

    @Override
    public TemporaryQueue createTemporaryQueue()
    {
        return RuntimeExceptions.call(session()::createTemporaryQueue);
    }

    @Override
    public TemporaryTopic createTemporaryTopic()
    {
        return RuntimeExceptions.call(session()::createTemporaryTopic);
    }

    @Override
    public void unsubscribe(final String name)
    {
        final Session current = session();
        RuntimeExceptions.run(() -> current.unsubscribe(name));
    }

    /**
     * Messages are acknowledged automatically in a container (or by its transaction): nothing to do.
     */
    @Override
    public void acknowledge()
    {
        session();
    }
}
