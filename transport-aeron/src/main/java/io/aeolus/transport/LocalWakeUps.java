package io.aeolus.transport;

import org.agrona.concurrent.Agent;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * Wake-ups of the polling threads of brokers running in this JVM (their conductor and media driver), so that a
 * client in the same JVM that sends a frame wakes them at once instead of waiting out a long park of their
 * {@link ProgressiveIdleStrategy}. Across processes there is no such signal: there, the first frame after a quiet
 * spell waits for the next wake-up. Thread-safe; registration is rare, {@link #wakeAll(boolean)} cheap (a volatile
 * read per broker thread that is not parked).
 * <p>
 * A frame sent over IPC needs only the broker's conductor: the media driver takes no part in moving it. Waking the
 * driver for it anyway cost a futex wake-up per send and put one more runnable thread on the cores, which doubled the
 * ping-pong round trip on a 2-core host (BENCHMARKS.md, issue #21); so drivers are woken only for network frames.
 */
public final class LocalWakeUps
{
    private static final Runnable[] NONE = new Runnable[0];
    /** Copied on write, so that {@link #wakeAll(boolean)}, once per send, walks an array and allocates nothing. */
    private static final AtomicReference<Runnable[]> CONDUCTOR_WAKERS = new AtomicReference<>(NONE);
    private static final AtomicReference<Runnable[]> DRIVER_WAKERS = new AtomicReference<>(NONE);

    private LocalWakeUps()
    {
    }

    /**
     * Registers a broker's wake-ups until the returned handle is closed.
     *
     * @param conductorWaker wakes the thread that reads the broker's ingress; any thread may run it.
     * @param driverWaker    wakes the broker's media driver, or null if it has none in this JVM.
     * @return closes the registration.
     */
    public static AutoCloseable register(final Runnable conductorWaker, final Runnable driverWaker)
    {
        add(CONDUCTOR_WAKERS, conductorWaker);
        if (null != driverWaker)
        {
            add(DRIVER_WAKERS, driverWaker);
        }
        return () ->
        {
            remove(CONDUCTOR_WAKERS, conductorWaker);
            if (null != driverWaker)
            {
                remove(DRIVER_WAKERS, driverWaker);
            }
        };
    }

    private static void add(final AtomicReference<Runnable[]> wakers, final Runnable waker)
    {
        Runnable[] current;
        Runnable[] next;
        do
        {
            current = wakers.get();
            next = Arrays.copyOf(current, current.length + 1);
            next[current.length] = waker;
        }
        while (!wakers.compareAndSet(current, next));
    }

    private static void remove(final AtomicReference<Runnable[]> wakers, final Runnable waker)
    {
        Runnable[] current;
        Runnable[] next;
        do
        {
            current = wakers.get();
            final int index = Arrays.asList(current).indexOf(waker);
            if (index < 0)
            {
                return;
            }
            next = new Runnable[current.length - 1];
            System.arraycopy(current, 0, next, 0, index);
            System.arraycopy(current, index + 1, next, index, next.length - index);
        }
        while (!wakers.compareAndSet(current, next));
    }

    /**
     * Wakes every registered conductor and, for a frame sent over the network, every registered media driver.
     *
     * @param network true if the frame went out over UDP (a driver in this JVM must receive it).
     */
    public static void wakeAll(final boolean network)
    {
        if (network)
        {
            for (final Runnable waker : DRIVER_WAKERS.get())
            {
                waker.run();
            }
        }
        for (final Runnable waker : CONDUCTOR_WAKERS.get())
        {
            waker.run();
        }
    }

    /**
     * Runs an agent and, after each duty cycle for which {@code needed} says so, a wake-up: for a conductor whose
     * work may be frames offered to network publications of a media driver in the same process, which must wake to
     * send them.
     *
     * @param agent  the agent.
     * @param needed given each duty cycle's work count, on the agent's thread: true to run the wake-up.
     * @param waker  the wake-up.
     * @return the agent to run instead.
     */
    public static Agent wakingAfterWork(final Agent agent, final IntPredicate needed, final Runnable waker)
    {
        return new Agent()
        {
            public int doWork() throws Exception
            {
                final int workCount = agent.doWork();
                if (needed.test(workCount))
                {
                    waker.run();
                }
                return workCount;
            }

            public void onStart()
            {
                agent.onStart();
            }

            public void onClose()
            {
                agent.onClose();
            }

            public String roleName()
            {
                return agent.roleName();
            }
        };
    }

    /**
     * @return how many wake-ups are registered (for tests).
     */
    public static int registered()
    {
        return CONDUCTOR_WAKERS.get().length;
    }
}
