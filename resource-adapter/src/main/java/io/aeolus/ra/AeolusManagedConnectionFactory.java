package io.aeolus.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.security.PasswordCredential;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.Set;

/**
 * Outbound: makes the {@link AeolusPooledConnectionFactory} applications look up, and the physical
 * {@link AeolusManagedConnection}s the container pools behind it. Properties {@code serverUrl}, {@code userName},
 * {@code password} override the resource adapter's.
 */
public final class AeolusManagedConnectionFactory
    implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport
{
    private static final long serialVersionUID = 1L;

    private transient AeolusResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private String serverUrl;
    private String userName;
    private String password;

    public String getServerUrl()
    {
        return serverUrl;
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
    public Object createConnectionFactory(final ConnectionManager manager) throws ResourceException
    {
        if (null == manager)
        {
            throw new ResourceException("a connection manager is required; createConnectionFactory() makes an " +
                "unmanaged factory");
        }
        checkUrl();
        return new AeolusPooledConnectionFactory(this, manager);
    }

    /**
     * An unmanaged factory (outside a container): each connection is a physical one, closed with its handle.
     */
    @Override
    public Object createConnectionFactory() throws ResourceException
    {
        checkUrl();
        return new AeolusPooledConnectionFactory(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(final Subject subject, final ConnectionRequestInfo info)
        throws ResourceException
    {
        checkUrl();
        return new AeolusManagedConnection(this, settingsFor(subject, info), info);
    }

    @Override
    @SuppressWarnings("rawtypes") // the Connectors API's signature
    public ManagedConnection matchManagedConnections(
        final Set connectionSet, final Subject subject, final ConnectionRequestInfo info) throws ResourceException
    {
        final Settings wanted = settingsFor(subject, info);
        for (final Object candidate : connectionSet)
        {
            if (candidate instanceof AeolusManagedConnection connection && connection.factory() == this &&
                connection.settings().equals(wanted) && connection.isUsable())
            {
                return connection;
            }
        }
        return null;
    }

    Settings settingsFor(final Subject subject, final ConnectionRequestInfo info)
    {
        if (null != subject)
        {
            for (final PasswordCredential credential : subject.getPrivateCredentials(PasswordCredential.class))
            {
                if (this.equals(credential.getManagedConnectionFactory()))
                {
                    return Settings.of(resourceAdapter, serverUrl, credential.getUserName(),
                        new String(credential.getPassword()));
                }
            }
        }
        if (info instanceof AeolusConnectionRequestInfo request && null != request.userName())
        {
            return Settings.of(resourceAdapter, serverUrl, request.userName(), request.password());
        }
        return Settings.of(resourceAdapter, serverUrl, userName, password);
    }

    private void checkUrl() throws ResourceException
    {
        Settings.requireUrl("serverUrl", Settings.of(resourceAdapter, serverUrl, null, null).url());
    }

    @Override
    public void setLogWriter(final PrintWriter out)
    {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter()
    {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter()
    {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(final ResourceAdapter ra) throws ResourceException
    {
        if (!(ra instanceof AeolusResourceAdapter aeolus))
        {
            throw new jakarta.resource.spi.IllegalStateException("an AeolusManagedConnectionFactory belongs to the " +
                "Aeolus resource adapter, not " + (null == ra ? "null" : ra.getClass().getName()));
        }
        this.resourceAdapter = aeolus;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport()
    {
        return TransactionSupportLevel.XATransaction;
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof AeolusManagedConnectionFactory mcf && Objects.equals(serverUrl, mcf.serverUrl) &&
            Objects.equals(userName, mcf.userName) && Objects.equals(password, mcf.password) &&
            resourceAdapter == mcf.resourceAdapter;
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(serverUrl, userName);
    }

    /**
     * Outside a container: a new physical connection for each handle, destroyed when the handle closes.
     */
    private static final class UnmanagedConnectionManager implements ConnectionManager
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Object allocateConnection(final ManagedConnectionFactory factory, final ConnectionRequestInfo info)
            throws ResourceException
        {
            final ManagedConnection connection = factory.createManagedConnection(null, info);
            connection.addConnectionEventListener(new DestroyOnClose(connection));
            return connection.getConnection(null, info);
        }
    }
}
