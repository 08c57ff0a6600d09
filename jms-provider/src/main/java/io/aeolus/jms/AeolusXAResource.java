package io.aeolus.jms;

import io.aeolus.transport.codecs.XaOperation;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;
import java.util.Map;

/**
 * The {@link XAResource} of one {@link AeolusXASession}: start and end associate the session's sends and receives
 * with a branch at the broker; prepare, commit, rollback, forget and recover act on branches by Xid and work through
 * any XA resource of the same broker ({@link #isSameRM}), even after the session that did the work has closed. The
 * broker holds the state and answers with the XA specification's codes; a broker that is gone or does not answer
 * gives {@code XAER_RMFAIL}. Thread-safe; a transaction manager calls it from its own threads.
 */
final class AeolusXAResource implements XAResource
{
    private static final int START_FLAGS = TMJOIN | TMRESUME;
    private static final int END_FLAGS = TMSUCCESS | TMFAIL | TMSUSPEND;

    private final AeolusXASession session;
    private final XaProxy proxy;
    private final String identity;
    private final Object lock = new Object();
    private volatile int timeoutSeconds;
    private Xid current;
    private Xid endedByClose;

    AeolusXAResource(final AeolusXASession session, final XaProxy proxy, final String identity)
    {
        this.session = session;
        this.proxy = proxy;
        this.identity = identity;
    }

    @Override
    public void start(final Xid xid, final int flags) throws XAException
    {
        requireXid(xid);
        if (0 != (flags & ~START_FLAGS) || flags == START_FLAGS)
        {
            throw XaProxy.xaException(XAException.XAER_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not 0x" +
                Integer.toHexString(flags), null);
        }
        synchronized (lock)
        {
            if (session.isClosed())
            {
                throw XaProxy.xaException(XAException.XAER_PROTO, "the XA session is closed", null);
            }
            if (null != current)
            {
                throw XaProxy.xaException(XAException.XAER_PROTO, "the session works on " + current +
                    ": end it before starting " + xid, null);
            }
            proxy.request(XaOperation.START, session.sessionId(), xid, flags, timeoutSeconds, Map.of());
            current = xid;
            endedByClose = null;
        }
    }

