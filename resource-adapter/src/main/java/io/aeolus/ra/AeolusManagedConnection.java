package io.aeolus.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.CommException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.SecurityException;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One physical connection to the broker, pooled by the container: an {@link XAConnection} with one
 * {@link XASession} whose resource the container enlists in its transactions (or drives as a
 * {@link LocalTransaction}, a one-phase branch), and, for work outside any transaction, one plain session in
 * {@code AUTO_ACKNOWLEDGE} or {@code DUPS_OK_ACKNOWLEDGE}. Applications hold {@link AeolusConnectionHandle}s.
 */
final class AeolusManagedConnection implements ManagedConnection
{
    private final AeolusManagedConnectionFactory factory;
    private final Settings settings;
    private final XAConnection physical;
    private final XASession xaSession;
    private final ManagedXAResource xaResource;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<AeolusConnectionHandle> handles = new ArrayList<>();
    private Session plainSession;
    private volatile boolean inTransaction;
    private volatile boolean broken;
    private volatile boolean destroyed;
    private PrintWriter logWriter;

    AeolusManagedConnection(
        final AeolusManagedConnectionFactory factory, final Settings settings, final ConnectionRequestInfo info)
        throws ResourceException
    {
        this.factory = factory;
        this.settings = settings;
        try
        {
            physical = settings.createXAConnection();
        }
        catch (final jakarta.jms.JMSSecurityException ex)
        {
            throw new SecurityException("the broker at " + settings.url() + " refused user " + settings.userName() +
                ": " + ex.getMessage(), ex);
        }
        catch (final JMSException ex)
        {
            throw new CommException("cannot connect to the broker at " + settings.url() + ": " + ex.getMessage(), ex);
        }
        try
        {
            physical.setExceptionListener(this::onConnectionFailed);
            physical.start();
            xaSession = physical.createXASession();
        }
        catch (final JMSException ex)
        {
            AeolusResourceAdapter.closeQuietly(physical);
            throw new CommException("cannot open a session on " + settings.url() + ": " + ex.getMessage(), ex);
        }
        xaResource = new ManagedXAResource(this, xaSession.getXAResource());
    }

    AeolusManagedConnectionFactory factory()
    {
        return factory;
    }

    Settings settings()
    {
        return settings;
    }

    boolean isUsable()
    {
        return !broken && !destroyed;
    }

    void transactionStarted()
    {
        inTransaction = true;
    }

    void transactionEnded()
    {
        inTransaction = false;
    }

    boolean inTransaction()
    {
        return inTransaction;
    }

    /**
     * The physical session a handle's session works on: the XA session inside a transaction (the arguments do not
     * matter then), else the plain session in the given mode ({@code AUTO_ACKNOWLEDGE} unless
     * {@code DUPS_OK_ACKNOWLEDGE}: local transactions and client acknowledgement are not for container code).
     */
    synchronized Session physicalSession(final int sessionMode) throws JMSException
    {
        if (inTransaction)
        {
            return xaSession;
        }
        final int mode = Session.DUPS_OK_ACKNOWLEDGE == sessionMode ?
            Session.DUPS_OK_ACKNOWLEDGE : Session.AUTO_ACKNOWLEDGE;
        if (null == plainSession || plainSession.getAcknowledgeMode() != mode)
        {
            if (null != plainSession)
            {
                plainSession.close();
            }
            plainSession = physical.createSession(false, mode);
        }
        return plainSession;
    }

    XAConnection physical()
    {
        return physical;
    }

    @Override
    public synchronized Object getConnection(final Subject subject, final ConnectionRequestInfo info)
        throws ResourceException
    {
        if (destroyed)
        {
            throw new jakarta.resource.spi.IllegalStateException("the managed connection is destroyed");
        }
        final AeolusConnectionHandle handle = new AeolusConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public synchronized void associateConnection(final Object connection) throws ResourceException
    {
        if (!(connection instanceof AeolusConnectionHandle handle))
        {
            throw new ResourceException("not an Aeolus connection handle: " + connection);
        }
        handle.associate(this);
        handles.add(handle);
    }

    synchronized void dissociate(final AeolusConnectionHandle handle)
    {
        handles.remove(handle);
    }

    void handleClosed(final AeolusConnectionHandle handle)
    {
        synchronized (this)
        {
            handles.remove(handle);
        }
        final ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (final ConnectionEventListener listener : listeners)
        {
            listener.connectionClosed(event);
        }
    }

    private void onConnectionFailed(final JMSException ex)
    {
        broken = true;
        final ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, ex);
        for (final ConnectionEventListener listener : listeners)
        {
            listener.connectionErrorOccurred(event);
        }
    }

    /**
     * Back to the pool: every handle is invalidated (its sessions, producers and consumers closed); the physical
     * connection and its sessions stay for the next user.
     */
    @Override
    public void cleanup() throws ResourceException
    {
        final List<AeolusConnectionHandle> open;
        synchronized (this)
        {
            open = new ArrayList<>(handles);
            handles.clear();
        }
        for (final AeolusConnectionHandle handle : open)
        {
            handle.invalidate();
        }
        inTransaction = false;
    }

    @Override
    public void destroy() throws ResourceException
    {
        destroyed = true;
        cleanup();
        AeolusResourceAdapter.closeQuietly(physical);
    }

    @Override
    public void addConnectionEventListener(final ConnectionEventListener listener)
    {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(final ConnectionEventListener listener)
    {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource()
    {
        return xaResource;
    }

    @Override
    public LocalTransaction getLocalTransaction()
    {
        return new AeolusLocalTransaction(this, xaSession.getXAResource());
    }

    @Override
    public ManagedConnectionMetaData getMetaData()
    {
        return new ManagedConnectionMetaData()
        {
            @Override
            public String getEISProductName()
            {
                return "Aeolus";
            }

            @Override
            public String getEISProductVersion()
            {
                try
                {
                    return physical.getMetaData().getProviderVersion();
                }
                catch (final JMSException ex)
                {
                    return "unknown";
                }
            }

            @Override
            public int getMaxConnections()
            {
                return 0;
            }

            @Override
            public String getUserName()
            {
                return settings.userName();
            }
        };
    }

    @Override
    public void setLogWriter(final PrintWriter out)
    {
        logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter()
    {
        return logWriter;
    }

    @Override
    public String toString()
    {
        return "AeolusManagedConnection[" + settings.url() + ", user " + settings.userName() + "]";
    }
}
