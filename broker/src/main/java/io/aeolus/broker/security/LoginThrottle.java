package io.aeolus.broker.security;

import org.agrona.collections.Object2ObjectHashMap;

import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing: counts login failures per source host and per user name, and holds the answer to
 * each further attempt for a delay that doubles with every failure, up to a maximum. The first failure is answered
 * at once (people mistype); the second waits the base delay, the third twice that, and so on. Attempts in parallel
 * queue behind each other's delays, but no answer waits longer than the maximum, so a user under attack is slowed,
 * never locked out. A success clears the user's count; a host's count is forgotten after
 * {@link #FORGET_AFTER_NS} without failures. Time comes from the caller's clock: no thread ever sleeps.
 * Conductor thread only.
 */
public final class LoginThrottle
{
    /** Hosts and users tracked at most; beyond that, failures of untracked ones wait the maximum delay. */
    public static final int MAX_TRACKED = 10_000;

    /** Quiet time after which a host's or user's failures are forgotten. */
    public static final long FORGET_AFTER_NS = TimeUnit.MINUTES.toNanos(15);

    private final long baseDelayNs;
    private final long maxDelayNs;
    private final Object2ObjectHashMap<String, Entry> sources = new Object2ObjectHashMap<>();
    private final Object2ObjectHashMap<String, Entry> users = new Object2ObjectHashMap<>();

    /**
     * @param baseDelayNs the delay after the second failure; 0 disables throttling.
     * @param maxDelayNs  the longest any answer is held.
     */
    public LoginThrottle(final long baseDelayNs, final long maxDelayNs)
    {
        this.baseDelayNs = baseDelayNs;
        this.maxDelayNs = Math.max(baseDelayNs, maxDelayNs);
    }

    /**
     * Records a failure.
     *
     * @param sourceHost the client's host ({@link SourceAddress#host(String)}).
     * @param user       the user name tried; empty for anonymous.
     * @param nowNs      the current time.
     * @return when the failure may be answered.
     */
    public long onFailure(final String sourceHost, final String user, final long nowNs)
    {
        final long sourceRelease = fail(sources, sourceHost, nowNs);
        return user.isEmpty() ? sourceRelease : Math.max(sourceRelease, fail(users, user, nowNs));
    }

    /**
     * @param sourceHost the client's host.
     * @param user       the user name.
     * @param nowNs      the current time.
     * @return when an attempt that succeeded may be answered: after any delay still running for the host or user.
     */
    public long releaseTime(final String sourceHost, final String user, final long nowNs)
    {
        return Math.max(nowNs, Math.max(blockedUntil(sources, sourceHost, nowNs), blockedUntil(users, user, nowNs)));
    }

    /**
     * A login succeeded: the user's failures are forgotten (the host's are not: one good account must not wash
     * away guesses at others).
     *
     * @param user the user name.
     */
    public void onSuccess(final String user)
    {
        users.remove(user);
    }

    /**
     * Forgets hosts and users quiet for {@link #FORGET_AFTER_NS}.
     *
     * @param nowNs the current time.
     * @return how many were forgotten.
     */
    public int expire(final long nowNs)
    {
        return expire(sources, nowNs) + expire(users, nowNs);
    }

    /**
     * @param sourceHost a host.
     * @return failures counted for it.
     */
    public int sourceFailures(final String sourceHost)
    {
        final Entry entry = sources.get(sourceHost);
        return null == entry ? 0 : entry.failures;
    }

    /**
     * @param user a user name.
     * @return failures counted for it.
     */
    public int userFailures(final String user)
    {
        final Entry entry = users.get(user);
        return null == entry ? 0 : entry.failures;
    }

    /**
     * @param failures consecutive failures, this one included.
     * @return the delay before answering.
     */
    long delayNs(final int failures)
    {
        if (failures < 2 || baseDelayNs <= 0)
        {
            return 0;
        }
        final int doublings = Math.min(failures - 2, 30);
        return Math.min(maxDelayNs, baseDelayNs << doublings);
    }

    private long fail(final Object2ObjectHashMap<String, Entry> table, final String key, final long nowNs)
    {
        if (baseDelayNs <= 0)
        {
            return nowNs;
        }
        Entry entry = table.get(key);
        if (null == entry)
        {
            if (table.size() >= MAX_TRACKED && expire(table, nowNs) == 0)
            {
                return nowNs + maxDelayNs;
            }
            entry = new Entry(nowNs);
            table.put(key, entry);
        }
        entry.failures++;
        entry.lastFailureNs = nowNs;
        final long start = entry.blockedUntilNs - nowNs > 0 ? entry.blockedUntilNs : nowNs;
        entry.blockedUntilNs = Math.min(start + delayNs(entry.failures), nowNs + maxDelayNs);
        return entry.blockedUntilNs;
    }

    private static long blockedUntil(final Object2ObjectHashMap<String, Entry> table, final String key,
        final long nowNs)
    {
        final Entry entry = table.get(key);
        return null == entry ? nowNs : entry.blockedUntilNs;
    }

    private static int expire(final Object2ObjectHashMap<String, Entry> table, final long nowNs)
    {
        final int before = table.size();
        table.values().removeIf(entry -> nowNs - entry.lastFailureNs > FORGET_AFTER_NS &&
            nowNs - entry.blockedUntilNs > 0);
        return before - table.size();
    }

    private static final class Entry
    {
        int failures;
        long lastFailureNs;
        long blockedUntilNs;

        Entry(final long nowNs)
        {
            lastFailureNs = nowNs;
            blockedUntilNs = nowNs;
        }
    }
}
