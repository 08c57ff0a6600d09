package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.MessageSelectorSource;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Last-value queues: in a queue (or subscription) whose policy names a last-value key, a message replaces the
 * message with the same value of that property still waiting there (the one in flight, delivered and not yet
 * acknowledged, stays); the replaced message is removed from the journal with the same group as the new one is
 * added. A message without the property replaces nothing and is never replaced. Messages paged out to the journal
 * (beyond the paging window) are not looked at. Engine thread only.
 */
final class LastValues
{
    private final Destinations d;
    private final MessageSelectorSource source = new MessageSelectorSource();
    /** Per queue, the last entry added for each key value: looked up, never walked. */
    private final Map<MessageQueue, Map<Object, QueueEntry>> latest = new HashMap<>();

    LastValues(final Destinations destinations)
    {
        this.d = destinations;
    }

    /**
     * Before a message is added to a queue: discards the waiting message it replaces, if any.
     *
     * @return the message's key value, to {@link #remember} with its entry; null if the queue is no last-value queue
     *         or the message has no value for the key.
     */
    Object replaceOlder(final MessageQueue queue, final BrokerMessage message)
    {
        if (!queue.policy().isLastValueQueue())
        {
            return null;
        }
        final Object value = source.wrap(message).valueOf(queue.policy().lastValueKey());
        if (null == value)
        {
            return null;
        }
        final QueueEntry older = byValue(queue).get(value);
        if (null != older && older.queue() == queue && older.isWaiting() &&
            value.equals(source.wrap(older.message()).valueOf(queue.policy().lastValueKey())))
        {
            d.deletions().discard(older);
        }
        return value;
    }

    /**
     * After a message was added to a last-value queue.
     *
     * @param value the message's key value, from {@link #replaceOlder}; null: nothing to remember.
     * @param entry its entry.
     */
    void remember(final MessageQueue queue, final Object value, final QueueEntry entry)
    {
        if (null != value)
        {
            byValue(queue).put(value, entry);
        }
    }

