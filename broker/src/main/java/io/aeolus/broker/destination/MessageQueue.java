package io.aeolus.broker.destination;

import io.aeolus.broker.selector.Selector;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered store of messages with competing consumers: a queue, or one subscription of a topic.
 * <p>
 * Available messages wait in one FIFO per priority (9 first). Dispatch gives each message to the next consumer,
 * round-robin, that has credit and whose selector accepts it; a message no consumer accepts stays for later ones.
 * Messages taken back from consumers (close, recover, rollback) return to their original place in order.
 * Owned by the conductor thread.
 */
public final class MessageQueue
{
    private static final int PRIORITIES = 10;

    private final String name;
    private final String topicName;
    @SuppressWarnings({"unchecked", "rawtypes"})
    private final ArrayDeque<QueueEntry>[] available = new ArrayDeque[PRIORITIES];
    private final ArrayList<Consumer> consumers = new ArrayList<>();
    private final MessageSelectorSource selectorSource = new MessageSelectorSource();
    private Selector filter = Selector.MATCH_ALL;
    private long noLocalConnectionId;
    private int nextConsumer;
    private long nextSequence;
    private int availableCount;
    private int inFlightCount;
    private long enqueuedCount;
    private long acknowledgedCount;
    private long expiredCount;

    /**
     * @param name      the queue's name, or the subscription's name.
     * @param topicName for a subscription, its topic; null for a queue.
     */
    public MessageQueue(final String name, final String topicName)
    {
        this.name = name;
        this.topicName = topicName;
        for (int i = 0; i < PRIORITIES; i++)
        {
            available[i] = new ArrayDeque<>();
        }
    }

    /**
     * Makes this a subscription that admits only what its selector accepts and, for noLocal, nothing its own
     * connection published.
     *
     * @param selector            the subscription's selector.
     * @param noLocalConnectionId the subscriber's connection for noLocal, or 0.
     * @return this.
     */
    public MessageQueue filter(final Selector selector, final long noLocalConnectionId)
    {
        this.filter = selector;
        this.noLocalConnectionId = noLocalConnectionId;
        return this;
    }

    /**
     * @return the subscription's selector, {@link Selector#MATCH_ALL} for none.
     */
    public Selector filter()
    {
        return filter;
    }

    /**
     * @param message a message published to the subscription's topic.
     * @return true if the subscription takes it.
     */
    public boolean admits(final BrokerMessage message)
    {
        if (noLocalConnectionId != 0 && message.producerConnectionId() == noLocalConnectionId)
        {
            return false;
        }
        return filter == Selector.MATCH_ALL || filter.matches(selectorSource.wrap(message));
    }

    /**
     * @return the queue's or subscription's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the topic of a subscription, or null for a queue.
     */
    public String topicName()
    {
        return topicName;
    }

    /**
     * @return messages waiting to be delivered.
     */
    public int depth()
    {
        return availableCount;
    }

    /**
     * @return messages delivered and not yet acknowledged.
     */
    public int inFlightCount()
    {
        return inFlightCount;
    }

    /**
     * @return messages ever added.
     */
    public long enqueuedCount()
    {
        return enqueuedCount;
    }

    /**
     * @return messages acknowledged.
     */
    public long acknowledgedCount()
    {
        return acknowledgedCount;
    }

    /**
     * @return messages dropped because they expired.
     */
    public long expiredCount()
    {
        return expiredCount;
    }

    /**
     * @return the attached consumers (browsers excluded).
     */
    public List<Consumer> consumers()
    {
        return consumers;
    }

    /**
     * Adds a message at the tail of its priority.
     *
     * @param message the message.
     */
    public void enqueue(final BrokerMessage message)
    {
        available[message.priority()].addLast(new QueueEntry(message, nextSequence++));
        availableCount++;
        enqueuedCount++;
    }

    /**
     * Attaches a consumer. A browser is given a snapshot of the messages now available, in dispatch order.
     *
     * @param consumer the consumer.
     */
    public void addConsumer(final Consumer consumer)
    {
        consumer.attach(this);
        if (!consumer.isBrowser())
        {
            consumers.add(consumer);
        }
    }

    /**
     * Detaches a consumer and takes back what it held unacknowledged.
     *
     * @param consumer               the consumer.
     * @param lastConsumedDeliveryId deliveries after this one never reached the application.
     */
    public void removeConsumer(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        final int index = consumers.indexOf(consumer);
        if (index >= 0)
        {
            consumers.remove(index);
            if (nextConsumer > index)
            {
                nextConsumer--;
            }
        }
        takeBack(consumer, lastConsumedDeliveryId);
    }

