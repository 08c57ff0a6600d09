package io.aeolus.broker.destination;

import io.aeolus.broker.selector.Selector;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * An ordered store of messages with competing consumers: a queue, or one subscription of a topic.
 * <p>
 * Available messages wait in one FIFO per priority (9 first). Dispatch gives each message to the next consumer,
 * round-robin, that has credit and whose selector accepts it; a message no consumer accepts stays for later ones.
 * A message of a group (JMSXGroupID) goes only to the consumer its group is bound to, the first one that took a
 * message of the group, for as long as that consumer lives. Messages taken back from consumers (close, recover,
 * rollback) and messages released by their timer return to their original place by arrival order. Messages waiting
 * for a delivery time or a redelivery delay sit in a separate scheduled list and are invisible to consumers and
 * browsers. The queue counts the bytes of every message it holds (available, scheduled or in flight) for its
 * memory limit. Owned by the conductor thread.
 */
public final class MessageQueue
{
    private static final int PRIORITIES = 10;

    private final String name;
    private final String topicName;
    private final DestinationType destinationType;
    private DestinationPolicy policy;
    private final EntryList[] available = new EntryList[PRIORITIES];
    private final EntryList scheduled = new EntryList();
    private final ArrayList<Consumer> consumers = new ArrayList<>();
    private final HashMap<String, Consumer> groupConsumers = new HashMap<>();
    private final MessageSelectorSource selectorSource = new MessageSelectorSource();
    private Selector filter = Selector.MATCH_ALL;
    private long noLocalConnectionId;
    private boolean noLocal;
    private boolean deadLetterQueue;
    private boolean retentionTap;
    private boolean paused;
    private int nextConsumer;
    private long nextSequence;
    private String journalName;
    private long pagedCount;
    private long pageCursor = -1;
    private boolean pageRequested;
    private int availableCount;
    private int inFlightCount;
    private long heldBytes;
    private long enqueuedCount;
    private long acknowledgedCount;
    private long expiredCount;
    private long deadLetteredCount;
    private int scanPriority = -1;

