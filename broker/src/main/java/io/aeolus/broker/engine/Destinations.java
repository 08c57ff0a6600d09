package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DeliveryScheduler;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.destination.DestinationPolicy;
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
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's queues, topics and subscriptions, and every change to the messages they hold: routing, dispatch,
 * acknowledgement, take-back with the redelivery policy, dead-lettering, expiry and scheduled delivery.
 * <p>
 * Each change that must survive a restart goes through one method named for it, where the journal will be called:
 * {@link #enqueue}, {@link #schedule}, {@link #acknowledge}, {@link #recordDeliveryCount},
 * {@link #moveToDeadLetterQueue}, {@link #expire}, {@link #createSubscription} and {@link #deleteSubscription}.
 * <p>
 * Queues and subscriptions are also kept in a list in creation order, which the expiry scan and the periodic
 * dispatch walk, so that no outcome depends on hash order. Conductor thread only.
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
    private static final int EXPIRY_SCAN_BUDGET = 1024;

    private final DestinationPolicies policies;
    private final long expiryScanIntervalMs;
    private final Map<String, MessageQueue> queues = new LinkedHashMap<>();
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final ArrayList<MessageQueue> stores = new ArrayList<>();
    private final ArrayList<MessageQueue> dirty = new ArrayList<>();
    private final ArrayList<QueueEntry> expired = new ArrayList<>();
    private final DeliveryScheduler scheduler;
    private final MessageRewriter rewriter = new MessageRewriter();
    private final Map<String, MessageQueue> byJournalName = new HashMap<>();
    private Durability durability = new InMemoryDurability();
    private long lastPosition;
    private int pagingWindow = Integer.MAX_VALUE;
    private boolean recovering;
    private long nextMessageId = 1;
    private long nowMs;
    private boolean scanning;
    private int scanIndex;
    private long nextScanMs;

    Destinations(final EngineSettings settings, final long nowMs)
    {
        this.policies = settings.policies();
        this.expiryScanIntervalMs = settings.expiryScanIntervalMs();
        this.nowMs = nowMs;
        this.nextScanMs = nowMs + expiryScanIntervalMs;
        this.scheduler = new DeliveryScheduler(nowMs);
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

    private void append(final JournalCommand command)
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

    /**
     * @return the queues by name.
     */
    public Map<String, MessageQueue> queues()
    {
        return queues;
    }

    /**
     * @return the topics by name.
     */
    public Map<String, Topic> topics()
    {
        return topics;
    }

    /**
     * @return the timer wheel of delayed entries.
     */
    public DeliveryScheduler scheduler()
    {
        return scheduler;
    }

    static boolean isTopic(final DestinationType type)
    {
        return type == DestinationType.TOPIC || type == DestinationType.TEMPORARY_TOPIC;
    }

    /**
     * @return true if the destination exists or may be created on first use.
     */
    boolean isUsable(final DestinationType type, final String name)
    {
        final boolean exists = isTopic(type) ? topics.containsKey(name) : queues.containsKey(name);
        return exists || policies.resolve(name).autoCreate();
    }

    /**
     * @return the queue, created if its policy allows; null if it does not exist and may not be created.
     */
    MessageQueue queueForUse(final String name)
    {
        final MessageQueue queue = queues.get(name);
        if (null != queue || !policies.resolve(name).autoCreate())
        {
            return queue;
        }
        return createQueue(name, DestinationType.QUEUE);
    }

    /**
     * @return the topic, created if its policy allows; null if it does not exist and may not be created.
     */
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
        final MessageQueue queue = new MessageQueue(name, null, type, policies.resolve(name));
        if (policies.isDeadLetterQueueName(name))
        {
            queue.markDeadLetterQueue();
        }
        queues.put(name, queue);
        stores.add(queue);
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
        final Topic topic = new Topic(name, type, policies.resolve(name));
        topics.put(name, topic);
        if (type == DestinationType.TOPIC && !recovering)
        {
            append(new JournalCommand.CreateDestination(
                new Destination(name, io.aeolus.store.DestinationType.TOPIC)));
        }
        return topic;
    }

    /**
     * Pauses or resumes a queue's deliveries; a queue's pause is journaled, so it outlives a restart. Journal hook.
     */
    void pause(final MessageQueue queue, final boolean paused)
    {
        queue.paused(paused);
        if (queue.destinationType() == DestinationType.QUEUE && null != queue.journalName())
        {
            append(new JournalCommand.PauseDestination(
                new Destination(queue.name(), io.aeolus.store.DestinationType.QUEUE), paused));
        }
        if (!paused)
        {
            markDirty(queue);
        }
    }

    /**
     * Deletes a queue and the messages waiting in it (temporary queue deleted).
     */
    void deleteQueue(final String name)
    {
        final MessageQueue queue = queues.remove(name);
        if (null != queue)
        {
            queue.purge(scheduler);
            removeStore(queue);
        }
    }

    /**
     * Deletes a topic and its subscriptions (temporary topic deleted).
     */
    void deleteTopic(final String name)
    {
        final Topic topic = topics.remove(name);
        if (null != topic)
        {
            for (final MessageQueue subscription : new ArrayList<>(topic.subscriptions()))
            {
                deleteSubscription(subscription);
            }
        }
    }

    /**
     * Removes a waiting entry for good at an administrator's request (purge, delete, move). Journal hook.
     */
    void discard(final QueueEntry entry)
    {
        scheduler.cancel(entry);
        entry.queue().discard(entry);
        forget(entry);
    }

    /**
     * Deletes a queue or topic an administrator named, with what it holds; the caller checked that no consumer
     * uses it. Journal hook.
     */
    void deleteDestination(final String name, final boolean topic)
    {
        durability.beginGroup();
        try
        {
            deleteDestinationJournaled(name, topic);
        }
        finally
        {
            durability.endGroup();
        }
    }

    private void deleteDestinationJournaled(final String name, final boolean topic)
    {
        if (topic)
        {
            deleteTopic(name);
        }
        else
        {
            final MessageQueue queue = queues.get(name);
            if (null == queue)
            {
                return;
            }
            for (final QueueEntry entry : queue.waitingEntries())
            {
                discard(entry);
            }
            deleteQueue(name);
            if (null != queue.journalName())
            {
                // Also removes the references still paged out in the journal, kept under the queue's journal name.
                append(new JournalCommand.DeleteDurableSubscription(queue.journalName()));
                byJournalName.remove(queue.journalName());
            }
        }
        append(new JournalCommand.DeleteDestination(new Destination(name,
            topic ? io.aeolus.store.DestinationType.TOPIC : io.aeolus.store.DestinationType.QUEUE)));
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
        removeStore(subscription);
    }

    /**
     * @return true if a send to the destination finds it at or over its memory limit.
     */
    boolean isOverMemoryLimit(final DestinationType type, final String name)
    {
        if (isTopic(type))
        {
            final Topic topic = topics.get(name);
            return null != topic && topic.isOverMemoryLimit();
        }
        final MessageQueue queue = queues.get(name);
        return null != queue && queue.isOverMemoryLimit();
    }

    /**
     * Routes a message to its queue, or to every subscription of its topic that admits it. A destination deleted
     * since the send was accepted (a temporary one, before a commit) drops it.
     *
     * @return the durable position to wait for before confirming the send, 0 if routing wrote nothing.
     */
    long route(final BrokerMessage message)
    {
        final long before = lastPosition;
        if (isTopic(message.destinationType()))
        {
            final Topic topic = topics.get(message.destination());
            if (null != topic)
            {
                topic.onPublished();
                final List<MessageQueue> subscriptions = topic.subscriptions();
                for (int i = 0, size = subscriptions.size(); i < size; i++)
                {
                    final MessageQueue subscription = subscriptions.get(i);
                    if (subscription.admits(message))
                    {
                        enqueue(subscription, message);
                    }
                }
            }
        }
        else
        {
            final MessageQueue queue = queues.get(message.destination());
            if (null != queue)
            {
                enqueue(queue, message);
            }
        }
        return lastPosition != before ? lastPosition : 0;
    }

    /**
     * Adds a message to a queue or subscription: visible at once, or scheduled until its delivery time.
     * Journal hook.
     */
    void enqueue(final MessageQueue queue, final BrokerMessage message)
    {
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
            entry = queue.addScheduled(message);
            schedule(entry, message.deliveryTimeMs());
        }
        else
        {
            entry = queue.add(message);
            markDirty(queue);
        }
        if (journaled)
        {
            append(new JournalCommand.AddReference(queue.journalName(), message.messageId(), entry.sequence()));
        }
    }

    private void store(final BrokerMessage message)
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
            forget(entries.get(i));
        }
    }

    private void forget(final QueueEntry entry)
    {
        final MessageQueue queue = entry.queue();
        if (queue.isJournaled(entry.message()))
        {
            append(new JournalCommand.RemoveReference(queue.journalName(), entry.message().messageId()));
        }
    }

    /**
     * Takes back a consumer's unacknowledged deliveries (recover, rollback, close). Deliveries the application
     * never saw go back at once; each one it saw counts as failed and follows the queue's redelivery policy:
     * dead-lettered past the maximum attempts, else held for the redelivery delay, else back at once. Every entry
     * returns to its original place.
     */
    void takeBack(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        final MessageQueue queue = consumer.queue();
        final List<QueueEntry> entries = queue.takeBack(consumer, lastConsumedDeliveryId);
        // In delivery order, so that dead letters reach their queue in the order they were delivered.
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            final QueueEntry entry = entries.get(i);
            if (entry.deliveryId() <= lastConsumedDeliveryId && !onDeliveryFailed(queue, entry, consumer))
            {
                entries.set(i, null);
            }
        }
        // Latest first, so that each usually goes to the head of its priority in one step.
        for (int i = entries.size() - 1; i >= 0; i--)
        {
            final QueueEntry entry = entries.get(i);
            if (null != entry)
            {
                queue.release(entry);
            }
        }
        markDirty(queue);
    }

    /**
     * @return true if the entry goes back at once, false if it was dead-lettered or held for a delay.
     */
    private boolean onDeliveryFailed(final MessageQueue queue, final QueueEntry entry, final Consumer consumer)
    {
        recordDeliveryCount(entry);
        final DestinationPolicy policy = queue.policy();
        final int attempts = entry.deliveryCount();
        if (policy.maxDeliveryAttempts() > 0 && attempts >= policy.maxDeliveryAttempts() && !queue.isDeadLetterQueue())
        {
            moveToDeadLetterQueue(entry, consumer.description());
            return false;
        }
        final long delayMs = policy.redeliveryDelayMs(attempts);
        if (delayMs > 0)
        {
            queue.hold(entry);
            schedule(entry, nowMs + delayMs);
            return false;
        }
        return true;
    }

    /**
     * Records that a delivery of an entry failed: its delivery count now counts it. Journal hook.
     */
    void recordDeliveryCount(final QueueEntry entry)
    {
        final MessageQueue queue = entry.queue();
        if (queue.isJournaled(entry.message()))
        {
            append(new JournalCommand.UpdateDeliveryCount(
                queue.journalName(), entry.message().messageId(), entry.deliveryCount()));
        }
    }

    /**
     * Moves an entry whose delivery failed too often to its dead-letter queue (or drops it if there is none),
     * with properties recording where it came from and who consumed it last. Journal hook.
     */
    void moveToDeadLetterQueue(final QueueEntry entry, final String lastConsumer)
    {
        final MessageQueue queue = entry.queue();
        queue.remove(entry, false);
        // The copy in the dead-letter queue and the removal from the original queue are one atomic journal record.
        durability.beginGroup();
        forget(entry);
        moveTo(queue.policy().deadLetterQueueFor(queue.destinationName()), entry, REASON_MAX_DELIVERY_ATTEMPTS,
            lastConsumer);
        durability.endGroup();
    }

    /**
     * Handles an entry already removed because it expired: moved to its expiry queue, or dropped. Journal hook.
     */
    void expire(final QueueEntry entry)
    {
        final MessageQueue queue = entry.queue();
        durability.beginGroup();
        forget(entry);
        // A message whose time in the trash is up is gone for good, whatever expiry queue a wildcard names.
        moveTo(AccessPolicy.TRASH_QUEUE.equals(queue.name()) ? null :
            queue.policy().expiryQueueFor(queue.destinationName()), entry, REASON_EXPIRED, "");
        durability.endGroup();
    }

    private void moveTo(final String targetName, final QueueEntry entry, final String reason,
        final String lastConsumer)
    {
        final MessageQueue source = entry.queue();
        if (null == targetName || null != MessagingEngine.nameProblem(targetName) ||
            targetName.equals(source.name()))
        {
            return;
        }
        MessageQueue target = queues.get(targetName);
        if (null == target)
        {
            target = createQueue(targetName, DestinationType.QUEUE);
        }
        target.markDeadLetterQueue();
        final BrokerMessage original = entry.message();
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(ORIGINAL_DESTINATION, source.destinationName());
        properties.put(ORIGINAL_DESTINATION_TYPE, source.destinationType().name());
        if (null != source.topicName())
        {
            properties.put(ORIGINAL_SUBSCRIPTION, source.name());
        }
        if (0 != original.expirationMs())
        {
            properties.put(ORIGINAL_EXPIRATION, original.expirationMs());
        }
        properties.put(REASON, reason);
        properties.put(TIME, nowMs);
        properties.put(DELIVERY_COUNT, entry.deliveryCount());
        if (!lastConsumer.isEmpty())
        {
            properties.put(LAST_CONSUMER, lastConsumer);
        }
        // The copy never expires: a dead letter stays until someone deals with it.
        enqueue(target, rewriter.rewrite(
            original, nextMessageId(), targetName, DestinationType.QUEUE, properties, true));
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

    private int releaseDue()
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
        final int workCount = scanForExpired() + requestPages();
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

    private int scanForExpired()
    {
        if (!scanning)
        {
            if (nowMs - nextScanMs < 0 || stores.isEmpty())
            {
                return 0;
            }
            scanning = true;
            scanIndex = 0;
            stores.get(0).startExpiryScan();
        }
        int budget = EXPIRY_SCAN_BUDGET;
        while (budget > 0 && scanIndex < stores.size())
        {
            final MessageQueue queue = stores.get(scanIndex);
            budget -= queue.scanExpired(nowMs, budget, expired);
            if (queue.isExpiryScanComplete())
            {
                scanIndex++;
                if (scanIndex < stores.size())
                {
                    stores.get(scanIndex).startExpiryScan();
                }
            }
        }
        if (scanIndex >= stores.size())
        {
            scanning = false;
            nextScanMs = nowMs + expiryScanIntervalMs;
        }
        return EXPIRY_SCAN_BUDGET - budget + expireCollected();
    }

    private int expireCollected()
    {
        final int count = expired.size();
        for (int i = 0; i < count; i++)
        {
            expire(expired.get(i));
        }
        expired.clear();
        return count;
    }

    /**
     * @return true if the queue has messages paged out that will come into memory without anyone consuming: a page
     * is on its way, or there is room for one.
     */
    boolean willPageIn(final MessageQueue queue)
    {
        return queue.pagedCount() > 0 &&
            (queue.isPageRequested() || queue.depth() + queue.scheduledCount() < pagingWindow / 2);
    }

    private int requestPages()
    {
        int requested = 0;
        for (int i = 0, size = stores.size(); i < size; i++)
        {
            final MessageQueue queue = stores.get(i);
            if (queue.pagedCount() > 0 && !queue.isPageRequested() &&
                queue.depth() + queue.scheduledCount() < pagingWindow / 2)
            {
                queue.pageRequested(true);
                durability.readPage(queue.journalName(), queue.pageCursor(), Math.max(1, pagingWindow / 2));
                requested++;
            }
        }
        return requested;
    }

    void onPage(final String journalName, final List<StoredReference> references)
    {
        final MessageQueue queue = byJournalName.get(journalName);
        if (null == queue)
        {
            return;
        }
        if (references.isEmpty())
        {
            queue.clearPaged();
            return;
        }
        for (final StoredReference reference : references)
        {
            addStored(queue, reference, 0);
        }
        queue.onPagedIn(references.size(), references.get(references.size() - 1).sequence());
        markDirty(queue);
    }

    private void addStored(final MessageQueue queue, final StoredReference reference, final int extraDeliveries)
    {
        final BrokerMessage message;
        try
        {
            message = BrokerMessage.decode(reference.messageId(), new UnsafeBuffer(reference.payload()), 0,
                reference.payload().length);
        }
        catch (final IllegalArgumentException ex)
        {
            // Never written by this broker in that form: keep it in the journal for inspection, skip it here.
            return;
        }
        message.markStored();
        final boolean invisible = message.deliveryTimeMs() - nowMs > 0;
        final QueueEntry entry = queue.addRecovered(
            message, reference.sequence(), reference.deliveryCount() + extraDeliveries, invisible);
        if (invisible)
        {
            schedule(entry, message.deliveryTimeMs());
        }
    }

    /**
     * Recovery, step one: destinations and the message id counter. Returns the durable subscriptions, which the
     * engine re-creates through {@link #createDurableSubscription} while {@link #recovering(boolean)} is on.
     */
    List<DurableSubscription> recoverDestinations(final RecoverySource store)
    {
        nextMessageId = Math.max(nextMessageId, store.readLastMessageId() + 1);
        for (final Destination destination : store.readDestinations())
        {
            if (destination.type() == io.aeolus.store.DestinationType.QUEUE)
            {
                if (!queues.containsKey(destination.name()))
                {
                    createQueue(destination.name(), DestinationType.QUEUE);
                }
            }
            else if (!topics.containsKey(destination.name()))
            {
                createTopic(destination.name(), DestinationType.TOPIC);
            }
        }
        for (final String name : store.readPausedQueues())
        {
            final MessageQueue queue = queues.get(name);
            if (null != queue)
            {
                queue.paused(true);
            }
        }
        return store.readDurableSubscriptions();
    }

    /**
     * Recovery, step two: each journaled queue gets back its first window of messages, in order; the rest stays
     * paged out. After a crash, what was in memory may have been delivered, so each recovered message counts one
     * more delivery (JMS: JMSRedelivered where it may have been delivered before).
     *
     * @return messages recovered into memory.
     */
    long recoverMessages(final RecoverySource store, final boolean crashed)
    {
        long recovered = 0;
        for (final MessageQueue queue : new ArrayList<>(stores))
        {
            final String journalName = queue.journalName();
            if (null == journalName)
            {
                continue;
            }
            final long total = store.readReferenceCount(journalName);
            final List<StoredReference> references = store.readReferences(journalName, -1, pagingWindow);
            long lastSequence = -1;
            for (final StoredReference reference : references)
            {
                addStored(queue, reference, crashed ? 1 : 0);
                lastSequence = reference.sequence();
            }
            queue.recovered(store.readLastSequence(journalName) + 1, total - references.size(), lastSequence);
            recovered += references.size();
            markDirty(queue);
        }
        return recovered;
    }

    void recovering(final boolean recovering)
    {
        this.recovering = recovering;
    }

    /**
     * What the journal records of a durable subscription besides its queue.
     *
     * @param clientId         the subscriber's client id, empty if none.
     * @param subscriptionName the subscription's name.
     * @param noLocal          whether it skips its own connection's messages.
     * @param shared           whether consumers share it.
     */
    record DurableSubscriptionInfo(String clientId, String subscriptionName, boolean noLocal, boolean shared)
    {
    }

    private void removeStore(final MessageQueue queue)
    {
        final int index = stores.indexOf(queue);
        if (index < 0)
        {
            return;
        }
        stores.remove(index);
        dirty.remove(queue);
        if (scanning && index < scanIndex)
        {
            scanIndex--;
        }
        else if (scanning && index == scanIndex && scanIndex < stores.size())
        {
            stores.get(scanIndex).startExpiryScan();
        }
    }
}
