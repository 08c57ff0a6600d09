package io.aeolus.transport;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * An Aeron media driver in this process, configured for machines with few cores: one shared thread with a backoff
 * idle strategy (one that parks longer once idle for a while, {@link ProgressiveIdleStrategy}),
 * sparse term buffers, and per-publication term lengths that the channels choose. {@link #launchInvoked} launches
 * one without a thread (Aeron's {@code INVOKER} mode): the thread that reads its images runs its {@link #dutyCycle()}.
 * <p>
 * Create from one thread; {@link #close()} may be called from any thread, once.
 */
public final class EmbeddedMediaDriver implements AutoCloseable
{
    /**
     * How long a client of this driver may go without a keep-alive before the driver drops it, closing its
     * publications and subscriptions: Aeron's default. A client's conductor that misses it (a JVM stalled by the
     * garbage collector or a host starved of CPU for that long) fails for good; a longer timeout rides out longer
     * stalls, and delays by as much the driver's cleanup after a client process that died.
     */
    public static final long CLIENT_LIVENESS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final MediaDriver driver;
    private final boolean deleteOnClose;
    private final String aeronDirectoryName;
    private final ProcessLock lock;
    private final Runnable waker;
    private final DriverDutyCycle dutyCycle;
    private volatile Runnable invokingThreadWaker;

    private EmbeddedMediaDriver(
        final MediaDriver driver,
        final String aeronDirectoryName,
        final boolean deleteOnClose,
        final ProcessLock lock,
        final IdleStrategy idleStrategy)
    {
        this.driver = driver;
        if (null == idleStrategy)
        {
            this.dutyCycle = new DriverDutyCycle(driver.sharedAgentInvoker());
            this.waker = () ->
            {
                final Runnable invokingWaker = invokingThreadWaker;
                if (null != invokingWaker)
                {
                    invokingWaker.run();
                }
            };
        }
        else
        {
            this.dutyCycle = null;
            this.waker = TransportConfiguration.waker(idleStrategy);
        }
        this.aeronDirectoryName = aeronDirectoryName;
        this.deleteOnClose = deleteOnClose;
        this.lock = lock;
    }

    /**
     * Launches a driver in the given directory.
     *
     * @param aeronDirectoryName where the driver's files live (under {@code /dev/shm} for speed).
     * @param termLength         default term length for publications that do not name one.
     * @param deleteOnClose      remove the directory when the driver closes.
     * @param errorHandler       receives the driver's errors.
     * @return the running driver.
     * @throws IllegalStateException if another live process's driver owns the directory, naming its pid. A
     *                               predecessor that died (even by {@code kill -9}) does not stop the launch.
     */
    public static EmbeddedMediaDriver launch(
        final String aeronDirectoryName,
        final int termLength,
        final boolean deleteOnClose,
        final ErrorHandler errorHandler)
    {
        return launch(aeronDirectoryName, termLength, deleteOnClose, errorHandler,
            TransportConfiguration.driverIdleStrategy("driver", "backoff"));
    }

    /**
     * Launches a driver in the given directory with the given idle strategy for its shared thread.
     *
     * @param aeronDirectoryName where the driver's files live (under {@code /dev/shm} for speed).
     * @param termLength         default term length for publications that do not name one.
     * @param deleteOnClose      remove the directory when the driver closes.
     * @param errorHandler       receives the driver's errors.
     * @param idleStrategy       how its thread waits when idle: backoff by default, yield or spin for low latency.
     * @return the running driver.
     * @throws IllegalStateException if another live process's driver owns the directory, naming its pid. A
     *                               predecessor that died (even by {@code kill -9}) does not stop the launch.
     */
    public static EmbeddedMediaDriver launch(
        final String aeronDirectoryName,
        final int termLength,
        final boolean deleteOnClose,
        final ErrorHandler errorHandler,
        final IdleStrategy idleStrategy)
    {
        return launch(aeronDirectoryName, termLength, deleteOnClose, errorHandler, idleStrategy,
            CLIENT_LIVENESS_TIMEOUT_NS);
    }

    /**
     * Launches a driver in the given directory with the given idle strategy and client liveness timeout.
     *
     * @param aeronDirectoryName      where the driver's files live (under {@code /dev/shm} for speed).
     * @param termLength              default term length for publications that do not name one.
     * @param deleteOnClose           remove the directory when the driver closes.
     * @param errorHandler            receives the driver's errors.
     * @param idleStrategy            how its thread waits when idle.
     * @param clientLivenessTimeoutNs how long a client may go without a keep-alive before the driver drops it
     *                                ({@link #CLIENT_LIVENESS_TIMEOUT_NS} by default; shorter in tests of a stalled
     *                                client).
     * @return the running driver.
     * @throws IllegalStateException if another live process's driver owns the directory, naming its pid.
     */
    public static EmbeddedMediaDriver launch(
        final String aeronDirectoryName,
        final int termLength,
        final boolean deleteOnClose,
        final ErrorHandler errorHandler,
        final IdleStrategy idleStrategy,
        final long clientLivenessTimeoutNs)
    {
        return launch(aeronDirectoryName, termLength, deleteOnClose, errorHandler, idleStrategy,
            clientLivenessTimeoutNs, ThreadingMode.SHARED);
    }

    /**
     * Launches a driver without a thread of its own (Aeron's {@code INVOKER} mode): the thread that reads its images
     * (a client's receive thread) runs its {@link #dutyCycle()}, and an Aeron client of this process awaiting its
     * answer to a command runs it through {@link #awaitingInvoker(ErrorHandler)}. Until something runs the duty cycle
     * the driver does nothing: no datagram is sent or received.
     *
     * @param aeronDirectoryName where the driver's files live (under {@code /dev/shm} for speed).
     * @param termLength         default term length for publications that do not name one.
     * @param deleteOnClose      remove the directory when the driver closes.
     * @param errorHandler       receives the driver's errors.
     * @return the driver, started.
     * @throws IllegalStateException if another live process's driver owns the directory, naming its pid.
     */
    public static EmbeddedMediaDriver launchInvoked(
        final String aeronDirectoryName,
        final int termLength,
        final boolean deleteOnClose,
        final ErrorHandler errorHandler)
    {
        return launch(aeronDirectoryName, termLength, deleteOnClose, errorHandler, null, CLIENT_LIVENESS_TIMEOUT_NS,
            ThreadingMode.INVOKER);
    }

    private static EmbeddedMediaDriver launch(
        final String aeronDirectoryName,
        final int termLength,
        final boolean deleteOnClose,
        final ErrorHandler errorHandler,
        final IdleStrategy idleStrategy,
        final long clientLivenessTimeoutNs,
        final ThreadingMode threadingMode)
    {
        final ProcessLock lock = DriverDirectoryOwner.claim(aeronDirectoryName);
        try
        {
            final MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .threadingMode(threadingMode)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(deleteOnClose)
                .termBufferSparseFile(true)
                .publicationTermBufferLength(termLength)
                .ipcTermBufferLength(termLength)
                .clientLivenessTimeoutNs(clientLivenessTimeoutNs)
                .imageLivenessTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                // Aeron requires it longer than the client liveness timeout.
                .publicationUnblockTimeoutNs(clientLivenessTimeoutNs + TimeUnit.SECONDS.toNanos(1))
                .errorHandler(errorHandler)
                .warnIfDirectoryExists(false);
            if (null != idleStrategy)
            {
                context.sharedIdleStrategy(idleStrategy);
            }
            return new EmbeddedMediaDriver(
                MediaDriver.launch(context), aeronDirectoryName, deleteOnClose, lock, idleStrategy);
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
    }

    /**
     * Wakes the driver's thread if it is parked (a frame was just offered to one of its publications); for a driver
     * without a thread, the thread that runs its duty cycle ({@link #invokedBy(Runnable)}). Any thread.
     */
    public void wake()
    {
        waker.run();
    }

    /**
     * @return true if the driver has no thread of its own ({@link #launchInvoked}).
     */
    public boolean isInvoked()
    {
        return null != dutyCycle;
    }

    /**
     * The driver's duty cycle, for the thread that runs it (a driver launched by {@link #launchInvoked}).
     *
     * @return the agent to run in that thread's duty cycle.
     * @throws IllegalStateException if the driver has a thread of its own.
     */
    public Agent dutyCycle()
    {
        return invokedDutyCycle();
    }

    /**
     * For {@code Aeron.Context.driverAgentInvoker} of an Aeron client of this driver: while it awaits the driver's
     * answer it runs the driver's duty cycle (one thread at a time with the thread that runs it normally).
     *
     * @param errorHandler receives what a duty cycle throws.
     * @return an invoker, started.
     * @throws IllegalStateException if the driver has a thread of its own.
     */
    public AgentInvoker awaitingInvoker(final ErrorHandler errorHandler)
    {
        return invokedDutyCycle().awaitingInvoker(errorHandler);
    }

    /**
     * Names what {@link #wake()} wakes for a driver without a thread: the thread that runs its duty cycle.
     *
     * @param invokingThreadWaker wakes that thread if it is parked; any thread calls it.
     * @throws IllegalStateException if the driver has a thread of its own.
     */
    public void invokedBy(final Runnable invokingThreadWaker)
    {
        invokedDutyCycle();
        this.invokingThreadWaker = invokingThreadWaker;
    }

    private DriverDutyCycle invokedDutyCycle()
    {
        if (null == dutyCycle)
        {
            throw new IllegalStateException("the media driver at " + aeronDirectoryName + " runs on its own thread");
        }
        return dutyCycle;
    }

    /**
     * @return the directory clients attach to.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Stops the driver and, if asked at launch, deletes its directory.
     */
    public void close()
    {
        driver.close();
        if (deleteOnClose)
        {
            IoUtil.delete(new File(aeronDirectoryName), true);
            lock.deleteAndClose();
        }
        else
        {
            lock.close();
        }
    }
}
