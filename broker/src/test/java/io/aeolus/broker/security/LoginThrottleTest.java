package io.aeolus.broker.security;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class LoginThrottleTest
{
    private static final long BASE_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long MAX_NS = TimeUnit.SECONDS.toNanos(5);

    private final CachedNanoClock clock = new CachedNanoClock();
    private final LoginThrottle throttle = new LoginThrottle(BASE_NS, MAX_NS);

    @Test
    void shouldAnswerTheFirstFailureAtOnceThenDoubleTheDelayUpToTheMaximum()
    {
        clock.update(TimeUnit.SECONDS.toNanos(100));
        final long[] expectedDelaysMs = {0, 500, 1000, 2000, 4000, 5000, 5000};

        for (final long expectedMs : expectedDelaysMs)
        {
            final long releaseNs = throttle.onFailure("10.0.0.7", "alice", clock.nanoTime());

            assertEquals(expectedMs, TimeUnit.NANOSECONDS.toMillis(releaseNs - clock.nanoTime()));
            clock.update(releaseNs);
        }
    }

    @Test
    void shouldQueueParallelFailuresBehindEachOtherButNeverBeyondTheMaximum()
    {
        clock.update(0);
        long lastReleaseNs = 0;

        for (int i = 0; i < 10; i++)
        {
            lastReleaseNs = throttle.onFailure("10.0.0.7", "", clock.nanoTime());
        }

        assertEquals(MAX_NS, lastReleaseNs);
        assertEquals(10, throttle.sourceFailures("10.0.0.7"));
    }

    @Test
    void shouldHoldASuccessWhileItsHostIsPenalisedAndKeepTheHostsCount()
    {
        clock.update(0);
        throttle.onFailure("10.0.0.7", "eve", clock.nanoTime());
        final long penaltyEndNs = throttle.onFailure("10.0.0.7", "eve", clock.nanoTime());

        final long successReleaseNs = throttle.releaseTime("10.0.0.7", "alice", clock.nanoTime());
        throttle.onSuccess("alice");

        assertEquals(penaltyEndNs, successReleaseNs);
        assertEquals(2, throttle.sourceFailures("10.0.0.7"));
        assertEquals(clock.nanoTime(), throttle.releaseTime("10.0.0.8", "alice", clock.nanoTime()));
    }

    @Test
    void shouldForgetAUsersFailuresAfterItsSuccessfulLogin()
    {
        clock.update(0);
        throttle.onFailure("10.0.0.7", "alice", clock.nanoTime());
        throttle.onFailure("10.0.0.8", "alice", clock.nanoTime());

        throttle.onSuccess("alice");

        assertEquals(0, throttle.userFailures("alice"));
        assertEquals(0, throttle.onFailure("10.0.0.9", "alice", clock.nanoTime()) - clock.nanoTime());
    }

    @Test
    void shouldCountFailuresPerUserAcrossHosts()
    {
        clock.update(0);
        throttle.onFailure("10.0.0.1", "alice", clock.nanoTime());

        final long releaseNs = throttle.onFailure("10.0.0.2", "alice", clock.nanoTime());

        assertEquals(BASE_NS, releaseNs - clock.nanoTime());
        assertEquals(2, throttle.userFailures("alice"));
    }

    @Test
    void shouldForgetQuietHostsAndUsers()
    {
        clock.update(0);
        throttle.onFailure("10.0.0.7", "alice", clock.nanoTime());
        clock.advance(LoginThrottle.FORGET_AFTER_NS - 1);
        assertEquals(0, throttle.expire(clock.nanoTime()));

        clock.advance(2);

        assertEquals(2, throttle.expire(clock.nanoTime()));
        assertEquals(0, throttle.sourceFailures("10.0.0.7"));
    }

    @Test
    void shouldNeverDelayWhenDisabled()
    {
        final LoginThrottle disabled = new LoginThrottle(0, 0);

        for (int i = 0; i < 5; i++)
        {
            assertEquals(42, disabled.onFailure("h", "u", 42));
        }
    }
}
