package io.aeolus.ra;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;

/**
 * The connection an application gets from an {@link AeolusPooledConnectionFactory}: a handle on a pooled
 * {@link AeolusManagedConnection}. Inside a container transaction its session works in the transaction whatever
 * {@code createSession}'s arguments say; outside one it acknowledges automatically. As Jakarta Messaging 3.1 §12.2
 * asks of connections in a Jakarta EE container, it has at most one open session and refuses {@code setClientID},
 * {@code setExceptionListener}, {@code stop} and connection consumers. Closing it gives the physical connection back
 * to the pool.
 */
public final class AeolusConnectionHandle implements QueueConnection, TopicConnection
{
    private volatile AeolusManagedConnection managed;
    private volatile boolean closed;
    private Session session;
    private SessionHandle sessionHandle;

    AeolusConnectionHandle(final AeolusManagedConnection managed)
    {
        this.managed = managed;
    }

    void associate(final AeolusManagedConnection other)
    {
        final AeolusManagedConnection previous = managed;
        if (null != previous && previous != other)
        {
            previous.dissociate(this);
        }
        managed = other;
    }

    private AeolusManagedConnection checkOpen() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("the connection is closed");
        }
        return managed;
    }

    private static IllegalStateException refused(final String method)
    {
        return new IllegalStateException("Connection." + method + " must not be used in a Jakarta EE container " +
            "(Jakarta Messaging 3.1 §12.2)");
    }

    @Override
    public Session createSession(final boolean transacted, final int acknowledgeMode) throws JMSException
    {
        return createSession(transacted ? Session.SESSION_TRANSACTED : acknowledgeMode);
    }

    @Override
    public synchronized Session createSession(final int sessionMode) throws JMSException
    {
        final AeolusManagedConnection connection = checkOpen();
        if (null != sessionHandle && !sessionHandle.isClosed())
        {
            throw new IllegalStateException("a connection in a Jakarta EE container has at most one open session " +
                "(Jakarta Messaging 3.1 §12.2): close the first one, or use another connection");
        }
        final SessionHandle[] handler = new SessionHandle[1];
        session = SessionHandle.create(connection.physicalSession(sessionMode), handler);
        sessionHandle = handler[0];
        return session;
    }

    @Override
    public Session createSession() throws JMSException
    {
        return createSession(Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(final boolean transacted, final int acknowledgeMode) throws JMSException
    {
        return (QueueSession)createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(final boolean transacted, final int acknowledgeMode) throws JMSException
    {
        return (TopicSession)createSession(transacted, acknowledgeMode);
    }

    @Override
    public String getClientID() throws JMSException
    {
        return checkOpen().physical().getClientID();
    }

    @Override
    public void setClientID(final String clientID) throws JMSException
    {
        checkOpen();
        throw refused("setClientID");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException
    {
        return checkOpen().physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException
    {
        checkOpen();
        return null;
    }

    @Override
    public void setExceptionListener(final ExceptionListener listener) throws JMSException
    {
        checkOpen();
        throw refused("setExceptionListener");
    }

    /**
     * The pooled connection delivers already; starting again does nothing.
     */
    @Override
    public void start() throws JMSException
    {
        checkOpen();
    }

    @Override
    public void stop() throws JMSException
    {
        checkOpen();
        throw refused("stop");
    }

    @Override
    public void close() throws JMSException
    {
        final AeolusManagedConnection connection;
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            connection = managed;
            if (null != sessionHandle)
            {
                sessionHandle.close();
            }
        }
        if (null != connection)
        {
            connection.handleClosed(this);
        }
    }

    /**
     * The container took the managed connection back ({@code cleanup}): the handle is closed without an event.
     */
    synchronized void invalidate()
    {
        closed = true;
        if (null != sessionHandle)
        {
            sessionHandle.close();
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(
        final Destination destination, final String messageSelector, final ServerSessionPool sessionPool,
        final int maxMessages) throws JMSException
    {
        checkOpen();
        throw refused("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(
        final Queue queue, final String messageSelector, final ServerSessionPool sessionPool, final int maxMessages)
        throws JMSException
    {
        checkOpen();
        throw refused("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(
        final Topic topic, final String messageSelector, final ServerSessionPool sessionPool, final int maxMessages)
        throws JMSException
    {
        checkOpen();
        throw refused("createConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(
        final Topic topic, final String subscriptionName, final String messageSelector,
        final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        checkOpen();
        throw refused("createSharedConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(
        final Topic topic, final String subscriptionName, final String messageSelector,
        final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        checkOpen();
        throw refused("createDurableConnectionConsumer");
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(
        final Topic topic, final String subscriptionName, final String messageSelector,
        final ServerSessionPool sessionPool, final int maxMessages) throws JMSException
    {
        checkOpen();
        throw refused("createSharedDurableConnectionConsumer");
    }

    @Override
    public String toString()
    {
        return "AeolusConnectionHandle[" + managed + (closed ? ", closed]" : "]");
    }
}
