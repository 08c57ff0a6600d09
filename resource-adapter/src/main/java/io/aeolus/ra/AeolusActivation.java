package io.aeolus.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkManager;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One message endpoint consuming as its {@link AeolusActivationSpec} says. A supervisor work connects, opens
 * {@code maxSessions} sessions each with a consumer and an endpoint, and schedules one delivery work per session on
 * the container's {@link WorkManager}; when the connection fails it tears them down and connects again with
 * exponential back-off until the endpoint is deactivated.
 *
 * <p>A transacted endpoint (container-managed transaction {@code Required}) gets an {@link XASession}'s
 * {@link XAResource} with its endpoint: each delivery runs between {@code beforeDelivery} and {@code afterDelivery},
 * in which the container enlists that resource, so the receive commits or rolls back with the bean's transaction.
 * Otherwise the session is locally transacted: a delivery is acknowledged when the bean returns and rolled back
 * (redelivered) when it throws.
 */
final class AeolusActivation
{
    static final Method ON_MESSAGE;
    private static final Logger LOG = Logger.getLogger(AeolusActivation.class.getName());
    private static final long RECEIVE_TIMEOUT_MS = 500;
    private static final long STOP_TIMEOUT_MS = 30_000;

    static
    {
        try
        {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        }
        catch (final NoSuchMethodException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final MessageEndpointFactory endpointFactory;
    private final AeolusActivationSpec spec;
    private final WorkManager workManager;
    private final Settings settings;
    private final Object lock = new Object();
    private boolean stopped;
    private boolean failed;
    private int running;
    private int connects;
    private Connection connection;
    private boolean transacted;

    AeolusActivation(
        final AeolusResourceAdapter ra,
        final MessageEndpointFactory endpointFactory,
        final AeolusActivationSpec spec,
        final WorkManager workManager)
    {
        this.endpointFactory = endpointFactory;
        this.spec = spec;
        this.workManager = workManager;
        this.settings = Settings.of(ra, spec.getServerUrl(), spec.getUserName(), spec.getPassword());
    }

    void start() throws ResourceException
    {
        try
        {
            transacted = endpointFactory.isDeliveryTransacted(ON_MESSAGE);
        }
        catch (final NoSuchMethodException ex)
        {
            throw new ResourceException("the endpoint is not a jakarta.jms.MessageListener", ex);
        }
        synchronized (lock)
        {
            running++;
        }
        try
        {
            workManager.scheduleWork(new Supervisor());
        }
        catch (final ResourceException ex)
        {
            synchronized (lock)
            {
                running--;
            }
            throw ex;
        }
    }

    /**
     * Stops delivery: each session finishes the delivery it is in and acknowledges what it delivered (within a
     * receive timeout), then the connection closes and the endpoints are released.
     */
    void stop()
    {
        synchronized (lock)
        {
            stopped = true;
            lock.notifyAll();
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
        synchronized (lock)
        {
            while (running > 0)
            {
                final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
                if (leftMs <= 0)
                {
                    LOG.warning(() -> "endpoint " + spec + " did not stop within " + STOP_TIMEOUT_MS + " ms; " +
                        running + " deliveries still running");
                    return;
                }
                awaitQuietly(leftMs);
            }
        }
    }

    /**
     * @return how many times the activation has connected (reconnects count).
     */
    int connects()
    {
        synchronized (lock)
        {
            return connects;
        }
    }

    private void onFailure(final Exception ex)
    {
        synchronized (lock)
        {
            if (!stopped && !failed)
            {
                LOG.log(Level.WARNING, "endpoint " + spec + " lost its connection: " + ex.getMessage() +
                    "; reconnecting", ex);
            }
            failed = true;
            lock.notifyAll();
        }
    }

    private boolean isActive()
    {
        synchronized (lock)
        {
            return !stopped && !failed;
        }
    }

    private void workEnded()
    {
        synchronized (lock)
        {
            running--;
            lock.notifyAll();
        }
    }

    private void awaitQuietly(final long ms)
    {
        try
        {
            lock.wait(Math.max(1, ms));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    private MessageConsumer createConsumer(final Session session) throws JMSException
    {
        final String selector = Settings.blank(spec.getMessageSelector()) ? null : spec.getMessageSelector();
        if (!spec.isTopic())
        {
            return session.createConsumer(session.createQueue(spec.getDestination()), selector);
        }
        final Topic topic = session.createTopic(spec.getDestination());
        final String name = spec.getSubscriptionName();
        if (spec.isDurable())
        {
            return spec.getShareSubscriptions() ? session.createSharedDurableConsumer(topic, name, selector) :
                session.createDurableConsumer(topic, name, selector, false);
        }
        return spec.getShareSubscriptions() ? session.createSharedConsumer(topic, name, selector) :
            session.createConsumer(topic, selector);
    }

    /**
     * Connects, runs the deliveries until the connection fails or the endpoint stops, and connects again.
     */
    private final class Supervisor implements Work
    {
        @Override
        public void run()
        {
            long delayMs = spec.getReconnectInitialDelayMs();
            try
            {
                while (true)
                {
                    synchronized (lock)
                    {
                        if (stopped)
                        {
                            return;
                        }
                        failed = false;
                    }
                    final List<Delivery> deliveries = new ArrayList<>();
                    if (connectAndDeliver(deliveries))
                    {
                        delayMs = spec.getReconnectInitialDelayMs();
                        awaitFailureOrStop();
                    }
                    tearDown(deliveries);
                    synchronized (lock)
                    {
                        if (!stopped)
                        {
                            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
                            long leftMs = delayMs;
                            while (!stopped && leftMs > 0)
                            {
                                awaitQuietly(leftMs);
                                leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
                            }
                        }
                    }
                    delayMs = Math.min(delayMs * 2, spec.getReconnectMaxDelayMs());
                }
            }
            finally
            {
                workEnded();
            }
        }

        private boolean connectAndDeliver(final List<Delivery> deliveries)
        {
            Connection created = null;
            try
            {
                created = transacted ? settings.createXAConnection() : settings.createConnection();
                if (!Settings.blank(spec.getClientId()))
                {
                    created.setClientID(spec.getClientId());
                }
                created.setExceptionListener(AeolusActivation.this::onFailure);
                synchronized (lock)
                {
                    connection = created;
                    if (stopped)
                    {
                        return false;
                    }
                }
                for (int i = 0; i < spec.effectiveSessions(); i++)
                {
                    final Session session;
                    final XAResource resource;
                    if (transacted)
                    {
                        final XASession xaSession = ((XAConnection)created).createXASession();
                        session = xaSession;
                        resource = xaSession.getXAResource();
                    }
                    else
                    {
                        session = created.createSession(true, Session.SESSION_TRANSACTED);
                        resource = null;
                    }
                    final MessageConsumer consumer = createConsumer(session);
                    final MessageEndpoint endpoint = endpointFactory.createEndpoint(resource, STOP_TIMEOUT_MS);
                    deliveries.add(new Delivery(session, consumer, endpoint));
                }
                created.start();
                synchronized (lock)
                {
                    connects++;
                    running += deliveries.size();
                }
                for (final Delivery delivery : deliveries)
                {
                    delivery.scheduled = true;
                    schedule(delivery);
                }
                LOG.info(() -> "endpoint " + spec + " consuming from " + settings.url() + " with " +
                    deliveries.size() + (transacted ? " XA" : " transacted") + " sessions");
                return true;
            }
            catch (final JMSException | ResourceException | RuntimeException ex)
            {
                onFailure(ex);
                return false;
            }
        }

        private void awaitFailureOrStop()
        {
            synchronized (lock)
            {
                while (!stopped && !failed)
                {
                    awaitQuietly(RECEIVE_TIMEOUT_MS * 10);
                }
            }
        }

        private void tearDown(final List<Delivery> deliveries)
        {
            final Connection current;
            final boolean broken;
            synchronized (lock)
            {
                current = connection;
                connection = null;
                broken = failed;
            }
            if (broken)
            {
                // Nothing more to acknowledge on a failed connection: closing it ends the receives at once.
                AeolusResourceAdapter.closeQuietly(current);
            }
            for (final Delivery delivery : deliveries)
            {
                delivery.awaitEnd();
            }
            AeolusResourceAdapter.closeQuietly(current);
            for (final Delivery delivery : deliveries)
            {
                delivery.endpoint.release();
            }
        }

        @Override
        public void release()
        {
            synchronized (lock)
            {
                stopped = true;
                lock.notifyAll();
            }
        }
    }

    private void schedule(final Delivery delivery)
    {
        try
        {
            workManager.scheduleWork(delivery);
        }
        catch (final ResourceException ex)
        {
            delivery.ended();
            onFailure(ex);
        }
    }

    /**
     * One session's deliveries: receives and hands each message to the endpoint, up to {@code maxMessages}, then
     * schedules itself again so the container's thread goes back to its pool.
     */
    private final class Delivery implements Work
    {
        private final Session session;
        private final MessageConsumer consumer;
        private final MessageEndpoint endpoint;
        private boolean scheduled;
        private boolean done;

        Delivery(final Session session, final MessageConsumer consumer, final MessageEndpoint endpoint)
        {
            this.session = session;
            this.consumer = consumer;
            this.endpoint = endpoint;
        }

        @Override
        public void run()
        {
            int delivered = 0;
            boolean pendingAck = false;
            try
            {
                while (isActive() && delivered < spec.getMaxMessages())
                {
                    final Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                    if (null == message)
                    {
                        if (pendingAck)
                        {
                            session.commit();
                            pendingAck = false;
                        }
                        continue;
                    }
                    delivered++;
                    pendingAck = transacted ? deliverInTransaction(message) : deliverLocally(message);
                }
                if (pendingAck)
                {
                    session.commit();
                }
            }
            catch (final JMSException | ResourceException | RuntimeException ex)
            {
                if (isActive())
                {
                    onFailure(ex);
                }
            }
            if (isActive())
            {
                schedule(this);
            }
            else
            {
                ended();
            }
        }

        private boolean deliverInTransaction(final Message message) throws ResourceException
        {
            try
            {
                endpoint.beforeDelivery(ON_MESSAGE);
            }
            catch (final NoSuchMethodException ex)
            {
                throw new ResourceException("the endpoint has no onMessage(Message)", ex);
            }
            try
            {
                ((MessageListener)endpoint).onMessage(message);
            }
            catch (final RuntimeException ex)
            {
                LOG.log(Level.FINE, "the endpoint threw; its transaction rolls back and the message comes again", ex);
            }
            finally
            {
                afterDelivery();
            }
            return false;
        }

        /**
         * The container completes the transaction here, and some (Payara) throw the bean's exception again after
         * rolling back: the delivery is over either way, and the session goes on with the next message. A failed
         * connection is reported by its exception listener.
         */
        private void afterDelivery()
        {
            try
            {
                endpoint.afterDelivery();
            }
            catch (final ResourceException ex)
            {
                LOG.log(Level.WARNING, "endpoint " + spec + ": the container could not complete a delivery's " +
                    "transaction: " + ex.getMessage(), ex);
            }
            catch (final RuntimeException ex)
            {
                LOG.log(Level.FINE, "the container rolled a delivery back", ex);
            }
        }

        private boolean deliverLocally(final Message message) throws JMSException
        {
            try
            {
                ((MessageListener)endpoint).onMessage(message);
            }
            catch (final RuntimeException ex)
            {
                LOG.log(Level.FINE, "the endpoint threw; the message comes again", ex);
                session.rollback();
                return false;
            }
            if (spec.isDupsOk())
            {
                return true;
            }
            session.commit();
            return false;
        }

        void ended()
        {
            synchronized (lock)
            {
                done = true;
                lock.notifyAll();
            }
            workEnded();
        }

        void awaitEnd()
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_TIMEOUT_MS);
            synchronized (lock)
            {
                while (scheduled && !done && deadlineNs - System.nanoTime() > 0)
                {
                    awaitQuietly(TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
                }
            }
        }

        @Override
        public void release()
        {
            // The loop ends by itself within a receive timeout once the endpoint stops or the connection fails.
        }
    }
}
