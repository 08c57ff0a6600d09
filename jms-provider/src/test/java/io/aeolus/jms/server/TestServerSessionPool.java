package io.aeolus.jms.server;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link ServerSessionPool} as an application server keeps one: sessions of one connection, each run on a thread of
 * the pool's own when a connection consumer starts it, and given back to the pool after it ran. Transacted sessions
 * run inside a local transaction and XA sessions inside an XA branch (start, run, end, prepare, commit), rolled back
 * when the listener threw, as a container does for a message-driven bean.
 */
final class TestServerSessionPool implements ServerSessionPool, AutoCloseable
{
    /**
     * How the pool's sessions acknowledge.
     */
    enum Mode
    {
        AUTO, DUPS_OK, CLIENT, TRANSACTED, XA
    }

    private final Mode mode;
    private final BlockingQueue<Pooled> idle = new LinkedBlockingQueue<>();
    private final List<Session> sessions = new ArrayList<>();
    private final ExecutorService threads;
    private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger commits = new AtomicInteger();
    private final AtomicInteger rollbacks = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile CountDownLatch startGate;

    /**
     * @param listener the application's listener (the bean); a RuntimeException out of it rolls a transaction back.
     */
    TestServerSessionPool(final Connection connection, final Mode mode, final int size, final MessageListener listener)
        throws JMSException
    {
        this.mode = mode;
        this.threads = Executors.newFixedThreadPool(size);
        for (int i = 0; i < size; i++)
        {
            final Session session = switch (mode)
            {
                case XA -> ((XAConnection)connection).createXASession();
                case TRANSACTED -> connection.createSession(true, Session.SESSION_TRANSACTED);
                case CLIENT -> connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                case DUPS_OK -> connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
                default -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            };
            final Pooled pooled = new Pooled(session);
            session.setMessageListener((message) -> pooled.onMessage(listener, message));
            sessions.add(session);
            idle.add(pooled);
        }
    }

    @Override
    public ServerSession getServerSession() throws JMSException
    {
        waiting.incrementAndGet();
        try
        {
            return idle.take();
        }
        catch (final InterruptedException ex)
        {
            throw new JMSException("interrupted while waiting for a free server session");
        }
        finally
        {
            waiting.decrementAndGet();
        }
    }

    /**
     * From now on a started server session waits for {@link #openGate()} before it runs.
     */
    void closeGate()
    {
        startGate = new CountDownLatch(1);
    }

    void openGate()
    {
        startGate.countDown();
    }

    /**
     * @return messages delivered by each run, in the order the runs ended.
     */
    List<Integer> batches()
    {
        synchronized (batches)
        {
            return new ArrayList<>(batches);
        }
    }

    int waitingThreads()
    {
        return waiting.get();
    }

    /**
     * @return how many times a connection consumer started a server session.
     */
    int startedCount()
    {
        return started.get();
    }

    int idleCount()
    {
        return idle.size();
    }

    int commits()
    {
        return commits.get();
    }

    int rollbacks()
    {
        return rollbacks.get();
    }

    List<Session> sessions()
    {
        return sessions;
    }

    /**
     * @return what went wrong on a pool thread (a failed commit, an XA error), or null.
     */
    Throwable failure()
    {
        return failure.get();
    }

    @Override
    public void close() throws InterruptedException
    {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * One pooled server session.
     */
    private final class Pooled implements ServerSession
    {
        private final Session session;
        private int delivered;
        private boolean rollbackOnly;

        Pooled(final Session session)
        {
            this.session = session;
        }

        @Override
        public Session getSession()
        {
            return session;
        }

        @Override
        public void start()
        {
            started.incrementAndGet();
            threads.execute(this::runOnce);
        }

        void onMessage(final MessageListener listener, final Message message)
        {
            delivered++;
            try
            {
                listener.onMessage(message);
            }
            catch (final RuntimeException ex)
            {
                rollbackOnly = true;
                throw ex;
            }
        }

        private void runOnce()
        {
            delivered = 0;
            rollbackOnly = false;
            try
            {
                final CountDownLatch gate = startGate;
                if (null != gate)
                {
                    gate.await();
                }
                if (mode == Mode.XA)
                {
                    runInBranch();
                }
                else
                {
                    session.run();
                    if (mode == Mode.TRANSACTED)
                    {
                        completeLocal();
                    }
                }
                batches.add(delivered);
            }
            catch (final Exception | AssertionError ex)
            {
                failure.compareAndSet(null, ex);
            }
            finally
            {
                idle.add(this);
            }
        }

        private void completeLocal() throws JMSException
        {
            if (rollbackOnly)
            {
                session.rollback();
                rollbacks.incrementAndGet();
            }
            else
            {
                session.commit();
                commits.incrementAndGet();
            }
        }

        private void runInBranch() throws Exception
        {
            final XAResource resource = ((XASession)session).getXAResource();
            final Xid xid = new PoolXid();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.run();
            if (rollbackOnly)
            {
                resource.end(xid, XAResource.TMFAIL);
                resource.rollback(xid);
                rollbacks.incrementAndGet();
                return;
            }
            resource.end(xid, XAResource.TMSUCCESS);
            if (resource.prepare(xid) == XAResource.XA_OK)
            {
                resource.commit(xid, false);
            }
            commits.incrementAndGet();
        }
    }

    /**
     * An Xid as a transaction manager makes one.
     */
    private static final class PoolXid implements Xid
    {
        private final byte[] gtrid = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);

        @Override
        public int getFormatId()
        {
            return 0x4145;
        }

        @Override
        public byte[] getGlobalTransactionId()
        {
            return gtrid.clone();
        }

        @Override
        public byte[] getBranchQualifier()
        {
            return new byte[]{1};
        }
    }
}
