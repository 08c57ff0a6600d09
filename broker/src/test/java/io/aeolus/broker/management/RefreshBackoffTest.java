package io.aeolus.broker.management;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JMX refresher backs off while the broker is idle and nobody reads the MBeans, comes back to two seconds on any
 * change or read, and the rates it computes after an idle spell are right.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RefreshBackoffTest
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    @Test
    void backsOffWhileNothingChangesAndNobodyReads()
    {
        final RefreshBackoff backoff = new RefreshBackoff();
        assertEquals(2_000, backoff.onRefresh(true, 0));
        assertEquals(4_000, backoff.onRefresh(false, 2 * SECOND_NS));
        assertEquals(8_000, backoff.onRefresh(false, 6 * SECOND_NS));
        assertEquals(RefreshBackoff.IDLE_INTERVAL_MS, backoff.onRefresh(false, 14 * SECOND_NS));
        assertEquals(RefreshBackoff.IDLE_INTERVAL_MS, backoff.onRefresh(false, 24 * SECOND_NS));

        assertEquals(RefreshBackoff.BUSY_INTERVAL_MS, backoff.onRefresh(true, 34 * SECOND_NS), "a change");
        assertEquals(4_000, backoff.onRefresh(false, 36 * SECOND_NS));
    }

    @Test
    void aReadOfStaleFiguresAsksForARefreshOnceAndKeepsTheShortInterval()
    {
        final RefreshBackoff backoff = new RefreshBackoff();
        backoff.onRefresh(false, 0);
        backoff.onRefresh(false, 4 * SECOND_NS);
        assertFalse(backoff.onRead(5 * SECOND_NS), "a second after a refresh: fresh enough");
        assertEquals(RefreshBackoff.BUSY_INTERVAL_MS, backoff.onRefresh(false, 9 * SECOND_NS), "someone looked");

        assertTrue(backoff.onRead(20 * SECOND_NS), "eleven seconds after the last refresh: refresh now");
        assertFalse(backoff.onRead(20 * SECOND_NS + 1), "asked once until the refresh");
        assertEquals(RefreshBackoff.BUSY_INTERVAL_MS, backoff.onRefresh(false, 21 * SECOND_NS));
        assertFalse(backoff.onRead(22 * SECOND_NS));
    }

    @Test
    void ratesAfterAQuietSpellAreAveragedOverTheTimeSinceTheLastSample()
    {
        final AtomicInteger reads = new AtomicInteger();
        final RateSampler sampler = new RateSampler(reads::incrementAndGet);
        assertTrue(sampler.sample(100, 100, 0), "the first sample counts as a change");
        assertFalse(sampler.sample(100, 100, 2 * SECOND_NS), "nothing moved");
        assertFalse(sampler.sample(100, 100, 4 * SECOND_NS));
        assertEquals(0.0, sampler.enqueueRatePerSec());

        // Ten seconds of quiet, then 500 in and 250 out before the next sample, ten seconds after the last.
        assertTrue(sampler.sample(600, 350, 14 * SECOND_NS));
        assertEquals(50.0, sampler.enqueueRatePerSec(), 1e-9);
        assertEquals(25.0, sampler.dequeueRatePerSec(), 1e-9);

        // Then two seconds of quiet: the rates fall to zero, which is a change, then stay there.
        assertTrue(sampler.sample(600, 350, 16 * SECOND_NS));
        assertEquals(0.0, sampler.enqueueRatePerSec());
        assertFalse(sampler.sample(600, 350, 18 * SECOND_NS));
        assertEquals(4, reads.get(), "each read is reported");
    }
}
