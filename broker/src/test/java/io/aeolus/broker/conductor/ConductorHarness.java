package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.engine.Destinations;
import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.Aeron;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.IdleStrategy;

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

    private final EmbeddedMediaDriver driver;
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
        final boolean wakeDriver)
    {
        epochClock.update(startEpochMs);
        nanoClock.update(TimeUnit.SECONDS.toNanos(1000));
        final String shm = new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir");
        driver = EmbeddedMediaDriver.launch(shm + "/aeolus-conductor-test-" + UUID.randomUUID(), TERM_LENGTH, true,
            Throwable::printStackTrace);
        final Aeron.Context aeronContext = new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName());
        if (wakeDriver)
        {
            // Aeron's own wait for the driver's answer sleeps 1 ms a turn: instead wake the driver and yield.
            aeronContext.awaitingIdleStrategy(new DriverWakingIdleStrategy(driver));
        }
        aeron = Aeron.connect(aeronContext);
        ingress = aeron.addSubscription("aeron:ipc", TransportConfiguration.INGRESS_STREAM_ID);
        final long hour = TimeUnit.HOURS.toNanos(1);
        conductor = new BrokerConductor(new BrokerConductor.Settings(epochClock, nanoClock,
            Math.min(hour, livenessTimeoutNs / 3), livenessTimeoutNs, 10 * hour, TERM_LENGTH, 1024 * 1024, 100,
            64 * 1024 * 1024, "test-broker", "test", engineSettings),
            aeron, ingress);
    }

    /**
     * A harness whose conductor, when it adds or closes a publication, wakes the driver and yields instead of
     * sleeping a millisecond per turn: for fuzzing, where nearly every input may connect a client anew.
     */
    static ConductorHarness withoutDriverSleeps()
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

    long nowMs()
    {
        return epochClock.time();
    }

    /**
     * One duty cycle of the conductor.
     */
    int doWork()
    {
        return conductor.doWork();
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

    public void close()
    {
        conductor.onClose();
        for (final TestClientPeer peer : peers)
        {
            peer.close();
        }
        CloseHelper.quietCloseAll(aeron, driver);
    }

    /**
     * Waits for the media driver by waking it and yielding the processor.
     */
    private static final class DriverWakingIdleStrategy implements IdleStrategy
    {
        private final EmbeddedMediaDriver driver;

        DriverWakingIdleStrategy(final EmbeddedMediaDriver driver)
        {
            this.driver = driver;
        }

        public void idle(final int workCount)
        {
            if (workCount <= 0)
            {
                idle();
            }
        }

        public void idle()
        {
            driver.wake();
            Thread.yield();
        }

        public void reset()
        {
        }
    }
}
