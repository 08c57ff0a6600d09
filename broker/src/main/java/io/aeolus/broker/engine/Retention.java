package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.StartPosition;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.destination.Topic;
import io.aeolus.management.RetentionInfo;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.StoredReference;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Event streaming: a topic whose policy sets a retention time or size keeps every message published to it in a
 * {@link RetentionLog} after its subscribers have it, and drops the oldest when they fall out of the window (too old,
 * over the size, or expired), a bounded number per timer tick. A new subscription may start with retained messages
 * ({@link StartPosition}), and {@link Replays} copies a time range of them into a queue.
 * <p>
 * The log is fed by a tap: a subscription of the topic, first in its list, that admits every message and that
 * {@link Destinations#enqueue} turns into {@link #append}, so that whatever reaches the topic's subscriptions (a send,
 * a routing rule, a composite) is retained, and nothing that does not. Persistent messages are journaled under the
 * reference list {@code r/<topic>} (with the reference's sequence saying when each was published), held by the log
 * by reference only and read back a page at a time ({@link RetainedPage}), and come back after a restart;
 * non-persistent ones are retained in memory only, bounded by the topic's memory limit (over it, the oldest retained
 * messages are dropped). Part of {@link Destinations}; engine thread only.
 */
final class Retention
{
    /** Journal name prefix of a retention log's references. */
    static final String JOURNAL_PREFIX = "r/";
    /** Journal name prefix of a queue's retention log's references. */
    static final String QUEUE_JOURNAL_PREFIX = "rq/";
    /** Key prefix of a queue's log among the logs (a topic's log has the topic's name as its key). */
    static final String QUEUE_KEY_PREFIX = "queue:";
    /** Name prefix of a topic's retention tap. */
    static final String TAP_PREFIX = "retention:";
    static final int PRUNE_BUDGET = 1024;
    /** References read per query when a log is recovered. */
    static final int RECOVERY_PAGE = 1024;
    private static final int DROP_ON_APPEND = 8;

    private final Destinations d;
    private final int pageLength;
    // order-free: looked up by key (topic name, or queue: and queue name), never walked; the list below gives the
    // order.
    private final Map<String, RetentionLog> byTopic = new HashMap<>();
    // order-free: looked up by queue on the enqueue path (no string built), never walked.
    private final Map<MessageQueue, RetentionLog> byQueue = new IdentityHashMap<>();
    private final ArrayList<RetentionLog> logs = new ArrayList<>();
    private int pruneIndex;

    /**
     * @param destinations the engine's destinations.
     * @param pageLength   most messages a page read from the journal holds.
     */
    Retention(final Destinations destinations, final int pageLength)
    {
        this.d = destinations;
        this.pageLength = Math.max(1, pageLength);
    }

    /**
     * Gives a topic created with a retained policy its log and tap (not a built-in topic).
     */
    void onTopicCreated(final Topic topic)
    {
        // The broker's own topics (metrics every second) retain nothing, whatever the broker-wide default says.
        if (topic.type() == DestinationType.TOPIC && topic.policy().isRetained() &&
            !AccessPolicy.isReserved(topic.name()) && !byTopic.containsKey(topic.name()))
        {
            final MessageQueue tap = new MessageQueue(TAP_PREFIX + topic.name(), topic.name(), topic.type(),
                topic.policy()).markRetentionTap();
            topic.addRetentionTap(tap);
            final RetentionLog log = new RetentionLog(topic.name(), topic.policy(), tap);
            byTopic.put(topic.name(), log);
            logs.add(log);
        }
    }

    /**
     * Gives a queue created with a retained policy its log (not a temporary queue, nor a built-in one): from then on
     * every message the queue is given is also retained, consumed or not.
     */
    void onQueueCreated(final MessageQueue queue)
    {
        if (queue.destinationType() == DestinationType.QUEUE && null == queue.topicName() &&
            queue.policy().isRetained() && !AccessPolicy.isReserved(queue.name()) &&
            !byTopic.containsKey(queueKey(queue.name())))
        {
            final RetentionLog log = new RetentionLog(queue.name(), queue.policy());
            byTopic.put(log.topicName, log);
            byQueue.put(queue, log);
            logs.add(log);
        }
    }

    /**
     * @param queueName a queue's name.
     * @return the key of its log among the logs ({@link #log(String)}).
     */
    static String queueKey(final String queueName)
    {
        return QUEUE_KEY_PREFIX + queueName;
    }

    /**
     * Finds the log a management request names: {@code queue:<name>} or {@code topic:<name>}, or a bare name, which
     * is the topic's if a topic of that name retains, else the queue's.
     *
     * @param name the name as given.
     * @return the log, null if none.
     */
    RetentionLog resolve(final String name)
    {
        if (name.startsWith(QUEUE_KEY_PREFIX))
        {
            return byTopic.get(name);
        }
        if (name.startsWith("topic:"))
        {
            return byTopic.get(name.substring("topic:".length()));
        }
        final RetentionLog topicLog = byTopic.get(name);
        return null != topicLog ? topicLog : byTopic.get(queueKey(name));
    }

