package io.aeolus.jms.foundation;

import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The broker jar and a client ({@link NetworkWorkloadClient}) in separate network namespaces with a router
 * namespace between them (addresses the test creates, inside the namespaces only), under packet loss, duplication,
 * reordering, delay with jitter, and a 10 s partition. Under each, persistent sends: no confirmed message lost,
 * none delivered twice unless flagged as redelivered, every producer's order kept; on the partition both ends
 * declare the connection dead within the liveness timeout and the client's ExceptionListener fires.
 * <p>
 * Needs root (network namespaces); skipped with the reason where they cannot be created. Loss and duplication use
 * tc netem, or nftables where the kernel has no netem; reordering and delay use tc netem, or where the kernel has
 * none a user-space relay on a TUN device in the router ({@code tun_impair.py}, python3), and skip, saying why,
 * where neither can run.
 */
@Timeout(300)
class LossyNetworkIT
{
    private static final int PORT = 5150;
    private static final int PRODUCERS = 3;
    private static final int MESSAGES = 200;
    private static final long LIVENESS_TIMEOUT_MS = 3_000;

    private static NetworkNamespaces network;
    private static String setUpProblem;
    private static Path dataDir;
    private static String aeronDir;
    private static ChildJvm broker;
    private static String password;
    private static int run;

