package io.aeolus.console;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.cluster.ClusterNode;
import io.aeolus.cluster.ClusterNodeSettings;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.HistoryPoint;
import io.aeron.cluster.service.Cluster;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #15 item 5 through the real console (headless) on a real 3-member broker group in this JVM: connected with
 * the cluster URL, the dashboard shows a queue's depth and in rate from the group's metrics snapshots and the
 * console reads the queue's history; after the leader is stopped both go on with the new leader's figures, without
 * the user doing anything.
 */
@Timeout(240)
@ExtendWith(ApplicationExtension.class)
class GroupDashboardViewIT
{
    private static final int MEMBERS = 3;
    private static final String QUEUE = "group.dash";

    @TempDir
    Path dir;

    private final ClusterNode[] nodes = new ClusterNode[MEMBERS];
    private String members;
    private RealConsole console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        console = new RealConsole();
        stage.setScene(console.window.createScene(1100, 700, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
        for (int i = 0; i < MEMBERS; i++)
        {
            if (null != nodes[i])
            {
                nodes[i].close();
            }
        }
    }

    @Test
    void dashboardShowsRatesAndHistoryOfAGroupAcrossAFailover(final FxRobot robot) throws Exception
    {
        final String aeronDir = (new File("/dev/shm").isDirectory() ? "/dev/shm" :
            System.getProperty("java.io.tmpdir")) + "/aeolus-console-dash-" + UUID.randomUUID();
        final List<String> endpoints = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            endpoints.add("127.0.0.1:" + freeBasePort(endpoints));
        }
        members = String.join(",", endpoints);
        for (int i = 0; i < MEMBERS; i++)
        {
            launch(i, aeronDir);
        }
        final int leader = awaitLeader();
        final String url = "aeolus:cluster://" + members;
        robot.interact(() -> console.viewModel.connect(url, "", new char[0]));
        waitUntil(60, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.window.selectTab("dashboardTab"));
        // Live snapshots from the group, then one with the queue: its rates' baseline.
        waitUntil(60, () -> console.viewModel.dashboard().liveProperty().get());
        final int before = console.viewModel.dashboard().destinationCountProperty().get();
        console.backend.actions().createDestination(QUEUE, false);
        waitUntil(60, () -> console.viewModel.dashboard().destinationCountProperty().get() > before);
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            send(connection, 6);
            waitUntil(60, () -> shows(robot, 6));
            waitUntil(60, () -> hasHistoryPoint(6));

            nodes[leader].close();
            nodes[leader] = null;
            awaitLeader();
            send(connection, 4);
            waitUntil(90, () -> shows(robot, 10));
            waitUntil(60, () -> hasHistoryPoint(10) && hasHistoryPoint(6));
        }
        assertEquals(List.of(), console.viewModel.notifier().history().stream()
            .filter((notice) -> notice.level() == io.aeolus.console.notifications.NoticeLevel.ERROR)
            .map(Object::toString).toList(), "no error told to the user across the failover");
    }

    private boolean shows(final FxRobot robot, final long depth)
    {
        final DestinationInfo row = row(robot);
        return null != row && row.depth() == depth && row.inRatePerSec() > 0;
    }

    private DestinationInfo row(final FxRobot robot)
    {
        final List<List<DestinationInfo>> lists = new ArrayList<>();
        robot.interact(() ->
        {
            lists.add(List.copyOf(console.viewModel.dashboard().topByDepth()));
            lists.add(List.copyOf(console.viewModel.dashboard().topByRate()));
        });
        DestinationInfo found = null;
        for (final List<DestinationInfo> list : lists)
        {
            for (final DestinationInfo info : list)
            {
                if (QUEUE.equals(info.name()) && (null == found || info.inRatePerSec() > found.inRatePerSec()))
                {
                    found = info;
                }
            }
        }
        return found;
    }

    private boolean hasHistoryPoint(final long depth)
    {
        try
        {
            final List<HistoryPoint> points = console.backend.history(QUEUE, false, HistoryRange.ONE_MINUTE);
            return points.stream().anyMatch((point) -> point.depth() == depth);
        }
        catch (final Exception ex)
        {
            return false;
        }
    }

    private static void send(final Connection connection, final int count) throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("dash-" + i));
            }
        }
    }

    private void launch(final int memberId, final String aeronDir)
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
            // The console connects anonymously from this host.
            .set(BrokerConfiguration.SECURITY, "dev");
        nodes[memberId] = ClusterNode.launch(ClusterNodeSettings.resolve(context));
    }

    private int awaitLeader() throws Exception
    {
        final int[] leader = {-1};
        waitUntil(60, () ->
        {
            for (int i = 0; i < MEMBERS; i++)
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

    /**
     * A block of free UDP ports (a member's client, consensus, log, catch-up and archive ports), apart from the
     * blocks already taken.
     */
    private static int freeBasePort(final List<String> taken)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(5_500, 6_400) * 10 + 7;
            boolean free = true;
            for (final String member : taken)
            {
                final int other = Integer.parseInt(member.substring(member.lastIndexOf(':') + 1));
                free &= Math.abs(other - base) >= ClusterNodeSettings.PORTS_PER_MEMBER;
            }
            for (int port = base; free && port < base + ClusterNodeSettings.PORTS_PER_MEMBER; port++)
            {
                try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", port)))
                {
                    free = socket.isBound();
                }
                catch (final IOException ex)
                {
                    free = false;
                }
            }
            if (free)
            {
                return base;
            }
        }
        throw new IllegalStateException("no free block of UDP ports");
    }
}
