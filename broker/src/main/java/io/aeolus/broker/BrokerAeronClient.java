package io.aeolus.broker;

import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeron.Aeron;
import io.aeron.exceptions.ClientTimeoutException;
import io.aeron.exceptions.ConductorServiceTimeoutException;
import io.aeron.exceptions.DriverTimeoutException;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The broker's Aeron client, and who runs its conductor (keep-alives to the media driver, images of clients coming
 * and going).
 * <p>
 * With the backoff idle strategy the client conductor runs on the broker conductor's duty cycle ({@link
 * #onConductor(Agent)}, Aeron's {@code useConductorAgentInvoker}): Aeron's own thread would sleep 16 ms at a time and
 * wake ~60 times a second in a broker nobody uses. A keeper thread runs it whenever the broker conductor does not:
 * every {@link #STARTUP_INTERVAL_NS} until the conductor's first duty cycle (while the journal is recovered, which
 * can take longer than the driver waits for a keep-alive), and whenever the conductor has not run it for {@link
 * #TAKEOVER_NS} (a long duty cycle, or after the conductor stopped at close); it then wakes once a second. One
 * thread at a time runs it (a flag taken with a compare-and-set; a thread that finds it taken skips its turn).
 * Aeron's own calls (adding a publication) service the client conductor themselves, under the client's lock, from
 * any thread. The low-latency strategies keep Aeron's thread, as clients do.
 * <p>
 * A client that fails for good (the driver timed it out, or it found its conductor not run within the driver's
 * client liveness timeout, or the driver stopped answering) closes itself and cannot be revived: {@code onFatal}
 * is called once with the cause, unless the broker was closing it. Thread-safe.
 */
final class BrokerAeronClient implements AutoCloseable
{
    /** Name of the keeper thread. */
    static final String KEEPER_THREAD_NAME = "aeolus-aeron-keeper";

    /** How often the keeper runs the client conductor before the broker conductor's first duty cycle. */
    static final long STARTUP_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    /** The keeper runs the client conductor if the broker conductor has not for this long, checking as often. */
    static final long TAKEOVER_NS = TimeUnit.SECONDS.toNanos(1);

    private final Aeron aeron;
    private final AgentInvoker invoker;
    private final Agent driverDutyCycle;
    private final Thread keeper;
    private final AtomicBoolean invoking = new AtomicBoolean();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Consumer<Throwable> onFatal;
    private volatile boolean conductorStarted;
    private volatile boolean closing;
    private volatile long lastInvokeNs;
    private volatile long pausedUntilNs;
    private volatile long stallNextDutyCycleNs;
    private volatile CountDownLatch stallEnded;
    private volatile Throwable fatalCause;
    private volatile Throwable lastError;

    private BrokerAeronClient(
        final String aeronDirectoryName,
        final boolean onConductor,
        final ErrorHandler errorHandler,
        final Consumer<Throwable> onFatal,
        final EmbeddedMediaDriver driver)
    {
        this.onFatal = onFatal;
        final boolean invokedDriver = null != driver && driver.isInvoked();
        if (invokedDriver && !onConductor)
        {
            throw new IllegalArgumentException("a media driver without a thread needs the client on the conductor");
        }
        this.driverDutyCycle = invokedDriver ? driver.dutyCycle() : null;
        this.aeron = Aeron.connect(new Aeron.Context()
            .driverAgentInvoker(invokedDriver ? driver.awaitingInvoker(errorHandler) : null)
            .aeronDirectoryName(aeronDirectoryName)
            .useConductorAgentInvoker(onConductor)
            .errorHandler((throwable) -> onAeronError(throwable, errorHandler))
            .closeHandler(this::onAeronClosed));
        this.invoker = aeron.conductorAgentInvoker();
        this.lastInvokeNs = System.nanoTime();
        if (null == invoker)
        {
            keeper = null;
        }
        else
        {
            keeper = new Thread(this::keep, KEEPER_THREAD_NAME);
            keeper.setDaemon(true);
            keeper.start();
        }
    }

    /**
     * Connects to the driver.
     *
     * @param aeronDirectoryName the driver's directory.
     * @param onConductor        run the client conductor on the broker conductor's duty cycle (the backoff idle
     *                           strategy); false keeps Aeron's own thread.
     * @param errorHandler       the broker's error handler, for the client's errors that are not fatal.
     * @param onFatal            called once, from a thread of Aeron's or the keeper, when the client fails for good.
     * @return the connected client.
     */
    static BrokerAeronClient connect(
        final String aeronDirectoryName,
        final boolean onConductor,
        final ErrorHandler errorHandler,
        final Consumer<Throwable> onFatal)
    {
        return new BrokerAeronClient(aeronDirectoryName, onConductor, errorHandler, onFatal, null);
    }

    /**
     * Connects to the driver, which may be a driver without a thread of its own ({@link
     * EmbeddedMediaDriver#launchInvoked}): the broker conductor's duty cycle then runs it first, before the client
     * conductor, and the keeper runs it whenever it runs the client conductor (at start, while the journal is
     * recovered, and when the conductor has not run for a second), so that its timers and its clients' liveness
     * do not depend on a conductor that stalls.
     *
     * @param aeronDirectoryName the driver's directory.
     * @param onConductor        run the client conductor on the broker conductor's duty cycle; required for a driver
     *                           without a thread.
     * @param errorHandler       the broker's error handler, for the client's errors that are not fatal.
     * @param onFatal            called once, from a thread of Aeron's or the keeper, when the client fails for good.
     * @param driver             the broker's embedded driver, or null for an external one.
     * @return the connected client.
     */
    static BrokerAeronClient connect(
        final String aeronDirectoryName,
        final boolean onConductor,
        final ErrorHandler errorHandler,
        final Consumer<Throwable> onFatal,
        final EmbeddedMediaDriver driver)
    {
        return new BrokerAeronClient(aeronDirectoryName, onConductor, errorHandler, onFatal, driver);
    }

    /**
     * @return the Aeron client.
     */
    Aeron aeron()
    {
        return aeron;
    }

    /**
     * @return true if the client conductor runs on the broker conductor's duty cycle.
     */
    boolean isOnConductor()
    {
        return null != invoker;
    }

    /**
     * @return the cause the client failed with, or null while it works.
     */
    Throwable fatalCause()
    {
        return fatalCause;
    }

    /**
     * The broker conductor's agent, running the client conductor after each of its duty cycles when this client is
     * {@link #isOnConductor() on the conductor}. Its role name, and so the thread's name, stay the conductor's.
     *
     * @param conductor the broker conductor's agent.
     * @return the agent to run.
     */
    Agent onConductor(final Agent conductor)
    {
        if (null == invoker)
        {
            return conductor;
        }
        return new Agent()
        {
            public void onStart()
            {
                conductorStarted = true;
                conductor.onStart();
            }

            public int doWork() throws Exception
            {
                final long stallNs = stallNextDutyCycleNs;
                if (stallNs > 0)
                {
                    stallNextDutyCycleNs = 0;
                    stall(stallNs);
                    stallEnded.countDown();
                }
                // First, so that an image that has just come (a client connecting) is polled in the same cycle. Its
                // work count is left out: a keep-alive to the driver (twice a second) would otherwise end the
                // conductor's deep park and cost a few short parks each time; a client's first frame waits for the
                // conductor's next wake-up as any frame from another process does. A driver without a thread runs
                // before both, its work count left out as well for its timers' sake: a datagram it receives is
                // polled from its image by the conductor in the same cycle, and counts there.
                runDriver();
                invoke();
                return conductor.doWork();
            }

            public void onClose()
            {
                conductor.onClose();
            }

            public String roleName()
            {
                return conductor.roleName();
            }
        };
    }

    /**
     * Stops the keeper, then closes the client; the close is not reported as a failure. Any thread, once.
     */
    public void close()
    {
        closing = true;
        if (null != keeper)
        {
            LockSupport.unpark(keeper);
            boolean interrupted = false;
            while (keeper.isAlive())
            {
                try
                {
                    keeper.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
        aeron.close();
    }

    /**
     * Tests only: nobody runs the client conductor for this long, as in a JVM stalled by a long garbage collection.
     *
     * @param durationNs how long.
     */
    void pauseInvocationForTest(final long durationNs)
    {
        pausedUntilNs = System.nanoTime() + durationNs;
    }

    /**
     * Tests only: the broker conductor's next duty cycle takes this long, as a very long one would.
     *
     * @param durationNs how long.
     * @return counted down once that duty cycle has stalled so long.
     */
    CountDownLatch stallNextDutyCycleForTest(final long durationNs)
    {
        final CountDownLatch ended = new CountDownLatch(1);
        stallEnded = ended;
        stallNextDutyCycleNs = durationNs;
        return ended;
    }

    private int invoke()
    {
        if (!invoking.compareAndSet(false, true))
        {
            return 0;
        }
        try
        {
            final long nowNs = System.nanoTime();
            if (nowNs - pausedUntilNs < 0)
            {
                return 0;
            }
            lastInvokeNs = nowNs;
            return invoker.invoke();
        }
        finally
        {
            invoking.set(false);
        }
    }

    private void runDriver()
    {
        if (null != driverDutyCycle && System.nanoTime() - pausedUntilNs >= 0)
        {
            try
            {
                driverDutyCycle.doWork();
            }
            catch (final Exception ex)
            {
                onAeronError(ex, (throwable) -> { });
            }
        }
    }

    private void keep()
    {
        while (!closing && !invoker.isClosed())
        {
            final long intervalNs = conductorStarted ? TAKEOVER_NS : STARTUP_INTERVAL_NS;
            LockSupport.parkNanos(intervalNs);
            if (!closing && System.nanoTime() - lastInvokeNs >= intervalNs)
            {
                runDriver();
                invoke();
            }
        }
    }

    private static void stall(final long durationNs)
    {
        final long deadlineNs = System.nanoTime() + durationNs;
        for (long leftNs = durationNs; leftNs > 0; leftNs = deadlineNs - System.nanoTime())
        {
            LockSupport.parkNanos(leftNs);
        }
    }

    private void onAeronError(final Throwable throwable, final ErrorHandler errorHandler)
    {
        if (throwable instanceof ConductorServiceTimeoutException || throwable instanceof ClientTimeoutException ||
            throwable instanceof DriverTimeoutException)
        {
            fail(throwable);
        }
        else
        {
            lastError = throwable;
            errorHandler.onError(throwable);
        }
    }

    private void onAeronClosed()
    {
        final Throwable cause = lastError;
        fail(new IllegalStateException("the Aeron client closed" + (null == cause ? "" : " after: " + cause), cause));
    }

    private void fail(final Throwable cause)
    {
        if (!closing && failed.compareAndSet(false, true))
        {
            fatalCause = cause;
            onFatal.accept(cause);
        }
    }
}
