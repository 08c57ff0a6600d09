package io.aeolus.cluster;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMX of a 3-member group in this JVM: every member registers the single broker's MBeans with
 * {@code ,member=<id>} over its own replica; a follower's reads agree with the leader's after sends; each member
 * samples its own metrics history, which the new leader still has after a failover. Changes through JMX are
 * {@code ClusterJmxChangeIT}'s.
 */
class ClusterJmxIT
{
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldReadOnEveryMemberAndKeepHistoryAfterAFailover() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final int follower = (leader + 1) % 3;
            try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection())
            {
                connection.start();
                final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30));
                admin.createQueue("jmx.orders");
                admin.createTopic("jmx.events");
                try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
                {
                    final MessageConsumer subscriber = session.createConsumer(session.createTopic("jmx.events"));
                    send(session, session.createQueue("jmx.orders"), 7);
                    send(session, session.createTopic("jmx.events"), 2);
                    assertNotNull(subscriber.receive(10_000));
                    assertNotNull(subscriber.receive(10_000));
                    awaitApplied(rig, leader);
                    assertReadsAgree(leader, follower);
                    assertEquals(7, admin.destinations().stream().filter((d) -> d.name().equals("jmx.orders"))
                        .findFirst().orElseThrow().depth());
                    // Each member samples its own replica into its metrics history.
                    for (int id = 0; id < 3; id++)
                    {
                        awaitHistoryDepth(id, "jmx.orders", 7);
                    }
                }
            }
            assertHistoryGoesOnAfterAFailover(rig, leader);
        }
    }

    private static void assertReadsAgree(final int leader, final int follower) throws Exception
    {
        for (int id = 0; id < 3; id++)
        {
            final ObjectName queue = name("Destination", "jmx.orders", id);
            final ObjectName topic = name("Topic", "jmx.events", id);
            awaitRegistered(queue);
            awaitRegistered(topic);
            assertEquals(7L, JMX.getAttribute(queue, "Depth"), "member " + id);
            assertEquals(7L, JMX.getAttribute(queue, "Enqueued"), "member " + id);
            assertEquals(0, JMX.getAttribute(queue, "Consumers"), "member " + id);
            assertEquals(2L, JMX.getAttribute(topic, "Published"), "member " + id);
            assertEquals(1, JMX.getAttribute(topic, "Consumers"), "member " + id);
            final ObjectName broker = new ObjectName("io.aeolus:type=Broker,member=" + id);
            assertEquals(1, JMX.getAttribute(broker, "ConnectionCount"), "member " + id);
            final CompositeData[] found = (CompositeData[])JMX.invoke(broker, "searchMessages",
                new Object[]{"jmx.orders", "order-3"}, new String[]{"java.lang.String", "java.lang.String"});
            assertEquals(1, found.length, "member " + id);
            assertEquals("order-3", found[0].get("body"), "member " + id);
        }
        // A follower's figures are the leader's, attribute by attribute.
        for (final String attribute : new String[]{"Depth", "Enqueued", "Acknowledged", "InFlight", "HeldBytes",
            "Paused"})
        {
            assertEquals(JMX.getAttribute(name("Destination", "jmx.orders", leader), attribute),
                JMX.getAttribute(name("Destination", "jmx.orders", follower), attribute), attribute);
        }
    }

    private static void assertHistoryGoesOnAfterAFailover(final ClusterRig rig, final int leader) throws Exception
    {
        rig.stop(leader);
        final int newLeader = rig.awaitLeader(60_000);
        final int other = 3 - leader - newLeader;
        try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            send(session, session.createQueue("jmx.orders"), 5);
        }
        ClusterRig.await("the survivors applied the sends", 30_000, () ->
            rig.node(other).service().logPosition() >= rig.node(newLeader).service().logPosition());
        for (final int id : new int[]{newLeader, other})
        {
            final ObjectName queue = name("Destination", "jmx.orders", id);
            ClusterRig.await("member " + id + " reads 12", 30_000, () -> 12L == depth(queue));
        }
        // The new leader's history has the points it sampled as a follower and goes on after the failover.
        final long before = awaitHistoryDepth(newLeader, "jmx.orders", 7);
        final long after = awaitHistoryDepth(newLeader, "jmx.orders", 12);
        assertTrue(before < after, before + " then " + after);
        assertFalse(JMX.isRegistered(new ObjectName("io.aeolus:type=Broker,member=" + leader)));
    }

    private static long depth(final ObjectName queue)
    {
        try
        {
            return (Long)JMX.getAttribute(queue, "Depth");
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }

    /**
     * @return the time of the first point of the member's 1-minute history of the queue with this depth.
     */
    private static long awaitHistoryDepth(final int member, final String queue, final long depth) throws Exception
    {
        final ObjectName jobs = new ObjectName("io.aeolus:type=Jobs,member=" + member);
        final long[] time = {-1};
        ClusterRig.await("member " + member + " history of " + queue + " at depth " + depth, 30_000, () ->
        {
            try
            {
                final CompositeData[] points = (CompositeData[])JMX.invoke(jobs, "history",
                    new Object[]{queue, "queue", "1m"},
                    new String[]{"java.lang.String", "java.lang.String", "java.lang.String"});
                for (final CompositeData point : points)
                {
                    if (depth == ((Number)point.get("depth")).longValue())
                    {
                        time[0] = ((Number)point.get("timeMs")).longValue();
                        return true;
                    }
                }
                return false;
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
        return time[0];
    }

    private static void awaitApplied(final ClusterRig rig, final int leader)
    {
        for (int id = 0; id < 3; id++)
        {
            final int member = id;
            ClusterRig.await("member " + id + " applied the sends", 30_000, () ->
                rig.node(member).service().logPosition() >= rig.node(leader).service().logPosition());
        }
    }

    private static void awaitRegistered(final ObjectName name)
    {
        ClusterRig.await(name + " registered", 30_000, () -> JMX.isRegistered(name));
    }

    private static ObjectName name(final String type, final String destination, final int member) throws Exception
    {
        return new ObjectName("io.aeolus:type=" + type + ",name=" + ObjectName.quote(destination) + ",member=" +
            member);
    }

    private static void send(final Session session, final jakarta.jms.Destination destination, final int count)
        throws JMSException
    {
        final MessageProducer producer = session.createProducer(destination);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < count; i++)
        {
            producer.send(session.createTextMessage("order-" + i));
        }
        producer.close();
    }
}
