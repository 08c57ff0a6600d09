package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.List;

/**
 * A topic: every subscription gets its own entry for each message published (the message itself is shared).
 * Owned by the conductor thread.
 */
public final class Topic
{
    private final String name;
    private final DestinationType type;
    private DestinationPolicy policy;
    private final ArrayList<MessageQueue> subscriptions = new ArrayList<>();
    private long publishedCount;

    /**
     * @param name   the topic's name.
     * @param type   {@link DestinationType#TOPIC} or {@link DestinationType#TEMPORARY_TOPIC}.
     * @param policy the topic's settings, which its subscriptions follow.
     */
    public Topic(final String name, final DestinationType type, final DestinationPolicy policy)
    {
        this.name = name;
        this.type = type;
        this.policy = policy;
    }

    /**
     * @return the topic's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return its type.
     */
    public DestinationType type()
    {
        return type;
    }

    /**
     * @return its settings.
     */
    public DestinationPolicy policy()
    {
        return policy;
    }

    /**
     * Changes the settings in force, for the topic and every subscription it has.
     *
     * @param policy the new settings.
     */
    public void policy(final DestinationPolicy policy)
    {
        this.policy = policy;
        for (final MessageQueue subscription : subscriptions)
        {
            subscription.policy(policy);
        }
    }

    /**
     * @return its subscriptions, durable or not, in the order they were made.
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
     * Puts a topic's retention tap first among its subscriptions, so that a message is retained before it is handed
     * to any subscription.
     *
     * @param tap the tap ({@link MessageQueue#isRetentionTap()}).
     */
    public void addRetentionTap(final MessageQueue tap)
    {
        subscriptions.add(0, tap);
    }

    /**
     * @return its subscriptions as users see them: without the retention tap.
     */
    public int subscriptionCount()
    {
        final int size = subscriptions.size();
        return size > 0 && subscriptions.get(0).isRetentionTap() ? size - 1 : size;
    }

    /**
     * @param subscription a subscription that ended.
     */
    public void removeSubscription(final MessageQueue subscription)
    {
        subscriptions.remove(subscription);
    }

    /**
     * Counts a message published; the caller adds it to every subscription that admits it.
     */
    public void onPublished()
    {
        publishedCount++;
    }

    /**
     * @return true if a subscription holds as many bytes as the memory limit allows, or more: the slowest
     * subscriber sets the pace of the topic's producers.
     */
    public boolean isOverMemoryLimit()
    {
        for (int i = 0, size = subscriptions.size(); i < size; i++)
        {
            if (subscriptions.get(i).isOverMemoryLimit())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * For an engine snapshot's restore: sets the count of messages published.
     */
    void restorePublishedCount(final long count)
    {
        publishedCount = count;
    }
}