    /**
     * Retains a message given to a queue, if the queue has retention. Journal hook.
     */
    void appendToQueue(final MessageQueue queue, final BrokerMessage message)
    {
        final RetentionLog log = byQueue.get(queue);
        if (null != log)
        {
            append(log, message);
        }
    }

    /**
     * Makes a reader of a queue's history: a private queue, fed from the log from its start position (a slice at a
     * time, like a topic's subscription that starts in the past), then with each message the queue is given. It
     * takes nothing from the queue.
     *
     * @return the reader.
     */
    MessageQueue createReader(final RetentionLog log, final String name, final io.aeolus.broker.selector.Selector
        selector, final StartPosition start)
    {
        final MessageQueue reader = new MessageQueue(name, log.destinationName, DestinationType.QUEUE, log.policy)
            .filter(selector, 0);
        d.stores.add(reader);
        log.readers.add(reader);
        final long fromMs = start.fromMs(d.nowMs);
        if (fromMs != Long.MAX_VALUE)
        {
            d.starts.begin(log, reader, log.indexOfTime(fromMs));
        }
        return reader;
    }

    /**
     * Forgets a reader of a queue's history (its consumer closed).
     *
     * @return true if it was one.
     */
    boolean removeReader(final MessageQueue reader)
    {
        final RetentionLog log = byTopic.get(queueKey(reader.topicName()));
        return null != log && log.readers.remove(reader);
    }

    /**
     * @param topicName a log's key: a topic's name, or {@link #queueKey(String)} of a queue's.
     * @return its log, null if it retains nothing.
     */
    RetentionLog log(final String topicName)
    {
        return byTopic.get(topicName);
    }

    /**
     * @return the logs in the order their topics were created.
     */
    List<RetentionLog> logs()
    {
        return logs;
    }

    /**
     * @return every topic with retention as management lists it, in the order the topics were created.
     */
    List<RetentionInfo> infos()
    {
        final List<RetentionInfo> rows = new ArrayList<>();
        for (final RetentionLog log : logs)
        {
            rows.add(new RetentionInfo(log.destinationName, log.policy.retentionMs(), log.policy.retentionBytes(),
                log.size(), log.bytes(), log.oldestMs(), log.retainedTotal(), log.droppedTotal(),
                log.queue ? RetentionInfo.QUEUE : RetentionInfo.TOPIC, log.newestMs()));
        }
        return rows;
    }

    /**
     * Retains a message published to the topic of a tap. Journal hook.
     */
    void append(final MessageQueue tap, final BrokerMessage message)
    {
        final RetentionLog log = byTopic.get(tap.topicName());
        if (null != log)
        {
            append(log, message);
        }
    }

    private void append(final RetentionLog log, final BrokerMessage message)
    {
        final long sequence = log.nextSequence(d.nowMs);
        if (isJournaled(message))
        {
            d.store(message);
            d.append(new JournalCommand.AddReference(log.journalName, message.messageId(), sequence));
            log.addReference(message.messageId(), sequence, message.encodedLength(), message.expirationMs());
        }
        else
        {
            log.add(message, sequence);
        }
        // The size and memory bounds hold closely without waiting for the timer; the rest of the work is the timer's.
        for (int i = 0; i < DROP_ON_APPEND && log.size() > 0 && (log.policy.retentionBytes() > 0 &&
            log.bytes() > log.policy.retentionBytes() || log.isOverMemoryLimit()); i++)
        {
            dropOldest(log);
        }
        // A queue's history readers that caught up get it now; those catching up take it from the log in its turn.
        for (int i = 0, count = log.readers.size(); i < count; i++)
        {
            final MessageQueue reader = log.readers.get(i);
            if (!d.starts.isCatchingUp(reader) && reader.admits(message))
            {
                d.enqueue(reader, message);
            }
        }
    }

    private boolean isJournaled(final BrokerMessage message)
    {
        return message.isPersistent() && d.durability.isPersistent();
    }

    private void dropOldest(final RetentionLog log)
    {
        if (log.isByReference(0))
        {
            d.append(new JournalCommand.RemoveReference(log.journalName, log.messageId(0)));
        }
        log.removeFirst();
    }

    /**
     * End of a timer tick, after the readers' slices: asks the journal for the pages they missed (one read per log
     * at a time, never inside a journal group), and lets go of the pages no reader used.
     *
     * @return reads asked for.
     */
    int requestPages()
    {
        int asked = 0;
        for (int i = 0, count = logs.size(); i < count; i++)
        {
            final RetentionLog log = logs.get(i);
            final RetainedPage page = log.page;
            page.endTick();
            if (page.wantedAfter() != RetainedPage.NONE && !page.isAsked())
            {
                d.durability.readPage(log.journalName, page.wantedAfter(), pageLength);
                page.asked(log.lastSequence(), pageLength);
                asked++;
            }
        }
        return asked;
    }

