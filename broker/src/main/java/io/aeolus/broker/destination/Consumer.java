package io.aeolus.broker.destination;

import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A consumer attached to one queue or subscription: its credit (prefetch), its selector and the deliveries it
 * holds unacknowledged, in delivery order. Owned by the conductor thread.
 */
public final class Consumer
{
    private final long consumerId;
    private final long sessionId;
    private final long connectionId;
    private final DeliverySink sink;
    private final Selector selector;
    private final int prefetch;
    private final boolean noLocal;
    private final boolean browser;
    private final ArrayDeque<QueueEntry> inFlight = new ArrayDeque<>();
    private final ArrayList<QueueEntry> acked = new ArrayList<>();
    private MessageQueue queue;
    private int credit;
    private long pullCorrelationId;
    private long pullDeadlineMs;
    private boolean pullPending;
    private boolean stopped;
    private long browsePosition = -1;
    private long deliveredCount;
    private long acknowledgedCount;

    /**
     * @param consumerId   the client's id for it.
     * @param sessionId    the client's session it belongs to.
     * @param connectionId the connection it belongs to.
     * @param sink         where its deliveries go.
     * @param selector     its selector, {@link Selector#MATCH_ALL} for none.
     * @param prefetch     how many messages it may hold undelivered to the application; 0 for pull.
     * @param noLocal      true to skip messages its own connection published.
     * @param browser      true for a queue browser: sees messages without taking them.
     */
    public Consumer(
        final long consumerId,
        final long sessionId,
        final long connectionId,
        final DeliverySink sink,
        final Selector selector,
        final int prefetch,
        final boolean noLocal,
        final boolean browser)
    {
        this.consumerId = consumerId;
        this.sessionId = sessionId;
        this.connectionId = connectionId;
        this.sink = sink;
        this.selector = selector;
        this.prefetch = prefetch;
        this.noLocal = noLocal;
        this.browser = browser;
        this.credit = prefetch;
    }

    /**
     * @return who this consumer is, for people: see {@link DeliverySink#description()}.
     */
    public String description()
    {
        return sink.description();
    }

    /**
     * @return the client's id for the consumer.
     */
    public long consumerId()
    {
        return consumerId;
    }

    /**
     * @return the client's session id.
     */
    public long sessionId()
    {
        return sessionId;
    }

    /**
     * @return the owning connection's id.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @return the queue or subscription it consumes from.
     */
    public MessageQueue queue()
    {
        return queue;
    }

    /**
     * @return true for a queue browser.
     */
    public boolean isBrowser()
    {
        return browser;
    }

    /**
     * @return the configured prefetch; 0 means pull.
     */
    public int prefetch()
    {
        return prefetch;
    }

    /**
     * @return its selector, {@link Selector#MATCH_ALL} for none (a topic subscriber's selector is its
     * subscription's).
     */
    public Selector selector()
    {
        return selector;
    }

    /**
     * @return messages delivered to it so far (browsed, for a browser).
     */
    public long deliveredCount()
    {
        return deliveredCount;
    }

    /**
     * @return its deliveries acknowledged so far.
     */
    public long acknowledgedCount()
    {
        return acknowledgedCount;
    }

    /**
     * @return messages it may still be sent.
     */
    public int credit()
    {
        return credit;
    }

    /**
     * @return deliveries it holds unacknowledged.
     */
    public int inFlightCount()
    {
        return inFlight.size();
    }

    /**
     * Adds credit as the application consumes.
     *
     * @param amount messages.
     */
    public void addCredit(final int amount)
    {
        credit = (int)Math.min(Integer.MAX_VALUE, (long)credit + Math.max(0, amount));
    }

    /**
     * Restores credit to the prefetch after the client discarded its buffer (recover, rollback). A browser's credit
     * is its own: a recover of its session takes nothing from it.
     */
    public void resetCredit()
    {
        if (!browser)
        {
            credit = prefetch;
        }
    }

    /**
     * A pull request for one message (prefetch 0).
     *
     * @param correlationId the pull's correlation id.
     * @param deadlineMs    when to answer NoMessage, or Long.MAX_VALUE to wait indefinitely.
     */
    public void pull(final long correlationId, final long deadlineMs)
    {
        pullPending = true;
        pullCorrelationId = correlationId;
        pullDeadlineMs = deadlineMs;
        credit = 1;
    }

    /**
     * Answers an expired pull with NoMessage.
     *
     * @param nowMs the engine's time, ms since the epoch.
     * @return 1 if it answered.
     */
    public int onTimer(final long nowMs)
    {
        if (pullPending && pullDeadlineMs != Long.MAX_VALUE && nowMs - pullDeadlineMs >= 0)
        {
            pullPending = false;
            credit = 0;
            sink.noMessage(this, pullCorrelationId);
            return 1;
        }
        return 0;
    }

    boolean canTake()
    {
        // JMS 6.1.5: a stopped connection's consumers get nothing; browsing is not delivery and goes on.
        return credit > 0 && (browser || !stopped) && sink.isWritable();
    }

    /**
     * Stops or restarts delivery to this consumer, as its connection is stopped or started; credit and a pending pull
     * are kept for the restart.
     *
     * @param stopped true while the consumer's connection is stopped.
     */
    public void stopped(final boolean stopped)
    {
        this.stopped = stopped;
    }