    @Override
    public void end(final Xid xid, final int flags) throws XAException
    {
        requireXid(xid);
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND)
        {
            throw XaProxy.xaException(XAException.XAER_INVAL, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not 0x" +
                Integer.toHexString(flags & ~END_FLAGS | flags), null);
        }
        synchronized (lock)
        {
            if (null == current && xid.equals(endedByClose))
            {
                // The application closed the session inside the transaction; its work was ended then.
                endedByClose = null;
                return;
            }
            endAtBroker(xid, flags);
        }
    }

    /**
     * The session closes: a branch it still works on is ended with its work (the transaction manager's end later
     * finds it done), so closing a session inside a transaction loses nothing.
     */
    void onSessionClosing()
    {
        synchronized (lock)
        {
            final Xid xid = current;
            if (null != xid)
            {
                try
                {
                    endAtBroker(xid, TMSUCCESS);
                    endedByClose = xid;
                }
                catch (final XAException ignore)
                {
                    // The branch is doomed or the broker gone; the transaction manager hears it at prepare or commit.
                    current = null;
                }
            }
        }
    }

    /**
     * A consumer closes while the session works on a branch: what it consumed joins the branch now, before the
     * broker forgets the consumer (a suspend and resume at the broker).
     */
    void onConsumerClosing() throws XAException
    {
        synchronized (lock)
        {
            final Xid xid = current;
            if (null != xid)
            {
                endAtBroker(xid, TMSUSPEND);
                proxy.request(XaOperation.START, session.sessionId(), xid, TMRESUME, 0, Map.of());
                current = xid;
            }
        }
    }

    private void endAtBroker(final Xid xid, final int flags) throws XAException
    {
        final Map<Long, Long> consumed = session.consumedForBranch();
        try
        {
            proxy.request(XaOperation.END, session.sessionId(), xid, flags, 0, consumed);
        }
        catch (final XAException ex)
        {
            if (ex.errorCode >= XAException.XA_RBBASE && ex.errorCode <= XAException.XA_RBEND && xid.equals(current))
            {
                // The broker ended the association and took the work, then said the branch is doomed.
                current = null;
                session.onBranchAcknowledged();
            }
            throw ex;
        }
        if (xid.equals(current))
        {
            current = null;
        }
        session.onBranchAcknowledged();
    }

    @Override
    public int prepare(final Xid xid) throws XAException
    {
        requireXid(xid);
        return (int)proxy.request(XaOperation.PREPARE, 0, xid, TMNOFLAGS, 0, Map.of());
    }

    @Override
    public void commit(final Xid xid, final boolean onePhase) throws XAException
    {
        requireXid(xid);
        proxy.request(XaOperation.COMMIT, 0, xid, onePhase ? TMONEPHASE : TMNOFLAGS, 0, Map.of());
    }

    @Override
    public void rollback(final Xid xid) throws XAException
    {
        requireXid(xid);
        proxy.request(XaOperation.ROLLBACK, 0, xid, TMNOFLAGS, 0, Map.of());
    }

    @Override
    public void forget(final Xid xid) throws XAException
    {
        requireXid(xid);
        proxy.request(XaOperation.FORGET, 0, xid, TMNOFLAGS, 0, Map.of());
    }

    @Override
    public Xid[] recover(final int flag) throws XAException
    {
        if (0 != (flag & ~(TMSTARTRSCAN | TMENDRSCAN)))
        {
            throw XaProxy.xaException(XAException.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN or TMNOFLAGS, " +
                "not 0x" + Integer.toHexString(flag), null);
        }
        if (0 == (flag & TMSTARTRSCAN))
        {
            // The whole list is returned at the start of a scan; a continued or ending scan has nothing more.
            return new Xid[0];
        }
        final List<Xid> xids = proxy.recover();
        return xids.toArray(new Xid[0]);
    }

    @Override
    public boolean isSameRM(final XAResource other)
    {
        return other instanceof AeolusXAResource resource && identity.equals(resource.identity);
    }

    @Override
    public int getTransactionTimeout()
    {
        return timeoutSeconds;
    }

    /**
     * Honoured: a branch started after this call is rolled back by the broker if it is not prepared within the
     * timeout (the transaction manager then hears {@code XA_RBTIMEOUT}). 0 means no timeout.
     */
    @Override
    public boolean setTransactionTimeout(final int seconds) throws XAException
    {
        if (seconds < 0)
        {
            throw XaProxy.xaException(XAException.XAER_INVAL, "transaction timeout must be 0 or more seconds, got " +
                seconds, null);
        }
        timeoutSeconds = seconds;
        return true;
    }

    /**
     * @return true while the session works on a branch.
     */
    boolean isAssociated()
    {
        synchronized (lock)
        {
            return null != current;
        }
    }

    @Override
    public String toString()
    {
        return "AeolusXAResource[" + identity + ", session " + session.sessionId() + "]";
    }

    private static void requireXid(final Xid xid) throws XAException
    {
        if (null == xid)
        {
            throw XaProxy.xaException(XAException.XAER_INVAL, "the Xid is null", null);
        }
        final byte[] gtrid = xid.getGlobalTransactionId();
        final byte[] bqual = xid.getBranchQualifier();
        if (null == gtrid || gtrid.length < 1 || gtrid.length > Xid.MAXGTRIDSIZE || null == bqual ||
            bqual.length > Xid.MAXBQUALSIZE)
        {
            throw XaProxy.xaException(XAException.XAER_INVAL, "the Xid's gtrid must be 1 to 64 bytes and its bqual " +
                "0 to 64 bytes: " + xid, null);
        }
    }
}