    /**
     * Takes back a consumer's unacknowledged deliveries into their original places (recover, rollback, close).
     *
     * @param consumer               the consumer.
     * @param lastConsumedDeliveryId deliveries after this one never reached the application.
     */
    public void takeBack(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        final List<QueueEntry> entries = consumer.takeBackUnacknowledged(lastConsumedDeliveryId);
        inFlightCount -= entries.size();
        // Latest first, so that each usually goes to the head of its priority in one step.
        for (int i = entries.size() - 1; i >= 0; i--)
        {
            final QueueEntry entry = entries.get(i);
            insertInOrder(available[entry.message.priority()], entry);
            availableCount++;
        }
    }

    /**
     * Records acknowledged entries as gone.
     *
     * @param entries the entries a consumer acknowledged.
     */
    public void onAcknowledged(final List<QueueEntry> entries)
    {
        inFlightCount -= entries.size();
        acknowledgedCount += entries.size();
    }

    /**
     * Delivers available messages to consumers with credit.
     *
     * @param nowMs the conductor's epoch time, for expiry.
     * @param limit the most messages to deliver in this call.
     * @return the number delivered.
     */
    public int dispatch(final long nowMs, final int limit)
    {
        if (consumers.isEmpty() || availableCount == 0)
        {
            return 0;
        }
        int delivered = 0;
        for (int priority = PRIORITIES - 1; priority >= 0 && delivered < limit; priority--)
        {
            final Iterator<QueueEntry> it = available[priority].iterator();
            while (it.hasNext() && delivered < limit)
            {
                final QueueEntry entry = it.next();
                if (entry.message.isExpired(nowMs))
                {
                    it.remove();
                    availableCount--;
                    expiredCount++;
                    continue;
                }
                if (entry.message.deliveryTimeMs() - nowMs > 0)
                {
                    continue;
                }
                final Consumer consumer = pickConsumer(entry);
                if (null == consumer)
                {
                    if (!anyConsumerCanTake())
                    {
                        return delivered;
                    }
                    continue;
                }
                it.remove();
                availableCount--;
                inFlightCount++;
                consumer.deliver(entry);
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Sends a browser the next messages of a snapshot in dispatch order, then the end marker.
     *
     * @param browser the browser.
     * @param nowMs   the conductor's epoch time, for expiry.
     * @return the number of messages sent.
     */
    public int browse(final Consumer browser, final long nowMs)
    {
        int sent = 0;
        for (int priority = PRIORITIES - 1; priority >= 0; priority--)
        {
            for (final QueueEntry entry : available[priority])
            {
                if (!browser.canTake())
                {
                    return sent;
                }
                final long position = (long)(PRIORITIES - 1 - priority) << 56 | entry.sequence;
                if (position <= browser.browsePosition() || entry.message.isExpired(nowMs) ||
                    !browser.accepts(entry, selectorSource.wrap(entry)))
                {
                    continue;
                }
                browser.browsePosition(position);
                browser.deliver(entry);
                entry.deliveryCount--;
                entry.consumer = null;
                sent++;
            }
        }
        if (browser.canTake())
        {
            browser.browseEnd();
            browser.browsePosition(Long.MAX_VALUE);
        }
        return sent;
    }

    /**
     * Removes every available message (purge).
     *
     * @return how many were removed.
     */
    public int purge()
    {
        final int removed = availableCount;
        for (final ArrayDeque<QueueEntry> deque : available)
        {
            deque.clear();
        }
        availableCount = 0;
        return removed;
    }

    private Consumer pickConsumer(final QueueEntry entry)
    {
        final int count = consumers.size();
        for (int i = 0; i < count; i++)
        {
            final int index = (nextConsumer + i) % count;
            final Consumer consumer = consumers.get(index);
            if (consumer.canTake() && (consumer.hasSelector() ?
                consumer.accepts(entry, selectorSource.wrap(entry)) : consumer.acceptsWithoutSelector(entry)))
            {
                nextConsumer = (index + 1) % count;
                return consumer;
            }
        }
        return null;
    }

    private boolean anyConsumerCanTake()
    {
        for (int i = 0, size = consumers.size(); i < size; i++)
        {
            if (consumers.get(i).canTake())
            {
                return true;
            }
        }
        return false;
    }

    private static void insertInOrder(final ArrayDeque<QueueEntry> deque, final QueueEntry entry)
    {
        final QueueEntry last = deque.peekLast();
        if (null == last || last.sequence < entry.sequence)
        {
            deque.addLast(entry);
            return;
        }
        final QueueEntry first = deque.peekFirst();
        if (first.sequence > entry.sequence)
        {
            deque.addFirst(entry);
            return;
        }
        final ArrayList<QueueEntry> copy = new ArrayList<>(deque);
        deque.clear();
        boolean inserted = false;
        for (final QueueEntry existing : copy)
        {
            if (!inserted && existing.sequence > entry.sequence)
            {
                deque.addLast(entry);
                inserted = true;
            }
            deque.addLast(existing);
        }
    }
}