    /**
     * After entries of a queue came back to waiting (a recover, a rollback, a closed consumer, a stopped connection):
     * each replaces, or is replaced by, the message with the same key value waiting there, whichever is older goes,
     * so that a key has one waiting message again, and the index names it. Without this, the index would name a
     * later message still in flight while the one that came back waits unseen, and the next send would leave both.
     *
     * @param entries entries of the queue, in delivery order; those not waiting (dead-lettered, null) are passed over.
     */
    void onReturned(final MessageQueue queue, final List<QueueEntry> entries)
    {
        if (!queue.policy().isLastValueQueue() || !latest.containsKey(queue))
        {
            // Not built yet: the first send builds it from what waits, one message per key.
            return;
        }
        final Map<Object, QueueEntry> byKey = latest.get(queue);
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            final QueueEntry entry = entries.get(i);
            if (null == entry || !entry.isWaiting() || entry.queue() != queue)
            {
                continue;
            }
            final Object value = source.wrap(entry.message()).valueOf(queue.policy().lastValueKey());
            if (null != value)
            {
                byKey.put(value, newerOfTwoWaiting(byKey.get(value), entry));
            }
        }
    }

    /**
     * @return the newer of the two when both wait in the queue, the older one discarded; else the one that waits.
     */
    private QueueEntry newerOfTwoWaiting(final QueueEntry indexed, final QueueEntry entry)
    {
        if (null == indexed || indexed == entry || !indexed.isWaiting() || indexed.queue() != entry.queue())
        {
            return entry;
        }
        final boolean entryIsNewer = entry.sequence() > indexed.sequence();
        d.deletions().discard(entryIsNewer ? indexed : entry);
        return entryIsNewer ? entry : indexed;
    }

    /**
     * The index of one queue, built on first use from what waits in it (recovered messages included); where two
     * waiting messages share a key value (one was in flight when the broker stopped), the older one goes.
     */
    private Map<Object, QueueEntry> byValue(final MessageQueue queue)
    {
        Map<Object, QueueEntry> byKey = latest.get(queue);
        if (null == byKey)
        {
            byKey = new HashMap<>();
            final List<QueueEntry> waiting = queue.waitingEntries();
            for (int i = 0, size = waiting.size(); i < size; i++)
            {
                final QueueEntry entry = waiting.get(i);
                final Object value = source.wrap(entry.message()).valueOf(queue.policy().lastValueKey());
                if (null != value)
                {
                    byKey.put(value, newerOfTwoWaiting(byKey.get(value), entry));
                }
            }
            latest.put(queue, byKey);
        }
        return byKey;
    }

    /**
     * For management: the key values of the messages waiting in a last-value queue, as text, in text order. From the
     * index where it is built (it is not built here: a listing changes nothing), else from what waits.
     *
     * @return the values; empty if the queue is no last-value queue.
     */
    List<String> waitingKeys(final MessageQueue queue)
    {
        final TreeSet<String> keys = new TreeSet<>();
        if (!queue.policy().isLastValueQueue())
        {
            return List.of();
        }
        final Map<Object, QueueEntry> byKey = latest.get(queue);
        if (null != byKey)
        {
            for (final Map.Entry<Object, QueueEntry> pair : byKey.entrySet()) // order-free: sorted as text
            {
                if (pair.getValue().isWaiting() && pair.getValue().queue() == queue)
                {
                    keys.add(String.valueOf(pair.getKey()));
                }
            }
        }
        else
        {
            final List<QueueEntry> waiting = queue.waitingEntries();
            for (int i = 0, size = waiting.size(); i < size; i++)
            {
                final Object value = source.wrap(waiting.get(i).message()).valueOf(queue.policy().lastValueKey());
                if (null != value)
                {
                    keys.add(String.valueOf(value));
                }
            }
        }
        return new ArrayList<>(keys);
    }

    /**
     * @return the index as it stands, for a snapshot: per queue whose index was built, each key value's last entry
     *         (which may since have been delivered, acknowledged or discarded). The engine's own maps: read only.
     */
    Map<MessageQueue, Map<Object, QueueEntry>> index()
    {
        return latest;
    }

    /**
     * Restores one queue's index from a snapshot, as if it had been built.
     */
    void restore(final MessageQueue queue, final Map<Object, QueueEntry> byKey)
    {
        latest.put(queue, byKey);
    }

    /**
     * Forgets a deleted queue.
     */
    void forget(final MessageQueue queue)
    {
        latest.remove(queue);
    }

    /**
     * @return the last-value queues and subscriptions, by name, with the keys of their waiting messages.
     */
    List<io.aeolus.management.LastValueInfo> rows()
    {
        final java.util.TreeMap<String, MessageQueue> byName = new java.util.TreeMap<>();
        for (final MessageQueue queue : d.queues().values()) // order-free: sorted by name
        {
            byName.put(queue.name(), queue);
        }
        for (final Topic topic : d.topics().values()) // order-free: sorted by name
        {
            for (final MessageQueue subscription : topic.subscriptions())
            {
                byName.put(subscription.name(), subscription);
            }
        }
        final List<io.aeolus.management.LastValueInfo> rows = new ArrayList<>();
        for (final MessageQueue queue : byName.values())
        {
            if (queue.policy().isLastValueQueue())
            {
                final List<String> keys = waitingKeys(queue);
                final int shown = Math.min(keys.size(), io.aeolus.management.LastValueInfo.MAX_VALUES);
                rows.add(new io.aeolus.management.LastValueInfo(queue.name(), queue.policy().lastValueKey(),
                    queue.depth(), keys.size(), String.join(",", keys.subList(0, shown)) +
                    (shown < keys.size() ? ",..." : "")));
            }
        }
        return rows;
    }
}
