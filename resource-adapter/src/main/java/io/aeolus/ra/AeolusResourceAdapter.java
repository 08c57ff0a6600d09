package io.aeolus.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkManager;

import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The resource adapter: where the broker is ({@code serverUrl}) and whom to connect as ({@code userName},
 * {@code password}); connection factories and activation specs may override each. Starts one
 * {@link AeolusActivation} per message endpoint and hands the container XA resources for recovery. Thread-safe.
 */
public final class AeolusResourceAdapter implements ResourceAdapter, Serializable
{
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AeolusResourceAdapter.class.getName());

    /** System property giving the broker URL when the adapter's {@code serverUrl} is not set. */
    public static final String SERVER_URL_PROPERTY = "aeolus.ra.serverUrl";

    private String serverUrl;
    private String userName;
    private String password;

    private transient volatile WorkManager workManager;
    private final transient Map<ActivationKey, AeolusActivation> activations = new ConcurrentHashMap<>();
    private final transient List<XAConnection> recoveryConnections = new ArrayList<>();

    /**
     * @return the broker URL: as set, else the system property {@value #SERVER_URL_PROPERTY}, else
     * {@code aeolus:ipc}.
     */
    public String getServerUrl()
    {
        return Settings.blank(serverUrl) ? System.getProperty(SERVER_URL_PROPERTY, "aeolus:ipc") : serverUrl;
    }

    public void setServerUrl(final String serverUrl)
    {
        this.serverUrl = serverUrl;
    }

    public String getUserName()
    {
        return userName;
    }

    public void setUserName(final String userName)
    {
        this.userName = userName;
    }

    public String getPassword()
    {
        return password;
    }

    public void setPassword(final String password)
    {
        this.password = password;
    }

    @Override
    public void start(final BootstrapContext context) throws ResourceAdapterInternalException
    {
        if (null == context || null == context.getWorkManager())
        {
            throw new ResourceAdapterInternalException("the container gave no BootstrapContext with a WorkManager");
        }
        try
        {
            Settings.requireUrl("serverUrl", getServerUrl());
        }
        catch (final ResourceException ex)
        {
            throw new ResourceAdapterInternalException(ex.getMessage(), ex);
        }
        workManager = context.getWorkManager();
        LOG.info(() -> "Aeolus resource adapter started for " + getServerUrl());
    }

    @Override
    public void stop()
    {
        for (final AeolusActivation activation : activations.values())
        {
            activation.stop();
        }
        activations.clear();
        synchronized (recoveryConnections)
        {
            for (final XAConnection connection : recoveryConnections)
            {
                closeQuietly(connection);
            }
            recoveryConnections.clear();
        }
        workManager = null;
    }

    @Override
    public void endpointActivation(final MessageEndpointFactory endpointFactory, final ActivationSpec spec)
        throws ResourceException
    {
        if (!(spec instanceof AeolusActivationSpec aeolusSpec))
        {
            throw new NotSupportedException("the Aeolus resource adapter takes an AeolusActivationSpec, not " +
                (null == spec ? "null" : spec.getClass().getName()));
        }
        final WorkManager work = workManager;
        if (null == work)
        {
            throw new jakarta.resource.spi.IllegalStateException("the resource adapter is not started");
        }
        aeolusSpec.validate();
        final ActivationKey key = new ActivationKey(endpointFactory, spec);
        final AeolusActivation activation = new AeolusActivation(this, endpointFactory, aeolusSpec, work);
        if (null != activations.putIfAbsent(key, activation))
        {
            throw new jakarta.resource.spi.IllegalStateException("this endpoint is already active with this spec");
        }
        try
        {
            activation.start();
        }
        catch (final ResourceException | RuntimeException ex)
        {
            activations.remove(key);
            throw ex;
        }
    }

    @Override
    public void endpointDeactivation(final MessageEndpointFactory endpointFactory, final ActivationSpec spec)
    {
        final AeolusActivation activation = activations.remove(new ActivationKey(endpointFactory, spec));
        if (null != activation)
        {
            activation.stop();
        }
    }

    /**
     * One XA resource per distinct server and credentials of the given specs, on connections kept open until the
     * adapter stops, so the transaction manager can recover branches prepared before a crash.
     */
    @Override
    public XAResource[] getXAResources(final ActivationSpec[] specs) throws ResourceException
    {
        final List<XAResource> resources = new ArrayList<>();
        final List<Settings> seen = new ArrayList<>();
        final ActivationSpec[] all = null == specs || 0 == specs.length ? new ActivationSpec[]{null} : specs;
        for (final ActivationSpec spec : all)
        {
            final Settings settings = spec instanceof AeolusActivationSpec a ?
                Settings.of(this, a.getServerUrl(), a.getUserName(), a.getPassword()) :
                Settings.of(this, null, null, null);
            if (seen.contains(settings))
            {
                continue;
            }
            seen.add(settings);
            try
            {
                final XAConnection connection = settings.createXAConnection();
                synchronized (recoveryConnections)
                {
                    recoveryConnections.add(connection);
                }
                resources.add(connection.createXASession().getXAResource());
            }
            catch (final JMSException ex)
            {
                LOG.log(Level.WARNING, "no XA resource for recovery from " + settings.url() + ": " + ex.getMessage(),
                    ex);
            }
        }
        return resources.toArray(new XAResource[0]);
    }

    /**
     * @return the number of active endpoints.
     */
    public int activeEndpoints()
    {
        return activations.size();
    }

    /**
     * @return how many times the activation of this endpoint and spec has connected, or -1 if it is not active.
     */
    int connects(final MessageEndpointFactory endpointFactory, final ActivationSpec spec)
    {
        final AeolusActivation activation = activations.get(new ActivationKey(endpointFactory, spec));
        return null == activation ? -1 : activation.connects();
    }

    static void closeQuietly(final jakarta.jms.Connection connection)
    {
        if (null != connection)
        {
            try
            {
                connection.close();
            }
            catch (final JMSException | RuntimeException ignore)
            {
                // Closing what failed: nothing more to do.
            }
        }
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof AeolusResourceAdapter ra && Objects.equals(serverUrl, ra.serverUrl) &&
            Objects.equals(userName, ra.userName) && Objects.equals(password, ra.password);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(serverUrl, userName);
    }

    private record ActivationKey(MessageEndpointFactory factory, ActivationSpec spec)
    {
        @Override
        public boolean equals(final Object other)
        {
            return other instanceof ActivationKey key && factory == key.factory && spec == key.spec;
        }

        @Override
        public int hashCode()
        {
            return System.identityHashCode(factory) * 31 + System.identityHashCode(spec);
        }
    }
}
