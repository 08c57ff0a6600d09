package io.aeolus.jms;

import io.aeolus.jms.message.AcknowledgeCallback;
import io.aeolus.jms.message.AeolusMessage;
import io.aeolus.transport.codecs.BooleanType;
import io.aeolus.transport.codecs.DeliverDecoder;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A message consumer. Deliveries from the broker land in its prefetch buffer on the receive thread; the application
 * takes them with {@code receive} or through its {@link MessageListener} on the session's delivery thread. With
 * prefetch 0 each receive pulls exactly one message from the broker. Thread-safe as JMS requires (close from any
 * thread).
 */
public final class AeolusMessageConsumer implements QueueReceiver, TopicSubscriber
{
    /** How long a connection consumer's pull for a first message waits at the broker before it asks again, in ms. */
    static final long LOAD_PULL_MS = 1_000;

    private final AeolusSession session;
    private final long consumerId;
    private final AeolusDestination destination;
    private final ConsumerKind kind;
    private final int prefetch;
    private final ReentrantLock lock = new ReentrantLock();
    /** Set on every delivered message: one object per consumer rather than one per message. */
    private final AcknowledgeCallback acknowledgeCallback;
    private final Condition changed = lock.newCondition();
    private final ReceiveWaiter waiter = new ReceiveWaiter(lock, changed);
    /** Buffered deliveries: each message carries its delivery id, so that buffering one allocates nothing more. */
    private final ArrayDeque<AeolusMessage> buffer = new ArrayDeque<>();
    /** Deliveries added to the buffer so far: a receiving thread spinning outside the lock watches it change. */
    private volatile long bufferedCount;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private volatile String closedByBroker;
    private long lastConsumedDeliveryId;
    private long lastAckedDeliveryId;
    private int unacknowledged;
    /** AUTO_ACKNOWLEDGE: messages receive returned whose acknowledgement is deferred, and the last of them. */
    private int autoAckPending;
    private long autoAckPendingDeliveryId;
    private int consumedSinceCredit;
    private long discardBelow;
    /** Guarded by the lock: the latest delivery handed to the application (or to its listener). */
    private long lastTakenDeliveryId;
    /** Deliveries in (releasedAfter, releasedBelow) went back to the broker when the connection stopped. */
    private long releasedAfter;
    private long releasedBelow;
    /** Prefetch 0: a pulled delivery went back when the connection stopped, so pull again once it starts. */
    private boolean pullRequired;
    private long pullCorrelationId;
    private boolean pullAnswered = true;
    private boolean browseEnded;
    /** Set for a consumer a connection consumer loads into a server session; it pulls only when told to. */
    private final boolean serverSessionTarget;
    /** The connection consumer that loads this one closed: close this once its session has settled. */
    private volatile boolean retired;
    /** True while {@link #close()} waits for the broker to forget this consumer. */
    private volatile boolean closing;

    AeolusMessageConsumer(final AeolusSession session, final long consumerId, final AeolusDestination destination,
        final ConsumerKind kind, final int prefetch)
    {
        this(session, consumerId, destination, kind, prefetch, false);
    }

    AeolusMessageConsumer(final AeolusSession session, final long consumerId, final AeolusDestination destination,
        final ConsumerKind kind, final int prefetch, final boolean serverSessionTarget)
    {
        this.serverSessionTarget = serverSessionTarget;
        this.session = session;
        this.consumerId = consumerId;
        this.destination = destination;
        this.kind = kind;
        this.prefetch = kind.browser() ? Math.max(1, prefetch) : prefetch;
        this.acknowledgeCallback = session::acknowledge;
    }

    long consumerId()
    {
        return consumerId;
    }

    AeolusDestination destination()
    {
        return destination;
    }

    ConsumerKind kind()
    {
        return kind;
    }

    int prefetch()
    {
        return prefetch;
    }

    boolean isBrowser()
    {
        return kind.browser();
    }

