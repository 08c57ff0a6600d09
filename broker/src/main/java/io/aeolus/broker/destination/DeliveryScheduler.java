package io.aeolus.broker.destination;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The timers of entries that must stay invisible until a deadline: a message with a delivery time in the future
 * (JMS delivery delay) and a message waiting out its redelivery delay. One Agrona {@link DeadlineTimerWheel} in
 * epoch milliseconds, so waiting entries cost no scan: each duty cycle looks only at the wheel's current tick.
 * <p>
 * The wheel advances one tick per poll; {@link #poll(long, int)} polls tick by tick until it has caught up with
 * the time given (bounded per call), so a clock that jumps (a test's, or a conductor that was busy) releases
 * everything due within a few duty cycles. Conductor thread only; scheduling allocates a map entry.
 */
public final class DeliveryScheduler implements DeadlineTimerWheel.TimerHandler
{
    private static final long TICK_RESOLUTION_MS = 8;
    private static final int TICKS_PER_WHEEL = 1024;
    private static final int MAX_TICKS_PER_POLL = 4096;

    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<QueueEntry> entriesByTimerId = new Long2ObjectHashMap<>();
    private final ArrayList<QueueEntry> due = new ArrayList<>();

    /**
     * @param startTimeMs the conductor's epoch time now.
     */
    public DeliveryScheduler(final long startTimeMs)
    {
        wheel = new DeadlineTimerWheel(TimeUnit.MILLISECONDS, startTimeMs, TICK_RESOLUTION_MS, TICKS_PER_WHEEL);
    }

    /**
     * Starts a timer for an entry that waits in its queue's scheduled list.
     *
     * @param entry      the entry.
     * @param deadlineMs the epoch time at which it becomes due.
     * @param nowMs      the conductor's epoch time now.
     */
    public void schedule(final QueueEntry entry, final long deadlineMs, final long nowMs)
    {
        if (0 == wheel.timerCount())
        {
            // An idle wheel starts again at the present, so it never has to catch up over a long idle period.
            wheel.resetStartTime(nowMs);
        }
        final long timerId = wheel.scheduleTimer(deadlineMs);
        entry.timerId = timerId;
        entriesByTimerId.put(timerId, entry);
    }

    /**
     * Stops an entry's timer, if it has one.
     *
     * @param entry the entry.
     */
    public void cancel(final QueueEntry entry)
    {
        if (QueueEntry.NO_TIMER != entry.timerId)
        {
            wheel.cancelTimer(entry.timerId);
            entriesByTimerId.remove(entry.timerId);
            entry.timerId = QueueEntry.NO_TIMER;
        }
    }

    /**
     * Collects the entries that are due.
     *
     * @param nowMs the conductor's epoch time now.
     * @param limit the most entries to collect.
     * @return the due entries, in a list reused by the next call; their timers are gone.
     */
    public List<QueueEntry> poll(final long nowMs, final int limit)
    {
        due.clear();
        for (int ticks = 0; ticks < MAX_TICKS_PER_POLL && due.size() < limit && wheel.timerCount() > 0; ticks++)
        {
            final long tickTime = wheel.currentTickTime();
            wheel.poll(nowMs, this, limit - due.size());
            if (wheel.currentTickTime() == tickTime)
            {
                break;
            }
        }
        return due;
    }

    /**
     * @return entries waiting for their timer.
     */
    public int size()
    {
        return entriesByTimerId.size();
    }

    /**
     * {@inheritDoc}
     */
    public boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final QueueEntry entry = entriesByTimerId.remove(timerId);
        if (null != entry)
        {
            entry.timerId = QueueEntry.NO_TIMER;
            due.add(entry);
        }
        return true;
    }

    DeadlineTimerWheel wheel()
    {
        return wheel;
    }

    /**
     * For an engine snapshot's restore: an entry whose timer was rebuilt in the wheel under the same id.
     */
    void restoreTimer(final QueueEntry entry, final long timerId)
    {
        entry.timerId = timerId;
        entriesByTimerId.put(timerId, entry);
    }
}
