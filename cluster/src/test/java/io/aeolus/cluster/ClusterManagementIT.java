package io.aeolus.cluster;

import io.aeolus.cli.AeolusCli;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminGroup;
import io.aeolus.jms.admin.AdminRoutes;
import io.aeolus.management.DestinationInfo;
import io.aeolus.management.GroupMember;
import io.aeolus.management.GroupStatus;
import io.aeolus.management.MessageInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Management over JMS of a 3-member group in this JVM: {@link AdminClient} over the cluster URL, the group's view
 * ({@code group}) and the members' JMX, before and after the leader's loss.
 */
class ClusterManagementIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldCreateListBrowseSearchAndPurgeThroughTheGroup() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection())
            {
                connection.start();
                final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30));
                admin.createQueue("mgmt.orders");
                assertNotNull(queue(admin.destinations(), "mgmt.orders"));

                send(connection, "mgmt.orders", 5);
                final DestinationInfo orders = queue(admin.destinations(), "mgmt.orders");
                assertEquals(5, orders.depth());
                final List<MessageInfo> page = admin.browse("mgmt.orders", null, 0, 10);
                assertEquals(5, page.size());
                assertEquals("order-0", page.get(0).body());
                final List<MessageInfo> found = admin.search("mgmt.orders", "order-3", null, 0, 10);
                assertEquals(1, found.size());
                assertEquals("order-3", found.get(0).body());

                assertEquals(5, admin.purge("mgmt.orders"));
                assertEquals(0, queue(admin.destinations(), "mgmt.orders").depth());
                // Every member applied the same changes: each engine holds the queue, empty.
                for (int id = 0; id < 3; id++)
                {
                    final int member = id;
                    ClusterRig.await("member " + id + " applied the purge", 30_000, () ->
                        rig.node(member).service().logPosition() >= rig.node(leader).service().logPosition());
                }

                // The history is the answering member's own (ClusterMetricsIT); a bad range is still an error.
                assertNotNull(admin.history("mgmt.orders", false, "1m"));
                final JMSException badRange = assertThrows(JMSException.class,
                    () -> admin.history("mgmt.orders", false, "2m"));
                assertTrue(badRange.getMessage().contains("range"), badRange.getMessage());
                final JMSException closeRefused = assertThrows(JMSException.class, () -> admin.closeConnection(1));
                assertTrue(closeRefused.getMessage().contains("closeConnection"), closeRefused.getMessage());

                final GroupStatus group = awaitGroup(new AdminGroup(admin), leader, 3);
                assertEquals(leader, group.answeringMemberId());
                assertTrue(group.leaderView());
                assertEquals(leader, group.leader().memberId());
                assertEquals(3, group.members().size());
                for (final GroupMember member : group.members())
                {
                    assertEquals(member.memberId() == leader, member.leader());
                    assertTrue(member.logPosition() > 0, member.toString());
                    assertTrue(member.leadershipTermId() >= 0, member.toString());
                    assertTrue(member.lastHeardAgoMs() >= 0, member.toString());
                }
                assertEquals(0, group.leader().lagBytes());
                assertEquals(rig.url().substring("aeolus:cluster://".length()),
                    String.join(",", group.members().stream().map(GroupMember::endpoint).toList()));

                // A starved host can start an election at any time: read over JMX who leads once exactly one does.
                final int leading = awaitOneLeaderOverJmx();
                assertGroupOverJmx(leading);
                assertGroupThroughTheCli(rig.url(), leading);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldKeepAChangeMadeThroughTheOldLeaderOnTheNewOne() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection())
            {
                connection.start();
                final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30));
                admin.createQueue("mgmt.kept");
                send(connection, "mgmt.kept", 3);
                assertTrue(admin.pause("mgmt.kept"));
                admin.createTopic("mgmt.events");
                new AdminRoutes(admin).create("mgmt.copy", "queue:mgmt.kept", null, "queue:mgmt.copies", "copy");

                rig.stop(leader);
                final int newLeader = rig.awaitLeader(60_000);
                assertNotEquals(leader, newLeader);

                // Answered by the new leader, from what it applied while following.
                final DestinationInfo kept = queue(admin.destinations(), "mgmt.kept");
                assertNotNull(kept);
                assertTrue(kept.paused());
                assertEquals(3, kept.depth());
                assertTrue(admin.destinations().stream().anyMatch((d) -> d.name().equals("mgmt.events")));
                assertTrue(new AdminRoutes(admin).list().stream().anyMatch((r) -> r.name().equals("mgmt.copy")));
                assertTrue(admin.connections().stream().anyMatch((c) -> c.sessions() >= 1), "the engine's connections");
                assertTrue(admin.resume("mgmt.kept"));
                assertFalse(admin.resume("mgmt.kept"));
                assertEquals(3, admin.purge("mgmt.kept"));

                final GroupStatus group = awaitGroup(new AdminGroup(admin), newLeader, 2);
                assertEquals(newLeader, group.answeringMemberId());
                assertEquals(newLeader, group.leaderMemberId());
                assertEquals(newLeader, group.leader().memberId());
                assertFalse(group.members().get(leader).leader());
                assertTrue(group.leadershipTermId() > 0, group.toString());

                // The old leader comes back as a follower and catches up: the new leader sees its lag shrink to 0.
                rig.start(leader);
                ClusterRig.await("the old leader caught up, as the new leader sees it", 60_000, () ->
                {
                    final GroupMember old = rig.node(newLeader).group().members().get(leader);
                    return !old.leader() && 0 == old.lagBytes() && old.lastHeardAgoMs() < 5_000;
                });
            }
        }
    }

    /**
     * The member whose JMX view says it leads, once exactly one does: while an election moves the lead, the old leader
     * and the new one can both say so for a moment.
     */
    private static int awaitOneLeaderOverJmx()
    {
        final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        final int[] leading = {-1};
        ClusterRig.await("exactly one member leads, as JMX shows", 30_000, () ->
        {
            int leaders = 0;
            for (int id = 0; id < 3; id++)
            {
                try
                {
                    if (Boolean.TRUE.equals(jmx.getAttribute(
                        new ObjectName("io.aeolus:type=ClusterMember,member=" + id), "LeaderView")))
                    {
                        leaders++;
                        leading[0] = id;
                    }
                }
                catch (final javax.management.JMException ex)
                {
                    return false;
                }
            }
            return 1 == leaders;
        });
        return leading[0];
    }

    private static void assertGroupOverJmx(final int leader) throws Exception
    {
        final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name = new ObjectName("io.aeolus:type=ClusterMember,member=" + leader);
        assertEquals(Boolean.TRUE, jmx.getAttribute(name, "LeaderView"));
        assertEquals(3, ((long[])jmx.getAttribute(name, "MemberLagBytes")).length);
        assertEquals(3, ((long[])jmx.getAttribute(name, "MemberLogPositions")).length);
        final String[] lines = (String[])jmx.getAttribute(name, "GroupMembers");
        assertTrue(lines[leader].contains("LEADER"), lines[leader]);
        final ObjectName follower = new ObjectName("io.aeolus:type=ClusterMember,member=" + (leader + 1) % 3);
        assertEquals(Boolean.FALSE, jmx.getAttribute(follower, "LeaderView"));
        assertArrayEquals(new long[]{-1, -1, -1}, (long[])jmx.getAttribute(follower, "MemberLagBytes"));
    }

    private static void assertGroupThroughTheCli(final String url, final int leader)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        assertEquals(0, AeolusCli.execute(new String[]{"group", "--url", url}, new PrintWriter(out, true),
            new PrintWriter(err, true)), err.toString());
        final List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(0).startsWith("leader: member " + leader + ", term "), lines.get(0));
        assertTrue(lines.get(1).startsWith("memberId"), lines.get(1));
        assertEquals(5, lines.size(), out.toString());
        assertTrue(lines.get(2 + leader).contains("true"), lines.get(2 + leader));

        final StringWriter json = new StringWriter();
        assertEquals(0, AeolusCli.execute(new String[]{"group", "--url", url, "--json"}, new PrintWriter(json, true),
            new PrintWriter(err, true)), err.toString());
        assertTrue(json.toString().contains("\"leaderMemberId\":" + leader), json.toString());
        assertTrue(json.toString().contains("\"lagBytes\":0"), json.toString());
    }

    /**
     * Asks for the group until the leader has heard from this many members (their lags are then known).
     */
    private static GroupStatus awaitGroup(final AdminGroup group, final int leader, final int heard)
        throws JMSException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            final GroupStatus status = group.status();
            final long known = status.members().stream().filter((m) -> m.lagBytes() >= 0).count();
            if (status.leaderMemberId() == leader && known >= heard)
            {
                return status;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("the leader did not hear from " + heard + " members: " + status);
            }
            try
            {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
    }

    private static DestinationInfo queue(final List<DestinationInfo> destinations, final String name)
    {
        return destinations.stream().filter((d) -> d.name().equals(name) && d.isQueue()).findFirst().orElse(null);
    }

    private static void send(final Connection connection, final String queue, final int count) throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("order-" + i));
            }
        }
    }
}