    /**
     * @return true while the consumer's connection is stopped.
     */
    public boolean isStopped()
    {
        return stopped;
    }

    boolean accepts(final QueueEntry entry, final SelectorSource source)
    {
        if (noLocal && entry.message.producerConnectionId() == connectionId)
        {
            return false;
        }
        return selector == Selector.MATCH_ALL || selector.matches(source);
    }

    boolean acceptsWithoutSelector(final QueueEntry entry)
    {
        return !(noLocal && entry.message.producerConnectionId() == connectionId);
    }

    boolean hasSelector()
    {
        return selector != Selector.MATCH_ALL;
    }

    void attach(final MessageQueue queue)
    {
        this.queue = queue;
    }

    void deliver(final QueueEntry entry)
    {
        credit--;
        deliveredCount++;
        entry.deliveryCount++;
        entry.consumer = this;
        if (!browser)
        {
            inFlight.addLast(entry);
        }
        entry.deliveryId = sink.deliver(this, entry);
        if (pullPending)
        {
            pullPending = false;
        }
    }

    long browsePosition()
    {
        return browsePosition;
    }

    void browsePosition(final long position)
    {
        browsePosition = position;
    }

    void browseEnd()
    {
        sink.noMessage(this, 0);
    }

    /**
     * Removes acknowledged deliveries.
     *
     * @param deliveryId the delivery acknowledged.
     * @param cumulative true to take every delivery up to and including it.
     * @return the entries acknowledged, in delivery order; the list is the consumer's own, valid until its next
     *         acknowledgement (an acknowledgement allocates nothing).
     */
    public List<QueueEntry> acknowledge(final long deliveryId, final boolean cumulative)
    {
        acked.clear();
        // Deliveries are acknowledged in order as a rule: the oldest comes off the head without an iterator.
        while (!inFlight.isEmpty() && inFlight.peekFirst().deliveryId <= deliveryId &&
            (cumulative || inFlight.peekFirst().deliveryId == deliveryId))
        {
            final QueueEntry entry = inFlight.pollFirst();
            entry.consumer = null;
            acked.add(entry);
        }
        if (!acked.isEmpty() && (!cumulative || inFlight.isEmpty() || inFlight.peekFirst().deliveryId > deliveryId))
        {
            acknowledgedCount += acked.size();
            return acked;
        }
        final Iterator<QueueEntry> it = inFlight.iterator();
        while (it.hasNext())
        {
            final QueueEntry entry = it.next();
            if (entry.deliveryId == deliveryId || (cumulative && entry.deliveryId < deliveryId))
            {
                it.remove();
                entry.consumer = null;
                acked.add(entry);
            }
            else if (entry.deliveryId > deliveryId)
            {
                break;
            }
        }
        acknowledgedCount += acked.size();
        return acked;
    }

    /**
     * Takes back the deliveries that never reached the application (its connection stopped), with their delivery
     * count restored; those it consumed stay in flight until acknowledged or recovered.
     *
     * @param lastConsumedDeliveryId the last delivery the application consumed.
     * @return the entries taken back, latest first.
     */
    List<QueueEntry> takeBackUnconsumed(final long lastConsumedDeliveryId)
    {
        final List<QueueEntry> taken = new ArrayList<>();
        // In-flight deliveries are in delivery order, so those that never reached the application are the tail.
        while (!inFlight.isEmpty() && inFlight.peekLast().deliveryId > lastConsumedDeliveryId)
        {
            final QueueEntry entry = inFlight.pollLast();
            entry.consumer = null;
            entry.deliveryCount--;
            taken.add(entry);
        }
        if (prefetch > 0)
        {
            // The client returns credit only for what it consumed: what comes back here is credit again.
            addCredit(taken.size());
        }
        return taken;
    }

    /**
     * Takes back every unacknowledged delivery (recover, rollback, close).
     *
     * @param lastConsumedDeliveryId deliveries up to this one reached the application and count as delivered;
     *                               later ones never did, so their delivery count is restored.
     * @return the entries taken back, in delivery order.
     */
    public List<QueueEntry> takeBackUnacknowledged(final long lastConsumedDeliveryId)
    {
        final List<QueueEntry> taken = new ArrayList<>(inFlight.size());
        for (final QueueEntry entry : inFlight)
        {
            entry.consumer = null;
            if (entry.deliveryId > lastConsumedDeliveryId)
            {
                entry.deliveryCount--;
            }
            taken.add(entry);
        }
        inFlight.clear();
        return taken;
    }

    /**
     * For an engine snapshot: the scalar state, in the order {@link #restoreState(long[])} takes it. Allocates.
     */
    long[] snapshotState()
    {
        return new long[]{ noLocal ? 1 : 0, credit, pullCorrelationId, pullDeadlineMs, pullPending ? 1 : 0,
            stopped ? 1 : 0, browsePosition, deliveredCount, acknowledgedCount };
    }

    /**
     * Restores what {@link #snapshotState()} gave (its first value, noLocal, is the constructor's).
     */
    void restoreState(final long[] state)
    {
        credit = (int)state[1];
        pullCorrelationId = state[2];
        pullDeadlineMs = state[3];
        pullPending = state[4] != 0;
        stopped = state[5] != 0;
        browsePosition = state[6];
        deliveredCount = state[7];
        acknowledgedCount = state[8];
    }

    ArrayDeque<QueueEntry> inFlightEntries()
    {
        return inFlight;
    }
}
