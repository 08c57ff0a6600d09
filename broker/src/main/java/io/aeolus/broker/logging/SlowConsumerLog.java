package io.aeolus.broker.logging;

import org.agrona.collections.Long2LongHashMap;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * Logs a client whose deliveries have been paused for a while because it does not read them (its egress backlog is
 * over {@code aeolus.broker.max.egress.backlog}): a warning once it has lasted {@link #thresholdNs()}, and a note
 * when it has caught up. Fed by the conductor about once a second per connection. Not thread-safe: the conductor's.
 */
public final class SlowConsumerLog
{
    /** How long deliveries must stay paused before the client is reported. */
    public static final long DEFAULT_THRESHOLD_NS = TimeUnit.SECONDS.toNanos(5);

    private static final long NONE = Long.MIN_VALUE;

    private final long thresholdNs;
    private final Long2LongHashMap slowSinceNs = new Long2LongHashMap(NONE);
    private final Long2LongHashMap reported = new Long2LongHashMap(NONE);

    /**
     * @param thresholdNs how long deliveries must stay paused before the client is reported.
     */
    public SlowConsumerLog(final long thresholdNs)
    {
        this.thresholdNs = thresholdNs;
    }

    /**
     * @return how long deliveries must stay paused before the client is reported.
     */
    public long thresholdNs()
    {
        return thresholdNs;
    }

    /**
     * @param connectionId the connection.
     * @param paused       whether its deliveries are paused now.
     * @param nowNs        the conductor's time.
     * @param user         who it is.
     * @param source       where from.
     * @return true when this call logged something.
     */
    public boolean onCheck(
        final long connectionId, final boolean paused, final long nowNs, final String user, final String source)
    {
        if (paused)
        {
            final long since = slowSinceNs.get(connectionId);
            if (since == NONE)
            {
                slowSinceNs.put(connectionId, nowNs);
                return false;
            }
            if (nowNs - since >= thresholdNs && reported.get(connectionId) == NONE)
            {
                reported.put(connectionId, since);
                BrokerLog.CONNECTIONS.log(Level.WARNING, "slow consumer: connection " + connectionId + " (user " +
                    user + " from " + source + ") has not read its deliveries for " +
                    TimeUnit.NANOSECONDS.toMillis(nowNs - since) + " ms; deliveries to it are paused");
                return true;
            }
            return false;
        }
        slowSinceNs.remove(connectionId);
        final long since = reported.remove(connectionId);
        if (since != NONE)
        {
            BrokerLog.CONNECTIONS.log(Level.INFO, "connection " + connectionId + " (user " + user + ") caught up " +
                "after " + TimeUnit.NANOSECONDS.toMillis(nowNs - since) + " ms");
            return true;
        }
        return false;
    }

    /**
     * @param connectionId a connection that closed.
     */
    public void onClosed(final long connectionId)
    {
        slowSinceNs.remove(connectionId);
        reported.remove(connectionId);
    }
}
