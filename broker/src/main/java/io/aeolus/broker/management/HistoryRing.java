package io.aeolus.broker.management;

import java.util.Arrays;

/**
 * The points of one series at one resolution: a ring over the newest {@code capacity} slots of
 * {@code resolutionMs} each, slot {@code k} standing for the time {@code k * resolutionMs}. A point holds the depth
 * then and the enqueue and dequeue rates over the interval that ends then; a slot without a point (the broker was
 * down, or the series was not sampled) holds a NaN rate. The slot's time is not stored: the ring knows its newest
 * slot, and the slots before it follow. 16 bytes a point. Conductor thread only; allocates only when created.
 */
final class HistoryRing
{
    private static final long NONE = Long.MIN_VALUE;

    private final long resolutionMs;
    private final long[] depth;
    private final float[] inRate;
    private final float[] outRate;
    private long newestSlot = NONE;

    HistoryRing(final long resolutionMs, final int capacity)
    {
        this.resolutionMs = resolutionMs;
        this.depth = new long[capacity];
        this.inRate = new float[capacity];
        this.outRate = new float[capacity];
        Arrays.fill(inRate, Float.NaN);
    }

    /**
     * Bytes the arrays of a ring of this capacity take, headers included.
     */
    static long bytes(final int capacity)
    {
        return 3 * 16L + capacity * (8L + 4 + 4);
    }

    long resolutionMs()
    {
        return resolutionMs;
    }

    /**
     * Puts a point in the slot of its time, leaving the slots skipped since the newest point empty. A point older
     * than the ring holds is dropped; one in a slot already held replaces it.
     */
    void put(final long timeMs, final long depthValue, final double inPerSecond, final double outPerSecond)
    {
        final long slot = Math.floorDiv(timeMs, resolutionMs);
        final int capacity = depth.length;
        if (NONE == newestSlot || slot - newestSlot >= capacity)
        {
            Arrays.fill(inRate, Float.NaN);
            newestSlot = slot;
        }
        else if (slot > newestSlot)
        {
            for (long skipped = newestSlot + 1; skipped < slot; skipped++)
            {
                inRate[index(skipped)] = Float.NaN;
            }
            newestSlot = slot;
        }
        else if (slot <= newestSlot - capacity)
        {
            return;
        }
        final int i = index(slot);
        depth[i] = depthValue;
        inRate[i] = (float)inPerSecond;
        outRate[i] = (float)outPerSecond;
    }

    /**
     * @return the time of the newest point, or {@link Long#MIN_VALUE} if there is none.
     */
    long newestTimeMs()
    {
        return NONE == newestSlot ? Long.MIN_VALUE : newestSlot * resolutionMs;
    }

    /**
     * @return the first slot that may hold a point with a time after {@code fromMs}.
     */
    long firstSlotAfter(final long fromMs)
    {
        return NONE == newestSlot ?
            0 : Math.max(Math.floorDiv(fromMs, resolutionMs) + 1, newestSlot - depth.length + 1);
    }

    /**
     * @return the last slot that may hold a point with a time at or before {@code toMs}.
     */
    long lastSlotAtOrBefore(final long toMs)
    {
        return NONE == newestSlot ? -1 : Math.min(Math.floorDiv(toMs, resolutionMs), newestSlot);
    }

    boolean has(final long slot)
    {
        return !Float.isNaN(inRate[index(slot)]);
    }

    long depth(final long slot)
    {
        return depth[index(slot)];
    }

    double inRate(final long slot)
    {
        return inRate[index(slot)];
    }

    double outRate(final long slot)
    {
        return outRate[index(slot)];
    }

    private int index(final long slot)
    {
        return (int)Math.floorMod(slot, (long)depth.length);
    }
}