    /**
     * @param name            the queue's name, or the subscription's name.
     * @param topicName       for a subscription, its topic; null for a queue.
     * @param destinationType the type of the queue, or of the subscription's topic.
     * @param policy          the settings of the queue, or of the subscription's topic.
     */
    public MessageQueue(
        final String name,
        final String topicName,
        final DestinationType destinationType,
        final DestinationPolicy policy)
    {
        this.name = name;
        this.topicName = topicName;
        this.destinationType = destinationType;
        this.policy = policy;
        for (int i = 0; i < PRIORITIES; i++)
        {
            available[i] = new EntryList();
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
     * Records whether a durable subscription was created with noLocal, which a subscriber must ask for too to reuse
     * it (JMS 6.11.1: one that asks otherwise replaces it).
     *
     * @param noLocal the subscription's noLocal.
     * @return this.
     */
    public MessageQueue noLocal(final boolean noLocal)
    {
        this.noLocal = noLocal;
        return this;
    }

    /**
     * @return whether the subscription was created with noLocal.
     */
    public boolean isNoLocal()
    {
        return noLocal;
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
     * @return the name of the destination its messages were sent to: the queue, or the subscription's topic.
     */
    public String destinationName()
    {
        return null == topicName ? name : topicName;
    }

    /**
     * @return the type of the queue, or of the subscription's topic.
     */
    public DestinationType destinationType()
    {
        return destinationType;
    }

    /**
     * @return the settings in force.
     */
    public DestinationPolicy policy()
    {
        return policy;
    }

    /**
     * Changes the settings in force: an administrator changed the queue's (or the subscription's topic's). What is
     * already waiting stays; each setting applies from its next use (the next send's memory check, the next failed
     * delivery, the next expiry).
     *
     * @param policy the new settings.
     */
    public void policy(final DestinationPolicy policy)
    {
        this.policy = policy;
    }

    /**
     * @return true for a queue the broker moves dead letters or expired messages to: its own messages are never
     * dead-lettered again, however often their delivery fails.
     */
    public boolean isDeadLetterQueue()
    {
        return deadLetterQueue;
    }

    /**
     * Marks the queue as one the broker moves dead letters or expired messages to.
     */
    public void markDeadLetterQueue()
    {
        deadLetterQueue = true;
    }

    /**
     * @return true if this is no subscription but the place in its topic's subscriptions where a topic with
     * retention takes every message published into its retention log; it never holds a message itself.
     */
    public boolean isRetentionTap()
    {
        return retentionTap;
    }

    /**
     * Marks this subscription as a topic's retention tap ({@link #isRetentionTap()}).
     *
     * @return this.
     */
    public MessageQueue markRetentionTap()
    {
        retentionTap = true;
        return this;
    }

    /**
     * @return true while an administrator holds back its deliveries: sends are accepted and browsers see the
     * messages, but no consumer is given one until it is resumed.
     */
    public boolean isPaused()
    {
        return paused;
    }

    /**
     * Holds back or resumes deliveries. The caller dispatches the queue after a resume.
     *
     * @param paused true to hold deliveries back, false to resume them.
     */
    public void paused(final boolean paused)
    {
        this.paused = paused;
    }

    /**
     * The JMSTimestamp of the oldest message available for delivery: the earliest among the first message of each
     * priority (within a priority, messages wait in arrival order). Messages sent with timestamps disabled are not
     * counted. Allocates nothing; for management.
     *
     * @return ms since the epoch, or 0 if no available message has a timestamp.
     */
    public long oldestTimestampMs()
    {
        long oldestMs = 0;
        for (int priority = 0; priority < PRIORITIES; priority++)
        {
            final QueueEntry head = available[priority].head();
            if (null != head)
            {
                final long timestampMs = head.message.timestampMs();
                if (timestampMs > 0 && (0 == oldestMs || timestampMs < oldestMs))
                {
                    oldestMs = timestampMs;
                }
            }
        }
        return oldestMs;
    }

    /**
     * @return messages waiting to be delivered.
     */
    public int depth()
    {
        return availableCount;
    }

    /**
     * @return messages waiting for a delivery time or a redelivery delay.
     */
    public int scheduledCount()
    {
        return scheduled.size();
    }

    /**
     * @return messages delivered and not yet acknowledged.
     */
    public int inFlightCount()
    {
        return inFlightCount;
    }

    /**
     * @return bytes of the messages held: available, scheduled and in flight.
     */
    public long heldBytes()
    {
        return heldBytes;
    }

    /**
     * @return true if the queue holds as many bytes as its memory limit allows, or more.
     */
    public boolean isOverMemoryLimit()
    {
        return policy.isOverMemoryLimit(heldBytes);
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
     * @return messages removed because they expired.
     */
    public long expiredCount()
    {
        return expiredCount;
    }

    /**
     * @return messages removed because their delivery failed too often.
     */
    public long deadLetteredCount()
    {
        return deadLetteredCount;
    }

    /**
     * @return the attached consumers (browsers excluded).
     */
    public List<Consumer> consumers()
    {
        return consumers;
    }

    /**
     * @param groupId a message group.
     * @return the consumer the group is bound to, or null.
     */
    public Consumer groupConsumer(final String groupId)
    {
        return groupConsumers.get(groupId);
    }

    /**
     * Makes this a queue whose persistent messages are journaled, under the given name.
     *
     * @param journalName the name of its references in the journal.
     * @return this.
     */
    public MessageQueue journalName(final String journalName)
    {
        this.journalName = journalName;
        return this;
    }

    /**
     * @return the name of its references in the journal, or null if nothing of it is journaled.
     */
    public String journalName()
    {
        return journalName;
    }

    /**
     * @param message a message of this queue.
     * @return true if the message's place in this queue is journaled.
     */
    public boolean isJournaled(final BrokerMessage message)
    {
        return null != journalName && message.isPersistent();
    }

    /**
     * @return persistent messages held only in the journal (paged out), not in memory.
     */
    public long pagedCount()
    {
        return pagedCount;
    }

    /**
     * @return the sequence the next message will get: every message the queue holds now, in memory or paged out, has
     * a lower one.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @return the sequence after which paged-out messages start.
     */
    public long pageCursor()
    {
        return pageCursor;
    }

    /**
     * @return true while a page has been asked for and not yet arrived.
     */
    public boolean isPageRequested()
    {
        return pageRequested;
    }

    /**
     * @param requested whether a page is on its way.
     */
    public void pageRequested(final boolean requested)
    {
        pageRequested = requested;
    }

    /**
     * Records a message kept only in the journal: it takes the next place in the queue without being held here.
     *
     * @return the sequence of its place.
     */
    public long pageOut()
    {
        if (0 == pagedCount)
        {
            pageCursor = nextSequence - 1;
        }
        pagedCount++;
        enqueuedCount++;
        return nextSequence++;
    }

    /**
     * Records that paged-out messages up to a sequence are back in memory.
     *
     * @param count        how many came back.
     * @param lastSequence the sequence of the last one.
     */
    public void onPagedIn(final long count, final long lastSequence)
    {
        pagedCount = Math.max(0, pagedCount - count);
        pageCursor = lastSequence;
        pageRequested = false;
    }

    /**
     * Records that one paged-out message was removed from the journal (an administrator deleted or moved it).
     */
    public void removePagedOut()
    {
        pagedCount = Math.max(0, pagedCount - 1);
    }

    /**
     * Forgets paged-out messages the journal no longer has.
     */
    public void clearPaged()
    {
        pagedCount = 0;
        pageRequested = false;
    }

    /**
     * Sets where the next message goes and how many wait in the journal, at recovery.
     *
     * @param nextSequence the next free sequence.
     * @param pagedCount   messages left in the journal.
     * @param pageCursor   the last sequence loaded.
     */
    public void recovered(final long nextSequence, final long pagedCount, final long pageCursor)
    {
        this.nextSequence = Math.max(this.nextSequence, nextSequence);
        this.pagedCount = pagedCount;
        this.pageCursor = pageCursor;
        this.enqueuedCount += pagedCount;
    }

    /**
     * Adds a message read back from the journal at its original place, with its delivery count.
     *
     * @param message       the message.
     * @param sequence      its place.
     * @param deliveryCount deliveries it already had.
     * @param invisible     true to keep it invisible until the caller releases it (delivery time not reached).
     * @return its entry.
     */
    public QueueEntry addRecovered(
        final BrokerMessage message, final long sequence, final int deliveryCount, final boolean invisible)
    {
        heldBytes += message.encodedLength();
        enqueuedCount++;
        nextSequence = Math.max(nextSequence, sequence + 1);
        // The journal keeps no enqueue time: the message's JMSTimestamp is the nearest known.
        final QueueEntry entry = new QueueEntry(message, this, sequence, message.timestampMs());
        entry.deliveryCount = deliveryCount;
        if (invisible)
        {
            scheduled.addLast(entry);
        }
        else
        {
            available[message.priority()].addLast(entry);
            availableCount++;
        }
        return entry;
    }

    /**
     * Adds a message at the tail of its priority, visible at once.
     *
     * @param message    the message.
     * @param enqueuedMs the time, ms since the epoch.
     * @return its entry.
     */
    public QueueEntry add(final BrokerMessage message, final long enqueuedMs)
    {
        final QueueEntry entry = newEntry(message, enqueuedMs);
        available[message.priority()].addLast(entry);
        availableCount++;
        return entry;
    }

    /**
     * Adds a message that stays invisible until {@link #release(QueueEntry)}: its timer is the caller's.
     *
     * @param message    the message.
     * @param enqueuedMs the time, ms since the epoch.
     * @return its entry.
     */
    public QueueEntry addScheduled(final BrokerMessage message, final long enqueuedMs)
    {
        final QueueEntry entry = newEntry(message, enqueuedMs);
        scheduled.addLast(entry);
        return entry;
    }

    /**
     * Puts an entry taken back from a consumer into the scheduled list (redelivery delay).
     *
     * @param entry an entry of this queue held nowhere.
     */
    public void hold(final QueueEntry entry)
    {
        scheduled.addLast(entry);
    }

    /**
     * Makes an entry visible in its original place: one taken back from a consumer, or a scheduled one whose time
     * has come.
     *
     * @param entry an entry of this queue, scheduled or held nowhere.
     */
    public void release(final QueueEntry entry)
    {
        if (entry.list == scheduled)
        {
            scheduled.remove(entry);
        }
        available[entry.message.priority()].insertInOrder(entry);
        availableCount++;
    }

    /**
     * Removes an entry for good (expired, dead-lettered, dropped), wherever it waits; not one in flight.
     *
     * @param entry   an entry of this queue, available, scheduled or held nowhere.
     * @param expired true if it is removed because it expired, false because its delivery failed too often.
     */
    public void remove(final QueueEntry entry, final boolean expired)
    {
        final EntryList list = entry.list;
        if (null != list)
        {
            list.remove(entry);
            if (list != scheduled)
            {
                availableCount--;
            }
        }
        heldBytes -= entry.message.encodedLength();
        if (expired)
        {
            expiredCount++;
        }
        else
        {
            deadLetteredCount++;
        }
    }

    /**
     * Attaches a consumer.
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
     * Detaches a consumer and unbinds its message groups, which go to other consumers from now on. What it holds
     * unacknowledged must be taken back first.
     *
     * @param consumer the consumer.
     */
    public void removeConsumer(final Consumer consumer)
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
        groupConsumers.values().removeIf((bound) -> bound == consumer);
    }

    /**
     * Takes back a consumer's unacknowledged deliveries (recover, rollback, close). The entries are held nowhere
     * until the caller releases, holds or removes each.
     *
     * @param consumer               the consumer.
     * @param lastConsumedDeliveryId deliveries after this one never reached the application.
     * @return the entries, in delivery order.
     */
    public List<QueueEntry> takeBack(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        final List<QueueEntry> entries = consumer.takeBackUnacknowledged(lastConsumedDeliveryId);
        inFlightCount -= entries.size();
        return entries;
    }

    /**
     * Puts back what a stopped connection's consumer had been sent but had not handed to the application, where it
     * was, not counted as a delivery (JMS 6.1.5: messages stay available to consumers of started connections). The
     * caller marks the queue dirty.
     *
     * @param consumer               the consumer of a stopped connection.
     * @param lastConsumedDeliveryId the last delivery its application consumed.
     * @return the entries that came back.
     */
    public List<QueueEntry> releaseUnconsumed(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        final List<QueueEntry> entries = consumer.takeBackUnconsumed(lastConsumedDeliveryId);
        inFlightCount -= entries.size();
        // Latest first, as taken, so that each usually goes to the head of its priority in one step.
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            release(entries.get(i));
        }
        return entries;
    }

    /**
     * Takes a waiting entry out of dispatch for a prepared XA branch that acknowledges it (restart, page-in): it
     * counts as in flight until the branch ends with {@link #onAcknowledged} or {@link #releaseFromTransaction}.
     * The caller cancels its timer if it is scheduled.
     *
     * @param entry an entry of this queue, available or scheduled.
     */
    public void holdForTransaction(final QueueEntry entry)
    {
        final EntryList list = entry.list;
        if (null != list)
        {
            list.remove(entry);
            if (list != scheduled)
            {
                availableCount--;
            }
        }
        inFlightCount++;
    }

    /**
     * An entry an XA branch held (acknowledged, not committed) is no longer in flight: the branch rolled back. The
     * caller releases, holds or dead-letters it.
     *
     * @param entry an entry of this queue held by a transaction.
     */
    public void releaseFromTransaction(final QueueEntry entry)
    {
        inFlightCount--;
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
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            heldBytes -= entries.get(i).message.encodedLength();
        }
    }

    /**
     * Delivers available messages to consumers with credit, unless the queue is paused. Expired messages met on the
     * way are removed and handed to the caller, never delivered.
     *
     * @param nowMs   the conductor's epoch time, for expiry.
     * @param limit   the most messages to deliver in this call.
     * @param expired receives the entries removed because they expired.
     * @return the number delivered.
     */
    public int dispatch(final long nowMs, final int limit, final List<QueueEntry> expired)
    {
        if (paused || consumers.isEmpty() || availableCount == 0)
        {
            return 0;
        }
        int delivered = 0;
        for (int priority = PRIORITIES - 1; priority >= 0 && delivered < limit; priority--)
        {
            QueueEntry entry = available[priority].head();
            while (null != entry && delivered < limit)
            {
                final QueueEntry next = entry.next;
                if (entry.message.isExpired(nowMs))
                {
                    remove(entry, true);
                    expired.add(entry);
                }
                else
                {
                    final Consumer consumer = pickConsumer(entry);
                    if (null != consumer)
                    {
                        deliver(entry, consumer);
                        delivered++;
                    }
                    else if (!anyConsumerCanTake())
                    {
                        return delivered;
                    }
                }
                entry = next;
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
            for (QueueEntry entry = available[priority].head(); null != entry; entry = entry.next)
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
     * Starts a pass of the expiry scan at the head of the highest priority.
     */
    public void startExpiryScan()
    {
        scanPriority = PRIORITIES - 1;
        available[scanPriority].startScan();
    }

    /**
     * @return true once the pass started by {@link #startExpiryScan()} has examined every available message.
     */
    public boolean isExpiryScanComplete()
    {
        return scanPriority < 0;
    }

    /**
     * Continues the expiry scan: examines up to {@code budget} available messages from where it stopped, removing
     * the expired ones.
     *
     * @param nowMs   the conductor's epoch time.
     * @param budget  the most messages to examine.
     * @param expired receives the entries removed because they expired.
     * @return the number of messages examined.
     */
    public int scanExpired(final long nowMs, final int budget, final List<QueueEntry> expired)
    {
        int examined = 0;
        while (scanPriority >= 0 && examined < budget)
        {
            final QueueEntry entry = available[scanPriority].nextScanned();
            if (null == entry)
            {
                scanPriority--;
                if (scanPriority >= 0)
                {
                    available[scanPriority].startScan();
                }
                continue;
            }
            examined++;
            if (entry.message.isExpired(nowMs))
            {
                remove(entry, true);
                expired.add(entry);
            }
        }
        return examined;
    }

    /**
     * Removes every message waiting in the queue, available or scheduled (purge, subscription deleted), stopping
     * the timers of the scheduled ones.
     *
     * @param scheduler the scheduler holding their timers.
     * @return how many were removed.
     */
    public int purge(final DeliveryScheduler scheduler)
    {
        final int removed = availableCount + scheduled.size();
        for (final EntryList list : available)
        {
            removeAll(list, null);
        }
        removeAll(scheduled, scheduler);
        availableCount = 0;
        return removed;
    }

    /**
     * The messages waiting in the queue (not in flight): the available ones in dispatch order, then the scheduled
     * ones. A snapshot for management (browse, move, delete); allocates, never on the dispatch path.
     *
     * @return the entries.
     */
    public List<QueueEntry> waitingEntries()
    {
        final ArrayList<QueueEntry> entries = new ArrayList<>(availableCount + scheduled.size());
        for (int priority = PRIORITIES - 1; priority >= 0; priority--)
        {
            for (QueueEntry entry = available[priority].head(); null != entry; entry = entry.next)
            {
                entries.add(entry);
            }
        }
        for (QueueEntry entry = scheduled.head(); null != entry; entry = entry.next)
        {
            entries.add(entry);
        }
        return entries;
    }

    /**
     * @param entry    an entry of this queue.
     * @param selector the selector to evaluate.
     * @return true if the entry's message matches the selector.
     */
    public boolean matches(final QueueEntry entry, final Selector selector)
    {
        return selector == Selector.MATCH_ALL || selector.matches(selectorSource.wrap(entry));
    }

    /**
     * Removes a waiting entry for good at an administrator's request (purge, delete, move): counted as neither
     * expired nor dead-lettered. The caller cancels its timer if it is scheduled.
     *
     * @param entry an entry of this queue, available or scheduled.
     */
    public void discard(final QueueEntry entry)
    {
        final EntryList list = entry.list;
        if (null != list)
        {
            list.remove(entry);
            if (list != scheduled)
            {
                availableCount--;
            }
        }
        heldBytes -= entry.message.encodedLength();
    }

    private void removeAll(final EntryList list, final DeliveryScheduler scheduler)
    {
        for (QueueEntry entry = list.head(); null != entry; entry = list.head())
        {
            if (null != scheduler)
            {
                scheduler.cancel(entry);
            }
            list.remove(entry);
            heldBytes -= entry.message.encodedLength();
        }
    }

    private QueueEntry newEntry(final BrokerMessage message, final long enqueuedMs)
    {
        heldBytes += message.encodedLength();
        enqueuedCount++;
        return new QueueEntry(message, this, nextSequence++, enqueuedMs);
    }

    private void deliver(final QueueEntry entry, final Consumer consumer)
    {
        available[entry.message.priority()].remove(entry);
        availableCount--;
        inFlightCount++;
        consumer.deliver(entry);
        final String groupId = entry.message.groupId();
        if (null != groupId && entry.message.closesGroup())
        {
            groupConsumers.remove(groupId);
        }
    }

    private Consumer pickConsumer(final QueueEntry entry)
    {
        final String groupId = entry.message.groupId();
        if (null != groupId)
        {
            final Consumer bound = groupConsumers.get(groupId);
            if (null != bound)
            {
                // JMS groups: only the bound consumer may take it, so the group's messages stay in order.
                return bound.canTake() && accepts(bound, entry) ? bound : null;
            }
        }
        final int count = consumers.size();
        for (int i = 0; i < count; i++)
        {
            final int index = (nextConsumer + i) % count;
            final Consumer consumer = consumers.get(index);
            if (consumer.canTake() && accepts(consumer, entry))
            {
                nextConsumer = (index + 1) % count;
                if (null != groupId)
                {
                    groupConsumers.put(groupId, consumer);
                }
                return consumer;
            }
        }
        return null;
    }

    private boolean accepts(final Consumer consumer, final QueueEntry entry)
    {
        return consumer.hasSelector() ?
            consumer.accepts(entry, selectorSource.wrap(entry)) : consumer.acceptsWithoutSelector(entry);
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

    EntryList scheduledList()
    {
        return scheduled;
    }

    /**
     * For an engine snapshot: the scalar state, in the order {@link #restoreState(long[])} takes it. Allocates.
     */
    long[] snapshotState()
    {
        return new long[]{ noLocalConnectionId, noLocal ? 1 : 0, deadLetterQueue ? 1 : 0, paused ? 1 : 0,
            nextConsumer, nextSequence, pagedCount, pageCursor, pageRequested ? 1 : 0, availableCount, inFlightCount,
            heldBytes, enqueuedCount, acknowledgedCount, expiredCount, deadLetteredCount, scanPriority };
    }

    /**
     * Restores what {@link #snapshotState()} gave, on a queue restored from a snapshot, before its entries are
     * linked in.
     */
    void restoreState(final long[] state)
    {
        noLocalConnectionId = state[0];
        noLocal = state[1] != 0;
        deadLetterQueue = state[2] != 0;
        paused = state[3] != 0;
        nextConsumer = (int)state[4];
        nextSequence = state[5];
        pagedCount = state[6];
        pageCursor = state[7];
        pageRequested = state[8] != 0;
        availableCount = (int)state[9];
        inFlightCount = (int)state[10];
        heldBytes = state[11];
        enqueuedCount = state[12];
        acknowledgedCount = state[13];
        expiredCount = state[14];
        deadLetteredCount = state[15];
        scanPriority = (int)state[16];
    }

    HashMap<String, Consumer> groupBindings()
    {
        return groupConsumers;
    }

    EntryList availableList(final int priority)
    {
        return available[priority];
    }
}
