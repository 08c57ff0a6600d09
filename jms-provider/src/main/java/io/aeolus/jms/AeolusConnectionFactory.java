package io.aeolus.jms;

import io.aeolus.transport.AgronaAccess;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.naming.Reference;
import javax.naming.Referenceable;
import javax.naming.StringRefAddr;

/**
 * Creates connections to an Aeolus broker. The URL says where the broker is and how to reach it:
 * {@code aeolus:ipc} (same host, shared memory) or {@code aeolus:udp://host:port}, with options as query
 * parameters. Setters provide defaults that URL parameters override. Thread-safe; Serializable and Referenceable
 * for JNDI.
 */
public final class AeolusConnectionFactory
    implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable, Referenceable,
    XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory
{
    private static final long serialVersionUID = 1L;

    /** Address of the URL in a JNDI reference. */
    static final String URL_REF_ADDR = "url";

    private volatile String url;
    private final Map<String, String> settings = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * A factory for the broker on this host over IPC ({@code aeolus:ipc}).
     */
    public AeolusConnectionFactory()
    {
        this("aeolus:ipc");
    }

    /**
     * @param url the broker's URL, e.g. {@code aeolus:udp://127.0.0.1:5150}.
     * @throws IllegalArgumentException naming what is wrong with the URL.
     */
    public AeolusConnectionFactory(final String url)
    {
        setUrl(url);
    }

    /**
     * @param url the broker's URL.
     * @throws IllegalArgumentException naming what is wrong with the URL.
     */
    public void setUrl(final String url)
    {
        ClientOptions.resolve(url, Map.of(), (name) -> null);
        this.url = url;
    }

    /**
     * @return the broker's URL.
     */
    public String getUrl()
    {
        return url;
    }

    /**
     * @param user default user for {@link #createConnection()}.
     */
    public void setUser(final String user)
    {
        put("user", user);
    }

    /**
     * @param password default password for {@link #createConnection()}.
     */
    public void setPassword(final String password)
    {
        put("password", password);
    }

    /**
     * @param passwordFile a file holding the default password for {@link #createConnection()} (the password alone;
     *                     one trailing line break is ignored), read at each connect: keeps it out of URLs and code.
     */
    public void setPasswordFile(final String passwordFile)
    {
        put("passwordFile", passwordFile);
    }

    /**
     * @param clientId client id each connection registers at connect (one connection at a time may hold it).
     */
    public void setClientId(final String clientId)
    {
        put("clientId", clientId);
    }

    /**
     * @param prefetch messages each consumer may hold ahead of the application; 0 pulls one per receive.
     */
    public void setPrefetch(final int prefetch)
    {
        if (prefetch < 0)
        {
            throw new IllegalArgumentException("prefetch: must be 0 (pull) or more, got " + prefetch);
        }
        put("prefetch", Integer.toString(prefetch));
    }

    /**
     * @param allowList comma-separated class-name prefixes ObjectMessage may deserialize ({@code *} for all).
     */
    public void setDeserializationAllowList(final String allowList)
    {
        put("deserializationAllowList", allowList);
    }

    /**
     * @param denyList comma-separated class-name prefixes ObjectMessage must never deserialize; wins over allow.
     */
    public void setDeserializationDenyList(final String denyList)
    {
        put("deserializationDenyList", denyList);
    }

    @Override
    public Connection createConnection() throws JMSException
    {
        return createConnection(null, null);
    }

    @Override
    public Connection createConnection(final String userName, final String password) throws JMSException
    {
        return connect(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException
    {
        return createQueueConnection(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(final String userName, final String password) throws JMSException
    {
        final AeolusConnection connection = connect(userName, password);
        connection.restrictToQueues();
        return connection;
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException
    {
        return connect(null, null);
    }

    @Override
    public TopicConnection createTopicConnection(final String userName, final String password) throws JMSException
    {
        return connect(userName, password);
    }

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
    public JMSContext createContext(final String userName, final String password, final int sessionMode)
    {
        AeolusJMSContext.checkSessionMode(sessionMode);
        try
        {
            return AeolusJMSContext.create(connect(userName, password), sessionMode);
        }
        catch (final JMSException ex)
        {
            throw AeolusExceptions.toRuntime(ex);
        }
    }

    @Override
    public JMSContext createContext(final int sessionMode)
    {
        return createContext(null, null, sessionMode);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException
    {
        return createXAConnection(null, null);
    }

    @Override
    public XAConnection createXAConnection(final String userName, final String password) throws JMSException
    {
        return connect(userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException
    {
        return createXAQueueConnection(null, null);
    }

    @Override
    public XAQueueConnection createXAQueueConnection(final String userName, final String password)
        throws JMSException
    {
        final AeolusConnection connection = connect(userName, password);
        connection.restrictToQueues();
        return connection;
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException
    {
        return createXATopicConnection(null, null);
    }

    @Override
    public XATopicConnection createXATopicConnection(final String userName, final String password)
        throws JMSException
    {
        return connect(userName, password);
    }

    @Override
    public XAJMSContext createXAContext()
    {
        return createXAContext(null, null);
    }

    @Override
    public XAJMSContext createXAContext(final String userName, final String password)
    {
        try
        {
            return new AeolusXaJMSContext(AeolusJMSContext.createXa(connect(userName, password)));
        }
        catch (final JMSException ex)
        {
            throw AeolusExceptions.toRuntime(ex);
        }
    }

    @Override
    public Reference getReference()
    {
        final Reference reference = new Reference(
            AeolusConnectionFactory.class.getName(), AeolusObjectFactory.class.getName(), null);
        reference.add(new StringRefAddr(URL_REF_ADDR, url));
        synchronized (settings)
        {
            for (final Map.Entry<String, String> entry : settings.entrySet())
            {
                reference.add(new StringRefAddr(entry.getKey(), entry.getValue()));
            }
        }
        return reference;
    }

    @Override
    public String toString()
    {
        return "AeolusConnectionFactory[" + url + "]";
    }

    void put(final String name, final String value)
    {
        if (null == value)
        {
            settings.remove(name);
        }
        else
        {
            settings.put(name, value);
        }
    }

    private AeolusConnection connect(final String userName, final String password) throws JMSException
    {
        final ClientOptions options;
        try
        {
            options = withExplicitCredentials(ClientOptions.resolve(url, new LinkedHashMap<>(settings)), userName,
                password);
        }
        catch (final IllegalArgumentException ex)
        {
            throw AeolusExceptions.jms("invalid connection settings: " + ex.getMessage(), ex);
        }
        try
        {
            AgronaAccess.ensure();
        }
        catch (final IllegalStateException ex)
        {
            throw AeolusExceptions.jms(ex.getMessage(), ex);
        }
        return AeolusConnection.open(options);
    }

    /**
     * JMS: the credentials given to {@code createConnection(user, password)} or {@code createContext(user, password)}
     * are the ones used, both of them; the URL's, the setters' and the system properties' are defaults for the forms
     * without credentials only.
     *
     * @param defaults the options resolved from the URL, setters and system properties.
     * @param userName the user given explicitly, or null.
     * @param password the password given explicitly, or null.
     * @return the defaults when neither was given, otherwise the defaults with exactly these credentials.
     */
    static ClientOptions withExplicitCredentials(final ClientOptions defaults, final String userName,
        final String password)
    {
        if (null == userName && null == password)
        {
            return defaults;
        }
        return new ClientOptions(defaults.uri(), userName, password, defaults.clientId(), defaults.prefetch(),
            defaults.deserialization(), defaults.receiveSpinNs(), defaults.autoAckBatch());
    }
}
