package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeron.cluster.service.Cluster;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Three (or more) broker group members in this JVM, each with its own directories (under a test's temporary
 * directory), its own media driver directory under /dev/shm (deleted when it closes) and its own ports, found free.
 * Members are closed and launched again on the same directories to play crashes and restarts.
 */
final class ClusterRig implements AutoCloseable
{
    private final Path dir;
    private final String members;
    private final String aeronDir;
    private final ClusterNode[] nodes;
    private final Map<BrokerConfiguration, String> options;
    private final Consumer<Broker.Context> customizer;

    ClusterRig(final Path dir, final int count, final Map<BrokerConfiguration, String> options)
    {
        this(dir, count, options, context ->
        {
        });
    }

    /**
     * @param customizer sets what the options map cannot (roles, destination settings) on each member's context.
     */
    ClusterRig(final Path dir, final int count, final Map<BrokerConfiguration, String> options,
        final Consumer<Broker.Context> customizer)
    {
        this.dir = dir;
        this.options = options;
        this.customizer = customizer;
        this.nodes = new ClusterNode[count];
        this.aeronDir = (new File("/dev/shm").isDirectory() ? "/dev/shm" : System.getProperty("java.io.tmpdir")) +
            "/aeolus-cluster-test-" + UUID.randomUUID();
        final List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            list.add("127.0.0.1:" + ClusterProcesses.freeBasePort(list));
        }
        this.members = String.join(",", list);
    }

    ClusterRig startAll()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            start(i);
        }
        return this;
    }

    ClusterNode start(final int memberId)
    {
        final Broker.Context context = new Broker.Context()
            .dataDirectory(dir.resolve("member-" + memberId))
            .aeronDirectoryName(aeronDir)
            .set(BrokerConfiguration.CLUSTER_MEMBERS, members)
            .set(BrokerConfiguration.CLUSTER_MEMBER_ID, Integer.toString(memberId))
            .set(BrokerConfiguration.CLUSTER_SNAPSHOT_INTERVAL, "0")
            .set(BrokerConfiguration.CLUSTER_HEARTBEAT_INTERVAL, "100ms")
            .set(BrokerConfiguration.CLUSTER_LEADER_TIMEOUT, "1s")
            .set(BrokerConfiguration.CLUSTER_ELECTION_TIMEOUT, "500ms")
            // Anonymous clients from this host (tests that log in set aeolus.broker.security=on in their options).
            .set(BrokerConfiguration.SECURITY, "dev");
        options.forEach(context::set);
        customizer.accept(context);
        nodes[memberId] = ClusterNode.launch(ClusterNodeSettings.resolve(context));
        return nodes[memberId];
    }

    /**
     * Closes a member abruptly for the group (its peers see it vanish); its directories stay.
     */
    void stop(final int memberId)
    {
        final ClusterNode node = nodes[memberId];
        nodes[memberId] = null;
        if (null != node)
        {
            node.close();
        }
    }

    ClusterNode node(final int memberId)
    {
        return nodes[memberId];
    }

    String url()
    {
        return "aeolus:cluster://" + members;
    }

    /**
     * @return the leader's member id once a running member says it leads.
     */
    int awaitLeader(final long timeoutMs)
    {
        final int[] leader = {-1};
        await("a leader", timeoutMs, () ->
        {
            for (int i = 0; i < nodes.length; i++)
            {
                if (null != nodes[i] && nodes[i].role() == Cluster.Role.LEADER)
                {
                    leader[0] = i;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    static void await(final String what, final long timeoutMs, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("no " + what + " within " + timeoutMs + " ms");
            }
            try
            {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, ex);
            }
        }
    }

    public void close()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            stop(i);
        }
    }
}
