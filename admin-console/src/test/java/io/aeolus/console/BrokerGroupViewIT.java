package io.aeolus.console;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.cluster.ClusterNode;
import io.aeolus.cluster.ClusterNodeSettings;
import io.aeolus.management.GroupMember;
import io.aeron.cluster.service.Cluster;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 5 and issue #15 item 5 through the real console (headless) on a real 3-member broker group in this
 * JVM: the Broker tab shows the members with role, term, log position and lag, the leader marked, and after the
 * leader is stopped it shows the new leader without the user doing anything (the client follows the group).
 */
@Timeout(240)
@ExtendWith(ApplicationExtension.class)
class BrokerGroupViewIT
{
    private static final int MEMBERS = 3;

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
    void brokerTabShowsTheGroupAndItsNewLeaderAfterAFailover(final FxRobot robot) throws Exception
    {
        final String aeronDir = (new File("/dev/shm").isDirectory() ? "/dev/shm" :
            System.getProperty("java.io.tmpdir")) + "/aeolus-console-group-" + UUID.randomUUID();
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
        robot.interact(() -> console.viewModel.connect("aeolus:cluster://" + members, "", new char[0]));
        waitUntil(60, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.window.selectTab("overviewTab"));

        waitUntil(60, () -> rows(robot).size() == MEMBERS && text(robot, "#groupSummary").startsWith(
            "Leader: member " + leader + " "));
        assertTrue(robot.lookup("#groupSection").query().isVisible());
        final List<GroupMember> shown = rows(robot);
        for (final GroupMember member : shown)
        {
            assertEquals(member.memberId() == leader, member.leader(), member.toString());
            assertEquals(endpoints.get(member.memberId()), member.endpoint());
        }
        waitUntil(30, () -> rows(robot).stream().allMatch((member) -> member.logPosition() > 0 &&
            member.lagBytes() >= 0));
        assertTrue(text(robot, "#groupSummary").contains("term "), text(robot, "#groupSummary"));
        console.backend.actions().createDestination("group.kept", false);
        assertDestinationListed(robot, "group.kept");
        robot.interact(() -> console.window.selectTab("overviewTab"));

        nodes[leader].close();
        nodes[leader] = null;
        final int newLeader = awaitLeader();
        waitUntil(90, () -> text(robot, "#groupSummary").startsWith("Leader: member " + newLeader + " ") &&
            rows(robot).get(newLeader).leader() && !rows(robot).get(leader).leader());
        // The queue made through the old leader, listed by the new one.
        assertDestinationListed(robot, "group.kept");

        robot.interact(() -> console.window.selectTab("overviewTab"));
        assertEquals(List.of(), errors(), "no error told to the user across the failover");
        robot.interact(() -> console.viewModel.disconnect());
        waitUntil(20, () -> !robot.lookup("#groupSection").query().isVisible() && rows(robot).isEmpty());
    }

    private void assertDestinationListed(final FxRobot robot, final String queue) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(60, () ->
        {
            robot.interact(() -> console.viewModel.destinations().reload());
            return FxQueries.cellTexts(robot, "#destinationsTable").contains(queue);
        });
    }

    private List<String> errors()
    {
        return console.viewModel.notifier().history().stream()
            .filter((notice) -> notice.level() == io.aeolus.console.notifications.NoticeLevel.ERROR)
            .map(Object::toString).toList();
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

    @SuppressWarnings("unchecked")
    private static List<GroupMember> rows(final FxRobot robot)
    {
        return List.copyOf(robot.lookup("#groupMembers").queryAs(TableView.class).getItems());
    }

    private static String text(final FxRobot robot, final String id)
    {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /**
     * A block of five free UDP ports (a member's client, consensus, log, catch-up and archive ports), apart from the
     * blocks already taken.
     */
    private static int freeBasePort(final List<String> taken)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(2_000, 5_500) * 10 + 3;
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
