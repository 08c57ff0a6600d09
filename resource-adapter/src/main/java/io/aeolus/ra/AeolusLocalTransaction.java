package io.aeolus.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A container-driven local transaction on a managed connection, run as a one-phase branch of the connection's XA
 * session: begin starts a branch with an Xid of its own, commit ends it and commits in one phase, rollback ends it
 * and rolls it back.
 */
final class AeolusLocalTransaction implements LocalTransaction
{
    private final AeolusManagedConnection connection;
    private final XAResource resource;
    private Xid xid;

    AeolusLocalTransaction(final AeolusManagedConnection connection, final XAResource resource)
    {
        this.connection = connection;
        this.resource = resource;
    }

    @Override
    public synchronized void begin() throws ResourceException
    {
        if (null != xid || connection.inTransaction())
        {
            throw new LocalTransactionException("a transaction is already active on " + connection);
        }
        final Xid started = new LocalXid();
        try
        {
            resource.start(started, XAResource.TMNOFLAGS);
        }
        catch (final XAException ex)
        {
            throw failed("begin", ex);
        }
        xid = started;
        connection.transactionStarted();
    }

    @Override
    public synchronized void commit() throws ResourceException
    {
        final Xid active = requireActive("commit");
        try
        {
            resource.end(active, XAResource.TMSUCCESS);
            resource.commit(active, true);
        }
        catch (final XAException ex)
        {
            throw failed("commit", ex);
        }
        finally
        {
            xid = null;
            connection.transactionEnded();
        }
    }

    @Override
    public synchronized void rollback() throws ResourceException
    {
        final Xid active = requireActive("roll back");
        try
        {
            resource.end(active, XAResource.TMFAIL);
        }
        catch (final XAException ignore)
        {
            // TMFAIL marks the branch rollback-only; the broker may answer with an XA_RB code. Roll back anyway.
        }
        try
        {
            resource.rollback(active);
        }
        catch (final XAException ex)
        {
            if (XAException.XAER_NOTA != ex.errorCode)
            {
                throw failed("roll back", ex);
            }
            // The broker rolled the branch back already when it ended with TMFAIL.
        }
        finally
        {
            xid = null;
            connection.transactionEnded();
        }
    }

    private Xid requireActive(final String what) throws LocalTransactionException
    {
        if (null == xid)
        {
            throw new LocalTransactionException("no local transaction to " + what + " on " + connection);
        }
        return xid;
    }

    private static LocalTransactionException failed(final String what, final XAException ex)
    {
        final LocalTransactionException failure = new LocalTransactionException("local transaction " + what +
            " failed: " + ex.getMessage() + " (XA code " + ex.errorCode + ")", ex);
        failure.setErrorCode(String.valueOf(ex.errorCode));
        return failure;
    }
}
