package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DeliveryScheduler;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.MessageRewriter;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.selector.Selector;
import io.aeolus.store.Destination;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.StoredReference;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The broker's queues, topics and subscriptions, and every change to the messages they hold: routing, dispatch,
 * acknowledgement, take-back with the redelivery policy, dead-lettering, expiry and scheduled delivery.
 * <p>
 * Each change that must survive a restart goes through one method named for it, where the journal will be called:
 * {@link #enqueue}, {@link #schedule}, {@link #acknowledge}, {@link DeadLetters#recordDeliveryCount},
 * {@link DeadLetters#moveToDeadLetterQueue}, {@link #expire},
 * {@link #createSubscription} and {@link #deleteSubscription}.
 * <p>
 * Queues and subscriptions are also kept in a list in creation order, which the expiry scan and the periodic
 * dispatch walk, so that no outcome depends on hash order. Parts: {@link DeadLetters}, {@link Paging},
 * {@link Deletions}.
 */
public final class Destinations
{
    /** Dead-letter property or value. */
    public static final String ORIGINAL_DESTINATION = "AEOLUS_DLQ_ORIGINAL_DESTINATION";
    /** Dead-letter property or value. */
    public static final String ORIGINAL_DESTINATION_TYPE = "AEOLUS_DLQ_ORIGINAL_DESTINATION_TYPE";
    /** Dead-letter property or value. */
    public static final String ORIGINAL_SUBSCRIPTION = "AEOLUS_DLQ_ORIGINAL_SUBSCRIPTION";
    /** Dead-letter property or value. */
    public static final String ORIGINAL_EXPIRATION = "AEOLUS_DLQ_ORIGINAL_EXPIRATION";
    /** Dead-letter property or value. */
    public static final String REASON = "AEOLUS_DLQ_REASON";
    /** Dead-letter property or value. */
    public static final String TIME = "AEOLUS_DLQ_TIME";
    /** Dead-letter property or value. */
    public static final String DELIVERY_COUNT = "AEOLUS_DLQ_DELIVERY_COUNT";
    /** Dead-letter property or value. */
    public static final String LAST_CONSUMER = "AEOLUS_DLQ_LAST_CONSUMER";
    /** Dead-letter property or value. */
    public static final String REASON_MAX_DELIVERY_ATTEMPTS = "MAX_DELIVERY_ATTEMPTS";
    /** Dead-letter property or value. */
    public static final String REASON_EXPIRED = "EXPIRED";

    static final int DISPATCH_LIMIT = 1024;
    private static final int RELEASE_LIMIT = 1024;

    final DestinationPolicies policies;
    final Map<String, MessageQueue> queues = new LinkedHashMap<>();
    final Map<String, Topic> topics = new LinkedHashMap<>();
    final ArrayList<MessageQueue> stores = new ArrayList<>();
    final ArrayList<MessageQueue> dirty = new ArrayList<>();
    final ArrayList<QueueEntry> expired = new ArrayList<>();
    final DeliveryScheduler scheduler;
    private final DeadLetters deadLetters = new DeadLetters(this);
    private final Paging paging = new Paging(this);
    private final Deletions deletions = new Deletions(this);
    final DestinationSettings settings = new DestinationSettings(this);
    final WildcardTopics wildcardTopics;
    final Routing routing;
    final LastValues lastValues = new LastValues(this);
    final Retention retention;
    final Replays replays;
    final RetainedStarts starts;
    final MessageRewriter rewriter = new MessageRewriter();
    final Map<String, MessageQueue> byJournalName = new HashMap<>();
    Durability durability = new InMemoryDurability();
    AckObserver ackObserver = AckObserver.NONE;
    long lastPosition;
    int pagingWindow = Integer.MAX_VALUE;
    boolean recovering;
    long nextMessageId = 1;
    /** Claims an entry read back from the store that a prepared XA branch acknowledges; set by the XA branches. */
    Predicate<QueueEntry> transactionLocks = (entry) -> false;
    long nowMs;
    final ExpiryScan expiryScan;

    Destinations(final EngineSettings settings, final long nowMs)
    {
        this.policies = settings.policies();
        this.nowMs = nowMs;
        this.expiryScan = new ExpiryScan(settings.expiryScanIntervalMs(), nowMs);
        this.scheduler = new DeliveryScheduler(nowMs);
        this.wildcardTopics = new WildcardTopics(settings.wildcards());
        this.routing = new Routing(this, settings);
        this.retention = new Retention(this, settings.replayBatch());
        this.replays = new Replays(this, settings.replayBatch());
        this.starts = new RetainedStarts(this, settings.replayBatch());
        // The broker's own management destinations always exist; using them needs the manage permission.
        createQueue(AccessPolicy.MANAGEMENT_QUEUE, DestinationType.QUEUE);
        createTopic(AccessPolicy.METRICS_TOPIC, DestinationType.TOPIC);
        createQueue(AccessPolicy.TRASH_QUEUE, DestinationType.QUEUE);
        for (final String name : settings.queues())
        {
            createQueue(name, DestinationType.QUEUE);
        }
        for (final String name : settings.topics())
        {
            createTopic(name, DestinationType.TOPIC);
        }
        routing.createComposites();
    }

    void time(final long nowMs)
    {
        this.nowMs = nowMs;
    }

    /**
     * Writes to this durable store from now on, keeping at most {@code pagingWindow} persistent messages of a queue
     * in memory.
     */
    void durability(final Durability durability, final int pagingWindow)
    {
        this.durability = durability;
        this.pagingWindow = pagingWindow;
    }

    Durability durability()
    {
        return durability;
    }

    void append(final JournalCommand command)
    {
        final long position = durability.append(command);
        if (0 != position)
        {
            lastPosition = position;
        }
    }

    long nextMessageId()
    {
        return nextMessageId++;
    }

    /** @return the queues by name. */
    public Map<String, MessageQueue> queues()
    {
        return queues;
    }

    /** @return the topics by name. */
    public Map<String, Topic> topics()
    {
        return topics;
    }

    /** @return the timer wheel of delayed entries. */
    public DeliveryScheduler scheduler()
    {
        return scheduler;
    }

    static boolean isTopic(final DestinationType type)
    {
        return type == DestinationType.TOPIC || type == DestinationType.TEMPORARY_TOPIC;
    }

    /** @return true if the destination exists or may be created on first use. */
    boolean isUsable(final DestinationType type, final String name)
    {
        final boolean exists = isTopic(type) ? topics.containsKey(name) : queues.containsKey(name);
        return exists || policies.resolve(name).autoCreate();
    }

    /** @return the queue, created if its policy allows; null if it does not exist and may not be created. */
    MessageQueue queueForUse(final String name)
    {
        final MessageQueue queue = queues.get(name);
        if (null != queue || !policies.resolve(name).autoCreate())
        {
            return queue;
        }
        return createQueue(name, DestinationType.QUEUE);
    }

    /** @return the topic, created if its policy allows; null if it does not exist and may not be created. */
    Topic topicForUse(final String name)
    {
        final Topic topic = topics.get(name);
        if (null != topic || !policies.resolve(name).autoCreate())
        {
            return topic;
        }
        return createTopic(name, DestinationType.TOPIC);
    }

    MessageQueue createQueue(final String name, final DestinationType type)
    {
        final MessageQueue queue = new MessageQueue(name, null, type, settings.policyFor(name, false));
        if (policies.isDeadLetterQueueName(name) || settings.namesDeadLetterQueue(name))
        {
            queue.markDeadLetterQueue();
        }
        queues.put(name, queue);
        stores.add(queue);
        retention.onQueueCreated(queue);
        if (type == DestinationType.QUEUE)
        {
            queue.journalName("q/" + name);
            byJournalName.put(queue.journalName(), queue);
            if (!recovering)
            {
                append(new JournalCommand.CreateDestination(
                    new Destination(name, io.aeolus.store.DestinationType.QUEUE)));
            }
        }
        return queue;
    }

    Topic createTopic(final String name, final DestinationType type)
    {
        final Topic topic = new Topic(name, type, settings.policyFor(name, true));
        topics.put(name, topic);
        // A pattern is no destination: its subscriptions are journaled, it is not.
        final boolean pattern = type == DestinationType.TOPIC && wildcardTopics.addIfPattern(topic);
        if (type == DestinationType.TOPIC && !pattern && !recovering)
        {
            append(new JournalCommand.CreateDestination(
                new Destination(name, io.aeolus.store.DestinationType.TOPIC)));
        }
        if (!pattern)
        {
            retention.onTopicCreated(topic);
        }
        return topic;
    }

    Deletions deletions()
    {
        return deletions;
    }

    MessageRewriter rewriter()
    {
        return rewriter;
    }

    /**
     * Creates a subscription of a topic. Journal hook: durable subscriptions are journaled here.
     */
    MessageQueue createSubscription(
        final Topic topic, final String name, final Selector selector, final long noLocalConnectionId)
    {
        final MessageQueue subscription = new MessageQueue(name, topic.name(), topic.type(), topic.policy())
            .filter(selector, noLocalConnectionId);
        topic.addSubscription(subscription);
        stores.add(subscription);
        return subscription;
    }

    /**
     * Creates a durable subscription of a topic, journaled (unless the topic is temporary) so that it and its
     * messages survive a restart. Journal hook.
     */
    MessageQueue createDurableSubscription(final Topic topic, final String key, final Selector selector,
        final long noLocalConnectionId, final DurableSubscriptionInfo info)
    {
        final MessageQueue subscription = createSubscription(topic, key, selector, noLocalConnectionId);
        if (topic.type() == DestinationType.TOPIC)
        {
            subscription.journalName("s/" + key);
            byJournalName.put(subscription.journalName(), subscription);
            if (!recovering)
            {
                append(new JournalCommand.CreateDurableSubscription(new DurableSubscription(
                    subscription.journalName(), info.clientId(), info.subscriptionName(), topic.name(),
                    selector.text(), info.noLocal(), info.shared())));
            }
        }
        return subscription;
    }

    /**
     * Deletes a subscription and the messages waiting in it. Journal hook.
     */
    void deleteSubscription(final MessageQueue subscription)
    {
        if (subscription.isRetentionTap())
        {
            retention.drop(subscription.topicName());
        }
        starts.forget(subscription);
        retention.removeReader(subscription);
        if (null != subscription.journalName())
        {
            append(new JournalCommand.DeleteDurableSubscription(subscription.journalName()));
            byJournalName.remove(subscription.journalName());
        }
        final Topic topic = topics.get(subscription.topicName());
        if (null != topic)
        {
            topic.removeSubscription(subscription);
        }
        subscription.purge(scheduler);
        deletions.removeStore(subscription);
    }

    /**
     * Routes a message to its queue, or to every subscription of its topic that admits it, and through the routing
     * rules ({@link Routing}). A destination deleted since the send was accepted (a temporary one, before a commit)
     * drops it.
     *
     * @return the durable position to wait for before confirming the send, 0 if routing wrote nothing.
     */
    long route(final BrokerMessage message)
    {
        return routing.route(message);
    }

    /**
     * Adds a message to a queue or subscription: visible at once, or scheduled until its delivery time.
     * Journal hook.
     */
    void enqueue(final MessageQueue queue, final BrokerMessage message)
    {
        if (queue.isRetentionTap())
        {
            retention.append(queue, message);
            return;
        }
        if (null == queue.topicName() && queue.policy().isRetained())
        {
            // A queue with retention keeps what it is given, consumed or not, in its retention log.
            retention.appendToQueue(queue, message);
        }
        final Object lastValue = lastValues.replaceOlder(queue, message);
        final boolean journaled = queue.isJournaled(message) && durability.isPersistent();
        if (journaled)
        {
            store(message);
            if (queue.pagedCount() > 0 || queue.depth() + queue.scheduledCount() >= pagingWindow)
            {
                // Paging: the queue holds its window in memory; the rest waits in the journal, in order.
                append(new JournalCommand.AddReference(queue.journalName(), message.messageId(),
                    queue.pageOut()));
                return;
            }
        }
        final QueueEntry entry;
        if (message.deliveryTimeMs() - nowMs > 0)
        {
            entry = queue.addScheduled(message, nowMs);
            schedule(entry, message.deliveryTimeMs());
        }
        else
        {
            entry = queue.add(message, nowMs);
            markDirty(queue);
        }
        lastValues.remember(queue, lastValue, entry);
        if (journaled)
        {
            append(new JournalCommand.AddReference(queue.journalName(), message.messageId(), entry.sequence()));
        }
    }

    void store(final BrokerMessage message)
    {
        if (!message.isStored())
        {
            message.markStored();
            append(new JournalCommand.StoreMessage(message.messageId(), message.priority(),
                message.expirationMs(), message.deliveryTimeMs(), message.encodedBytes()));
        }
    }

    /**
     * Keeps an entry invisible until a deadline (delivery delay, redelivery delay). Journal hook.
     */
    void schedule(final QueueEntry entry, final long deadlineMs)
    {
        scheduler.schedule(entry, deadlineMs, nowMs);
    }

    /**
     * Removes acknowledged entries for good. Journal hook.
     */
    void acknowledge(final MessageQueue queue, final List<QueueEntry> entries)
    {
        queue.onAcknowledged(entries);
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            final QueueEntry entry = entries.get(i);
            forget(entry);
            final BrokerMessage message = entry.message();
            ackObserver.onAcknowledged(message.destination(), message.destinationType(), entry.enqueuedMs(), nowMs);
        }
    }

    void forget(final QueueEntry entry)
    {
        final MessageQueue queue = entry.queue();
        if (queue.isJournaled(entry.message()))
        {
            append(new JournalCommand.RemoveReference(queue.journalName(), entry.message().messageId()));
        }
    }

    /**
     * Dispatches one queue now.
     *
     * @return messages delivered.
     */
    int dispatch(final MessageQueue queue)
    {
        final int delivered = queue.dispatch(nowMs, DISPATCH_LIMIT, expired);
        expireCollected();
        return delivered;
    }

    void markDirty(final MessageQueue queue)
    {
        if (!dirty.contains(queue))
        {
            dirty.add(queue);
        }
    }

    /**
     * Releases what is due from the timer wheel, then dispatches every queue that changed.
     *
     * @return the work done.
     */
    int dispatchDirty()
    {
        int workCount = releaseDue();
        for (int i = dirty.size() - 1; i >= 0; i--)
        {
            final MessageQueue queue = dirty.get(i);
            final int delivered = dispatch(queue);
            workCount += delivered;
            if (delivered < DISPATCH_LIMIT)
            {
                dirty.remove(i);
            }
        }
        return workCount;
    }

    int releaseDue()
    {
        final List<QueueEntry> due = scheduler.poll(nowMs, RELEASE_LIMIT);
        for (int i = 0, size = due.size(); i < size; i++)
        {
            final QueueEntry entry = due.get(i);
            final MessageQueue queue = entry.queue();
            if (entry.message().isExpired(nowMs))
            {
                queue.remove(entry, true);
                expire(entry);
            }
            else
            {
                queue.release(entry);
                markDirty(queue);
            }
        }
        return due.size();
    }

    /**
     * The timer tick: a bounded step of the expiry scan, and a dispatch of every queue that has both messages and
     * consumers (a consumer's egress that was full may have drained).
     *
     * @return the work done.
     */
    int onTimer()
    {
        final int workCount = scanForExpired() + paging.requestPages() + retention.prune() + replays.onTimer() +
            starts.onTimer() + retention.requestPages();
        for (int i = 0, size = stores.size(); i < size; i++)
        {
            final MessageQueue queue = stores.get(i);
            if (queue.depth() > 0 && !queue.consumers().isEmpty())
            {
                markDirty(queue);
            }
        }
        return workCount;
    }

    int scanForExpired()
    {
        return expiryScan.run(nowMs, stores, expired) + expireCollected();
    }

    int expireCollected()
    {
        final int count = expired.size();
        for (int i = 0; i < count; i++)
        {
            expire(expired.get(i));
        }
        expired.clear();
        return count;
    }

    void recovering(final boolean recovering)
    {
        this.recovering = recovering;
    }

    void takeBack(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        deadLetters.takeBack(consumer, lastConsumedDeliveryId);
    }

    void expire(final QueueEntry entry)
    {
        deadLetters.expire(entry);
    }

    boolean willPageIn(final MessageQueue queue)
    {
        return paging.willPageIn(queue);
    }

    Paging paging()
    {
        return paging;
    }

    void onPage(final String journalName, final List<StoredReference> references)
    {
        if (!byJournalName.containsKey(journalName) && Retention.isLogJournalName(journalName))
        {
            retention.onPage(journalName, references);
            return;
        }
        paging.onPage(journalName, references);
    }

    List<DurableSubscription> recoverDestinations(final RecoverySource store)
    {
        return paging.recoverDestinations(store);
    }

    long recoverMessages(final RecoverySource store, final boolean crashed)
    {
        retention.recover(store);
        return paging.recoverMessages(store, crashed);
    }

    void deleteQueue(final String name)
    {
        deletions.deleteQueue(name);
    }

    void deleteTopic(final String name)
    {
        deletions.deleteTopic(name);
    }
}
