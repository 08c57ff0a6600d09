package io.aeolus.broker.bridge;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * One bridge, running on a thread of its own: it receives from the source in a transacted session, sends a copy to
 * the target (a synchronous send, so a persistent message is stored by the target before the send returns), then
 * commits the source. At least once: if the source commit fails after the send (the source went down), the source
 * delivers the message again; the bridge remembers the ids of the last {@link BridgeConfig#duplicateWindow()}
 * messages it forwarded and drops such a redelivery instead of sending it twice. Each forwarded message carries the
 * source's message id in the string property {@link BridgeConfig#idProperty()}, so that a target (Artemis with
 * {@code _AMQ_DUPL_ID}) or its consumers can drop the duplicates the bridge cannot see: a send whose outcome is
 * unknown (the target failed during it) and a redelivery after the bridge's process restarted.
 * <p>
 * Any failure closes both sides and connects again after a back-off delay that doubles from
 * {@link BridgeConfig#reconnectDelayMs()} to {@link BridgeConfig#reconnectMaxDelayMs()}. Thread-safe: the metrics,
 * {@link #pause()}, {@link #resume()} and {@link #close()} may be called from any thread.
 */
public final class JmsBridge implements AutoCloseable
{
    private static final long RECEIVE_TIMEOUT_MS = 100;

    private final BridgeConfig config;
    private final Thread thread;
    private final Object lock = new Object();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final LinkedHashMap<String, Boolean> forwardedIds;
    private volatile BridgeState state = BridgeState.CONNECTING;
    private volatile String lastError;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile JMSException connectionFailure;
    private Connection sourceConnection;
    private Connection targetConnection;

    /**
     * Creates the bridge; {@link #start()} starts its thread.
     *
     * @param config what to bridge.
     */
    public JmsBridge(final BridgeConfig config)
    {
        this.config = config;
        final int window = config.duplicateWindow();
        this.forwardedIds = new LinkedHashMap<>(Math.min(window, 1024) * 2, 0.75f)
        {
            private static final long serialVersionUID = 1L;

            protected boolean removeEldestEntry(final Map.Entry<String, Boolean> eldest)
            {
                return size() > window;
            }
        };
        this.thread = new Thread(this::run, "aeolus-bridge-" + config.name());
        thread.setDaemon(true);
        // JNDI loads the providers' factories through the context class loader: the one that loaded the bridge sees
        // them (the broker's plugin directory, or the application's class path), whichever thread made the bridge.
        thread.setContextClassLoader(JmsBridge.class.getClassLoader());
    }

    /**
     * Starts forwarding.
     *
     * @return this bridge.
     */
    public JmsBridge start()
    {
        thread.start();
        return this;
    }

    /**
     * Starts the bridge paused (as an administrator left it before a restart): it connects to nothing and forwards
     * nothing until {@link #resume()}.
     *
     * @return this bridge.
     */
    public JmsBridge startPaused()
    {
        synchronized (lock)
        {
            paused = true;
            state = BridgeState.PAUSED;
        }
        thread.start();
        return this;
    }

    /**
     * @return the bridge's configuration.
     */
    public BridgeConfig config()
    {
        return config;
    }

    /**
     * @return a snapshot of the counters and state.
     */
    public BridgeMetrics metrics()
    {
        return new BridgeMetrics(config.name(), state, forwarded.get(), duplicatesDropped.get(), failures.get(),
            reconnects.get(), lastError);
    }

    /**
     * Disconnects from both sides and forwards nothing until {@link #resume()}; messages wait at the source.
     */
    public void pause()
    {
        synchronized (lock)
        {
            paused = true;
            lock.notifyAll();
        }
    }

    /**
     * Connects again and forwards.
     */
    public void resume()
    {
        synchronized (lock)
        {
            paused = false;
            lock.notifyAll();
        }
    }

    /**
     * Tells the bridge to stop, without waiting: its thread ends after the message in flight (if its send is not
     * done, the message is rolled back on the source). For callers that must not block (the broker's thread).
     */
    public void stop()
    {
        synchronized (lock)
        {
            closed = true;
            lock.notifyAll();
        }
    }

    /**
     * Stops the bridge and waits for its thread to end; a message in flight is rolled back on the source.
     */
    public void close()
    {
        stop();
        try
        {
            thread.join(30_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        state = BridgeState.STOPPED;
    }

    private void run()
    {
        long delayMs = config.reconnectDelayMs();
        boolean failedBefore = false;
        while (!closed)
        {
            if (paused)
            {
                state = BridgeState.PAUSED;
                awaitChange(Long.MAX_VALUE);
                continue;
            }
            try
            {
                connect();
                if (failedBefore)
                {
                    reconnects.incrementAndGet();
                    failedBefore = false;
                }
                state = BridgeState.RUNNING;
                delayMs = config.reconnectDelayMs();
                forward();
            }
            catch (final JMSException | NamingException | RuntimeException ex)
            {
                if (!closed)
                {
                    failures.incrementAndGet();
                    lastError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
                    failedBefore = true;
                }
            }
            finally
            {
                disconnect();
            }
            if (failedBefore && !closed && !paused)
            {
                state = BridgeState.RECONNECTING;
                awaitChange(System.currentTimeMillis() + delayMs);
                delayMs = Math.min(delayMs * 2, config.reconnectMaxDelayMs());
            }
        }
        state = BridgeState.STOPPED;
    }

    private void forward() throws JMSException
    {
        final Session source = sourceConnection.createSession(true, Session.SESSION_TRANSACTED);
        final Session target = targetConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = consumer(source);
        final Destination targetDestination = destination(target, config.target());
        final MessageProducer producer = target.createProducer(targetDestination);
        sourceConnection.start();
        while (!closed && !paused)
        {
            final JMSException failure = connectionFailure;
            if (null != failure)
            {
                throw failure;
            }
            final Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (null == message)
            {
                continue;
            }
            if (paused || closed)
            {
                // Paused or stopped while it waited: a message that came since stays at the source.
                source.rollback();
                break;
            }
            final String id = message.getJMSMessageID();
            if (null != id && forwardedIds.containsKey(id))
            {
                source.commit();
                duplicatesDropped.incrementAndGet();
                continue;
            }
            final Message copy = MessageCopier.copy(message, target);
            if (null != id)
            {
                copy.setStringProperty(config.idProperty(), id);
            }
            final long expiration = message.getJMSExpiration();
            final long timeToLive = 0 == expiration ? 0 : Math.max(1, expiration - System.currentTimeMillis());
            producer.send(copy, message.getJMSDeliveryMode() == DeliveryMode.NON_PERSISTENT ?
                DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT, message.getJMSPriority(), timeToLive);
            forwarded.incrementAndGet();
            if (null != id)
            {
                forwardedIds.put(id, Boolean.TRUE);
            }
            source.commit();
        }
    }

    private MessageConsumer consumer(final Session source) throws JMSException
    {
        final Destination destination = destination(source, config.source());
        if (destination instanceof Topic topic)
        {
            return source.createSharedDurableConsumer(topic, config.source().subscriptionName(), config.selector());
        }
        return source.createConsumer(destination, config.selector());
    }

    private static Destination destination(final Session session, final BridgeEndpoint endpoint) throws JMSException
    {
        return endpoint.destinationType() == BridgeEndpoint.DestinationType.QUEUE ?
            session.createQueue(endpoint.destinationName()) : session.createTopic(endpoint.destinationName());
    }

    private void connect() throws JMSException, NamingException
    {
        connectionFailure = null;
        sourceConnection = open(config.source());
        targetConnection = open(config.target());
    }

    private Connection open(final BridgeEndpoint endpoint) throws JMSException, NamingException
    {
        final InitialContext jndi = new InitialContext(new Hashtable<>(endpoint.jndiEnvironment()));
        final Object found;
        try
        {
            found = jndi.lookup(endpoint.connectionFactoryName());
        }
        finally
        {
            jndi.close();
        }
        if (!(found instanceof ConnectionFactory factory))
        {
            throw new NamingException("'" + endpoint.connectionFactoryName() + "' is not a jakarta.jms " +
                "ConnectionFactory but " + (null == found ? "null" : found.getClass().getName()));
        }
        final Connection connection = null == endpoint.user() ?
            factory.createConnection() : factory.createConnection(endpoint.user(), endpoint.password());
        connection.setExceptionListener((ex) -> connectionFailure = ex);
        return connection;
    }

    private void disconnect()
    {
        sourceConnection = closeQuietly(sourceConnection);
        targetConnection = closeQuietly(targetConnection);
    }

    private static Connection closeQuietly(final Connection connection)
    {
        if (null != connection)
        {
            try
            {
                connection.close();
            }
            catch (final JMSException | RuntimeException ex)
            {
                // already failed: nothing more to do
            }
        }
        return null;
    }

    private void awaitChange(final long deadlineMs)
    {
        synchronized (lock)
        {
            long now = System.currentTimeMillis();
            final boolean wasPaused = paused;
            while (!closed && paused == wasPaused && now < deadlineMs)
            {
                try
                {
                    lock.wait(Math.min(deadlineMs - now, 1000));
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
                now = System.currentTimeMillis();
            }
        }
    }
}
