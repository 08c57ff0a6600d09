package io.aeolus.cluster;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.MetricsSnapshot;
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
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics topic and the metrics history of a 3-member group, through the cluster URL as the console's dashboard
 * reads them ({@link AdminClient#subscribeMetrics}, {@link AdminClient#history}): snapshots with rates after sends,
 * history points, both going on after the leader's loss with the new leader's figures; every member routes the same
 * snapshots (the topic's published count agrees on every member), the old leader too once restarted from its
 * snapshot.
 */
class ClusterMetricsIT
{
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final String QUEUE = "metrics.orders";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldPublishRatesAndAnswerHistoryBeforeAndAfterAFailover() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection())
            {
                connection.start();
                final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30));
                admin.createQueue(QUEUE);
                final LinkedBlockingQueue<MetricsSnapshot> snapshots = new LinkedBlockingQueue<>();
                try (AutoCloseable ignored = admin.subscribeMetrics(snapshots::add))
                {
                    // The first snapshot with the queue is the baseline of its rates.
                    await(snapshots, (row) -> 0 == row.depth());
                    send(connection, 6);
                    await(snapshots, (row) -> 6 == row.depth() && row.enqueueRate() > 0);
                    awaitHistory(admin, 6);
                    assertMembersAgreeOnTheMetricsTopic(rig);
                    // A snapshot on every member, with metrics snapshots in it, for the restart below.
                    final long[] taken = new long[3];
                    for (int id = 0; id < 3; id++)
                    {
                        taken[id] = rig.node(id).snapshotCount();
                    }
                    ClusterRig.await("a snapshot asked for", 30_000, () -> rig.node(leader).takeSnapshot());
                    for (int id = 0; id < 3; id++)
                    {
                        final int member = id;
                        ClusterRig.await("member " + id + " took the snapshot", 30_000,
                            () -> rig.node(member).snapshotCount() > taken[member]);
                    }

                    rig.stop(leader);
                    final int newLeader = rig.awaitLeader(60_000);
                    send(connection, 4);
                    final MetricsSnapshot.Destination after =
                        await(snapshots, (row) -> 10 == row.depth() && row.enqueueRate() > 0);
                    assertEquals(10, after.enqueued());
                    // The new leader's history: what it sampled as a follower, then after the failover.
                    final List<HistoryPoint> points = awaitHistory(admin, 10);
                    assertTrue(points.stream().anyMatch((p) -> 6 == p.depth()), points.toString());
                    assertTrue(newLeader != leader);
                    assertFalse(points.isEmpty());

                    // The old leader restarts from its snapshot and its log: it routes the same snapshots as its
                    // peers, at the same ticks, so the three agree again.
                    rig.start(leader);
                    ClusterRig.await("the restarted member caught up", 60_000, () ->
                        rig.node(leader).service().logPosition() >= rig.node(newLeader).service().logPosition());
                    assertTrue(rig.node(leader).service().startedFromSnapshot());
                    assertMembersAgreeOnTheMetricsTopic(rig);
                }
            }
        }
    }

    private static void assertMembersAgreeOnTheMetricsTopic(final ClusterRig rig) throws Exception
    {
        final ObjectName[] names = new ObjectName[3];
        for (int id = 0; id < 3; id++)
        {
            names[id] = new ObjectName("io.aeolus:type=Topic,name=" + ObjectName.quote("aeolus.metrics") +
                ",member=" + id);
            final ObjectName name = names[id];
            ClusterRig.await(name + " registered", 30_000, () -> JMX.isRegistered(name));
        }
        // Every member routes the snapshot at the same ticks of the log: same count, same bytes held.
        ClusterRig.await("the members agree on aeolus.metrics", 30_000, () ->
        {
            try
            {
                final long position = rig.node(0).service().logPosition();
                final Object published = JMX.getAttribute(names[0], "Published");
                final Object depth = JMX.getAttribute(names[0], "Depth");
                for (int id = 1; id < 3; id++)
                {
                    if (!published.equals(JMX.getAttribute(names[id], "Published")) ||
                        !depth.equals(JMX.getAttribute(names[id], "Depth")))
                    {
                        return false;
                    }
                }
                return (Long)published > 0 && position == rig.node(0).service().logPosition();
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }

    private static MetricsSnapshot.Destination await(final LinkedBlockingQueue<MetricsSnapshot> snapshots,
        final Predicate<MetricsSnapshot.Destination> wanted) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadlineNs < 0)
        {
            final MetricsSnapshot snapshot = snapshots.poll(1, TimeUnit.SECONDS);
            if (null != snapshot)
            {
                for (final MetricsSnapshot.Destination row : snapshot.destinations())
                {
                    if (QUEUE.equals(row.name()) && wanted.test(row))
                    {
                        return row;
                    }
                }
            }
        }
        throw new AssertionError("no metrics snapshot of " + QUEUE + " as wanted");
    }

    private static List<HistoryPoint> awaitHistory(final AdminClient admin, final long depth)
    {
        @SuppressWarnings("unchecked") final List<HistoryPoint>[] points = new List[1];
        ClusterRig.await("a history point of " + QUEUE + " at depth " + depth, 30_000, () ->
        {
            try
            {
                points[0] = admin.history(QUEUE, false, "1m");
                return points[0].stream().anyMatch((p) -> depth == p.depth());
            }
            catch (final JMSException ex)
            {
                return false;
            }
        });
        return points[0];
    }

    private static void send(final Connection connection, final int count) throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("order-" + i));
            }
        }
    }
}
