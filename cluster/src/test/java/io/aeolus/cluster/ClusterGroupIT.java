package io.aeolus.cluster;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeron.cluster.RecordingLog;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 3-member group in this JVM, used through JMS over the cluster URL.
 */
class ClusterGroupIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldSendAndReceivePersistentMessagesThroughTheGroup() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final java.util.Hashtable<String, String> environment = new java.util.Hashtable<>();
            environment.put(javax.naming.Context.INITIAL_CONTEXT_FACTORY,
                io.aeolus.jms.jndi.AeolusInitialContextFactory.class.getName());
            environment.put("connectionFactory.GroupFactory", rig.url());
            final jakarta.jms.ConnectionFactory factory = (jakarta.jms.ConnectionFactory)
                new javax.naming.InitialContext(environment).lookup("GroupFactory");
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final Queue queue = session.createQueue("orders");
                final MessageProducer producer = session.createProducer(queue);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < 50; i++)
                {
                    producer.send(session.createTextMessage("order-" + i));
                }
                final MessageConsumer consumer = session.createConsumer(queue);
                connection.start();
                for (int i = 0; i < 50; i++)
                {
                    final TextMessage message = (TextMessage)consumer.receive(30_000);
                    assertNotNull(message, "message " + i);
                    assertEquals("order-" + i, message.getText());
                    assertFalse(message.getJMSRedelivered());
                }

                final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
                final ObjectName member = new ObjectName("io.aeolus:type=ClusterMember,member=" + leader);
                assertEquals("LEADER", jmx.getAttribute(member, "Role"));
                assertEquals(leader, jmx.getAttribute(member, "LeaderMemberId"));
                assertTrue((Long)jmx.getAttribute(member, "LogPosition") > 0);
                assertEquals(1, jmx.getAttribute(member, "Connections"));
                assertEquals(rig.url().substring("aeolus:cluster://".length()), jmx.getAttribute(member, "Members"));
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCatchUpARestartedMemberFromSnapshotAndLog() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of(BrokerConfiguration.MEMORY_LIMIT, "64m")).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final int follower = (leader + 1) % 3;
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("ledger"));
                send(session, producer, 0, 20);
                ClusterRig.await("a snapshot taken", 30_000, () -> rig.node(leader).takeSnapshot());
                send(session, producer, 20, 40);
                rig.stop(follower);
                send(session, producer, 40, 60);
                final long leaderPosition = rig.node(leader).service().logPosition();

                rig.start(follower);
                ClusterRig.await("the follower caught up", 60_000,
                    () -> rig.node(follower).service().logPosition() >= leaderPosition);
                assertTrue(rig.node(follower).service().startedFromSnapshot());

                // The caught-up member now counts towards the quorum: stop the other follower, the group goes on.
                rig.stop(3 - leader - follower);
                send(session, producer, 60, 70);
                final MessageConsumer consumer = session.createConsumer(session.createQueue("ledger"));
                connection.start();
                for (int i = 0; i < 70; i++)
                {
                    final TextMessage message = (TextMessage)consumer.receive(30_000);
                    assertNotNull(message, "message " + i);
                    assertEquals("entry-" + i, message.getText());
                }
                assertTrue(rig.node(follower).service().connections() >= 1);
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldSnapshotOnScheduleAndRecoverARestartedMemberFromThatSnapshotAndTheLogTail() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of(BrokerConfiguration.CLUSTER_SNAPSHOT_INTERVAL, "2s"))
            .startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final int follower = (leader + 1) % 3;
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("scheduled"));
                send(session, producer, 0, 20);
                // Nobody asks for a snapshot: the schedule takes them, on every member at the same log position.
                final long taken = rig.node(follower).snapshotCount();
                ClusterRig.await("a scheduled snapshot after the first sends", 60_000,
                    () -> rig.node(follower).snapshotCount() > taken);
                // Each member counts its own snapshot when it has written it: the leader's may come a moment later.
                ClusterRig.await("the leader's scheduled snapshot", 60_000, () -> rig.node(leader).snapshotCount() > 0);
                rig.stop(follower);
                final Path consensus = dir.resolve("member-" + follower).resolve("cluster").resolve("consensus");
                final long snapshotPosition;
                try (RecordingLog recordingLog = new RecordingLog(consensus.toFile(), false))
                {
                    final RecordingLog.Entry snapshot = recordingLog.getLatestSnapshot(0);
                    assertNotNull(snapshot, "no snapshot in member " + follower + "'s recording log");
                    snapshotPosition = snapshot.logPosition;
                }
                assertTrue(snapshotPosition > 0, "snapshot at " + snapshotPosition);
                send(session, producer, 20, 40);
                final long leaderPosition = rig.node(leader).service().logPosition();
                assertTrue(leaderPosition > snapshotPosition);

                rig.start(follower);
                ClusterRig.await("the follower caught up", 60_000,
                    () -> rig.node(follower).service().logPosition() >= leaderPosition);
                assertTrue(rig.node(follower).service().startedFromSnapshot());
                assertEquals(snapshotPosition, rig.node(follower).service().snapshotLogPosition(),
                    "the member started from its latest scheduled snapshot, then replayed the log after it");

                rig.stop(3 - leader - follower);
                send(session, producer, 40, 50);
                final MessageConsumer consumer = session.createConsumer(session.createQueue("scheduled"));
                connection.start();
                for (int i = 0; i < 50; i++)
                {
                    final TextMessage message = (TextMessage)consumer.receive(30_000);
                    assertNotNull(message, "message " + i);
                    assertEquals("entry-" + i, message.getText());
                }
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRefuseAProducerAtTheMemoryBound() throws Exception
    {
        final Map<BrokerConfiguration, String> bound = Map.of(
            BrokerConfiguration.MEMORY_LIMIT, "64k", BrokerConfiguration.MEMORY_LIMIT_POLICY, "fail");
        try (ClusterRig rig = new ClusterRig(dir, 3, bound).startAll())
        {
            rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("bounded"));
                final String body = "x".repeat(4096);
                int accepted = 0;
                ResourceAllocationException refused = null;
                while (null == refused && accepted < 1000)
                {
                    try
                    {
                        producer.send(session.createTextMessage(body));
                        accepted++;
                    }
                    catch (final ResourceAllocationException ex)
                    {
                        refused = ex;
                    }
                }

                assertNotNull(refused, "no refusal after " + accepted + " messages of 4 KiB");
                assertTrue(accepted >= 8 && accepted < 32, "refused after " + accepted + " messages");
                final MessageConsumer consumer = session.createConsumer(session.createQueue("bounded"));
                connection.start();
                for (int i = 0; i < accepted; i++)
                {
                    assertNotNull(consumer.receive(30_000), "message " + i);
                }
                producer.send(session.createTextMessage(body));
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRedeliverWhatAClosedClientLeftUnacknowledged() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection first = factory.createConnection();
                Connection second = factory.createConnection())
            {
                final Session session = first.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                session.createProducer(session.createQueue("held")).send(session.createTextMessage("held"));
                final MessageConsumer consumer = session.createConsumer(session.createQueue("held"));
                first.start();
                final TextMessage taken = (TextMessage)consumer.receive(30_000);
                assertNotNull(taken);
                assertFalse(taken.getJMSRedelivered());

                first.close();

                final Session other = second.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageConsumer again = other.createConsumer(other.createQueue("held"));
                second.start();
                final TextMessage redelivered = (TextMessage)again.receive(30_000);
                assertNotNull(redelivered);
                assertEquals("held", redelivered.getText());
                assertTrue(redelivered.getJMSRedelivered());
            }
        }
    }

    private static void send(final Session session, final MessageProducer producer, final int from, final int to)
        throws Exception
    {
        for (int i = from; i < to; i++)
        {
            producer.send(session.createTextMessage("entry-" + i));
        }
    }
    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReceiveWithBatchedAcknowledgementsWhileTheGroupDelivers() throws Exception
    {
        // A receive that sends its batched acknowledgement holds the consumer's lock while the client's link is
        // polled under the send lock and delivers into that consumer: the two must never wait for each other.
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url() + "?autoAckBatch=4");
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final Queue queue = session.createQueue("batched");
                final MessageProducer producer = session.createProducer(queue);
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                final MessageConsumer consumer = session.createConsumer(queue);
                connection.start();
                for (int round = 0; round < 50; round++)
                {
                    for (int i = 0; i < 10; i++)
                    {
                        producer.send(session.createTextMessage(round + "-" + i));
                    }
                    for (int i = 0; i < 10; i++)
                    {
                        final TextMessage message = (TextMessage)consumer.receive(30_000);
                        assertNotNull(message, "round " + round + ", message " + i);
                        assertEquals(round + "-" + i, message.getText());
                    }
                }
            }
        }
    }
}
