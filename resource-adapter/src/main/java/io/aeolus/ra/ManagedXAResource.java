package io.aeolus.ra;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA resource the container enlists for a managed connection: the connection's XA session's resource, watched
 * so that sessions the application opens while a branch is active work in it. Each managed connection is its own
 * branch ({@link #isSameRM} answers true only for itself), which the broker then prepares and commits as usual.
 */
final class ManagedXAResource implements XAResource
{
    private final AeolusManagedConnection connection;
    private final XAResource delegate;

    ManagedXAResource(final AeolusManagedConnection connection, final XAResource delegate)
    {
        this.connection = connection;
        this.delegate = delegate;
    }

    @Override
    public void start(final Xid xid, final int flags) throws XAException
    {
        delegate.start(xid, flags);
        connection.transactionStarted();
    }

    @Override
    public void end(final Xid xid, final int flags) throws XAException
    {
        try
        {
            delegate.end(xid, flags);
        }
        finally
        {
            connection.transactionEnded();
        }
    }

    @Override
    public int prepare(final Xid xid) throws XAException
    {
        return delegate.prepare(xid);
    }

    @Override
    public void commit(final Xid xid, final boolean onePhase) throws XAException
    {
        delegate.commit(xid, onePhase);
    }

    @Override
    public void rollback(final Xid xid) throws XAException
    {
        delegate.rollback(xid);
    }

    @Override
    public void forget(final Xid xid) throws XAException
    {
        delegate.forget(xid);
    }

    @Override
    public Xid[] recover(final int flag) throws XAException
    {
        return delegate.recover(flag);
    }

    @Override
    public boolean isSameRM(final XAResource other)
    {
        return this == other;
    }

    @Override
    public int getTransactionTimeout() throws XAException
    {
        return delegate.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(final int seconds) throws XAException
    {
        return delegate.setTransactionTimeout(seconds);
    }

    @Override
    public String toString()
    {
        return "ManagedXAResource[" + delegate + "]";
    }
}
