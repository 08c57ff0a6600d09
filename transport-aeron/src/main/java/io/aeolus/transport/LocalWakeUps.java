package io.aeolus.transport;

import org.agrona.concurrent.Agent;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wake-ups of the polling threads of brokers running in this JVM (their conductor and media driver), so that a
 * client in the same JVM that sends a frame wakes them at once instead of waiting out a long park of their
 * {@link ProgressiveIdleStrategy}. Across processes there is no such signal: there, the first frame after a quiet
 * spell waits for the next wake-up. Thread-safe; registration is rare, {@link #wakeAll()} cheap (a volatile read per
 * broker thread that is not idle).
 */
public final class LocalWakeUps
{
    private static final CopyOnWriteArrayList<Runnable> WAKERS = new CopyOnWriteArrayList<>();

    private LocalWakeUps()
    {
    }

    /**
     * Registers a wake-up until the returned handle is closed.
     *
     * @param waker wakes a thread; any thread may run it.
     * @return closes the registration.
     */
    public static AutoCloseable register(final Runnable waker)
    {
        WAKERS.add(waker);
        return () -> WAKERS.remove(waker);
    }

    /**
     * Runs every registered wake-up.
     */
    public static void wakeAll()
    {
        for (final Runnable waker : WAKERS)
        {
            waker.run();
        }
    }

    /**
     * Runs an agent and, whenever it did work, a wake-up: for a conductor whose work may be frames offered to
     * publications of a media driver in the same process, which must wake to send them.
     *
     * @param agent  the agent.
     * @param waker  run after each duty cycle that did work.
     * @return the agent to run instead.
     */
    public static Agent wakingAfterWork(final Agent agent, final Runnable waker)
    {
        return new Agent()
        {
            public int doWork() throws Exception
            {
                final int workCount = agent.doWork();
                if (workCount > 0)
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
        return WAKERS.size();
    }
}
