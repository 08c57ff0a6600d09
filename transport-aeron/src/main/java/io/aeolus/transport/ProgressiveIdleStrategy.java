package io.aeolus.transport;

import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The default idle strategy of every polling thread: a backoff that grows patient. With nothing to do it spins a
 * few times, yields a few times, then parks for growing periods up to {@code maxParkNs}, as Agrona's
 * {@code BackoffIdleStrategy} does; once it has been idle for {@code longParkAfterNs} it parks for
 * {@code longParkNs} at a time, so that an idle broker or an idle client costs next to no CPU. Any work resets it
 * to spinning at once.
 * <p>
 * A lone duty cycle of work after a quiet spell (idle for {@code longParkAfterNs}: a heartbeat, a status message, a
 * timer) does not buy another {@code longParkAfterNs} of short parks, which would cost about fifty wake-ups per
 * heartbeat: the thread goes back to long parks once idle for {@link #QUIET_LONG_PARK_AFTER_NS} unless more work
 * follows within that time. Work that follows is traffic, and restores the full window of short parks. The first
 * frame after a quiet spell waits up to {@code longParkNs} either way; what the rule adds is that a second frame
 * arriving 5 to 50 ms after a lone first one may wait up to {@code longParkNs} too.
 * <p>
 * A thread that hands this thread work in the same process calls {@link #wake()}: a parked owner wakes at once
 * (an unpark, paid only once the owner has stopped spinning and yielding; no wake-up is lost between its last poll
 * and its park); while the owner works, spins or yields the call is a volatile read. Work that arrives from
 * another process (an Aeron image) is seen at the next wake-up, so the first message after a long quiet spell can
 * wait up to {@code longParkNs}; the low-latency profile ({@code yield} or {@code spin}) does not park at all.
 * <p>
 * A quiet spell that lasts (idle for {@link #DEEP_QUIET_AFTER_NS} apart from lone duty cycles of work such as
 * timers and heartbeats) parks {@link #DEEP_PARK_FACTOR} times {@code longParkNs} at a time: a broker nobody uses,
 * or a client's driver with nothing but Aeron's heartbeats, wakes 20 rather than 50 times a second (at the defaults).
 * A lone duty cycle after a quiet spell parks at {@code maxParkNs} from the start rather than ramping up from
 * {@code minParkNs} again: a dozen fewer wake-ups per heartbeat. Traffic, or a wake-up, ends the spell.
 * <p>
 * {@link #idle(int)}, {@link #idle()} and {@link #reset()} are called by the owning thread only; {@link #wake()}
 * from any thread.
 */
public final class ProgressiveIdleStrategy implements IdleStrategy
{
    /**
     * After a lone duty cycle of work that ended a quiet spell, idle time after which the thread parks long again.
     */
    public static final long QUIET_LONG_PARK_AFTER_NS = 5_000_000L;

    /**
     * Length of a quiet spell (lone duty cycles of work apart) after which the long park grows to its deep park.
     */
    public static final long DEEP_QUIET_AFTER_NS = 1_000_000_000L;

    /**
     * The deep park, in units of the long park: 20 ms long parks become 50 ms.
     */
    public static final double DEEP_PARK_FACTOR = 2.5;

    /**
     * The deep park grows no longer than this; a long park already as long or longer (a thread whose work is all
     * handed over with a wake-up parks a second) stays as it is.
     */
    public static final long DEEP_PARK_MAX_NS = 100_000_000L;

    private final long maxSpins;
    private final long maxYields;
    private final long minParkNs;
    private final long maxParkNs;
    private final long longParkAfterNs;
    private final long longParkNs;
    private final long quietLongParkAfterNs;
    private final long deepParkNs;
    private final NanoClock clock;
    private final LongConsumer parker;
    private final boolean wakeMarksTraffic;

    private long spins;
    private long yields;
    private long parkNs;
    private long idleSinceNs;
    private boolean parking;
    private boolean quiet;
    private boolean afterQuiet;
    private boolean quietSpell;
    private long quietSpellSinceNs;
    private long longParks;
    private long deepParks;
    private volatile Thread idleThread;
    private volatile boolean wokenUp;

    /**
     * @param maxSpins        busy spins before yielding.
     * @param maxYields       yields before parking.
     * @param minParkNs       first park.
     * @param maxParkNs       longest park while the thread has been idle for less than {@code longParkAfterNs}.
     * @param longParkAfterNs idle time after which it parks {@code longParkNs}; 0 never does.
     * @param longParkNs      the long park.
     */
    public ProgressiveIdleStrategy(
        final long maxSpins,
        final long maxYields,
        final long minParkNs,
        final long maxParkNs,
        final long longParkAfterNs,
        final long longParkNs)
    {
        this(maxSpins, maxYields, minParkNs, maxParkNs, longParkAfterNs, longParkNs, false);
    }

    /**
     * @param maxSpins         busy spins before yielding.
     * @param maxYields        yields before parking.
     * @param minParkNs        first park.
     * @param maxParkNs        longest park while the thread has been idle for less than {@code longParkAfterNs}.
     * @param longParkAfterNs  idle time after which it parks {@code longParkNs}; 0 never does.
     * @param longParkNs       the long park.
     * @param wakeMarksTraffic true for a media driver: only work announced by {@link #wake()} (a frame this process
     *                         sends, or the conductor's egress) keeps the full window of short parks; any other work
     *                         (timers, heartbeats, status messages, a frame received) parks long again after
     *                         {@link #QUIET_LONG_PARK_AFTER_NS} of idleness.
     */
    public ProgressiveIdleStrategy(
        final long maxSpins,
        final long maxYields,
        final long minParkNs,
        final long maxParkNs,
        final long longParkAfterNs,
        final long longParkNs,
        final boolean wakeMarksTraffic)
    {
        this(maxSpins, maxYields, minParkNs, maxParkNs, longParkAfterNs, longParkNs, SystemNanoClock.INSTANCE,
            LockSupport::parkNanos, wakeMarksTraffic);
    }

    ProgressiveIdleStrategy(
        final long maxSpins,
        final long maxYields,
        final long minParkNs,
        final long maxParkNs,
        final long longParkAfterNs,
        final long longParkNs,
        final NanoClock clock,
        final LongConsumer parker)
    {
        this(maxSpins, maxYields, minParkNs, maxParkNs, longParkAfterNs, longParkNs, clock, parker, false);
    }

    ProgressiveIdleStrategy(
        final long maxSpins,
        final long maxYields,
        final long minParkNs,
        final long maxParkNs,
        final long longParkAfterNs,
        final long longParkNs,
        final NanoClock clock,
        final LongConsumer parker,
        final boolean wakeMarksTraffic)
    {
        if (minParkNs <= 0 || maxParkNs < minParkNs || longParkAfterNs < 0 || longParkNs < 0)
        {
            throw new IllegalArgumentException("idle strategy: need 0 < minParkNs <= maxParkNs, and no negative " +
                "long park or long park after: " + minParkNs + ", " + maxParkNs + ", " + longParkAfterNs + ", " +
                longParkNs);
        }
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minParkNs = minParkNs;
        this.maxParkNs = maxParkNs;
        this.longParkAfterNs = longParkAfterNs;
        this.longParkNs = Math.max(longParkNs, maxParkNs);
        this.quietLongParkAfterNs = Math.min(QUIET_LONG_PARK_AFTER_NS, longParkAfterNs);
        this.deepParkNs = Math.max(this.longParkNs, Math.min(DEEP_PARK_MAX_NS, (long)(this.longParkNs *
            DEEP_PARK_FACTOR)));
        this.clock = clock;
        this.parker = parker;
        this.wakeMarksTraffic = wakeMarksTraffic;
        this.parkNs = minParkNs;
    }

    /**
     * {@inheritDoc}
     */
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            // Work after a quiet spell may be a lone timer's: back to long parks soon unless more follows. For a
            // driver, only work announced by a wake-up counts as traffic.
            final boolean woken = wakeMarksTraffic && wokenUp;
            if (woken)
            {
                wokenUp = false;
            }
            afterQuiet = (quiet || wakeMarksTraffic) && !woken;
            if (!afterQuiet)
            {
                // Traffic: the quiet spell is over.
                quietSpell = false;
            }
            quiet = false;
            reset();
        }
        else
        {
            idle();
        }
    }

    /**
     * {@inheritDoc}
     */
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < maxYields)
        {
            yields++;
            Thread.yield();
        }
        else if (null == idleThread)
        {
            // Parking from now on: wake() unparks this thread. It must poll once more before it parks, because
            // work offered just before this point found nobody to wake. Armed only here, not while the thread
            // spins or yields: an unpark then would cost the waker a lock and leave a stale permit for nothing.
            idleThread = Thread.currentThread();
            Thread.yield();
        }
        else
        {
            final long nowNs = clock.nanoTime();
            if (!parking)
            {
                parking = true;
                idleSinceNs = nowNs;
                if (afterQuiet)
                {
                    // A lone duty cycle in a quiet spell: 1 ms parks until the long park again, no ramp.
                    parkNs = maxParkNs;
                }
            }
            final long idleForNs = nowNs - idleSinceNs;
            if (idleForNs >= longParkAfterNs)
            {
                quiet = true;
                if (!quietSpell)
                {
                    quietSpell = true;
                    quietSpellSinceNs = nowNs;
                }
            }
            parker.accept(parkPeriodNs(nowNs, idleForNs));
            if (wokenUp)
            {
                // Woken on purpose: work was handed over, and more (its answer) may follow at once. Back to spinning
                // and short parks, rather than straight into another long park that the next frame would wait out.
                if (!wakeMarksTraffic)
                {
                    wokenUp = false;
                }
                // (A driver keeps the mark for the work it was woken for: that work then counts as traffic.)
                quiet = false;
                afterQuiet = false;
                quietSpell = false;
                reset();
            }
        }
    }

    private long parkPeriodNs(final long nowNs, final long idleForNs)
    {
        if (longParkAfterNs > 0 && idleForNs >= (afterQuiet ? quietLongParkAfterNs : longParkAfterNs))
        {
            longParks++;
            if (quietSpell && nowNs - quietSpellSinceNs >= DEEP_QUIET_AFTER_NS)
            {
                deepParks++;
                return deepParkNs;
            }
            return longParkNs;
        }
        final long periodNs = parkNs;
        parkNs = Math.min(parkNs << 1, maxParkNs);
        return periodNs;
    }

    /**
     * {@inheritDoc}
     */
    public void reset()
    {
        spins = 0;
        yields = 0;
        parkNs = minParkNs;
        parking = false;
        if (null != idleThread)
        {
            idleThread = null;
        }
    }

    /**
     * Wakes the owning thread at once if it is idle (parked, or about to park), and sends it back to spinning and
     * short parks; any thread may call it. While the owner works, spins or yields this is one volatile read.
     */
    public void wake()
    {
        final Thread thread = idleThread;
        if (null != thread)
        {
            wokenUp = true;
            LockSupport.unpark(thread);
        }
        else if (wakeMarksTraffic && !wokenUp)
        {
            // A driver busy or spinning: remember that traffic was announced, for the work it is about to do.
            wokenUp = true;
        }
    }

    /**
     * @return true once the owner has stopped spinning and yielding, so that {@link #wake()} unparks it (for tests).
     */
    boolean isWakeable()
    {
        return null != idleThread;
    }

    /**
     * @return true if only work announced by {@link #wake()} keeps the full window of short parks (a driver's).
     */
    public boolean wakeMarksTraffic()
    {
        return wakeMarksTraffic;
    }

    /**
     * @return how many long parks the owner has begun (for tests and diagnostics; read on the owning thread).
     */
    public long longParks()
    {
        return longParks;
    }

    /**
     * @return how many of the long parks were deep parks (for tests and diagnostics; read on the owning thread).
     */
    public long deepParks()
    {
        return deepParks;
    }

    /**
     * {@inheritDoc}
     */
    public String alias()
    {
        return "progressive";
    }

    /**
     * {@inheritDoc}
     */
    public String toString()
    {
        return "ProgressiveIdleStrategy{spins=" + maxSpins + ", yields=" + maxYields + ", minParkNs=" + minParkNs +
            ", maxParkNs=" + maxParkNs + ", longParkAfterNs=" + longParkAfterNs + ", longParkNs=" + longParkNs +
            ", deepParkNs=" + deepParkNs + '}';
    }
}
