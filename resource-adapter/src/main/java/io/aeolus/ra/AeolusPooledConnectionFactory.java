package io.aeolus.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.SecurityException;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * The connection factory applications look up in a container: each connection comes from the container's pool of
 * {@link AeolusManagedConnection}s and takes part in the caller's transaction. The connections follow the rules of
 * Jakarta Messaging 3.1 for Jakarta EE containers (one session per connection; {@code setClientID},
 * {@code setExceptionListener}, {@code stop}, connection consumers and message listeners refused).
 */
public final class AeolusPooledConnectionFactory
    implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Referenceable, Serializable
{
    private static final long serialVersionUID = 1L;

    private final transient AeolusManagedConnectionFactory managedFactory;
    private final transient ConnectionManager manager;
    private Reference reference;

    AeolusPooledConnectionFactory(final AeolusManagedConnectionFactory managedFactory, final ConnectionManager manager)
    {
        this.managedFactory = managedFactory;
        this.manager = manager;
    }

    @Override
    public Connection createConnection() throws JMSException
    {
        return allocate(null, null);
    }

    @Override
    public Connection createConnection(final String userName, final String password) throws JMSException
    {
        return allocate(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException
    {
        return allocate(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(final String userName, final String password) throws JMSException
    {
        return allocate(userName, password);
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException
    {
        return allocate(null, null);
    }

    @Override
    public TopicConnection createTopicConnection(final String userName, final String password) throws JMSException
    {
        return allocate(userName, password);
    }

    private AeolusConnectionHandle allocate(final String userName, final String password) throws JMSException
    {
        if (null == managedFactory || null == manager)
        {
            throw new jakarta.jms.IllegalStateException("this connection factory was deserialized outside its " +
                "container: look it up through JNDI");
        }
        try
        {
            return (AeolusConnectionHandle)manager.allocateConnection(managedFactory,
                new AeolusConnectionRequestInfo(userName, password));
        }
        catch (final SecurityException ex)
        {
            final JMSSecurityException failure = new JMSSecurityException(ex.getMessage());
            failure.setLinkedException(ex);
            failure.initCause(ex);
            throw failure;
        }
        catch (final ResourceException ex)
        {
            final JMSException failure = new JMSException("no connection from the pool: " + ex.getMessage());
            failure.setLinkedException(ex);
            failure.initCause(ex);
            throw failure;
        }
    }

    /**
     * A context over a pooled connection: in the caller's transaction if there is one, else acknowledging
     * automatically.
     */
    @Override
    public JMSContext createContext()
    {
        return createContext(null, null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(final String userName, final String password)
    {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(final int sessionMode)
    {
        return createContext(null, null, sessionMode);
    }

    /**
     * @param sessionMode as for {@code Connection.createSession(int)} in a container: ignored inside a transaction,
     *                    else {@code DUPS_OK_ACKNOWLEDGE} or (anything else) {@code AUTO_ACKNOWLEDGE}.
     */
    @Override
    public JMSContext createContext(final String userName, final String password, final int sessionMode)
    {
        if (sessionMode < JMSContext.SESSION_TRANSACTED || sessionMode > JMSContext.DUPS_OK_ACKNOWLEDGE)
        {
            throw new JMSRuntimeException("session mode must be 0 to 3 (JMSContext.SESSION_TRANSACTED to " +
                "DUPS_OK_ACKNOWLEDGE), got " + sessionMode);
        }
        return new AeolusContextHandle(RuntimeExceptions.call(() -> allocate(userName, password)), sessionMode);
    }

    @Override
    public void setReference(final Reference reference)
    {
        this.reference = reference;
    }

    @Override
    public Reference getReference()
    {
        return reference;
    }
}
