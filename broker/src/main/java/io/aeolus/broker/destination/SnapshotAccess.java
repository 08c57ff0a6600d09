package io.aeolus.broker.destination;

import org.agrona.DeadlineTimerWheel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What an engine snapshot reads from queues, entries, consumers and the delivery timers, and how its restore puts
 * them back exactly: the same lists in the same order, the same counters, the same timer ids in the same wheel
 * slots. Not for any other use: a restore writes state that the queue's own methods keep consistent otherwise.
 * Engine thread only; allocates.
 */
public final class SnapshotAccess
{
    /** Lists of a queue, for {@link #scanCursor}: one per priority, then the scheduled one. */
    public static final int LIST_COUNT = 11;
    /** The scheduled list's number among {@link #LIST_COUNT}. */
    public static final int SCHEDULED_LIST = 10;
    private static final int CONSUMER_STATE_LENGTH = 9;

    private SnapshotAccess()
    {
    }

    /**
     * @return the queue's scalar state (counters, paging, dispatch position, flags).
     */
    public static long[] queueState(final MessageQueue queue)
    {
        return queue.snapshotState();
    }

    /**
     * Sets a restored queue's scalar state, before its entries are linked in.
     */
    public static void restoreQueueState(final MessageQueue queue, final long[] state)
    {
        checkLength(state, queue.snapshotState().length, "queue " + queue.name());
        queue.restoreState(state);
    }

    /**
     * @return the entries of one list of the queue (a priority, or {@link #SCHEDULED_LIST}), in order.
     */
    public static List<QueueEntry> entries(final MessageQueue queue, final int list)
    {
        final ArrayList<QueueEntry> entries = new ArrayList<>();
        for (QueueEntry entry = list(queue, list).head(); null != entry; entry = entry.next)
        {
            entries.add(entry);
        }
        return entries;
    }

    /**
     * @return the sequence of the entry under the list's expiry-scan cursor, or -1 if none.
     */
    public static long scanCursor(final MessageQueue queue, final int list)
    {
        final QueueEntry cursor = list(queue, list).cursorEntry();
        return null == cursor ? -1 : cursor.sequence;
    }

    /**
     * Puts a list's expiry-scan cursor back on the entry with the given sequence.
     *
     * @throws IllegalArgumentException if the list has no such entry.
     */
    public static void restoreScanCursor(final MessageQueue queue, final int list, final long sequence)
    {
        if (sequence < 0)
        {
            return;
        }
        for (QueueEntry entry = list(queue, list).head(); null != entry; entry = entry.next)
        {
            if (entry.sequence == sequence)
            {
                list(queue, list).cursorEntry(entry);
                return;
            }
        }
        throw new IllegalArgumentException("snapshot corrupted: scan cursor " + sequence + " is not in " +
            queue.name());
    }

    /**
     * A restored entry, in no list yet.
     */
    public static QueueEntry newEntry(final MessageQueue queue, final BrokerMessage message, final long sequence,
        final long enqueuedMs, final int deliveryCount, final long deliveryId)
    {
        final QueueEntry entry = new QueueEntry(message, queue, sequence, enqueuedMs);
        entry.deliveryCount = deliveryCount;
        entry.deliveryId = deliveryId;
        return entry;
    }

    /**
     * Links a restored entry at the tail of one list of its queue (counters are the restored state's).
     */
    public static void append(final QueueEntry entry, final int list)
    {
        list(entry.queue, list).addLast(entry);
    }

    /**
     * @return the queue's message groups and the consumers they are bound to, in group order.
     */
    public static TreeMap<String, Consumer> groupBindings(final MessageQueue queue)
    {
        return new TreeMap<>(queue.groupBindings());
    }

    /**
     * Binds a message group of a restored queue to a consumer.
     */
    public static void restoreGroupBinding(final MessageQueue queue, final String groupId, final Consumer consumer)
    {
        queue.groupBindings().put(groupId, consumer);
    }

    /**
     * @return the consumer's scalar state (credit, pull, counters, flags).
     */
    public static long[] consumerState(final Consumer consumer)
    {
        return consumer.snapshotState();
    }

    /**
     * @return whether the consumer skips its own connection's messages (from {@link #consumerState}).
     */
    public static boolean noLocal(final long[] consumerState)
    {
        checkLength(consumerState, CONSUMER_STATE_LENGTH, "a consumer");
        return consumerState[0] != 0;
    }