    @Override
    public String getMessageSelector() throws JMSException
    {
        checkOpen();
        return null == kind.selector() || kind.selector().isBlank() ? null : kind.selector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException
    {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(final MessageListener listener) throws JMSException
    {
        checkOpen();
        if (null != listener)
        {
            // Received synchronously before: acknowledged before the listener's messages are.
            flushAutoAcks();
        }
        this.listener = listener;
        if (null != listener)
        {
            if (prefetch == 0)
            {
                requestPull(-1);
            }
            session.scheduleListenerDelivery(this);
        }
    }

    @Override
    public Message receive() throws JMSException
    {
        return receive(0);
    }

    @Override
    public Message receive(final long timeout) throws JMSException
    {
        checkReceive();
        final long timeoutNs = timeout <= 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(timeout);
        return take(timeout <= 0 ? -1 : timeout, timeoutNs);
    }

    @Override
    public Message receiveNoWait() throws JMSException
    {
        checkReceive();
        return take(0, 0);
    }

    @Override
    public void close() throws JMSException
    {
        if (closed)
        {
            return;
        }
        closing = true;
        try
        {
            closeAndTellBroker();
        }
        finally
        {
            closing = false;
        }
    }

    private void closeAndTellBroker() throws JMSException
    {
        closeLocally();
        session.awaitListenerIdleUnlessListener();
        session.removeConsumer(this);
        if (!session.connection().isClosed())
        {
            // DUPS_OK: what was consumed lazily; AUTO: only when a listener closes its own consumer, the message it is
            // handling, which is delivered once onMessage returns (the broker forgets this consumer now).
            final int mode = session.sessionMode();
            if ((mode == jakarta.jms.Session.AUTO_ACKNOWLEDGE || mode == jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE) &&
                unacknowledged > 0)
            {
                session.connection().proxy().acknowledgeOne(
                    session.sessionId(), consumerId, lastConsumedDeliveryId, true);
            }
            session.connection().proxy().closeConsumer(consumerId, lastConsumedDeliveryId);
        }
    }

    @Override
    public Queue getQueue() throws JMSException
    {
        checkOpen();
        if (destination instanceof Queue)
        {
            return (Queue)destination;
        }
        throw new IllegalStateException("consumer is on a topic, not a queue");
    }

    @Override
    public Topic getTopic() throws JMSException
    {
        checkOpen();
        if (destination instanceof Topic)
        {
            return (Topic)destination;
        }
        throw new IllegalStateException("consumer is on a queue, not a topic");
    }

    @Override
    public boolean getNoLocal() throws JMSException
    {
        checkOpen();
        return kind.noLocal();
    }

    void closeLocally()
    {
        lock.lock();
        try
        {
            closed = true;
            buffer.clear();
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        session.connection().unregister(this);
    }

    /**
     * For a session or connection close, after {@link #closeLocally()}: acknowledges what a DUPS_OK session consumed
     * but had not yet acknowledged (a clean close brings no duplicates), and tells the broker which deliveries reached
     * the application, so that deliveries only prefetched come back with their delivery count unchanged. Does not
     * wait for the broker.
     */
    void releaseAtBroker() throws JMSException
    {
        acknowledgeLazily();
        session.connection().proxy().closeConsumerNoWait(consumerId, lastConsumedDeliveryId);
    }

    /**
     * DUPS_OK_ACKNOWLEDGE: acknowledges what was consumed and not yet acknowledged (that mode acknowledges in
     * batches); nothing in other modes. Thread that consumes only.
     */
    void acknowledgeLazily() throws JMSException
    {
        if (session.sessionMode() == jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE && unacknowledged > 0)
        {
            session.connection().proxy().acknowledgeOne(session.sessionId(), consumerId, lastConsumedDeliveryId, true);
            onAcknowledged();
        }
        flushAutoAcks();
    }

    /**
     * AUTO_ACKNOWLEDGE: a message receive returned, whose acknowledgement waits for its batch. Consuming thread.
     *
     * @param deliveryId the delivery.
     * @return how many wait now.
     */
    int deferAutoAck(final long deliveryId)
    {
        autoAckPendingDeliveryId = deliveryId;
        return ++autoAckPending;
    }

    /**
     * AUTO_ACKNOWLEDGE: sends the deferred acknowledgement of what receive returned, if any, as one cumulative
     * acknowledgement (deliveries to one consumer are in order, so it covers exactly them). Consuming thread, or a
     * closing one once the consumer is closed.
     */
    void flushAutoAcks() throws JMSException
    {
        if (autoAckPending > 0)
        {
            final long deliveryId = autoAckPendingDeliveryId;
            final boolean cumulative = autoAckPending > 1;
            autoAckPending = 0;
            session.connection().proxy().acknowledgeOne(session.sessionId(), consumerId, deliveryId, cumulative);
            if (lastConsumedDeliveryId == deliveryId)
            {
                onAcknowledged();
            }
        }
    }

    /**
     * @return deliveries buffered since the consumer was created (for tests: the prefetch has arrived).
     */
    long bufferedCount()
    {
        return bufferedCount;
    }

    /**
     * @return AUTO_ACKNOWLEDGE messages receive returned whose acknowledgement has not been sent (for tests).
     */
    int pendingAutoAcks()
    {
        return autoAckPending;
    }

    void onDeliver(final DeliverDecoder decoder)
    {
        final long deliveryId = decoder.deliveryId();
        final int deliveryCount = decoder.deliveryCount();
        final boolean redelivered = decoder.redelivered() == BooleanType.TRUE;
        final int length = decoder.messageLength();
        final int offset = decoder.limit() + DeliverDecoder.messageHeaderLength();
        final AeolusMessage message;
        try
        {
            message = session.connection().sharedFrames().decode(decoder.buffer(), offset, length,
                session.connection().options().deserialization());
        }
        catch (final JMSException ex)
        {
            return;
        }
        decoder.skipMessage();
        message.markReceived(deliveryId, deliveryCount, redelivered);
        message.setAcknowledgeCallback(acknowledgeCallback);
        boolean buffered = false;
        lock.lock();
        try
        {
            if (closed || deliveryId < discardBelow || (deliveryId > releasedAfter && deliveryId < releasedBelow))
            {
                return;
            }
            buffer.addLast(message);
            bufferedCount++;
            pullAnswered = true;
            buffered = true;
        }
        finally
        {
            if (buffered)
            {
                waiter.signalAllAndUnlock();
            }
            else
            {
                lock.unlock();
            }
        }
        if (null != listener && session.connection().isStarted())
        {
            session.scheduleListenerDelivery(this);
        }
    }

    void onNoMessage(final long correlationId)
    {
        lock.lock();
        try
        {
            if (kind.browser() && correlationId == 0)
            {
                browseEnded = true;
            }
            else if (correlationId == pullCorrelationId)
            {
                pullAnswered = true;
            }
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    void onClosedByBroker(final String reason)
    {
        closedByBroker = reason;
        closeLocally();
    }

    void onConnectionFailed()
    {
        lock.lock();
        try
        {
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    void onConnectionStarted()
    {
        final boolean repull;
        lock.lock();
        try
        {
            repull = pullRequired && null != listener;
            if (repull)
            {
                pullRequired = false;
            }
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        if (repull)
        {
            requestPullQuietly();
        }
        if (null != listener)
        {
            session.scheduleListenerDelivery(this);
        }
    }

    /**
     * For Connection.stop, once delivery to the application has paused: the latest delivery the application (or
     * its listener) took; the broker takes back the ones after it.
     */
    long lastTakenDeliveryId()
    {
        lock.lock();
        try
        {
            return lastTakenDeliveryId;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The broker took back every delivery after {@code lastTaken} and below {@code floor} (the connection stopped):
     * drops them from the buffer, as they are available to other consumers now, and notes that a pulling consumer
     * must pull again once the connection starts.
     */
    void onReleased(final long lastTaken, final long floor)
    {
        lock.lock();
        try
        {
            releasedAfter = lastTaken;
            releasedBelow = floor;
            boolean removed = false;
            final Iterator<AeolusMessage> it = buffer.iterator();
            while (it.hasNext())
            {
                final long deliveryId = it.next().deliveryId();
                if (deliveryId > lastTaken && deliveryId < floor)
                {
                    it.remove();
                    removed = true;
                }
            }
            if (removed && prefetch == 0)
            {
                pullRequired = true;
            }
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Drops buffered deliveries numbered below the floor: the broker took them back (recover, rollback).
     */
    void discardBelow(final long floor)
    {
        lock.lock();
        try
        {
            discardBelow = Math.max(discardBelow, floor);
            final Iterator<AeolusMessage> it = buffer.iterator();
            while (it.hasNext())
            {
                if (it.next().deliveryId() < floor)
                {
                    it.remove();
                }
            }
            consumedSinceCredit = 0;
            unacknowledged = 0;
            lastAckedDeliveryId = lastConsumedDeliveryId;
        }
        finally
        {
            lock.unlock();
        }
        if (prefetch == 0 && null != listener)
        {
            requestPullQuietly();
        }
        if (null != listener)
        {
            session.scheduleListenerDelivery(this);
        }
    }

    long lastConsumedDeliveryId()
    {
        return lastConsumedDeliveryId;
    }

    int unacknowledgedCount()
    {
        return unacknowledged;
    }

    void onAcknowledged()
    {
        lastAckedDeliveryId = lastConsumedDeliveryId;
        unacknowledged = 0;
    }

    /**
     * Runs the listener on one buffered message. Session delivery thread only.
     *
     * @return true if a message was delivered.
     */
    boolean deliverOneToListener()
    {
        return deliverOneTo(listener);
    }

    /**
     * Runs a listener on one buffered message: the consumer's own, or the session's distinguished listener for
     * {@code Session.run}. Session delivery thread (or the thread running {@code Session.run}) only.
     *
     * @return true if a message was delivered.
     */
    boolean deliverOneTo(final MessageListener current)
    {
        if (null == current || closed)
        {
            return false;
        }
        final AeolusMessage delivery;
        lock.lock();
        try
        {
            delivery = buffer.pollFirst();
            if (null != delivery)
            {
                lastTakenDeliveryId = Math.max(lastTakenDeliveryId, delivery.deliveryId());
            }
        }
        finally
        {
            lock.unlock();
        }
        if (null == delivery)
        {
            return false;
        }
        // Consumed from the moment the listener has it, so that an acknowledge, commit, rollback or recover it calls
        // covers it; an auto-acknowledging session acknowledges it only once the listener has returned.
        markConsumed(delivery.deliveryId());
        try
        {
            if (isExpired(delivery))
            {
                // Expired while it waited in the buffer: the application never sees it; the acknowledgement that
                // covers it removes it from the broker.
                afterConsumed(delivery.deliveryId(), false);
                return true;
            }
            current.onMessage(delivery);
            afterConsumed(delivery.deliveryId(), false);
        }
        catch (final RuntimeException ex)
        {
            onListenerFailure();
        }
        catch (final JMSException ex)
        {
            return false;
        }
        if (prefetch == 0 && !closed && !serverSessionTarget)
        {
            requestPullQuietly();
        }
        return true;
    }

    private void onListenerFailure()
    {
        final int mode = session.sessionMode();
        if (mode == jakarta.jms.Session.AUTO_ACKNOWLEDGE || mode == jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE)
        {
            // JMS 8.7: a listener that throws in an auto-acknowledging session gets the message again.
            try
            {
                session.recoverInternal();
            }
            catch (final JMSException ignore)
            {
                // The connection is failing; its exception listener hears about it.
            }
        }
        else
        {
            // JMS 8.7: in a client-acknowledged or transacted session the listener gets the next message; the failed
            // one stays unacknowledged.
            try
            {
                returnCredit();
            }
            catch (final JMSException ignore)
            {
                // The connection is failing; its exception listener hears about it.
            }
        }
    }

    Message nextBrowsed(final boolean wait) throws JMSException
    {
        lock.lock();
        try
        {
            while (buffer.isEmpty() && !browseEnded && !closed && null == session.connection().failure())
            {
                if (!wait)
                {
                    return null;
                }
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            final AeolusMessage delivery = buffer.pollFirst();
            if (null == delivery)
            {
                throwIfFailed();
                return null;
            }
            consumedSinceCredit++;
            if (consumedSinceCredit >= Math.max(1, prefetch / 2))
            {
                session.connection().proxy().credit(consumerId, consumedSinceCredit);
                consumedSinceCredit = 0;
            }
            return delivery;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw AeolusExceptions.jms("interrupted while browsing", ex);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Starts a browse created deferred: grants the broker the credit the browse walks the queue by.
     */
    void startBrowse() throws JMSException
    {
        session.connection().proxy().credit(consumerId, prefetch);
    }

    boolean hasBrowsed() throws JMSException
    {
        lock.lock();
        try
        {
            return !buffer.isEmpty() || (!browseEnded && !closed);
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * For JMSConsumer.receiveBody: takes the next message as {@link #receive(long)} or {@link #receiveNoWait()} would,
     * but leaves it unconsumed; the caller then calls {@link #consumed(long)} or {@link #putBack(AeolusMessage)}.
     */
    AeolusMessage takeUnconsumed(final long timeout, final boolean noWait) throws JMSException
    {
        checkReceive();
        if (noWait)
        {
            return takeDelivery(0, 0);
        }
        return takeDelivery(timeout <= 0 ? -1 : timeout,
            timeout <= 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(timeout));
    }

    boolean sessionAcknowledgesAutomatically()
    {
        final int mode = session.sessionMode();
        return mode == jakarta.jms.Session.AUTO_ACKNOWLEDGE || mode == jakarta.jms.Session.DUPS_OK_ACKNOWLEDGE;
    }

    /**
     * Puts a delivery from {@link #takeUnconsumed(long, boolean)} back first in the buffer, as if never taken.
     */
    void putBack(final AeolusMessage delivery)
    {
        lock.lock();
        try
        {
            buffer.addFirst(delivery);
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private Message take(final long pullTimeoutMs, final long timeoutNs) throws JMSException
    {
        final AeolusMessage delivery = takeDelivery(pullTimeoutMs, timeoutNs);
        if (null == delivery)
        {
            return null;
        }
        consumed(delivery.deliveryId());
        return delivery;
    }

    /**
     * The next delivery that has not expired. One that expired while it waited in the buffer (the broker checked it
     * when it sent it) is consumed unseen: the acknowledgement that covers it removes it from the broker.
     */
    private AeolusMessage takeDelivery(final long pullTimeoutMs, final long timeoutNs) throws JMSException
    {
        final long deadlineNs = timeoutNs == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNs;
        while (true)
        {
            final AeolusMessage delivery = awaitLocked(pullTimeoutMs, deadlineNs);
            if (null == delivery || !isExpired(delivery))
            {
                return delivery;
            }
            consumed(delivery.deliveryId());
        }
    }

    private static boolean isExpired(final AeolusMessage delivery)
    {
        final long expiration = delivery.getJMSExpiration();
        return 0 != expiration && System.currentTimeMillis() - expiration >= 0;
    }

    private AeolusMessage awaitLocked(final long pullTimeoutMs, final long deadlineNs) throws JMSException
    {
        lock.lock();
        try
        {
            return awaitDelivery(pullTimeoutMs, deadlineNs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
        finally
        {
            lock.unlock();
        }
    }

    private AeolusMessage awaitDelivery(final long pullTimeoutMs, final long deadlineNs)
        throws InterruptedException, JMSException
    {
        final long spinNs = session.connection().options().receiveSpinNs();
        boolean spun = false;
        boolean pulled = false;
        while (true)
        {
            if (closed)
            {
                return null;
            }
            throwIfFailed();
            final boolean started = session.connection().isStarted();
            if (started && !buffer.isEmpty())
            {
                final AeolusMessage delivery = buffer.pollFirst();
                lastTakenDeliveryId = Math.max(lastTakenDeliveryId, delivery.deliveryId());
                return delivery;
            }
            // Nothing to take now: what earlier receives returned is acknowledged before this one waits or gives up,
            // so that a consumer never sits idle on deferred acknowledgements.
            flushAutoAcks();
            if (started && prefetch == 0 && (!pulled || pullRequired))
            {
                requestPull(remainingPullMs(pullTimeoutMs, deadlineNs));
                pulled = true;
                pullRequired = false;
            }
            if (prefetch == 0 && pulled && pullAnswered && !pullRequired && buffer.isEmpty())
            {
                return null;
            }
            final long nowNs = System.nanoTime();
            if (prefetch != 0 || !pulled || pullRequired)
            {
                if (deadlineNs != Long.MAX_VALUE && nowNs - deadlineNs >= 0)
                {
                    return null;
                }
            }
            if (spinNs > 0 && !spun && prefetch != 0 && started)
            {
                spun = true;
                spinForDelivery(Math.min(spinNs, deadlineNs - nowNs));
                continue;
            }
            final long waitNs = deadlineNs == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(100) :
                Math.max(1, Math.min(TimeUnit.MILLISECONDS.toNanos(100), deadlineNs - nowNs));
            waiter.awaitNanos(waitNs);
        }
    }

    /**
     * Waits for the next delivery without parking, for at most spinNs, with the lock released so that the receive
     * thread can buffer it: a parked thread costs a futex wake-up per message, several microseconds on a busy
     * machine. Yields between checks, so that on a machine with few cores the threads the delivery depends on run.
     */
    private void spinForDelivery(final long spinNs)
    {
        final long seen = bufferedCount;
        final long endNs = System.nanoTime() + spinNs;
        lock.unlock();
        try
        {
            while (bufferedCount == seen && !closed && System.nanoTime() - endNs < 0)
            {
                Thread.yield();
            }
        }
        finally
        {
            lock.lock();
        }
    }

    /**
     * A pull's timeout: -1 (until a message arrives) stays; otherwise what is left of the receive's timeout, so that
     * a pull sent again after the connection restarted does not outlast the receive.
     */
    private static long remainingPullMs(final long pullTimeoutMs, final long deadlineNs)
    {
        if (pullTimeoutMs <= 0 || deadlineNs == Long.MAX_VALUE)
        {
            return pullTimeoutMs;
        }
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime()));
    }

    private void requestPull(final long timeoutMs) throws JMSException
    {
        pullAnswered = false;
        pullCorrelationId = session.connection().proxy().pull(consumerId, timeoutMs);
    }

    private void requestPullQuietly()
    {
        try
        {
            lock.lock();
            try
            {
                if (buffer.isEmpty())
                {
                    requestPull(-1);
                }
            }
            finally
            {
                lock.unlock();
            }
        }
        catch (final JMSException ignore)
        {
            // The connection is failing; its exception listener hears about it.
        }
    }

    /**
     * For a connection consumer, on its own thread: pulls messages from the broker into the buffer until it holds
     * {@code maxMessages}, or holds some and the broker has no more at once. Waits while the connection is stopped;
     * a pull for the first message waits {@link #LOAD_PULL_MS} at the broker and is then asked again, so that a
     * cancelled load leaves no pull outstanding for long.
     *
     * @param maxMessages the most the buffer is to hold.
     * @param cancelled   checked at least every 100 ms; true ends the load.
     * @return how many messages the buffer holds when the load ends; 0 once the consumer is closed.
     * @throws JMSException if the connection failed.
     */
    int load(final int maxMessages, final BooleanSupplier cancelled) throws JMSException
    {
        lock.lock();
        try
        {
            int sizeAtPull = -1;
            while (!closed && !cancelled.getAsBoolean())
            {
                throwIfFailed();
                final int size = buffer.size();
                if (size >= maxMessages || (pullAnswered && size > 0 && size == sizeAtPull))
                {
                    return size;
                }
                if (pullAnswered && session.connection().isStarted())
                {
                    sizeAtPull = size;
                    requestPull(size == 0 ? LOAD_PULL_MS : 0);
                    continue;
                }
                changed.await(100, TimeUnit.MILLISECONDS);
            }
            return closed ? 0 : buffer.size();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return closed ? 0 : buffer.size();
        }
        finally
        {
            lock.unlock();
        }
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * @return true once closed and, when {@link #close()} closed it, once the broker has forgotten it: a consumer of
     *         the same unshared durable subscription made after this is not refused as a second active one.
     */
    boolean isReleased()
    {
        return closed && !closing;
    }

    /**
     * @return true while the buffer holds deliveries not yet handed to the application. Any thread.
     */
    boolean hasBuffered()
    {
        lock.lock();
        try
        {
            return !buffer.isEmpty();
        }
        finally
        {
            lock.unlock();
        }
    }

    boolean isServerSessionTarget()
    {
        return serverSessionTarget;
    }

    /**
     * The connection consumer that loads this one closed: its session closes it once nothing it consumed is left
     * unacknowledged (see {@link AeolusSession#closeRetiredConsumers()}).
     */
    void retire()
    {
        retired = true;
    }

    boolean isRetired()
    {
        return retired;
    }

    void consumed(final long deliveryId) throws JMSException
    {
        markConsumed(deliveryId);
        afterConsumed(deliveryId, true);
    }

    private void markConsumed(final long deliveryId)
    {
        lastConsumedDeliveryId = deliveryId;
        unacknowledged++;
    }

    private void afterConsumed(final long deliveryId, final boolean batchable) throws JMSException
    {
        returnCredit();
        session.onConsumed(this, deliveryId, batchable);
    }

    private void returnCredit() throws JMSException
    {
        if (prefetch > 0)
        {
            consumedSinceCredit++;
            if (consumedSinceCredit >= Math.max(1, prefetch / 2))
            {
                final int credit = consumedSinceCredit;
                consumedSinceCredit = 0;
                session.connection().proxy().credit(consumerId, credit);
            }
        }
    }

    private void checkReceive() throws JMSException
    {
        checkOpen();
        if (null != listener)
        {
            throw new IllegalStateException("cannot receive synchronously while a MessageListener is set");
        }
    }

    private void throwIfFailed() throws JMSException
    {
        final JMSException failure = session.connection().failure();
        if (null != failure)
        {
            throw AeolusExceptions.jms("connection failed: " + failure.getMessage(), failure);
        }
    }

    void checkOpen() throws JMSException
    {
        if (closed)
        {
            throw new IllegalStateException(null == closedByBroker ?
                "consumer is closed" : "consumer closed by the broker: " + closedByBroker);
        }
        session.checkOpen();
    }
}
