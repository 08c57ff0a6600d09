package io.aeolus.broker.destination;

/**
 * A message's place in one queue or subscription: its delivery count and, while delivered and not acknowledged,
 * the consumer holding it. A topic message shared by several subscriptions has one entry in each.
 * Owned by the conductor thread.
 */
public final class QueueEntry
{
    final BrokerMessage message;
    final long sequence;
    int deliveryCount;
    Consumer consumer;
    long deliveryId;

    QueueEntry(final BrokerMessage message, final long sequence)
    {
        this.message = message;
        this.sequence = sequence;
    }

    /**
     * @return the message.
     */
    public BrokerMessage message()
    {
        return message;
    }

    /**
     * @return the order of arrival within its queue.
     */
    public long sequence()
    {
        return sequence;
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
}
