package io.aeolus.transport.crypto;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts frames that failed authentication on encrypted connections (tampered, replayed, spoofed or sent in clear),
 * and logs them rate-limited: the first at once, then at most one line per {@link #LOG_INTERVAL_NS} with how many
 * came since the last line, so a flood of forged frames cannot flood the log. The count is readable from any thread;
 * {@link #onFailure} is called by one thread (the one polling the frames).
 */
public final class AuthenticationFailures
{
    /** Shortest time between two log lines. */
    public static final long LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);

    private final System.Logger logger;
    private final AtomicLong count = new AtomicLong();
    private long unlogged;
    private long nextLogNs;
    private boolean loggedOnce;

    /**
     * @param logger where to log.
     */
    public AuthenticationFailures(final System.Logger logger)
    {
        this.logger = logger;
    }

    /**
     * A frame failed authentication and was dropped.
     *
     * @param connectionId the connection it claimed to belong to.
     * @param source       where it came from, as far as known.
     * @param problem      why it failed.
     * @param nowNs        the caller's monotonic time.
     * @return true if this call logged.
     */
    public boolean onFailure(final long connectionId, final String source, final String problem, final long nowNs)
    {
        count.incrementAndGet();
        unlogged++;
        if (loggedOnce && nowNs - nextLogNs < 0)
        {
            return false;
        }
        loggedOnce = true;
        nextLogNs = nowNs + LOG_INTERVAL_NS;
        if (logger.isLoggable(Level.WARNING))
        {
            logger.log(Level.WARNING, unlogged + " frame(s) failed authentication and were dropped (connection " +
                connectionId + " from " + source + "); last: " + problem + "; " + count.get() + " since start");
        }
        unlogged = 0;
        return true;
    }

    /**
     * @return frames that failed authentication since start; any thread.
     */
    public long count()
    {
        return count.get();
    }
}
