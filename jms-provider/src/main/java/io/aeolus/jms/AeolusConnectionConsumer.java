package io.aeolus.jms;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A connection consumer (JMS 8.2, the application server facilities): it reads the messages of a queue or of a topic
 * subscription, takes a {@link ServerSession} from its {@link ServerSessionPool} (waiting while the pool has none),
 * loads up to {@code maxMessages} messages into that server session's session and calls
 * {@link ServerSession#start()}; the session's {@link Session#run()} then delivers them to its distinguished
 * listener, acknowledged as the session's mode says (AUTO, CLIENT, DUPS_OK, transacted, or the XA branch the
 * server enlisted the session's resource in).
 * <p>
 * Each server session reads through a consumer of its own, made the first time the pool hands the session out: it
 * pulls (prefetch 0) only while this connection consumer loads it, so the broker sends nothing to a busy session,
 * and the session's acknowledge, commit, rollback, recover and XA end cover exactly what it was given. While it
 * waits for messages the connection consumer holds one server session of the pool. A topic without a subscription
 * name is read through a shared subscription of a generated name, so that the server sessions share its messages;
 * an unshared durable subscription admits one consumer at a time, so its consumer moves from one server session to
 * the next once the previous one has settled (its messages go out one batch at a time, in order).
 * <p>
 * {@link #close()} stops loading: messages loaded into a server session that has not yet run go back to the broker,
 * and each session's consumer closes once nothing it delivered is left unacknowledged. Closing the connection closes
 * its connection consumers; stopping it pauses them. Thread-safe.
 */
public final class AeolusConnectionConsumer implements ConnectionConsumer
{
    /** How long to wait before asking a pool that failed again, in ms. */
    private static final long RETRY_MS = 1_000;
    /** How long close waits for the loading thread to finish, in ms. */
    private static final long CLOSE_WAIT_MS = 10_000;

    private final AeolusConnection connection;
    private final AeolusDestination destination;
    private final ConsumerKind kind;
    private final ServerSessionPool pool;
    private final int maxMessages;
    private final boolean exclusive;
    private final AeolusSession anchor;
    private final Object lock = new Object();
    /** Guarded by the lock: each server session's consumer. */
    private final Map<AeolusSession, AeolusMessageConsumer> targets = new IdentityHashMap<>();
    private final Thread loader;
    private volatile boolean closed;
    private volatile boolean waitingForPool;

    private AeolusConnectionConsumer(final AeolusConnection connection, final AeolusDestination destination,
        final ConsumerKind kind, final ServerSessionPool pool, final int maxMessages, final AeolusSession anchor)
    {
        this.connection = connection;
        this.destination = destination;
        this.kind = kind;
        this.pool = pool;
        this.maxMessages = maxMessages;
        this.exclusive = kind.durable() && !kind.shared();
        this.anchor = anchor;
        this.loader = new Thread(this::loadLoop, "aeolus-connection-consumer-" + destination.name());
        this.loader.setDaemon(true);
    }

    /**
     * Checks the arguments, has the broker check the destination, selector, subscription and permissions (and make
     * the subscription of a topic, so that it keeps what is published from now on), then starts loading.
     *
     * @param subscriptionName the subscription for the durable and shared forms, null for the plain one.
     */
    static AeolusConnectionConsumer open(final AeolusConnection connection, final Destination destination,
        final String messageSelector, final String subscriptionName, final boolean durable, final boolean shared,
        final ServerSessionPool pool, final int maxMessages) throws JMSException
    {
        connection.checkOpen();
        if (null == destination)
        {
            throw new InvalidDestinationException("destination must not be null");
        }
        if (null == pool)
        {
            throw new JMSException("sessionPool must not be null");
        }
        if (maxMessages < 1)
        {
            throw new JMSException("maxMessages must be at least 1, not " + maxMessages);
        }
        final AeolusDestination target = AeolusDestination.toAeolus(destination);
        final ConsumerKind kind = kindOf(target, messageSelector, subscriptionName, durable, shared);
        final AeolusSession anchor = connection.newSession(Session.AUTO_ACKNOWLEDGE);
        try
        {
            // Prefetch 0 and never pulled: it only holds the subscription, and its creation is the broker's check.
            anchor.newServerSessionConsumer(target, kind);
            if (durable && !shared)
            {
                // An unshared durable subscription admits one consumer: the server sessions' ones take turns.
                anchor.close();
            }
        }
        catch (final JMSException ex)
        {
            closeQuietly(anchor);
            throw ex;
        }
        final AeolusConnectionConsumer consumer = new AeolusConnectionConsumer(connection, target, kind, pool,
            maxMessages, durable && !shared ? null : anchor);
        connection.onConnectionConsumerOpened(consumer);
        consumer.loader.start();
        return consumer;
    }

    private static ConsumerKind kindOf(final AeolusDestination target, final String selector,
        final String subscriptionName, final boolean durable, final boolean shared) throws JMSException
    {
        if (durable || shared)
        {
            if (null == subscriptionName || subscriptionName.isEmpty())
            {
                throw new JMSException("subscription name must not be null or empty");
            }
            return new ConsumerKind(selector, false, durable, shared, false, subscriptionName);
        }
        if (target instanceof Topic)
        {
            // The server sessions must share one subscription of the topic, not each have one.
            return new ConsumerKind(selector, false, false, true, false,
                "aeolus.connection-consumer." + UUID.randomUUID());
        }
        return ConsumerKind.plain(selector, false);
    }

    @Override
    public ServerSessionPool getServerSessionPool() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("connection consumer is closed");
        }
        return pool;
    }

    /**
     * Stops loading. Messages loaded into a server session that has not run yet go back to the broker (to be
     * delivered again, not counted as a delivery); each server session's consumer closes now or, if the session
     * is running or still holds deliveries it must acknowledge or commit, as soon as it has. Waits (at most about
     * {@link #CLOSE_WAIT_MS} each) for the loading thread to stop and for those sessions, unless called from one of
     * them or while the connection closes. Any thread.
     */
    @Override
    public void close() throws JMSException
    {
        final List<Map.Entry<AeolusSession, AeolusMessageConsumer>> loaded;
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
            loaded = new ArrayList<>(targets.entrySet());
            targets.clear();
            lock.notifyAll();
        }
        connection.onConnectionConsumerClosed(this);
        for (final Map.Entry<AeolusSession, AeolusMessageConsumer> entry : loaded)
        {
            entry.getValue().retire();
            entry.getKey().closeIfSettled(entry.getValue());
        }
        if (waitingForPool)
        {
            // Only while it waits in the pool (application code): a request to the broker must not be cut short.
            loader.interrupt();
        }
        if (Thread.currentThread() != loader)
        {
            try
            {
                loader.join(CLOSE_WAIT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        awaitRetiredClosed(loaded);
        if (null != anchor && !connection.isClosed())
        {
            anchor.close();
        }
    }

    /**
     * Waits, at most {@link #CLOSE_WAIT_MS}, for the server sessions still running or holding deliveries in a
     * transaction to close their consumers, so that the subscription is free once close returns (an unsubscribe
     * then succeeds). Does not wait for a session whose listener calls close, nor when the connection closes (which
     * closes the sessions, rolling back what they hold).
     */
    private void awaitRetiredClosed(final List<Map.Entry<AeolusSession, AeolusMessageConsumer>> retired)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        for (final Map.Entry<AeolusSession, AeolusMessageConsumer> entry : retired)
        {
            final AeolusSession session = entry.getKey();
            final AeolusMessageConsumer consumer = entry.getValue();
            while (!consumer.isReleased() && !session.isClosed() && !session.isListenerThread() &&
                !connection.isClosed() && System.nanoTime() - deadlineNs < 0)
            {
                if (!session.closeIfSettled(consumer) || !consumer.isReleased())
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
            }
        }
    }

    /**
     * For Connection.close: closes, reporting nothing (the connection takes back whatever is left).
     */
    void closeFromConnection()
    {
        try
        {
            close();
        }
        catch (final JMSException ignore)
        {
            // The connection is closing or failed; the broker takes back what its consumers held.
        }
    }

    /**
     * Wakes the loading thread if it waits for the connection to start.
     */
    void onConnectionStarted()
    {
        synchronized (lock)
        {
            lock.notifyAll();
        }
    }

    private void loadLoop()
    {
        while (!closed)
        {
            try
            {
                loadOnce();
            }
            catch (final JMSException ex)
            {
                onLoadFailure(ex);
            }
            catch (final RuntimeException ex)
            {
                onLoadFailure(AeolusExceptions.jms("connection consumer on " + destination.name() + " failed: " +
                    ex.getMessage(), ex));
            }
        }
        Thread.interrupted();
    }

    private void onLoadFailure(final JMSException ex)
    {
        if (closed || connection.isClosed())
        {
            closed = true;
            return;
        }
        connection.notifyExceptionListener(ex);
        pause(RETRY_MS);
    }

    private void loadOnce() throws JMSException
    {
        if (!awaitStarted())
        {
            return;
        }
        final ServerSession serverSession = takeServerSession();
        if (null == serverSession)
        {
            return;
        }
        final AeolusSession session = sessionOf(serverSession);
        try
        {
            final AeolusMessageConsumer target = targetFor(session);
            if (null != target)
            {
                target.load(maxMessages, () -> closed);
            }
        }
        finally
        {
            // Always: a server session goes back to its pool once it has run; with nothing loaded, run returns at once.
            serverSession.start();
        }
    }

    private ServerSession takeServerSession() throws JMSException
    {
        waitingForPool = true;
        try
        {
            if (closed)
            {
                return null;
            }
            final ServerSession serverSession = pool.getServerSession();
            if (null == serverSession)
            {
                throw new JMSException("the ServerSessionPool gave no ServerSession");
            }
            return serverSession;
        }
        finally
        {
            waitingForPool = false;
            if (closed)
            {
                Thread.interrupted();
            }
        }
    }

    private AeolusSession sessionOf(final ServerSession serverSession) throws JMSException
    {
        final Session session = serverSession.getSession();
        if (!(session instanceof AeolusSession) || ((AeolusSession)session).connection() != connection)
        {
            // A misconfigured pool does not mend itself: report it and stop, rather than fail on every message.
            final String what = null == session ? "no session" :
                session instanceof AeolusSession ? "a session of another connection" :
                "a session of another provider (" + session.getClass().getName() + ")";
            final IllegalStateException ex = new IllegalStateException("connection consumer on " +
                destination.name() + " closed: its ServerSessionPool gave " + what + "; it loads only sessions of " +
                "the connection it was created on");
            connection.notifyExceptionListener(ex);
            closed = true;
            throw ex;
        }
        return (AeolusSession)session;
    }

    /**
     * @return the session's consumer, made now if it has none (closed ones are dropped); null once closed.
     */
    private AeolusMessageConsumer targetFor(final AeolusSession session) throws JMSException
    {
        synchronized (lock)
        {
            targets.values().removeIf(AeolusMessageConsumer::isReleased);
            final AeolusMessageConsumer existing = targets.get(session);
            if (null != existing && !existing.isClosed())
            {
                return existing;
            }
        }
        if (exclusive && !awaitOthersClosed())
        {
            return null;
        }
        final AeolusMessageConsumer created = session.newServerSessionConsumer(destination, kind);
        synchronized (lock)
        {
            if (!closed)
            {
                targets.put(session, created);
                return created;
            }
        }
        created.retire();
        session.closeIfSettled(created);
        return null;
    }

    /**
     * Unshared durable subscription: retires the other server sessions' consumers and waits until each has closed
     * (at once for an idle session, else once its session has run its batch and acknowledged or committed it).
     *
     * @return false if this connection consumer closed meanwhile.
     */
    private boolean awaitOthersClosed()
    {
        while (!closed)
        {
            final List<Map.Entry<AeolusSession, AeolusMessageConsumer>> others;
            synchronized (lock)
            {
                // Released, not merely closed: the broker must have forgotten the last consumer before the next one
                // attaches, or it refuses that one as a second active consumer of the subscription.
                targets.values().removeIf(AeolusMessageConsumer::isReleased);
                others = new ArrayList<>(targets.entrySet());
            }
            if (others.isEmpty())
            {
                return true;
            }
            for (final Map.Entry<AeolusSession, AeolusMessageConsumer> entry : others)
            {
                final AeolusMessageConsumer other = entry.getValue();
                other.retire();
                // A batch loaded and not yet run stays: its session closes the consumer once it has run it.
                if (!other.hasBuffered())
                {
                    entry.getKey().closeIfSettled(other);
                }
            }
            pause(20);
        }
        return false;
    }

    /**
     * JMS 6.1.5: a stopped connection delivers nothing, so nothing is loaded while it is stopped.
     *
     * @return false if this connection consumer closed meanwhile.
     */
    private boolean awaitStarted()
    {
        while (!closed && !connection.isStarted())
        {
            if (connection.isClosed())
            {
                closed = true;
                return false;
            }
            pause(100);
        }
        return !closed;
    }

    private void pause(final long ms)
    {
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            try
            {
                lock.wait(ms);
            }
            catch (final InterruptedException ex)
            {
                // Only close interrupts this thread, and the loop ends once closed is seen.
            }
        }
    }

    private static void closeQuietly(final AeolusSession session)
    {
        try
        {
            session.close();
        }
        catch (final JMSException ignore)
        {
            // Creating the connection consumer failed; that is the error to report.
        }
    }

}
