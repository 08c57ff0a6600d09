package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationOverrides;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.store.Destination;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.StoredReference;
import io.aeolus.store.StoredSettings;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Paging and recovery: a journaled queue keeps a window of its messages in memory and asks the durable store for
 * the next page when it runs low; at start, destinations, subscriptions and the first window of each queue come back
 * from a {@link RecoverySource}. Part of {@link Destinations}, whose state it changes.
 */
final class Paging
{
    private final Destinations d;

    Paging(final Destinations destinations)
    {
        this.d = destinations;
    }

    /**
     * @return true if the queue has messages paged out that will come into memory without anyone consuming: a page
     * is on its way, or there is room for one.
     */
    boolean willPageIn(final MessageQueue queue)
    {
        return queue.pagedCount() > 0 &&
            (queue.isPageRequested() || queue.depth() + queue.scheduledCount() < d.pagingWindow / 2);
    }

    int requestPages()
    {
        int requested = 0;
        for (int i = 0, size = d.stores.size(); i < size; i++)
        {
            final MessageQueue queue = d.stores.get(i);
            if (queue.pagedCount() > 0 && !queue.isPageRequested() &&
                queue.depth() + queue.scheduledCount() < d.pagingWindow / 2)
            {
                queue.pageRequested(true);
                d.durability.readPage(queue.journalName(), queue.pageCursor(), Math.max(1, d.pagingWindow / 2));
                requested++;
            }
        }
        return requested;
    }

    /**
     * Reads a page of a queue's journaled references for a browse or a scan, leaving them where they are: the
     * {@code skip}th to {@code skip + limit}th after a sequence, in queue order. Answered at once with an empty page
     * if the queue is not journaled, else when the store answers.
     *
     * @param queue         the queue.
     * @param afterSequence exclusive lower bound: the page cursor for the first paged-out message.
     * @param skip          references after it to pass over.
     * @param limit         most references.
     * @param onPage        given the page, or null and why the store failed.
     */
    void browsePagedOut(final MessageQueue queue, final long afterSequence, final long skip, final int limit,
        final BiConsumer<List<StoredReference>, String> onPage)
    {
        if (null == queue.journalName())
        {
            onPage.accept(List.of(), null);
            return;
        }
        d.durability.readBrowsePage(queue.journalName(), afterSequence, skip, limit, onPage);
    }

    void onPage(final String journalName, final List<StoredReference> references)
    {
        final MessageQueue queue = d.byJournalName.get(journalName);
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
        d.markDirty(queue);
    }

    void addStored(final MessageQueue queue, final StoredReference reference, final int extraDeliveries)
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
        final boolean invisible = message.deliveryTimeMs() - d.nowMs > 0;
        final QueueEntry entry = queue.addRecovered(
            message, reference.sequence(), reference.deliveryCount() + extraDeliveries, invisible);
        if (invisible)
        {
            d.schedule(entry, message.deliveryTimeMs());
        }
        if (d.transactionLocks.test(entry))
        {
            // A prepared XA branch acknowledged it before the restart: nobody else may have it until it resolves.
            d.scheduler.cancel(entry);
            queue.holdForTransaction(entry);
        }
    }

    /**
     * Recovery, step one: destinations and the message id counter. Returns the durable subscriptions, which the
     * engine re-creates through {@link Destinations#createDurableSubscription}
     * while {@link Destinations#recovering(boolean)} is on.
     */
    List<DurableSubscription> recoverDestinations(final RecoverySource store)
    {
        d.nextMessageId = Math.max(d.nextMessageId, store.readLastMessageId() + 1);
        for (final StoredSettings stored : store.readSettings())
        {
            final boolean topic = stored.destination().type() == io.aeolus.store.DestinationType.TOPIC;
            try
            {
                d.settings.restore(stored.destination().name(), topic, DestinationOverrides.parse(stored.settings()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("journal: the settings of " + (topic ? "topic" : "queue") + " '" +
                    stored.destination().name() + "' do not parse: " + ex.getMessage(), ex);
            }
        }
        for (final Destination destination : store.readDestinations())
        {
            if (destination.type() == io.aeolus.store.DestinationType.QUEUE)
            {
                if (!d.queues.containsKey(destination.name()))
                {
                    d.createQueue(destination.name(), DestinationType.QUEUE);
                }
            }
            else if (!d.topics.containsKey(destination.name()))
            {
                d.createTopic(destination.name(), DestinationType.TOPIC);
            }
        }
        for (final String name : store.readPausedQueues())
        {
            final MessageQueue queue = d.queues.get(name);
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
        for (final MessageQueue queue : new ArrayList<>(d.stores))
        {
            final String journalName = queue.journalName();
            if (null == journalName)
            {
                continue;
            }
            final long total = store.readReferenceCount(journalName);
            final List<StoredReference> references = store.readReferences(journalName, -1, d.pagingWindow);
            long lastSequence = -1;
            for (final StoredReference reference : references)
            {
                addStored(queue, reference, crashed ? 1 : 0);
                lastSequence = reference.sequence();
            }
            queue.recovered(store.readLastSequence(journalName) + 1, total - references.size(), lastSequence);
            recovered += references.size();
            d.markDirty(queue);
        }
        return recovered;
    }
}
