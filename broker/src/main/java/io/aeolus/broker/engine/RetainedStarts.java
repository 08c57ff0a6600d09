package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.StoredReplay;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriptions that start in the past, catching up on what their topic retains a slice at a time: at most
 * {@link EngineSettings#replayBatch()} retained messages per timer tick across every such subscription (and as many
 * at once when the subscription is made), so that a start from the earliest message of a large log never stalls the
 * engine's duty cycle.
 * <p>
 * Order and uniqueness: while a subscription catches up, the topic's routing passes it by
 * ({@link #isCatchingUp}): a message published meanwhile reaches the retention log first (its tap is the topic's
 * first subscription), after every message the subscription still has to take, so the subscription gets it from the
 * log in its turn. Once the cursor reaches the end of the log, the subscription is caught up and takes live messages
 * from the topic again. So it gets the retained messages in order, then the live ones, each once. A message the
 * window drops before the cursor reaches it is not given.
 * <p>
 * A journaled (durable) subscription's catch-up survives a restart: while one runs, its cursor is a row of the
 * replays table (state {@value #STATE}, the queue being the subscription's journal name), written in one journal
 * group with each slice's copies and deleted with the last one; recovery picks it up again. Engine snapshots carry
 * the cursors ({@link RetentionSnapshot}). Part of {@link Retention}; engine thread only.
 */
final class RetainedStarts
{
    /** The state of a replays-table row that is a subscription's catch-up rather than a replay. */
    static final String STATE = "start";

    private final Destinations d;
    private final int perTick;
    final ArrayList<Start> starts = new ArrayList<>();
    // order-free: looked up by subscription, never walked; the list above gives the order.
    private final Map<MessageQueue, Start> bySubscription = new IdentityHashMap<>();

    RetainedStarts(final Destinations destinations, final int perTick)
    {
        this.d = destinations;
        this.perTick = perTick;
    }

    /**
     * @param subscription a topic's subscription.
     * @return true if it is still catching up on retained messages, so routing must pass it by.
     */
    boolean isCatchingUp(final MessageQueue subscription)
    {
        return !starts.isEmpty() && bySubscription.containsKey(subscription);
    }

    /**
     * Starts a subscription at a retained message: gives it a first slice now, the rest on the next timer ticks.
     *
     * @param log          the topic's retention log.
     * @param subscription the subscription just made.
     * @param first        the index in the log of the first message to give.
     * @return messages given now.
     */
    int begin(final RetentionLog log, final MessageQueue subscription, final int first)
    {
        if (first >= log.size())
        {
            return 0;
        }
        final Start start = new Start(log.topicName, subscription, log.sequence(first), 0);
        final boolean journaled = isJournaled(subscription);
        if (journaled)
        {
            // The first slice's copies and the cursor that accounts for them commit together.
            d.durability.beginGroup();
        }
        try
        {
            step(start, perTick, log);
            if (!start.caughtUp)
            {
                add(start);
                if (journaled)
                {
                    start.journalId = d.replays.nextId++;
                    d.append(new JournalCommand.PutReplay(start.stored()));
                }
            }
        }
        finally
        {
            if (journaled)
            {
                d.durability.endGroup();
            }
        }
        return start.given;
    }

    /**
     * Gives the subscriptions catching up their next slices, at most the batch in all, oldest start first.
     *
     * @return retained messages passed over (given or not admitted).
     */
    int onTimer()
    {
        int budget = perTick;
        for (int i = 0; i < starts.size() && budget > 0; i++)
        {
            final Start start = starts.get(i);
            if (isBehind(start.subscription))
            {
                continue;
            }
            final RetentionLog log = d.retention.log(start.topic);
            if (start.journalId != 0)
            {
                d.durability.beginGroup();
            }
            try
            {
                final int done = step(start, budget, log);
                budget -= done;
                // A slice that waits for its page moves nothing: its cursor stands as journaled.
                if (start.journalId != 0 && (done > 0 || start.caughtUp))
                {
                    d.append(start.caughtUp ? new JournalCommand.DeleteReplay(start.journalId) :
                        new JournalCommand.PutReplay(start.stored()));
                }
            }
            finally
            {
                if (start.journalId != 0)
                {
                    d.durability.endGroup();
                }
            }
            if (start.caughtUp)
            {
                remove(i--);
            }
        }
        return perTick - budget;
    }

    /**
     * Forgets the catch-up of a subscription being deleted. Journal hook.
     */
    void forget(final MessageQueue subscription)
    {
        final Start start = bySubscription.get(subscription);
        if (null != start)
        {
            remove(starts.indexOf(start));
            if (start.journalId != 0)
            {
                d.append(new JournalCommand.DeleteReplay(start.journalId));
            }
        }
    }

    /**
     * Recovery: a journaled subscription's catch-up, as last committed; dropped (in the journal too) if its
     * subscription is gone.
     */
    void recover(final StoredReplay row)
    {
        final MessageQueue subscription = d.byJournalName.get(row.queue());
        if (null == subscription || !row.topic().equals(subscription.topicName()))
        {
            d.append(new JournalCommand.DeleteReplay(row.id()));
            return;
        }
        add(new Start(row.topic(), subscription, row.nextSequence(), row.id()));
    }

    /**
     * For a snapshot's restore.
     */
    void restore(final String topic, final MessageQueue subscription, final long nextSequence, final long journalId)
    {
        add(new Start(topic, subscription, nextSequence, journalId));
    }

    /**
     * For a snapshot's restore: forgets every catch-up.
     */
    void clear()
    {
        starts.clear();
        bySubscription.clear();
    }

    List<Start> list()
    {
        return starts;
    }

    /**
     * @return true if the subscription's consumers are behind: as many messages wait in memory as a slice gives, or it
     * holds its memory limit. Its next slice waits until they catch up, so that a slow consumer starting from the
     * earliest of a large log does not pull the whole log into memory.
     */
    private boolean isBehind(final MessageQueue subscription)
    {
        return subscription.depth() >= perTick || subscription.isOverMemoryLimit();
    }

    private boolean isJournaled(final MessageQueue subscription)
    {
        return null != subscription.journalName() && d.durability.isPersistent();
    }

    private void add(final Start start)
    {
        starts.add(start);
        bySubscription.put(start.subscription, start);
    }

    private void remove(final int index)
    {
        bySubscription.remove(starts.remove(index).subscription);
    }

    /**
     * Gives a subscription the retained messages from its cursor on, at most {@code budget} passed over.
     *
     * @return messages passed over (given, or expired or not admitted).
     */
    private int step(final Start start, final int budget, final RetentionLog log)
    {
        if (null == log)
        {
            // The topic retains no more (deleted): nothing left to give.
            start.caughtUp = true;
            return 0;
        }
        int index = log.indexOfSequence(start.nextSequence);
        int done = 0;
        for (; done < budget && index < log.size(); done++, index++)
        {
            if (!log.isExpired(index, d.nowMs))
            {
                final BrokerMessage message = log.read(index);
                if (null == message)
                {
                    // Held by reference and not in the page read last: its page is asked for at the end of the tick.
                    break;
                }
                if (start.subscription.admits(message))
                {
                    d.enqueue(start.subscription, message);
                    start.given++;
                }
            }
            start.nextSequence = log.sequence(index) + 1;
        }
        start.caughtUp = index >= log.size();
        return done;
    }

    /**
     * One subscription catching up: the sequence of the next retained message it takes.
     */
    static final class Start
    {
        final String topic;
        final MessageQueue subscription;
        long nextSequence;
        long journalId;
        int given;
        boolean caughtUp;

        Start(final String topic, final MessageQueue subscription, final long nextSequence, final long journalId)
        {
            this.topic = topic;
            this.subscription = subscription;
            this.nextSequence = nextSequence;
            this.journalId = journalId;
        }

        StoredReplay stored()
        {
            return new StoredReplay(journalId, topic, subscription.journalName(), 0, 0, 0, nextSequence,
                Long.MAX_VALUE, 0, 0, 0, STATE, "", 0);
        }
    }
}
