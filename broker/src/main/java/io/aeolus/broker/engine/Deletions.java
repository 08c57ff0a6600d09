package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.Topic;
import io.aeolus.store.Destination;
import io.aeolus.store.JournalCommand;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;

/**
 * Administrative and end-of-life changes to destinations: pause and resume, deleting queues, topics and what they
 * hold, discarding single entries, forgetting a queue that went away. Part of {@link Destinations}, whose state it
 * changes; each change that must survive a restart is journaled here.
 */
final class Deletions
{
    private final Destinations d;

    Deletions(final Destinations destinations)
    {
        this.d = destinations;
    }

    /**
     * Pauses or resumes a queue's deliveries; a queue's pause is journaled, so it outlives a restart. Journal hook.
     */
    void pause(final MessageQueue queue, final boolean paused)
    {
        queue.paused(paused);
        if (queue.destinationType() == DestinationType.QUEUE && null != queue.journalName())
        {
            d.append(new JournalCommand.PauseDestination(
                new Destination(queue.name(), io.aeolus.store.DestinationType.QUEUE), paused));
        }
        if (!paused)
        {
            d.markDirty(queue);
        }
    }

    /**
     * Deletes a queue and the messages waiting in it (temporary queue deleted).
     */
    void deleteQueue(final String name)
    {
        final MessageQueue queue = d.queues.remove(name);
        d.settings.forget(name, false);
        d.retention.drop(Retention.queueKey(name));
        if (null != queue)
        {
            queue.purge(d.scheduler);
            removeStore(queue);
        }
    }

    /**
     * Deletes a topic and its subscriptions (temporary topic deleted).
     */
    void deleteTopic(final String name)
    {
        final Topic topic = d.topics.remove(name);
        d.settings.forget(name, true);
        if (null != topic)
        {
            d.wildcardTopics.remove(topic);
        }
        if (null != topic)
        {
            for (final MessageQueue subscription : new ArrayList<>(topic.subscriptions()))
            {
                d.deleteSubscription(subscription);
            }
        }
    }

    /**
     * Removes a waiting entry for good at an administrator's request (purge, delete, move). Journal hook.
     */
    void discard(final QueueEntry entry)
    {
        d.scheduler.cancel(entry);
        entry.queue().discard(entry);
        d.forget(entry);
    }

    /**
     * Removes for good a message paged out to the journal at an administrator's request: its reference goes from
     * the journal, and the queue counts one message less paged out. The caller checked that it is still paged out
     * and that no page is on its way. Journal hook.
     */
    void discardPagedOut(final MessageQueue queue, final BrokerMessage message)
    {
        d.append(new JournalCommand.RemoveReference(queue.journalName(), message.messageId()));
        queue.removePagedOut();
    }

    /**
     * Deletes a queue or topic an administrator named, with what it holds; the caller checked that no consumer
     * uses it. Journal hook.
     */
    void deleteDestination(final String name, final boolean topic)
    {
        d.durability.beginGroup();
        try
        {
            deleteDestinationJournaled(name, topic);
        }
        finally
        {
            d.durability.endGroup();
        }
    }

    void deleteDestinationJournaled(final String name, final boolean topic)
    {
        if (topic)
        {
            deleteTopic(name);
        }
        else
        {
            final MessageQueue queue = d.queues.get(name);
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
                d.append(new JournalCommand.DeleteDurableSubscription(queue.journalName()));
                d.byJournalName.remove(queue.journalName());
            }
        }
        d.append(new JournalCommand.DeleteDestination(new Destination(name,
            topic ? io.aeolus.store.DestinationType.TOPIC : io.aeolus.store.DestinationType.QUEUE)));
    }

    void removeStore(final MessageQueue queue)
    {
        final int index = d.stores.indexOf(queue);
        if (index < 0)
        {
            return;
        }
        d.stores.remove(index);
        d.lastValues.forget(queue);
        d.dirty.remove(queue);
        d.expiryScan.onRemoved(index, d.stores);
    }
}
