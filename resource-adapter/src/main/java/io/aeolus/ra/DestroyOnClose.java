package io.aeolus.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ManagedConnection;

/**
 * Outside a container, what a pool would do: the physical connection goes when its handle closes or fails.
 */
final class DestroyOnClose implements ConnectionEventListener
{
    private final ManagedConnection connection;

    DestroyOnClose(final ManagedConnection connection)
    {
        this.connection = connection;
    }

    @Override
    public void connectionClosed(final ConnectionEvent event)
    {
        destroy();
    }

    @Override
    public void connectionErrorOccurred(final ConnectionEvent event)
    {
        destroy();
    }

    @Override
    public void localTransactionStarted(final ConnectionEvent event)
    {
        // Nothing to do without a container.
    }

    @Override
    public void localTransactionCommitted(final ConnectionEvent event)
    {
        // Nothing to do without a container.
    }

    @Override
    public void localTransactionRolledback(final ConnectionEvent event)
    {
        // Nothing to do without a container.
    }

    private void destroy()
    {
        try
        {
            connection.destroy();
        }
        catch (final ResourceException ignore)
        {
            // Already gone.
        }
    }
}
