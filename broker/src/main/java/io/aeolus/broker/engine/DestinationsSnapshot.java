package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.SnapshotAccess;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.selector.Selector;
import io.aeolus.broker.selector.SelectorParseException;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The destinations' part of an {@link EngineSnapshot}: first their structure (every queue and subscription in
 * creation order, which is how the rest of the snapshot names them; the queues by name; the topics with their
 * subscriptions; the durable and shared subscription registries), then, once the consumers exist, their contents
 * (attached consumers in dispatch order, group bindings, each list of entries in order, expiry-scan cursors, the
 * timer wheel, the queues waiting for dispatch). Engine thread only.
 */
final class DestinationsSnapshot
{
    private final MessagingEngine engine;
    private final Destinations destinations;
    private final IdentityHashMap<MessageQueue, Integer> storeIds = new IdentityHashMap<>();
    private final ArrayList<MessageQueue> stores = new ArrayList<>();

    DestinationsSnapshot(final MessagingEngine engine)
    {
        this.engine = engine;
        this.destinations = engine.destinations();
    }

    int storeId(final MessageQueue queue)
    {
        final Integer id = storeIds.get(queue);
        if (null == id)
        {
            throw new IllegalStateException("cannot snapshot: " + queue.name() + " is referenced but no longer " +
                "a destination");
        }
        return id;
    }

    /**
     * @return the queue or subscription's number in the snapshot, -1 if it is not in the snapshot.
     */
    int storeIdOrNone(final MessageQueue queue)
    {
        final Integer id = storeIds.get(queue);
        return null == id ? -1 : id;
    }

    MessageQueue store(final int id)
    {
        if (id < 0 || id >= stores.size())
        {
            throw new IllegalArgumentException("snapshot corrupted: no queue or subscription numbered " + id);
        }
        return stores.get(id);
    }

    void writeStructure(final SnapshotWriter out)
    {
        final List<MessageQueue> all = destinations.stores;
        out.writeInt(all.size());
        for (final MessageQueue queue : all)
        {
            storeIds.put(queue, stores.size());
            stores.add(queue);
            out.writeString(queue.name());
            out.writeString(queue.topicName());
            out.writeByte(queue.destinationType().ordinal());
            out.writeString(queue.journalName());
            out.writeString(queue.filter().text());
            writeLongs(out, SnapshotAccess.queueState(queue));
        }
        out.writeInt(destinations.queues.size());
        for (final MessageQueue queue : destinations.queues.values())
        {
            out.writeInt(storeId(queue));
        }
        out.writeInt(destinations.topics.size());
        for (final Topic topic : destinations.topics.values())
        {
            out.writeString(topic.name());
            out.writeByte(topic.type().ordinal());
            out.writeLong(topic.publishedCount());
            out.writeInt(topic.subscriptionCount());
            for (final MessageQueue subscription : topic.subscriptions())
            {
                if (!subscription.isRetentionTap())
                {
                    out.writeInt(storeId(subscription));
                }
            }
        }
        writeRegistry(out, engine.subscriptions().durableRegistry());
        writeRegistry(out, engine.subscriptions().sharedRegistry());
    }

    void readStructure(final SnapshotReader in)
    {
        for (final Topic topic : destinations.topics.values())
        {
            destinations.wildcardTopics.remove(topic);
        }
        destinations.queues.clear();
        destinations.topics.clear();
        destinations.stores.clear();
        destinations.dirty.clear();
        destinations.byJournalName.clear();
        final int storeCount = in.readCount("queues and subscriptions");
        for (int i = 0; i < storeCount; i++)
        {
            final String name = in.readString();
            final String topicName = in.readString();
            final DestinationType type = in.readEnum(DestinationType.values(), "destination type");
            final String journalName = in.readString();
            final Selector filter = selector(in.readString());
            final MessageQueue queue = new MessageQueue(name, topicName, type,
                destinations.settings.policyFor(null == topicName ? name : topicName, null != topicName))
                .filter(filter, 0);
            if (null != journalName)
            {
                queue.journalName(journalName);
                destinations.byJournalName.put(journalName, queue);
            }
            SnapshotAccess.restoreQueueState(queue, readLongs(in));
            stores.add(queue);
            destinations.stores.add(queue);
        }
        final int queueCount = in.readCount("queues");
        for (int i = 0; i < queueCount; i++)
        {
            final MessageQueue queue = store(in.readInt());
            destinations.queues.put(queue.name(), queue);
        }
        final int topicCount = in.readCount("topics");
        for (int i = 0; i < topicCount; i++)
        {
            final String name = in.readString();
            final DestinationType type = in.readEnum(DestinationType.values(), "destination type");
            final Topic topic = new Topic(name, type, destinations.settings.policyFor(name, true));
            SnapshotAccess.restorePublishedCount(topic, in.readLong());
            final int subscriptionCount = in.readCount("subscriptions");
            for (int j = 0; j < subscriptionCount; j++)
            {
                topic.addSubscription(store(in.readInt()));
            }
            destinations.topics.put(name, topic);
            if (type == DestinationType.TOPIC)
            {
                destinations.wildcardTopics.addIfPattern(topic);
            }
        }
        readRegistry(in, engine.subscriptions().durableRegistry());
        readRegistry(in, engine.subscriptions().sharedRegistry());
    }

