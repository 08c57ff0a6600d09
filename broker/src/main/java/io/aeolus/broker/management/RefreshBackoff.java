package io.aeolus.broker.management;

/**
 * When the JMX refresher looks at the broker's destinations next: every {@link #BUSY_INTERVAL_MS} while something
 * changes (a destination came or went, a counter moved) or someone reads the MBeans, and at doubling intervals up to
 * {@link #IDLE_INTERVAL_MS} while nothing does, so that an idle broker is not asked for its destination list every
 * two seconds for nobody. A read of an MBean's rates after such a spell asks for a refresh at once
 * ({@link #isStale}). Refresher thread only, except {@link #onRead}, which any JMX thread may call.
 */
final class RefreshBackoff
{
    /** Interval while the broker is busy or someone reads the MBeans. */
    static final long BUSY_INTERVAL_MS = 2_000;
    /** Longest interval while nothing changes and nobody reads. */
    static final long IDLE_INTERVAL_MS = 10_000;

    private long delayMs = BUSY_INTERVAL_MS;
    private volatile long lastRefreshNs;
    private volatile boolean readSinceRefresh;

    /**
     * Records a refresh and gives the delay until the next.
     *
     * @param changed true if the refresh found any change since the one before.
     * @param nowNs   the time of the refresh, {@link System#nanoTime()}.
     * @return the delay until the next refresh, in ms.
     */
    long onRefresh(final boolean changed, final long nowNs)
    {
        lastRefreshNs = nowNs;
        final boolean read = readSinceRefresh;
        readSinceRefresh = false;
        delayMs = changed || read ? BUSY_INTERVAL_MS : Math.min(delayMs << 1, IDLE_INTERVAL_MS);
        return delayMs;
    }

    /**
     * Records that someone read an MBean's figures; any thread.
     *
     * @param nowNs the time of the read, {@link System#nanoTime()}.
     * @return true if the figures are older than {@link #BUSY_INTERVAL_MS} and no read asked for a refresh since:
     *         the caller then asks for a refresh now.
     */
    boolean onRead(final long nowNs)
    {
        final boolean first = !readSinceRefresh;
        readSinceRefresh = true;
        return first && isStale(nowNs);
    }

    /**
     * @param nowNs the time now.
     * @return true if the last refresh is older than {@link #BUSY_INTERVAL_MS}.
     */
    boolean isStale(final long nowNs)
    {
        return nowNs - lastRefreshNs > BUSY_INTERVAL_MS * 1_000_000L;
    }

    /**
     * @return the current delay between refreshes, in ms.
     */
    long delayMs()
    {
        return delayMs;
    }
}