    @BeforeAll
    static void startBrokerInItsNamespace() throws Exception
    {
        try
        {
            network = NetworkNamespaces.create();
        }
        catch (final UnsupportedOperationException ex)
        {
            setUpProblem = ex.getMessage();
            return;
        }
        dataDir = Files.createTempDirectory("aeolus-lossy");
        aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final Path config = dataDir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.liveness.timeout=" + LIVENESS_TIMEOUT_MS + "ms\n" +
            "aeolus.broker.heartbeat.interval=500ms\n", StandardCharsets.UTF_8);
        broker = ChildJvm.startJarWithPrefix(NetworkNamespaces.inNamespace(network.brokerNamespace),
            LivenessIT.brokerJar(), "--endpoint", network.brokerAddress + ":" + PORT, "--aeron-dir", aeronDir,
            "--data-dir", dataDir.resolve("data").toString(), "--config", config.toString());
        final String passwordLine = broker.awaitLine("admin password:", Duration.ofSeconds(60));
        password = passwordLine.substring(passwordLine.indexOf(':') + 1).trim();
        broker.awaitLine("listening on", Duration.ofSeconds(30));
    }

    @AfterAll
    static void removeNamespaces() throws Exception
    {
        try
        {
            if (null != broker)
            {
                broker.close();
            }
        }
        finally
        {
            if (null != network)
            {
                network.close();
            }
            if (null != aeronDir)
            {
                IoUtil.delete(new File(aeronDir), true);
                // The broker's claim on its Aeron directory, beside it (DriverDirectoryOwner).
                Files.deleteIfExists(Path.of(aeronDir + ".lock"));
            }
            if (null != dataDir)
            {
                IoUtil.delete(dataDir.toFile(), true);
            }
        }
    }

    @AfterEach
    void clearImpairments()
    {
        if (null != network)
        {
            network.clear();
        }
    }

    @Test
    void shouldLoseNothingConfirmedUnderFivePercentLoss() throws Exception
    {
        requireNamespaces();
        assumeTrue(network.loss(5), "neither tc netem nor nftables can drop packets here");

        assertClean(workload("loss"));
    }

    @Test
    void shouldDeliverNothingTwiceUnderDuplication() throws Exception
    {
        requireNamespaces();
        assumeTrue(network.duplicate(5), "neither tc netem nor nftables can duplicate packets here");

        assertClean(workload("duplicate"));
    }

    @Test
    void shouldKeepEachProducersOrderUnderReordering() throws Exception
    {
        requireNamespaces();
        // netem: 25 % go at once, the rest 10 ms later; the relay does the same to each packet it forwards.
        final boolean netem = network.netem("delay", "10ms", "reorder", "25%", "50%");
        assumeTrue(netem || network.relay(10, 0, 25),
            "the kernel has no tc netem (CONFIG_NET_SCH_NETEM) and the TUN relay cannot run: " +
            network.relayProblem());

        assertClean(workload("reorder"));
        if (!netem)
        {
            assertRelayReordered();
        }
    }

    @Test
    void shouldLoseNothingUnderFiftyMillisecondsDelayWithJitter() throws Exception
    {
        requireNamespaces();
        // 20 ms of jitter is far above the packet spacing, so this reorders too.
        final boolean netem = network.netem("delay", "50ms", "20ms", "distribution", "normal");
        assumeTrue(netem || network.relay(50, 20, 0),
            "the kernel has no tc netem (CONFIG_NET_SCH_NETEM) and the TUN relay cannot run: " +
            network.relayProblem());

        assertClean(workload("delay"));
        if (!netem)
        {
            assertRelayReordered();
        }
    }

    @Test
    void shouldDeclareTheConnectionDeadAndTellTheListenerDuringATenSecondPartition() throws Exception
    {
        requireNamespaces();
        try (ChildJvm client = client("partition", "q-partition-" + run++))
        {
            client.awaitLine("READY", Duration.ofSeconds(60));

            network.partition();
            final long partitionedAtNs = System.nanoTime();
            final String listenerLine = client.awaitLine("EXCEPTION_LISTENER", Duration.ofSeconds(10));
            final long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - partitionedAtNs);
            final long leftNs = TimeUnit.SECONDS.toNanos(10) - (System.nanoTime() - partitionedAtNs);
            if (leftNs > 0)
            {
                TimeUnit.NANOSECONDS.sleep(leftNs);
            }
            network.heal();
            client.awaitLine("RECONNECTED", Duration.ofSeconds(60));
            final Map<String, String> result = parse(client.awaitLine("RESULT", Duration.ofSeconds(120)));

            System.out.println("partition: listener after " + detectedMs + " ms (" + listenerLine + "); " + result);
            assertTrue(detectedMs <= LIVENESS_TIMEOUT_MS + 3_000,
                "dead connection noticed after " + detectedMs + " ms");
            assertEquals("0", result.get("missing"), "confirmed messages lost: " + result);
            assertEquals("0", result.get("unflaggedDuplicates"), result.toString());
            assertTrue(Integer.parseInt(result.get("redelivered")) >= 5,
                "the broker did not give back the messages the dead client held: " + result);
        }
    }

    private static void requireNamespaces()
    {
        assumeTrue(null == setUpProblem, "network namespaces unavailable: " + setUpProblem);
    }

    private static Map<String, String> workload(final String name) throws Exception
    {
        try (ChildJvm client = client("workload", "q-" + name + "-" + run++, String.valueOf(PRODUCERS),
            String.valueOf(MESSAGES)))
        {
            final Map<String, String> result = parse(client.awaitLine("RESULT", Duration.ofSeconds(240)));
            System.out.println(name + ": " + result + "; " + network.counters());
            return result;
        }
    }

    private static ChildJvm client(final String mode, final String queue, final String... more) throws IOException
    {
        final String url = "aeolus:udp://" + network.brokerAddress + ":" + PORT + "?livenessTimeout=" +
            LIVENESS_TIMEOUT_MS + "ms&heartbeatInterval=500ms";
        final String[] args = new String[5 + more.length];
        args[0] = mode;
        args[1] = url;
        args[2] = "admin";
        args[3] = password;
        args[4] = queue;
        System.arraycopy(more, 0, args, 5, more.length);
        return ChildJvm.startMainWithPrefix(NetworkNamespaces.inNamespace(network.clientNamespace),
            NetworkWorkloadClient.class, args);
    }

    private static void assertClean(final Map<String, String> result)
    {
        assertEquals(String.valueOf(PRODUCERS * MESSAGES), result.get("confirmed"), "sends failed: " + result);
        assertEquals("0", result.get("missing"), "confirmed messages lost: " + result);
        assertEquals("0", result.get("unflaggedDuplicates"), "delivered twice without the flag: " + result);
        assertEquals("0", result.get("outOfOrder"), "a producer's order broken: " + result);
    }

    /**
     * The workload proves something only if its packets went through the relay and some overtook others.
     */
    private static void assertRelayReordered()
    {
        assertTrue(network.relayCounter("packets") > 0, "no packet went through the TUN relay (see its report)");
        assertTrue(network.relayCounter("overtaken") > 0,
            "the relay reordered nothing: " + network.relayCounter("packets") + " packets");
    }

    private static Map<String, String> parse(final String line)
    {
        final Map<String, String> values = new HashMap<>();
        for (final String part : line.substring(line.indexOf("RESULT") + "RESULT".length()).trim().split(" "))
        {
            final int eq = part.indexOf('=');
            if (eq > 0)
            {
                values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return values;
    }
}
