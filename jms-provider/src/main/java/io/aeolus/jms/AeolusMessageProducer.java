package io.aeolus.jms;

import io.aeolus.jms.message.AeolusMessage;
import io.aeolus.transport.Response;
import io.aeolus.transport.TransportException;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A message producer. A persistent send outside a transaction returns once the broker has accepted the message;
 * a non-persistent one returns once it is on its way. An asynchronous send's {@link CompletionListener} runs on the
 * session's delivery thread, in the order of the sends.
 * <p>
 * Sends that wait for no answer (non-persistent, transacted) go through a {@link ProducerWindow}: at most about
 * 128 KiB of them are unanswered at once, and a refusal by the broker (a destination over its memory limit) is thrown
 * by a later send of this producer, or, in a transaction, by the commit as a
 * {@link jakarta.jms.TransactionRolledBackException}.
 */
public final class AeolusMessageProducer implements MessageProducer, QueueSender, TopicPublisher
{
    private static final long COMPLETION_WAIT_MS = 60_000;
    private static final long CONFIRM_TIMEOUT_S = 60;

    private final AeolusSession session;
    private final long producerId;
    private final AeolusDestination destination;
    private final ProducerWindow window;
    private final Object completionLock = new Object();
    private volatile boolean closed;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private int pendingCompletions;

    AeolusMessageProducer(final AeolusSession session, final long producerId, final AeolusDestination destination)
    {
        this.session = session;
        this.producerId = producerId;
        this.destination = destination;
        this.window = new ProducerWindow(session.connection().sendTimeoutNs());
    }

    long producerId()
    {
        return producerId;
    }

    /**
     * The session's transaction ended: answers still due for its sends only free room in the window.
     */
    void onTransactionEnded()
    {
        window.onTransactionEnded();
    }

