package io.aeolus.transport;

import io.aeron.Aeron;
import io.aeron.CncFileDescriptor;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.DynamicCompositeAgent;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One Aeron client and one receive thread per media driver, shared by every connection of this JVM that uses
 * that driver, and released when the last of them closes. A JVM can so hold hundreds of connections without a
 * thread each. For UDP connections to another host the JVM runs its own embedded driver, also shared.
 * Thread-safe.
 */
public final class SharedAeronClient
{
    /** Key under which the JVM's own embedded driver is shared. */
    public static final String EMBEDDED = "embedded";

    /** Name of the receive threads. */
    static final String RECEIVE_THREAD_NAME = "aeolus-client-receiver";

    /** Name prefix of the embedded drivers' directories. */
    static final String EMBEDDED_PREFIX = "aeolus-client-";

    private static final Map<String, SharedAeronClient> INSTANCES = new HashMap<>();
    private static final ThreadLocal<Boolean> ON_RECEIVE_THREAD = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final String key;
    private final EmbeddedMediaDriver driver;
    private final Aeron aeron;
    private final DynamicCompositeAgent receivers;
    private final AgentRunner runner;
    private final Runnable receiverWaker;
    private final Object cncFileKey;
    private final String aeronDirectoryName;
    private int references;

    private SharedAeronClient(
        final String key, final EmbeddedMediaDriver driver, final String aeronDirectoryName, final String idleStrategy)
    {
        this.key = key;
        this.driver = driver;
        this.aeronDirectoryName = aeronDirectoryName;
        this.cncFileKey = cncFileKey(aeronDirectoryName);
        final ErrorHandler errorHandler = (throwable) -> { };
        final boolean invokeDriver = null != driver && driver.isInvoked();
        // A receive thread that runs the driver idles as a driver does: only work announced by a wake-up (a send)
        // keeps its short parks, so that the driver's timers (heartbeats, status messages) on an idle connection
        // do not keep it from its long parks.
        final IdleStrategy receiverIdle = invokeDriver ?
            TransportConfiguration.driverIdleStrategy("idleStrategy", idleStrategy) :
            TransportConfiguration.idleStrategy("idleStrategy", idleStrategy);
        // With the backoff strategy the receive thread also runs the Aeron client's conductor (keep-alives to the
        // driver, new and lost images): its own thread would wake ~60 times a second for nothing on an idle
        // connection. The low-latency strategies keep Aeron's thread, so that their receive loop stays as short.
        final boolean invokeConductor = receiverIdle instanceof ProgressiveIdleStrategy;
        // An embedded driver without a thread of its own runs in the receive thread's duty cycle, first: a datagram
        // it receives is polled from its image in the same duty cycle, and a send wakes the receive thread for it.
        this.receiverWaker = TransportConfiguration.waker(receiverIdle);
        final Aeron.Context aeronContext = new Aeron.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .errorHandler(errorHandler)
            .useConductorAgentInvoker(invokeConductor)
            .driverTimeoutMs(TimeUnit.SECONDS.toMillis(10));
        if (invokeDriver)
        {
            driver.invokedBy(receiverWaker);
            aeronContext.driverAgentInvoker(driver.awaitingInvoker(errorHandler));
        }
        this.aeron = Aeron.connect(aeronContext);
        this.receivers = new DynamicCompositeAgent("aeolus-client-receivers");
        final Agent readers = invokeDriver ? new CompositeAgent(driver.dutyCycle(), receivers) : receivers;
        final Agent agent = invokeConductor ?
            new CompositeAgent(readers, new AeronConductorAgent(aeron.conductorAgentInvoker())) : readers;
        this.runner = new AgentRunner(receiverIdle, Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(runner, (runnable) ->
        {
            // AgentRunner renames the thread after its agent's role, so the thread is known by a flag, not its name.
            final Thread thread = new Thread(() ->
            {
                ON_RECEIVE_THREAD.set(Boolean.TRUE);
                runnable.run();
            }, RECEIVE_THREAD_NAME);
            thread.setDaemon(true);
            return thread;
        });
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receivers.status() != DynamicCompositeAgent.Status.ACTIVE)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("client receive thread did not start");
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Takes a reference on the client for a driver, starting it on first use, with the idle strategies of the system
     * properties {@value TransportConfiguration#CLIENT_IDLE_STRATEGY_PROP_NAME} and
     * {@value TransportConfiguration#CLIENT_DRIVER_IDLE_STRATEGY_PROP_NAME}.
     *
     * @param aeronDirectoryName the driver's directory, or {@link #EMBEDDED} for this JVM's own driver.
     * @param termLength         term length for an embedded driver's default publications.
     * @return the shared client; call {@link #release()} once when done.
     */
    public static SharedAeronClient acquire(final String aeronDirectoryName, final int termLength)
    {
        final String idle = TransportConfiguration.clientIdleStrategyName(null);
        return acquire(aeronDirectoryName, termLength, idle, TransportConfiguration.clientDriverIdleStrategyName(
            null, idle));
    }

    /**
     * Takes a reference on the client for a driver and idle strategies, starting it on first use. Connections that
     * ask for different idle strategies get a receive thread (and an embedded driver) each.
     *
     * @param aeronDirectoryName the driver's directory, or {@link #EMBEDDED} for this JVM's own driver.
     * @param termLength         term length for an embedded driver's default publications.
     * @param idleStrategy       of the receive thread: {@code backoff}, {@code yield} or {@code spin}.
     * @param driverIdleStrategy of the embedded driver, if this client runs one.
     * @return the shared client; call {@link #release()} once when done.
     * @throws IllegalArgumentException if a strategy's name is unknown.
     */
    public static SharedAeronClient acquire(final String aeronDirectoryName, final int termLength,
        final String idleStrategy, final String driverIdleStrategy)
    {
        AgronaAccess.ensure();
        final boolean embedded = EMBEDDED.equals(aeronDirectoryName);
        final boolean driverOnReceiveThread = embedded &&
            TransportConfiguration.clientDriverOnReceiveThread(idleStrategy, driverIdleStrategy);
        final String key = aeronDirectoryName + "#" + TransportConfiguration.idleStrategyName("idleStrategy",
            idleStrategy) + (embedded ? "#" + TransportConfiguration.idleStrategyName("driverIdleStrategy",
            driverIdleStrategy) + (driverOnReceiveThread ? "#invoked" : "") : "");
        synchronized (INSTANCES)
        {
            SharedAeronClient client = INSTANCES.get(key);
            if (null != client && (client.aeron.isClosed() || client.isStale()))
            {
                // Its media driver died or was replaced (a broker that restarted): connections still holding it
                // release it later.
                INSTANCES.remove(key);
                client = null;
            }
            if (null == client)
            {
                if (embedded)
                {
                    final String dir = embeddedDirectoryName();
                    deleteAtExit(dir);
                    final EmbeddedMediaDriver driver = driverOnReceiveThread ?
                        EmbeddedMediaDriver.launchInvoked(dir, termLength, true, (t) -> { }) :
                        EmbeddedMediaDriver.launch(dir, termLength, true, (t) -> { },
                        TransportConfiguration.driverIdleStrategy("driverIdleStrategy", driverIdleStrategy));
                    try
                    {
                        client = new SharedAeronClient(key, driver, dir, idleStrategy);
                    }
                    catch (final RuntimeException ex)
                    {
                        driver.close();
                        throw ex;
                    }
                }
                else
                {
                    if (!new File(aeronDirectoryName).isDirectory())
                    {
                        throw new TransportException(io.aeolus.transport.codecs.ErrorCode.CONNECTION_CLOSED,
                            "no media driver at " + aeronDirectoryName + ": is the broker running on this host?");
                    }
                    client = new SharedAeronClient(key, null, aeronDirectoryName, idleStrategy);
                }
                INSTANCES.put(key, client);
            }
            client.references++;
            return client;
        }
    }

    /**
     * @return how many shared clients (one per driver) are open in this JVM.
     */
    public static int openCount()
    {
        synchronized (INSTANCES)
        {
            return INSTANCES.size();
        }
    }

    /**
     * @return the Aeron client.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Wakes what a frame just sent needs, if it is parked: this JVM's embedded driver (which sends it over UDP), the
     * receive thread (an answer is expected soon) and brokers in this JVM ({@link LocalWakeUps}: their conductor,
     * and their driver only for a frame sent over UDP). Any thread; a few volatile reads while those threads are
     * busy.
     */
    public void wakeAfterSend()
    {
        if (null != driver)
        {
            driver.wake();
        }
        receiverWaker.run();
        LocalWakeUps.wakeAll(null != driver);
    }

    /**
     * Adds a connection's receive agent to the shared receive thread, waiting until it runs.
     *
     * @param agent the agent.
     */
    public void addReceiver(final Agent agent)
    {
        receiverWaker.run();
        awaitChange(() -> receivers.tryAdd(agent), receivers::hasAddAgentCompleted);
    }

    /**
     * Removes a receive agent, waiting until it no longer runs, unless called from the receive thread itself.
     *
     * @param agent the agent.
     */
    public void removeReceiver(final Agent agent)
    {
        if (isReceiveThread())
        {
            // The removal completes on this thread's next duty cycle; only another thread's add or remove still
            // pending (which this thread would complete) can hold it up.
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!receivers.tryRemove(agent))
            {
                checkDeadline(deadlineNs);
                Thread.onSpinWait();
            }
            return;
        }
        receiverWaker.run();
        awaitChange(() -> receivers.tryRemove(agent), receivers::hasRemoveAgentCompleted);
    }

    /**
     * @return true on a receive thread, where nothing may wait for what that thread itself brings.
     */
    static boolean isReceiveThread()
    {
        return ON_RECEIVE_THREAD.get();
    }

    /**
     * Drops a reference; the last one closes the receive thread, the Aeron client and any embedded driver.
     */
    public void release()
    {
        synchronized (INSTANCES)
        {
            if (--references > 0)
            {
                return;
            }
            INSTANCES.remove(key, this);
        }
        CloseHelper.quietClose(runner);
        CloseHelper.quietClose(aeron);
        CloseHelper.quietClose(driver);
    }

    private void awaitChange(final BooleanSupplier attempt, final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!attempt.getAsBoolean())
        {
            checkDeadline(deadlineNs);
            Thread.yield();
        }
        while (!done.getAsBoolean())
        {
            checkDeadline(deadlineNs);
            Thread.yield();
        }
    }

    private boolean isStale()
    {
        final Object current = cncFileKey(aeronDirectoryName);
        return null != cncFileKey && null != current && !cncFileKey.equals(current);
    }

    /**
     * Identity of the driver's CnC file (device and inode on Linux): a restarted driver recreates the file, and a
     * client still mapping the old one would only find out after its driver timeout.
     */
    private static Object cncFileKey(final String aeronDirectoryName)
    {
        try
        {
            return Files.readAttributes(Path.of(aeronDirectoryName, CncFileDescriptor.CNC_FILE),
                BasicFileAttributes.class).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static void checkDeadline(final long deadlineNs)
    {
        if (System.nanoTime() - deadlineNs > 0)
        {
            throw new IllegalStateException("client receive thread did not respond in time");
        }
    }

    /**
     * A JVM that exits while a connection still holds its embedded driver (never closed, or closed by a thread that
     * was abandoned) would leave the driver's files in /dev/shm: remove them at exit too.
     */
    private static void deleteAtExit(final String dir)
    {
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            IoUtil.delete(new File(dir), true);
            try
            {
                Files.deleteIfExists(DriverDirectoryOwner.lockFile(dir));
            }
            catch (final IOException ignore)
            {
                // The next client's sweep removes it.
            }
        }, "aeolus-client-driver-cleanup"));
    }

    private static String embeddedDirectoryName()
    {
        final File shm = new File("/dev/shm");
        final String base = shm.isDirectory() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        // Clients killed with kill -9 never ran their shutdown hook: their drivers' files are still here.
        DriverDirectoryOwner.deleteStale(Path.of(base), EMBEDDED_PREFIX);
        final String dir = new File(base, EMBEDDED_PREFIX + UUID.randomUUID()).getPath();
        if (Files.exists(new File(dir).toPath()))
        {
            throw new IllegalStateException("embedded driver directory already exists: " + dir);
        }
        return dir;
    }

    /**
     * Runs the Aeron client's conductor in the receive thread's duty cycle ({@code useConductorAgentInvoker}).
     * Aeron's own API calls (adding publications and subscriptions) still run the conductor themselves while they
     * wait for the driver.
     */
    static final class AeronConductorAgent implements Agent
    {
        private final AgentInvoker invoker;

        AeronConductorAgent(final AgentInvoker invoker)
        {
            this.invoker = invoker;
        }

        public int doWork()
        {
            return invoker.invoke();
        }

        public String roleName()
        {
            return "aeron-client-conductor";
        }
    }
}
