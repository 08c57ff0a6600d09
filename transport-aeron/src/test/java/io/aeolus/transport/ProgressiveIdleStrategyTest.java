package io.aeolus.transport;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ProgressiveIdleStrategyTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final CachedNanoClock clock = new CachedNanoClock();
    private final List<Long> parks = new ArrayList<>();
    private final ProgressiveIdleStrategy idle = new ProgressiveIdleStrategy(
        2, 1, 1_000, MS, 100 * MS, 10 * MS, clock, (ns) ->
        {
            parks.add(ns);
            clock.advance(ns);
        });

    @Test
    void shouldSpinYieldThenParkLongerUpToTheMaximum()
    {
        // Two spins, one yield, one more yield as it becomes wakeable, then the parks.
        for (int i = 0; i < 3 + 1 + 12; i++)
        {
            idle.idle(0);
        }

        assertEquals(List.of(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 32_000L, 64_000L, 128_000L, 256_000L,
            512_000L, MS, MS), parks);
    }

    @Test
    void shouldParkLongOnceIdleForTheLongParkTime()
    {
        idleUntilParked(50);

        assertEquals(10 * MS, parks.get(parks.size() - 1));
        assertTrue(idle.longParks() > 0);
        final long shortParks = parks.stream().filter((ns) -> ns <= MS).count();
        assertTrue(shortParks >= 100 && shortParks <= 110, () -> "short parks: " + shortParks);
    }

    @Test
    void shouldGoBackToSpinningAndShortParksWhenWorkArrives()
    {
        idleUntilParked(200);
        parks.clear();

        // Traffic (more than a lone duty cycle): back to the shortest park.
        idle.idle(1);
        idle.idle(1);
        for (int i = 0; i < 5; i++)
        {
            idle.idle(0);
        }

        assertEquals(List.of(1_000L), parks);
    }

    @Test
    void shouldParkLongAgainSoonAfterALoneDutyCycleOfWorkEndsAQuietSpell()
    {
        // An idle UDP connection's heartbeats and status messages come every 100-200 ms: each used to buy the
        // driver another 50 ms of 1 ms parks, ~700 wake-ups a second in all.
        idleUntilParked(20);
        parks.clear();

        idle.idle(1);
        final long longParksBefore = idle.longParks();
        long shortParkedNs = 0;
        for (int i = 0; i < 10_000 && idle.longParks() == longParksBefore; i++)
        {
            idle.idle(0);
            if (idle.longParks() == longParksBefore && !parks.isEmpty())
            {
                shortParkedNs = parks.stream().mapToLong(Long::longValue).sum();
            }
        }

        assertEquals(10 * MS, parks.get(parks.size() - 1));
        final long parkedNs = shortParkedNs;
        assertTrue(parkedNs >= ProgressiveIdleStrategy.QUIET_LONG_PARK_AFTER_NS &&
            parkedNs < ProgressiveIdleStrategy.QUIET_LONG_PARK_AFTER_NS + 2 * MS, () -> "short parks: " + parkedNs);
    }

    @Test
    void shouldParkDeeperOnceQuietForASecondDespiteLoneDutyCyclesOfWork()
    {
        // Quiet with a heartbeat's lone duty cycle every 150 ms: after a second of it the long park grows.
        idleUntilParked(5);
        for (int beat = 0; beat < 15; beat++)
        {
            final long beatNs = clock.nanoTime();
            idle.idle(1);
            for (int i = 0; i < 20_000 && clock.nanoTime() - beatNs < 150 * MS; i++)
            {
                idle.idle(0);
            }
        }

        assertTrue(idle.deepParks() > 0, "deep parks after a second of quiet");
        assertEquals(25 * MS, parks.get(parks.size() - 1), "2.5 times the 10 ms long park");
    }

    @Test
    void shouldEndTheQuietSpellOnTraffic()
    {
        idleUntilParked(200);
        assertTrue(idle.deepParks() > 0);
        assertEquals(25 * MS, parks.get(parks.size() - 1));

        // Traffic: two duty cycles of work in a row, then the full window of short parks and plain long parks.
        idle.idle(1);
        idle.idle(1);
        final long deepBefore = idle.deepParks();
        parks.clear();
        idleUntilParked(idle.longParks() + 3);

        assertEquals(deepBefore, idle.deepParks(), "no deep park until quiet for a second again");
        assertEquals(10 * MS, parks.get(parks.size() - 1));
    }

    @Test
    void shouldEndTheQuietSpellWhenWoken()
    {
        final ProgressiveIdleStrategy[] self = new ProgressiveIdleStrategy[1];
        final boolean[] wakeDuringNextPark = {false};
        self[0] = new ProgressiveIdleStrategy(2, 1, 1_000, MS, 100 * MS, 10 * MS, clock, (ns) ->
        {
            parks.add(ns);
            clock.advance(ns);
            if (wakeDuringNextPark[0])
            {
                wakeDuringNextPark[0] = false;
                self[0].wake();
            }
        });
        idleUntil(self[0], 200);
        assertTrue(self[0].deepParks() > 0);
        wakeDuringNextPark[0] = true;
        self[0].idle(0);
        final long deepBefore = self[0].deepParks();
        idleUntil(self[0], self[0].longParks() + 3);

        assertEquals(deepBefore, self[0].deepParks());
        assertEquals(10 * MS, parks.get(parks.size() - 1));
    }

    @Test
    void shouldParkAtTheMaximumAtOnceAfterALoneDutyCycleInAQuietSpell()
    {
        idleUntilParked(20);
        idle.idle(1);
        parks.clear();
        for (int i = 0; i < 2 + 1 + 1 + 1; i++)
        {
            idle.idle(0);
        }

        assertEquals(List.of(MS), parks, "no ramp from 1 µs for a heartbeat's duty cycle");
    }

    @Test
    void shouldKeepTheFullWindowOfShortParksWhenMoreWorkFollowsALoneOne()
    {
        idleUntilParked(20);
        idle.idle(1);
        for (int i = 0; i < 6; i++)
        {
            idle.idle(0);
        }
        idle.idle(1);
        parks.clear();

        idleUntilParked(idle.longParks() + 1);

        final long shortParks = parks.stream().filter((ns) -> ns <= MS).count();
        assertTrue(shortParks >= 100, () -> "traffic keeps ~100 ms of short parks, got " + shortParks);
    }

    @Test
    void shouldKeepTheFullWindowOfShortParksAfterWorkThatDidNotEndAQuietSpell()
    {
        idle.idle(1);
        idleUntilParked(1);

        final long shortParks = parks.stream().filter((ns) -> ns <= MS).count();
        assertTrue(shortParks >= 100, () -> "short parks: " + shortParks);
    }

    @Test
    void shouldParkADriverLongSoonAfterWorkThatNobodyAnnounced()
    {
        // An idle UDP connection gives its driver ~30 duty cycles of timer work a second: never 50 ms idle.
        final ProgressiveIdleStrategy driver = driverStrategy();
        driver.idle(1);
        idleUntil(driver, 1);

        final long shortParkedNs = parks.stream().filter((ns) -> ns <= MS).mapToLong(Long::longValue).sum();
        assertTrue(shortParkedNs >= ProgressiveIdleStrategy.QUIET_LONG_PARK_AFTER_NS &&
            shortParkedNs < ProgressiveIdleStrategy.QUIET_LONG_PARK_AFTER_NS + 2 * MS, () -> "parks: " + parks);
    }

    @Test
    void shouldKeepADriverPollingCloselyAfterWorkAnnouncedByAWakeUp()
    {
        // A frame this process sends wakes the driver (here while it still spins): its answer follows soon.
        final ProgressiveIdleStrategy driver = driverStrategy();
        driver.wake();
        driver.idle(1);
        idleUntil(driver, 1);

        final long shortParks = parks.stream().filter((ns) -> ns <= MS).count();
        assertTrue(shortParks >= 100, () -> "short parks: " + shortParks);
    }

    @Test
    void shouldKeepADriverWokenOutOfALongParkPollingCloselyAfterTheWorkItWasWokenFor()
    {
        final ProgressiveIdleStrategy[] self = new ProgressiveIdleStrategy[1];
        final boolean[] wakeDuringNextPark = {false};
        self[0] = new ProgressiveIdleStrategy(2, 1, 1_000, MS, 100 * MS, 10 * MS, clock, (ns) ->
        {
            parks.add(ns);
            clock.advance(ns);
            if (wakeDuringNextPark[0])
            {
                wakeDuringNextPark[0] = false;
                self[0].wake();
            }
        }, true);
        idleUntil(self[0], 3);
        wakeDuringNextPark[0] = true;
        self[0].idle(0);
        self[0].idle(1);
        parks.clear();
        idleUntil(self[0], self[0].longParks() + 1);

        final long shortParks = parks.stream().filter((ns) -> ns <= MS).count();
        assertTrue(shortParks >= 100, () -> "short parks: " + shortParks);
    }

    @Test
    void shouldBeADriverStrategyThatOnlyAWakeUpMarksTrafficFor()
    {
        final ProgressiveIdleStrategy driver =
            (ProgressiveIdleStrategy)TransportConfiguration.driverIdleStrategy("x", "backoff");
        assertTrue(driver.wakeMarksTraffic());
        assertFalse(((ProgressiveIdleStrategy)TransportConfiguration.idleStrategy("x", "backoff")).wakeMarksTraffic());
        assertTrue(TransportConfiguration.driverIdleStrategy("x", "yield") instanceof YieldingIdleStrategy);
    }

    private ProgressiveIdleStrategy driverStrategy()
    {
        return new ProgressiveIdleStrategy(2, 1, 1_000, MS, 100 * MS, 10 * MS, clock, (ns) ->
        {
            parks.add(ns);
            clock.advance(ns);
        }, true);
    }

    private static void idleUntil(final ProgressiveIdleStrategy strategy, final long longParksWanted)
    {
        for (int i = 0; i < 100_000 && strategy.longParks() < longParksWanted; i++)
        {
            strategy.idle(0);
        }
    }

    @Test
    void shouldNeverParkLongWhenTheLongParkIsOff()
    {
        final List<Long> seen = new ArrayList<>();
        final ProgressiveIdleStrategy noLongPark = new ProgressiveIdleStrategy(
            0, 0, 1_000, MS, 0, 0, clock, (ns) ->
            {
                seen.add(ns);
                clock.advance(ns);
            });

        for (int i = 0; i < 1_000; i++)
        {
            noLongPark.idle(0);
        }

        assertTrue(seen.stream().allMatch((ns) -> ns <= MS), seen::toString);
        assertEquals(0, noLongPark.longParks());
    }

    @Test
    void shouldWakeAParkedThreadAtOnce() throws InterruptedException
    {
        final ProgressiveIdleStrategy real = new ProgressiveIdleStrategy(0, 0, TimeUnit.HOURS.toNanos(1),
            TimeUnit.HOURS.toNanos(1), 0, 0);
        final CountDownLatch woken = new CountDownLatch(1);
        final Thread thread = new Thread(() ->
        {
            real.idle(0);
            real.idle(0);
            woken.countDown();
        });
        thread.setDaemon(true);
        thread.start();

        while (woken.getCount() > 0)
        {
            real.wake();
            if (woken.await(10, TimeUnit.MILLISECONDS))
            {
                break;
            }
        }
        thread.join(TimeUnit.SECONDS.toMillis(5));
        assertEquals(0, woken.getCount());
    }

    @Test
    void shouldPollOnceMoreBeforeItsFirstParkSoThatNoWakeUpIsLost()
    {
        final ProgressiveIdleStrategy noSpins = new ProgressiveIdleStrategy(
            0, 0, 1_000, MS, 0, 0, clock, parks::add);

        noSpins.idle(0);
        assertEquals(List.of(), parks);
        noSpins.idle(0);
        assertEquals(List.of(1_000L), parks);
    }

    @Test
    void shouldBecomeWakeableOnlyOnceItStopsSpinningAndYielding()
    {
        // Wake-ups of a thread that still spins or yields cost the waker a lock and leave a stale permit: with them
        // armed from the first idle cycle, every send in a ping-pong unparked threads that needed no waking.
        idle.idle(0);
        idle.idle(0);
        idle.idle(0);
        assertFalse(idle.isWakeable());
        assertEquals(List.of(), parks);

        idle.idle(0);
        assertTrue(idle.isWakeable());
        assertEquals(List.of(), parks);
        idle.idle(0);
        assertEquals(List.of(1_000L), parks);

        idle.idle(1);
        assertFalse(idle.isWakeable());
        idle.idle(0);
        assertFalse(idle.isWakeable());
    }

    @Test
    void shouldGoBackToSpinningWhenWokenOutOfALongPark()
    {
        // A send wakes the receive thread ahead of the answer: woken out of a long park it must not park long again
        // before the answer comes, or the answer waits out the whole long park.
        final List<Long> seen = new ArrayList<>();
        final ProgressiveIdleStrategy[] self = new ProgressiveIdleStrategy[1];
        final boolean[] wakeDuringNextPark = {false};
        self[0] = new ProgressiveIdleStrategy(2, 1, 1_000, MS, 100 * MS, 10 * MS, clock, (ns) ->
        {
            seen.add(ns);
            clock.advance(ns);
            if (wakeDuringNextPark[0])
            {
                wakeDuringNextPark[0] = false;
                self[0].wake();
            }
        });
        for (int i = 0; i < 100_000 && self[0].longParks() < 3; i++)
        {
            self[0].idle(0);
        }
        assertEquals(10 * MS, seen.get(seen.size() - 1));

        wakeDuringNextPark[0] = true;
        self[0].idle(0);
        seen.clear();
        for (int i = 0; i < 5; i++)
        {
            self[0].idle(0);
        }

        assertEquals(List.of(1_000L), seen, "two spins, a yield, the arming yield, then the shortest park");
    }

    @Test
    void shouldRefuseNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> new ProgressiveIdleStrategy(1, 1, 0, MS, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ProgressiveIdleStrategy(1, 1, MS, 1_000, 0, 0));
    }

    @Test
    void shouldBeTheBackoffStrategyByName()
    {
        assertTrue(TransportConfiguration.idleStrategy("x", "backoff") instanceof ProgressiveIdleStrategy);
        assertTrue(TransportConfiguration.idleStrategy("x", null) instanceof ProgressiveIdleStrategy);
        assertTrue(TransportConfiguration.idleStrategy("x", "yield") instanceof YieldingIdleStrategy);
    }

    private void idleUntilParked(final long longParksWanted)
    {
        for (int i = 0; i < 100_000 && idle.longParks() < longParksWanted; i++)
        {
            idle.idle(0);
        }
    }
}