    /**
     * @param journalName a journal reference list's name.
     * @return true if it is a retention log's.
     */
    static boolean isLogJournalName(final String journalName)
    {
        return journalName.startsWith(JOURNAL_PREFIX) || journalName.startsWith(QUEUE_JOURNAL_PREFIX);
    }

    /**
     * A page of a log's references came from the journal.
     */
    void onPage(final String journalName, final List<StoredReference> references)
    {
        final RetentionLog log = byTopic.get(journalName.startsWith(QUEUE_JOURNAL_PREFIX) ?
            queueKey(journalName.substring(QUEUE_JOURNAL_PREFIX.length())) :
            journalName.substring(JOURNAL_PREFIX.length()));
        if (null != log)
        {
            log.onPage(references);
        }
    }

    /**
     * Drops what fell out of the retention windows: at most {@link #PRUNE_BUDGET} messages, the logs taken in turn.
     *
     * @return messages dropped.
     */
    int prune()
    {
        int budget = PRUNE_BUDGET;
        for (int visited = 0, count = logs.size(); visited < count && budget > 0; visited++)
        {
            if (pruneIndex >= count)
            {
                pruneIndex = 0;
            }
            final RetentionLog log = logs.get(pruneIndex);
            while (budget > 0 && log.isHeadDue(d.nowMs))
            {
                dropOldest(log);
                budget--;
            }
            if (budget > 0)
            {
                pruneIndex++;
            }
        }
        return PRUNE_BUDGET - budget;
    }

    /**
     * Gives a subscription just made the retained messages its start position asks for, in the order they were
     * published, before any published later: a slice now, the rest a slice per timer tick ({@link RetainedStarts}).
     *
     * @return messages given now.
     */
    int start(final Topic topic, final MessageQueue subscription, final StartPosition start)
    {
        final RetentionLog log = byTopic.get(topic.name());
        final long fromMs = start.fromMs(d.nowMs);
        if (null == log || fromMs == Long.MAX_VALUE)
        {
            return 0;
        }
        return d.starts.begin(log, subscription, log.indexOfTime(fromMs));
    }

    /**
     * Forgets the log of a topic (by name) or a queue (by {@link #queueKey(String)}) being deleted, with its
     * journaled references. Journal hook.
     */
    void drop(final String topicName)
    {
        final RetentionLog log = byTopic.remove(topicName);
        if (null != log)
        {
            if (log.queue)
            {
                byQueue.values().remove(log);
            }
            final int index = logs.indexOf(log);
            logs.remove(index);
            if (pruneIndex > index)
            {
                pruneIndex--;
            }
            if (d.durability.isPersistent())
            {
                d.append(new JournalCommand.DeleteDurableSubscription(log.journalName));
            }
        }
    }

    /**
     * For a snapshot's restore: forgets every log (the topics they belonged to were replaced).
     */
    void clear()
    {
        byTopic.clear();
        byQueue.clear();
        logs.clear();
        pruneIndex = 0;
    }

    int pruneIndex()
    {
        return pruneIndex;
    }

    void pruneIndex(final int pruneIndex)
    {
        this.pruneIndex = pruneIndex;
    }

    /**
     * Recovery: every log gets back its journaled messages, by reference (read a page at a time; the bodies stay in
     * the journal); a topic that retains no more loses what it retained.
     */
    void recover(final RecoverySource store)
    {
        for (final Topic topic : d.topics.values())
        {
            final RetentionLog log = byTopic.get(topic.name());
            final String journalName = JOURNAL_PREFIX + topic.name();
            if (null == log)
            {
                if (topic.type() == DestinationType.TOPIC && store.readReferenceCount(journalName) > 0)
                {
                    d.append(new JournalCommand.DeleteDurableSubscription(journalName));
                }
                continue;
            }
            recover(store, log);
        }
        for (final MessageQueue queue : d.queues.values())
        {
            final RetentionLog log = byQueue.get(queue);
            if (null != log)
            {
                recover(store, log);
            }
            else if (queue.destinationType() == DestinationType.QUEUE &&
                store.readReferenceCount(QUEUE_JOURNAL_PREFIX + queue.name()) > 0)
            {
                // A queue that retains no more loses what it retained.
                d.append(new JournalCommand.DeleteDurableSubscription(QUEUE_JOURNAL_PREFIX + queue.name()));
            }
        }
    }

    private static void recover(final RecoverySource store, final RetentionLog log)
    {
        long afterSequence = -1;
        List<io.aeolus.store.ReferenceLength> references;
        do
        {
            // A page at a time, keeping the references only: the bodies stay in the journal, unread.
            references = store.readReferenceLengths(log.journalName, afterSequence, RECOVERY_PAGE);
            for (int i = 0, size = references.size(); i < size; i++)
            {
                final io.aeolus.store.ReferenceLength reference = references.get(i);
                log.addReference(reference.messageId(), reference.sequence(), reference.length(),
                    reference.expirationMs());
                afterSequence = reference.sequence();
            }
        }
        while (references.size() >= RECOVERY_PAGE);
    }
}