    /**
     * Sets a restored consumer's scalar state.
     */
    public static void restoreConsumerState(final Consumer consumer, final long[] state)
    {
        checkLength(state, consumer.snapshotState().length, "consumer " + consumer.consumerId());
        consumer.restoreState(state);
    }

    /**
     * @return the consumer's unacknowledged deliveries, in delivery order.
     */
    public static List<QueueEntry> inFlight(final Consumer consumer)
    {
        return new ArrayList<>(consumer.inFlightEntries());
    }

    /**
     * Gives a restored consumer a restored delivery, after those it already has.
     */
    public static void restoreInFlight(final Consumer consumer, final QueueEntry entry)
    {
        entry.consumer = consumer;
        consumer.inFlightEntries().addLast(entry);
    }

    /**
     * Attaches a restored consumer or browser to its queue (a browser is in no consumer list; a consumer joins it
     * later).
     */
    public static void attach(final Consumer consumer, final MessageQueue queue)
    {
        consumer.attach(queue);
    }

    /**
     * @return the entry's timer id, {@link QueueEntry#NO_TIMER} if it has none.
     */
    public static long timerId(final QueueEntry entry)
    {
        return entry.timerId;
    }

    /**
     * @return the wheel's start time and current tick.
     */
    public static long[] wheelState(final DeliveryScheduler scheduler)
    {
        final DeadlineTimerWheel wheel = scheduler.wheel();
        final long tickMs = wheel.tickResolution();
        return new long[]{ wheel.startTime(), (wheel.currentTickTime() - wheel.startTime()) / tickMs - 1 };
    }

    /**
     * @return the deadline of a timer, ms since the epoch.
     */
    public static long deadline(final DeliveryScheduler scheduler, final long timerId)
    {
        return scheduler.wheel().deadline(timerId);
    }

    /**
     * Rebuilds an empty scheduler's wheel as it was: its start time and tick, then each timer under its old id (so
     * that timers due in the same tick come out in the same order). Slots that were free before an id are filled
     * for the moment and freed again.
     *
     * @param entries   the entries waiting for a timer.
     * @param timerIds  their timer ids.
     * @param deadlines their deadlines.
     * @throws IllegalArgumentException if a timer cannot be put back under its id.
     */
    public static void restoreWheel(final DeliveryScheduler scheduler, final long startTimeMs, final long currentTick,
        final List<QueueEntry> entries, final long[] timerIds, final long[] deadlines)
    {
        final DeadlineTimerWheel wheel = scheduler.wheel();
        if (wheel.timerCount() != 0)
        {
            throw new IllegalStateException("the scheduler to restore into has timers");
        }
        wheel.resetStartTime(startTimeMs);
        wheel.currentTickTime(startTimeMs + currentTick * wheel.tickResolution());
        final Integer[] order = new Integer[entries.size()];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(timerIds[a], timerIds[b]));
        final ArrayList<Long> fillers = new ArrayList<>();
        for (final int i : order)
        {
            while (true)
            {
                final long timerId = wheel.scheduleTimer(deadlines[i]);
                if (timerId == timerIds[i])
                {
                    scheduler.restoreTimer(entries.get(i), timerId);
                    break;
                }
                if ((timerId >> 32) != (timerIds[i] >> 32) || (int)timerId > (int)timerIds[i])
                {
                    throw new IllegalArgumentException("snapshot corrupted: timer 0x" + Long.toHexString(timerIds[i]) +
                        " of " + entries.get(i).queue.name() + " cannot be rebuilt (deadline " + deadlines[i] + ")");
                }
                fillers.add(timerId);
            }
        }
        for (final long filler : fillers)
        {
            wheel.cancelTimer(filler);
        }
    }

    /**
     * Sets a restored topic's count of messages published.
     */
    public static void restorePublishedCount(final Topic topic, final long count)
    {
        topic.restorePublishedCount(count);
    }

    private static void checkLength(final long[] state, final int expected, final String what)
    {
        if (state.length != expected)
        {
            throw new IllegalArgumentException("snapshot corrupted: " + state.length + " state values for " + what +
                ", not " + expected);
        }
    }

    private static EntryList list(final MessageQueue queue, final int list)
    {
        return list == SCHEDULED_LIST ? queue.scheduledList() : queue.availableList(list);
    }
}
