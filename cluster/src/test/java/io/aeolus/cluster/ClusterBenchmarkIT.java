package io.aeolus.cluster;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figures for BENCHMARKS.md, not a test of behaviour (nothing is asserted about time): failover time (SIGKILL of the
 * leader to the first confirmed send that started after it) over several kills, and persistent synchronous send
 * latency on 3 local members against the single broker's synchronous H2 journal in the same run. Runs only with
 * {@code -Daeolus.benchmark=true}; prints its figures and appends them to {@code target/cluster-benchmark.txt}.
 */
@EnabledIfSystemProperty(named = "aeolus.benchmark", matches = "true")
class ClusterBenchmarkIT
{
    private static final int KILLS = Integer.getInteger("aeolus.benchmark.kills", 10);
    private static final int SENDS = Integer.getInteger("aeolus.benchmark.sends", 5_000);
    private static final int WARMUP = 1_000;
    /**
     * The tests' timeouts (1 s leader, 500 ms election) unless -Daeolus.benchmark.defaults=true: the defaults
     * (500 ms, 300 ms) make elections storm on the shared machine at load 20-50.
     */
    private static final List<String> MEMBER_OPTIONS = Boolean.getBoolean("aeolus.benchmark.defaults") ?
        List.of("-Daeolus.cluster.snapshot.interval=0") :
        List.of("-Daeolus.cluster.snapshot.interval=0", "-Daeolus.cluster.leader.timeout=1s",
            "-Daeolus.cluster.election.timeout=500ms");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 1200, unit = TimeUnit.SECONDS)
    void measureFailoverTime() throws Exception
    {
        final long[] failoverMs = new long[KILLS];
        try (ClusterProcesses group = new ClusterProcesses(dir, 3, MEMBER_OPTIONS)
            .startAll())
        {
            group.awaitLeader(120_000, -1);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(
                group.url("livenessTimeout=120s&requestTimeout=120s"));
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("failover"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                final AtomicBoolean running = new AtomicBoolean(true);
                final AtomicLong killedAtNs = new AtomicLong(Long.MAX_VALUE);
                final AtomicLong firstConfirmAfterKillNs = new AtomicLong();
                final Thread sender = new Thread(() -> sendUntilStopped(session, producer, running, killedAtNs,
                    firstConfirmAfterKillNs));
                sender.start();
                for (int kill = 0; kill < KILLS; kill++)
                {
                    final int leader = group.awaitLeader(120_000, -1);
                    firstConfirmAfterKillNs.set(0);
                    killedAtNs.set(System.nanoTime());
                    group.kill(leader);
                    ClusterRig.await("a confirmed send after kill " + kill, 120_000,
                        () -> firstConfirmAfterKillNs.get() != 0);
                    failoverMs[kill] = TimeUnit.NANOSECONDS.toMillis(firstConfirmAfterKillNs.get() - killedAtNs.get());
                    killedAtNs.set(Long.MAX_VALUE);
                    group.start(leader);
                    ClusterRig.await("member " + leader + " rejoined", 120_000,
                        () -> group.hasJoined(leader));
                }
                running.set(false);
                sender.join(60_000);
            }
        }
        final long[] sorted = failoverMs.clone();
        Arrays.sort(sorted);
        report(String.format("failover (kill -9 of the leader to the first confirmed send started after it), " +
            "%d kills, member options %s: median %d ms, max %d ms, all %s; load %s", KILLS, MEMBER_OPTIONS,
            sorted[KILLS / 2], sorted[KILLS - 1],
            Arrays.toString(failoverMs), loadAverage()));
    }

    @Test
    @Timeout(value = 1200, unit = TimeUnit.SECONDS)
    void measureQuorumConfirmedSendAgainstTheSingleBrokersSyncJournal() throws Exception
    {
        final long[] group;
        try (ClusterProcesses members = new ClusterProcesses(dir.resolve("group"), 3,
            MEMBER_OPTIONS))
        {
            Files.createDirectories(dir.resolve("group"));
            members.startAll();
            members.awaitLeader(120_000, -1);
            group = sendLatencies(members.url(""));
        }
        final long[] single;
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dir.resolve("single")))
        {
            single = sendLatencies(broker.udpUrl());
        }
        report("persistent sync send, " + SENDS + " sends of 128 bytes after " + WARMUP + " warm-up, one producer " +
            "over UDP on this host: 3-member group (log fsync off) " + percentiles(group) + "; single broker, H2 " +
            "journal sync " + percentiles(single) + "; load " + loadAverage());
    }

    private static long[] sendLatencies(final String url) throws JMSException
    {
        final long[] latencies = new long[SENDS];
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("latency"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            final String body = "x".repeat(128);
            for (int i = -WARMUP; i < SENDS; i++)
            {
                final long startNs = System.nanoTime();
                producer.send(session.createTextMessage(body));
                if (i >= 0)
                {
                    latencies[i] = System.nanoTime() - startNs;
                }
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static String percentiles(final long[] sorted)
    {
        return String.format("p50 %.0f us, p99 %.0f us, max %.0f us", sorted[sorted.length / 2] / 1e3,
            sorted[(int)(sorted.length * 0.99)] / 1e3, sorted[sorted.length - 1] / 1e3);
    }

    private static void sendUntilStopped(final Session session, final MessageProducer producer,
        final AtomicBoolean running, final AtomicLong killedAtNs, final AtomicLong firstConfirmAfterKillNs)
    {
        try
        {
            while (running.get())
            {
                final long startNs = System.nanoTime();
                producer.send(session.createTextMessage("tick"));
                final long endNs = System.nanoTime();
                if (startNs > killedAtNs.get())
                {
                    firstConfirmAfterKillNs.compareAndSet(0, endNs);
                }
            }
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String loadAverage()
    {
        try
        {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        }
        catch (final java.io.IOException ex)
        {
            return "unknown";
        }
    }

    private static void report(final String line) throws java.io.IOException
    {
        System.out.println("BENCHMARK " + line);
        Files.writeString(Path.of("target", "cluster-benchmark.txt"), java.time.Instant.now() + " " + line + "\n",
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }
}
