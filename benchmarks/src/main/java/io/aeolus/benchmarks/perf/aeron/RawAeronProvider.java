package io.aeolus.benchmarks.perf.aeron;

import io.aeolus.benchmarks.perf.Provider;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.TemporaryFiles;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bare Aeron, the floor under Aeolus: embedded media drivers configured as the broker's (one shared thread, backoff
 * idle, sparse 1 MiB terms), and publications and subscriptions with nothing on top. Over IPC both sides share one
 * driver; over UDP each side has its own driver, as two hosts would. Opened and used by the tool's main thread;
 * the workloads start their own receiving threads.
 */
public final class RawAeronProvider implements Provider
{
    /** Term length of every publication: the Aeolus client's default. */
    static final int TERM_LENGTH = 1024 * 1024;

    /** Fragments a receiving thread takes per poll. */
    static final int FRAGMENT_LIMIT = 16;

    private static final String LOOPBACK = "127.0.0.1";

    private final boolean udp;
    private final boolean lowLatency;
    private final MediaDriver senderDriver;
    private final MediaDriver receiverDriver;
    private final Aeron senderAeron;
    private final Aeron receiverAeron;
    private int nextStreamId = 1001;

    private RawAeronProvider(
        final boolean udp,
        final boolean lowLatency,
        final MediaDriver senderDriver,
        final MediaDriver receiverDriver,
        final Aeron senderAeron,
        final Aeron receiverAeron)
    {
        this.udp = udp;
        this.lowLatency = lowLatency;
        this.senderDriver = senderDriver;
        this.receiverDriver = receiverDriver;
        this.senderAeron = senderAeron;
        this.receiverAeron = receiverAeron;
    }

    /**
     * Launches the driver(s) and connects the clients. Their directories live under {@code /dev/shm} and are
     * deleted on close.
     *
     * @param udp        over UDP on loopback with a driver per side, rather than over IPC with one driver.
     * @param lowLatency drivers and workload threads yield instead of backing off.
     * @return the provider.
     */
    public static RawAeronProvider launch(final boolean udp, final boolean lowLatency)
    {
        MediaDriver senderDriver = null;
        MediaDriver receiverDriver = null;
        Aeron senderAeron = null;
        try
        {
            senderDriver = launchDriver(lowLatency);
            senderAeron = connect(senderDriver);
            if (!udp)
            {
                return new RawAeronProvider(false, lowLatency, senderDriver, null, senderAeron, senderAeron);
            }
            receiverDriver = launchDriver(lowLatency);
            final Aeron receiverAeron = connect(receiverDriver);
            return new RawAeronProvider(true, lowLatency, senderDriver, receiverDriver, senderAeron, receiverAeron);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietCloseAll(senderAeron, senderDriver, receiverDriver);
            throw ex;
        }
    }

    @Override
    public String name()
    {
        return udp ? "raw-aeron-udp" : "raw-aeron-ipc";
    }

    @Override
    public String channel()
    {
        return udp ? "udp" : "ipc";
    }

    @Override
    public boolean supports(final Workload workload)
    {
        return workload != Workload.PERSISTENT_SYNC && workload != Workload.PERSISTENT_ASYNC &&
            workload != Workload.XA && workload != Workload.MQTT;
    }

    @Override
    public List<Result> run(final Workload workload, final WorkloadSettings settings)
    {
        switch (workload)
        {
            case PINGPONG:
                return List.of(AeronPingPong.run(this, settings));
            case THROUGHPUT:
                return List.of(AeronStreams.throughput(this, settings));
            case FANOUT:
                return AeronStreams.fanout(this, settings);
            case LATENCY_AT_RATE:
                return AeronStreams.latencyAtRate(this, settings);
            default:
                throw new IllegalArgumentException(name() + " has no " + workload.workloadName() +
                    ": bare Aeron does not persist");
        }
    }

    @Override
    public void close()
    {
        if (receiverAeron != senderAeron)
        {
            CloseHelper.quietClose(receiverAeron);
        }
        CloseHelper.quietCloseAll(senderAeron, receiverDriver, senderDriver);
    }

    /**
     * @return the client of the side that sends first (the requester, the producer).
     */
    Aeron senderAeron()
    {
        return senderAeron;
    }

    /**
     * @return the client of the side that receives first (the responder, the consumers).
     */
    Aeron receiverAeron()
    {
        return receiverAeron;
    }

    /**
     * @return a channel no earlier run used: {@code aeron:ipc}, or UDP to a fresh port on loopback.
     */
    String newChannel()
    {
        return udp ? "aeron:udp?endpoint=" + LOOPBACK + ":" + freeUdpPort() : "aeron:ipc";
    }

    /**
     * @return a stream id no earlier run of this provider used, so no stale image is seen.
     */
    int newStreamId()
    {
        return nextStreamId++;
    }

    /**
     * @return the idle strategy of a workload thread: the broker's backoff, or yielding with {@code --low-latency}.
     */
    IdleStrategy newIdleStrategy()
    {
        return lowLatency ? new YieldingIdleStrategy() : new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    }

    /**
     * @return true when threads should spin rather than yield while pacing.
     */
    boolean lowLatency()
    {
        return lowLatency;
    }

    /**
     * Offers a message, retrying with the idle strategy while back-pressured.
     *
     * @param publication the publication.
     * @param buffer      holds the message at offset 0.
     * @param length      its length.
     * @param idle        how to wait between attempts.
     * @param timeoutNs   how long back-pressure may last.
     * @throws IllegalStateException if the publication is closed or stays back-pressured past the timeout.
     */
    static void offer(
        final Publication publication,
        final DirectBuffer buffer,
        final int length,
        final IdleStrategy idle,
        final long timeoutNs)
    {
        long startNs = 0;
        while (true)
        {
            final long position = publication.offer(buffer, 0, length);
            if (position > 0)
            {
                idle.reset();
                return;
            }
            if (position == Publication.CLOSED || position == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("publication failed: " + Publication.errorString(position));
            }
            final long nowNs = System.nanoTime();
            if (startNs == 0)
            {
                startNs = nowNs;
            }
            else if (nowNs - startNs > timeoutNs)
            {
                throw new IllegalStateException("back-pressured for " + TimeUnit.NANOSECONDS.toMillis(timeoutNs) +
                    " ms: " + Publication.errorString(position));
            }
            idle.idle();
        }
    }

    Result result(
        final Workload workload,
        final Map<String, String> params,
        final Map<String, Double> figures,
        final Map<String, String> info)
    {
        return new Result(workload.workloadName(), name(), channel(), params, figures, info);
    }

    private static MediaDriver launchDriver(final boolean lowLatency)
    {
        final MediaDriver.Context context = new MediaDriver.Context()
            .aeronDirectoryName(TemporaryFiles.sharedMemoryDirectory("aeolus-perf-aeron"))
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(lowLatency ?
                new YieldingIdleStrategy() : new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .warnIfDirectoryExists(false);
        return MediaDriver.launch(context);
    }

    private static Aeron connect(final MediaDriver driver)
    {
        return Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    private static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(LOOPBACK)))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }
}
