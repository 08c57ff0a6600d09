package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.Destinations;
import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.Aeron;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.AgentInvoker;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A broker conductor driven by hand: an embedded media driver in its own directory under /dev/shm (deleted on
 * close), the conductor's Aeron client and IPC ingress, and fake clocks that move only when the test says so.
 * Everything runs on the test thread: {@link #doWork()} is one duty cycle. Peers ({@link TestClientPeer}) talk to the
 * conductor over raw IPC publications, so a frame offered before a duty cycle is seen in it, and a reply sent in it
 * can be read right after: the tests are deterministic.
 */
final class ConductorHarness implements AutoCloseable
{
    static final long START_EPOCH_MS = 1_700_000_000_000L;
    static final int TERM_LENGTH = 64 * 1024;

    private int driverWakeUps;
    private final AutoCloseable driver;
    /** Single-threaded mode: the driver's and the Aeron client's duty cycles, run by {@link #doWork()}. */
    private final AgentInvoker driverInvoker;
    private final AgentInvoker clientInvoker;
    private final Aeron aeron;
    private final Subscription ingress;
    private final BrokerConductor conductor;
    private final CachedEpochClock epochClock = new CachedEpochClock();
    private final CachedNanoClock nanoClock = new CachedNanoClock();
    private final List<TestClientPeer> peers = new ArrayList<>();
    private int nextReplyStreamId = 2001;

    ConductorHarness()
    {
        this(EngineSettings.defaults());
    }

    ConductorHarness(final EngineSettings engineSettings)
    {
        this(engineSettings, START_EPOCH_MS);
    }

    ConductorHarness(final EngineSettings engineSettings, final long startEpochMs)
    {
        this(engineSettings, startEpochMs, TimeUnit.HOURS.toNanos(10));
    }

    ConductorHarness(final EngineSettings engineSettings, final long startEpochMs, final long livenessTimeoutNs)
    {
        this(engineSettings, startEpochMs, livenessTimeoutNs, false);
    }

    private ConductorHarness(
        final EngineSettings engineSettings,
        final long startEpochMs,
        final long livenessTimeoutNs,
        final boolean singleThreaded)
    {
        epochClock.update(startEpochMs);
        nanoClock.update(TimeUnit.SECONDS.toNanos(1000));
        final String shm = new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir");
        final String aeronDir = shm + "/aeolus-conductor-test-" + UUID.randomUUID();
        final Aeron.Context aeronContext = new Aeron.Context().aeronDirectoryName(aeronDir);
        if (singleThreaded)
        {
            final MediaDriver invokedDriver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(aeronDir)
                .threadingMode(ThreadingMode.INVOKER).dirDeleteOnStart(true).dirDeleteOnShutdown(true)
                .termBufferSparseFile(true).publicationTermBufferLength(TERM_LENGTH).ipcTermBufferLength(TERM_LENGTH)
                // Reconnecting hundreds of times a second: closed reply publications must give their counters
                // back soon, and there must be room for those still lingering.
                .publicationLingerTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100))
                .counterValuesBufferLength(16 * 1024 * 1024)
                .clientLivenessTimeoutNs(TimeUnit.HOURS.toNanos(1))
                .publicationUnblockTimeoutNs(TimeUnit.HOURS.toNanos(2))
                .errorHandler(Throwable::printStackTrace));
            driver = invokedDriver;
            driverInvoker = invokedDriver.sharedAgentInvoker();
            // Nothing runs the driver or the client between two tests (or two Jazzer inputs): no timeouts then.
            aeronContext.driverAgentInvoker(driverInvoker).useConductorAgentInvoker(true)
                .driverTimeoutMs(TimeUnit.HOURS.toMillis(1));
        }
        else
        {
            driver = EmbeddedMediaDriver.launch(aeronDir, TERM_LENGTH, true, Throwable::printStackTrace);
            driverInvoker = null;
        }
        aeron = Aeron.connect(aeronContext);
        clientInvoker = singleThreaded ? aeron.conductorAgentInvoker() : null;
        ingress = aeron.addSubscription("aeron:ipc", TransportConfiguration.INGRESS_STREAM_ID);
        final long hour = TimeUnit.HOURS.toNanos(1);
        conductor = new BrokerConductor(new BrokerConductor.Settings(epochClock, nanoClock,
            Math.min(hour, livenessTimeoutNs / 3), livenessTimeoutNs, 10 * hour, TERM_LENGTH, 1024 * 1024, 100,
            64 * 1024 * 1024, "test-broker", "test", engineSettings),
            aeron, ingress);
    }

    /**
     * A harness on one thread: the media driver and the Aeron client run their duty cycles in {@link #doWork()} and
     * in Aeron's waits for the driver, so adding or closing a publication costs no hand-off between threads. For
     * fuzzing, where nearly every input connects a client anew; on a busy machine each hand-off waits for a core.
     */
    static ConductorHarness singleThreaded()
    {
        return new ConductorHarness(EngineSettings.defaults(), START_EPOCH_MS, TimeUnit.HOURS.toNanos(10), true);
    }

    /**
     * @return the conductor's ingress subscription, to see which clients' images it has.
     */
    Subscription ingress()
    {
        return ingress;
    }

    Aeron aeron()
    {
        return aeron;
    }

    BrokerConductor conductor()
    {
        return conductor;
    }

    Destinations destinations()
    {
        return conductor.engine().destinations();
    }

    /**
     * @return how many duty cycles so far would have woken an embedded media driver (as the broker does).
     */
    int driverWakeUps()
    {
        return driverWakeUps;
    }

    long nowMs()
    {
        return epochClock.time();
    }

    /**
     * One duty cycle of the conductor.
     */
    int doWork()
    {
        int workCount = conductor.doWork();
        if (conductor.needsDriverAfter(workCount))
        {
            driverWakeUps++;
        }
        if (null != driverInvoker)
        {
            workCount += driverInvoker.invoke() + clientInvoker.invoke();
        }
        return workCount;
    }

    /**
     * Moves both clocks on, then runs duty cycles until the conductor has nothing left to do.
     */
    void advanceMs(final long ms)
    {
        epochClock.advance(ms);
        nanoClock.advance(TimeUnit.MILLISECONDS.toNanos(ms));
        settle();
    }

    /**
     * Runs duty cycles until one does no work (bounded).
     */
    void settle()
    {
        for (int i = 0; i < 1000 && (doWork() > 0 || i < 3); i++)
        {
            for (final TestClientPeer peer : peers)
            {
                peer.pollReplies();
            }
        }
        for (final TestClientPeer peer : peers)
        {
            peer.pollReplies();
        }
    }

    /**
     * A new client connected to the conductor.
     */
    TestClientPeer connect()
    {
        return connect("");
    }

    TestClientPeer connect(final String clientId)
    {
        final TestClientPeer peer = new TestClientPeer(this, nextReplyStreamId++);
        peers.add(peer);
        peer.connect(clientId);
        return peer;
    }

    /**
     * A new client connected to the conductor that takes its replies on the given channel (e.g. UDP).
     */
    TestClientPeer connectOn(final String replyChannel)
    {
        final TestClientPeer peer = new TestClientPeer(this, nextReplyStreamId++, replyChannel);
        peers.add(peer);
        peer.connect("");
        return peer;
    }

    public void close()
    {
        conductor.onClose();
        for (final TestClientPeer peer : peers)
        {
            peer.close();
        }
        CloseHelper.quietCloseAll(aeron, driver);
    }
}