    void writeContents(final SnapshotWriter out)
    {
        final ArrayList<QueueEntry> timed = new ArrayList<>();
        for (final MessageQueue queue : stores)
        {
            out.writeInt(queue.consumers().size());
            for (final Consumer consumer : queue.consumers())
            {
                out.writeLong(consumer.connectionId());
                out.writeLong(consumer.consumerId());
            }
            final TreeMap<String, Consumer> groups = SnapshotAccess.groupBindings(queue);
            out.writeInt(groups.size());
            for (final Map.Entry<String, Consumer> group : groups.entrySet())
            {
                out.writeString(group.getKey());
                out.writeLong(group.getValue().connectionId());
                out.writeLong(group.getValue().consumerId());
            }
            for (int list = 0; list < SnapshotAccess.LIST_COUNT; list++)
            {
                final List<QueueEntry> entries = SnapshotAccess.entries(queue, list);
                out.writeInt(entries.size());
                for (final QueueEntry entry : entries)
                {
                    writeEntry(out, entry);
                    final long timerId = SnapshotAccess.timerId(entry);
                    out.writeLong(timerId);
                    if (QueueEntry.NO_TIMER != timerId)
                    {
                        out.writeLong(SnapshotAccess.deadline(destinations.scheduler, timerId));
                        timed.add(entry);
                    }
                }
                out.writeLong(SnapshotAccess.scanCursor(queue, list));
            }
        }
        if (timed.size() != destinations.scheduler.size())
        {
            throw new IllegalStateException("cannot snapshot: " + destinations.scheduler.size() + " timers, but " +
                timed.size() + " entries waiting for one");
        }
        writeLongs(out, SnapshotAccess.wheelState(destinations.scheduler));
        out.writeInt(destinations.dirty.size());
        for (final MessageQueue queue : destinations.dirty)
        {
            out.writeInt(storeId(queue));
        }
    }

    void readContents(final SnapshotReader in, final ConnectionsSnapshot connections)
    {
        final ArrayList<QueueEntry> timed = new ArrayList<>();
        final ArrayList<Long> timerIds = new ArrayList<>();
        final ArrayList<Long> deadlines = new ArrayList<>();
        for (final MessageQueue queue : stores)
        {
            final int consumerCount = in.readCount("consumers");
            for (int i = 0; i < consumerCount; i++)
            {
                queue.addConsumer(connections.consumer(in.readLong(), in.readLong()));
            }
            final int groupCount = in.readCount("message groups");
            for (int i = 0; i < groupCount; i++)
            {
                final String groupId = in.readString();
                SnapshotAccess.restoreGroupBinding(queue, groupId, connections.consumer(in.readLong(), in.readLong()));
            }
            for (int list = 0; list < SnapshotAccess.LIST_COUNT; list++)
            {
                final int entryCount = in.readCount("entries");
                for (int i = 0; i < entryCount; i++)
                {
                    final QueueEntry entry = readEntry(in, queue);
                    SnapshotAccess.append(entry, list);
                    final long timerId = in.readLong();
                    if (QueueEntry.NO_TIMER != timerId)
                    {
                        timed.add(entry);
                        timerIds.add(timerId);
                        deadlines.add(in.readLong());
                    }
                }
                SnapshotAccess.restoreScanCursor(queue, list, in.readLong());
            }
        }
        final long[] wheel = readLongs(in);
        if (wheel.length != 2)
        {
            throw new IllegalArgumentException("snapshot corrupted: timer wheel state of " + wheel.length + " values");
        }
        final long[] ids = new long[timed.size()];
        final long[] dueMs = new long[timed.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = timerIds.get(i);
            dueMs[i] = deadlines.get(i);
        }
        SnapshotAccess.restoreWheel(destinations.scheduler, wheel[0], wheel[1], timed, ids, dueMs);
        final int dirtyCount = in.readCount("queues to dispatch");
        for (int i = 0; i < dirtyCount; i++)
        {
            destinations.dirty.add(store(in.readInt()));
        }
    }

    /**
     * An entry's own state; the queue it belongs to is known from where it is written.
     */
    void writeEntry(final SnapshotWriter out, final QueueEntry entry)
    {
        out.noteEntry(entry);
        out.writeMessage(entry.message());
        out.writeLong(entry.sequence());
        out.writeLong(entry.enqueuedMs());
        out.writeInt(entry.deliveryCount());
        out.writeLong(entry.deliveryId());
    }

    QueueEntry readEntry(final SnapshotReader in, final MessageQueue queue)
    {
        final QueueEntry entry = SnapshotAccess.newEntry(queue, in.readMessage(), in.readLong(), in.readLong(),
            in.readInt(), in.readLong());
        in.noteEntry(entry);
        return entry;
    }

    static Selector selector(final String text)
    {
        try
        {
            return Selector.parse(text);
        }
        catch (final SelectorParseException ex)
        {
            throw new IllegalArgumentException("snapshot corrupted: selector '" + text + "': " + ex.getMessage(), ex);
        }
    }

    static void writeLongs(final SnapshotWriter out, final long[] values)
    {
        out.writeInt(values.length);
        for (final long value : values)
        {
            out.writeLong(value);
        }
    }

    static long[] readLongs(final SnapshotReader in)
    {
        final long[] values = new long[in.readCount("state values")];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = in.readLong();
        }
        return values;
    }

    private void writeRegistry(final SnapshotWriter out, final Map<String, MessageQueue> registry)
    {
        final TreeMap<String, MessageQueue> sorted = new TreeMap<>(registry);
        out.writeInt(sorted.size());
        for (final Map.Entry<String, MessageQueue> subscription : sorted.entrySet())
        {
            out.writeString(subscription.getKey());
            out.writeInt(storeId(subscription.getValue()));
        }
    }

    private void readRegistry(final SnapshotReader in, final Map<String, MessageQueue> registry)
    {
        registry.clear();
        final int count = in.readCount("subscriptions");
        for (int i = 0; i < count; i++)
        {
            registry.put(in.readString(), store(in.readInt()));
        }
    }
}