    @Override
    public void setDisableMessageID(final boolean value) throws JMSException
    {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException
    {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(final boolean value) throws JMSException
    {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException
    {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(final int deliveryMode) throws JMSException
    {
        checkOpen();
        this.deliveryMode = checkDeliveryMode(deliveryMode);
    }

    @Override
    public int getDeliveryMode() throws JMSException
    {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(final int defaultPriority) throws JMSException
    {
        checkOpen();
        this.priority = checkPriority(defaultPriority);
    }

    @Override
    public int getPriority() throws JMSException
    {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(final long timeToLive) throws JMSException
    {
        checkOpen();
        this.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException
    {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(final long deliveryDelay) throws JMSException
    {
        checkOpen();
        this.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException
    {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException
    {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException
    {
        checkOpen();
        return destination instanceof Queue ? (Queue)destination : null;
    }

    @Override
    public Topic getTopic() throws JMSException
    {
        checkOpen();
        return destination instanceof Topic ? (Topic)destination : null;
    }

    @Override
    public void close() throws JMSException
    {
        if (closed)
        {
            return;
        }
        if (session.isCompletionThread())
        {
            throw new IllegalStateException("a CompletionListener must not close its own producer (JMS 7.3.8)");
        }
        awaitCompletions();
        closed = true;
        session.removeProducer(this);
        if (!session.isClosed() && !session.connection().isClosed())
        {
            session.connection().proxy().closeProducer(producerId);
        }
    }

    @Override
    public void send(final Message message) throws JMSException
    {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(final Message message, final int deliveryMode, final int priority, final long timeToLive)
        throws JMSException
    {
        checkOpen();
        if (null == destination)
        {
            throw new UnsupportedOperationException("this producer has no destination: use send(destination, ...)");
        }
        doSend(destination, message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(final Destination destination, final Message message) throws JMSException
    {
        send(destination, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(final Destination destination, final Message message, final int deliveryMode,
        final int priority, final long timeToLive) throws JMSException
    {
        checkOpen();
        doSend(anonymousTarget(destination), message, deliveryMode, priority, timeToLive, null);
    }

    @Override
    public void send(final Message message, final CompletionListener completionListener) throws JMSException
    {
        send(message, deliveryMode, priority, timeToLive, completionListener);
    }

    @Override
    public void send(final Message message, final int deliveryMode, final int priority, final long timeToLive,
        final CompletionListener completionListener) throws JMSException
    {
        checkOpen();
        if (null == destination)
        {
            throw new UnsupportedOperationException("this producer has no destination: use send(destination, ...)");
        }
        doSend(destination, message, deliveryMode, priority, timeToLive, checkListener(completionListener));
    }

    @Override
    public void send(final Destination destination, final Message message, final CompletionListener listener)
        throws JMSException
    {
        send(destination, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(final Destination destination, final Message message, final int deliveryMode,
        final int priority, final long timeToLive, final CompletionListener completionListener) throws JMSException
    {
        checkOpen();
        doSend(anonymousTarget(destination), message, deliveryMode, priority, timeToLive,
            checkListener(completionListener));
    }

    @Override
    public void publish(final Message message) throws JMSException
    {
        send(message);
    }

    @Override
    public void publish(final Message message, final int deliveryMode, final int priority, final long timeToLive)
        throws JMSException
    {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(final Topic topic, final Message message) throws JMSException
    {
        send(topic, message);
    }

    @Override
    public void publish(final Topic topic, final Message message, final int deliveryMode, final int priority,
        final long timeToLive) throws JMSException
    {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(final Queue queue, final Message message) throws JMSException
    {
        send((Destination)queue, message);
    }

    @Override
    public void send(final Queue queue, final Message message, final int deliveryMode, final int priority,
        final long timeToLive) throws JMSException
    {
        send((Destination)queue, message, deliveryMode, priority, timeToLive);
    }

    void awaitCompletions()
    {
        if (session.isCompletionThread())
        {
            return;
        }
        final long deadlineMs = System.currentTimeMillis() + COMPLETION_WAIT_MS;
        synchronized (completionLock)
        {
            while (pendingCompletions > 0 && System.currentTimeMillis() < deadlineMs)
            {
                try
                {
                    completionLock.wait(100);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private AeolusDestination anonymousTarget(final Destination target) throws JMSException
    {
        if (null != destination)
        {
            throw new UnsupportedOperationException(
                "this producer was created for " + destination + ": use send(message)");
        }
        if (null == target)
        {
            throw new InvalidDestinationException("destination must not be null");
        }
        return AeolusDestination.toAeolus(target);
    }

    private static CompletionListener checkListener(final CompletionListener listener)
    {
        if (null == listener)
        {
            throw new IllegalArgumentException("completion listener must not be null");
        }
        return listener;
    }

    private void doSend(final AeolusDestination target, final Message message, final int mode, final int priority,
        final long timeToLive, final CompletionListener completionListener) throws JMSException
    {
        if (null == message)
        {
            throw new MessageFormatException("message must not be null");
        }
        checkDeliveryMode(mode);
        checkPriority(priority);
        // Broker flow control: wait while a destination this producer sends to is over its memory limit.
        session.connection().awaitProducerCredit(producerId);
        final long nowMs = System.currentTimeMillis();
        message.setJMSDestination(target);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(priority);
        message.setJMSExpiration(timeToLive > 0 ? nowMs + timeToLive : 0);
        message.setJMSTimestamp(disableTimestamp ? 0 : nowMs);
        if (disableMessageId)
        {
            message.setJMSMessageID(null);
        }
        else if (message instanceof AeolusMessage)
        {
            session.connection().assignNextMessageId((AeolusMessage)message);
        }
        else
        {
            message.setJMSMessageID(session.connection().nextMessageId());
        }
        message.setJMSDeliveryTime(nowMs + Math.max(0, deliveryDelay));
        final AeolusMessage outgoing = message instanceof AeolusMessage ?
            (AeolusMessage)message : AeolusMessage.copyOf(message);
        outgoing.producerConnectionId(session.connection().connectionId());

        final boolean transacted = session.sessionMode() == Session.SESSION_TRANSACTED;
        final boolean confirm = null != completionListener || (mode == DeliveryMode.PERSISTENT && !transacted);
        // Sends without an answer of their own go through the window: a refusal of one reaches a send call.
        window.awaitRoom();
        final CompletableFuture<Response> confirmation = session.connection().proxy().send(
            session.sessionId(), producerId, outgoing, confirm, confirm ? null : window);
        if (null != completionListener)
        {
            onCompletion(confirmation, message, completionListener);
        }
        else if (null != confirmation)
        {
            await(confirmation);
        }
    }

    private void onCompletion(final CompletableFuture<Response> confirmation, final Message message,
        final CompletionListener listener)
    {
        synchronized (completionLock)
        {
            pendingCompletions++;
        }
        confirmation.whenComplete((response, failure) -> session.scheduleCompletion(() ->
        {
            try
            {
                if (null == failure)
                {
                    listener.onCompletion(message);
                }
                else
                {
                    listener.onException(message, AeolusExceptions.jms("send failed", unwrap(failure)));
                }
            }
            finally
            {
                synchronized (completionLock)
                {
                    pendingCompletions--;
                    completionLock.notifyAll();
                }
            }
        }));
    }

    private void await(final CompletableFuture<Response> confirmation) throws JMSException
    {
        try
        {
            confirmation.get(CONFIRM_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw AeolusExceptions.jms("send failed", unwrap(ex.getCause()));
        }
        catch (final TimeoutException ex)
        {
            throw AeolusExceptions.jms("the broker did not confirm the send in time", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw AeolusExceptions.jms("interrupted while waiting for the broker to confirm the send", ex);
        }
    }

    private static Throwable unwrap(final Throwable failure)
    {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && null != cause.getCause())
        {
            cause = cause.getCause();
        }
        if (cause instanceof TransportException)
        {
            return AeolusExceptions.toJms((TransportException)cause);
        }
        return cause;
    }

    private static int checkDeliveryMode(final int deliveryMode) throws JMSException
    {
        if (deliveryMode != DeliveryMode.PERSISTENT && deliveryMode != DeliveryMode.NON_PERSISTENT)
        {
            throw new JMSException("invalid delivery mode " + deliveryMode + " (expected DeliveryMode.PERSISTENT or " +
                "DeliveryMode.NON_PERSISTENT)");
        }
        return deliveryMode;
    }

    private static int checkPriority(final int priority) throws JMSException
    {
        if (priority < 0 || priority > 9)
        {
            throw new JMSException("invalid priority " + priority + " (expected 0-9)");
        }
        return priority;
    }

    private void checkOpen() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException("producer is closed");
        }
        session.checkOpen();
    }
}
