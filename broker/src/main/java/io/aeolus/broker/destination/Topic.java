package io.aeolus.broker.destination;

import java.util.ArrayList;
import java.util.List;

/**
 * A topic: every subscription gets its own copy of each message published (the message itself is shared).
 * Owned by the conductor thread.
 */
public final class Topic
{
    private final String name;
    private final ArrayList<MessageQueue> subscriptions = new ArrayList<>();
    private long publishedCount;

    /**
     * @param name the topic's name.
     */
    public Topic(final String name)
    {
        this.name = name;
    }

    /**
     * @return the topic's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return its subscriptions, durable or not.
     */
    public List<MessageQueue> subscriptions()
    {
        return subscriptions;
    }

    /**
     * @return messages published to it.
     */
    public long publishedCount()
    {
        return publishedCount;
    }

    /**
     * @param subscription a new subscription.
     */
    public void addSubscription(final MessageQueue subscription)
    {
        subscriptions.add(subscription);
    }

    /**
     * @param subscription a subscription that ended.
     */
    public void removeSubscription(final MessageQueue subscription)
    {
        subscriptions.remove(subscription);
    }

    /**
     * Gives a message to every subscription.
     *
     * @param message the message.
     * @param nowMs   the conductor's epoch time.
     * @param limit   most deliveries per subscription in this call.
     * @return deliveries made.
     */
    public int publish(final BrokerMessage message, final long nowMs, final int limit)
    {
        publishedCount++;
        int delivered = 0;
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            final MessageQueue subscription = subscriptions.get(i);
            if (!subscription.admits(message))
            {
                continue;
            }
            subscription.enqueue(message);
            delivered += subscription.dispatch(nowMs, limit);
        }
        return delivered;
    }
}
