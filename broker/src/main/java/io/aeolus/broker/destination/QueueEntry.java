package io.aeolus.broker.destination;

/**
 * A message's place in one queue or subscription: its delivery count and, while delivered and not acknowledged,
 * the consumer holding it. A topic message shared by several subscriptions has one entry in each.
 * <p>
 * An entry is in at most one place at a time: one of its queue's available lists, its queue's scheduled list
 * (delivery delay, redelivery delay), or a consumer's in-flight deliveries. The links for the queue's lists live in
 * the entry itself, so moving it allocates nothing. Owned by the conductor thread.
 */
public final class QueueEntry
{
    /** Timer id of an entry that waits for no timer. */
    public static final long NO_TIMER = -1;

    final BrokerMessage message;
    final MessageQueue queue;
    final long sequence;
    final long enqueuedMs;
    int deliveryCount;
    Consumer consumer;
    long deliveryId;
    long timerId = NO_TIMER;
    QueueEntry previous;
    QueueEntry next;
    EntryList list;

    QueueEntry(final BrokerMessage message, final MessageQueue queue, final long sequence, final long enqueuedMs)
    {
        this.message = message;
        this.queue = queue;
        this.sequence = sequence;
        this.enqueuedMs = enqueuedMs;
    }

    /**
     * @return true while the entry waits in its queue (available or scheduled): not delivered, not removed.
     */
    public boolean isWaiting()
    {
        return null != list;
    }

    /**
     * @return the message.
     */
    public BrokerMessage message()
    {
        return message;
    }

    /**
     * @return the queue or subscription the entry belongs to.
     */
    public MessageQueue queue()
    {
        return queue;
    }

    /**
     * @return the order of arrival within its queue.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * @return when it was enqueued here, the engine's time in ms since the epoch; for an entry read back from the
     *         journal, whose enqueue time is not journaled, its message's JMSTimestamp (0 if none).
     */
    public long enqueuedMs()
    {
        return enqueuedMs;
    }

    /**
     * @return how many times it has been delivered (JMSXDeliveryCount of the last delivery).
     */
    public int deliveryCount()
    {
        return deliveryCount;
    }

    /**
     * @return the id of its current delivery, meaningful while held by a consumer.
     */
    public long deliveryId()
    {
        return deliveryId;
    }

    /**
     * @return true while it waits in its queue's scheduled list (delivery or redelivery delay).
     */
    public boolean isScheduled()
    {
        return null != list && list == queue.scheduledList();
    }
}
