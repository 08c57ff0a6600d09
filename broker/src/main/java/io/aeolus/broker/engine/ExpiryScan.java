package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;

import java.util.List;

/**
 * The sweep for expired messages: every expiry-scan interval it walks every queue and subscription in turn, looking
 * at no more than {@link #BUDGET} entries per duty cycle, and collects what expired for {@link Destinations} to
 * expire. Where it stands is part of the engine's state: {@link EngineSnapshot} writes and reads its fields.
 */
final class ExpiryScan
{
    /** Entries looked at per duty cycle at most. */
    static final int BUDGET = 1024;

    private final long intervalMs;
    boolean scanning;
    int index;
    long nextScanMs;

    ExpiryScan(final long intervalMs, final long nowMs)
    {
        this.intervalMs = intervalMs;
        this.nextScanMs = nowMs + intervalMs;
    }

    /**
     * Goes on with the sweep when one is under way or due.
     *
     * @param nowMs   the engine's time.
     * @param stores  every queue and subscription, in sweep order.
     * @param expired receives the expired entries found.
     * @return entries looked at.
     */
    int run(final long nowMs, final List<MessageQueue> stores, final List<QueueEntry> expired)
    {
        if (!scanning)
        {
            if (nowMs - nextScanMs < 0 || stores.isEmpty())
            {
                return 0;
            }
            scanning = true;
            index = 0;
            stores.get(0).startExpiryScan();
        }
        int budget = BUDGET;
        while (budget > 0 && index < stores.size())
        {
            final MessageQueue queue = stores.get(index);
            budget -= queue.scanExpired(nowMs, budget, expired);
            if (queue.isExpiryScanComplete())
            {
                index++;
                if (index < stores.size())
                {
                    stores.get(index).startExpiryScan();
                }
            }
        }
        if (index >= stores.size())
        {
            scanning = false;
            nextScanMs = nowMs + intervalMs;
        }
        return BUDGET - budget;
    }

    /**
     * Keeps the sweep's place when a store left the list.
     *
     * @param removed where the store was.
     * @param stores  the stores without it.
     */
    void onRemoved(final int removed, final List<MessageQueue> stores)
    {
        if (scanning && removed < index)
        {
            index--;
        }
        else if (scanning && removed == index && index < stores.size())
        {
            stores.get(index).startExpiryScan();
        }
    }
}
