package io.aeolus.cluster;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnection;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 3-member group with security on and {@code aeolus.broker.transport.encryption=required}: a client with
 * {@code encryption=required} sends and receives over sealed messages, across the loss of the leader (the new leader
 * opens and seals with the same session keys, which it had from the log); a clear client is refused, saying why.
 */
class ClusterEncryptionIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldCarryAnEncryptedClientAcrossTheLeadersLossAndRefuseAClearOne() throws Exception
    {
        try (ClusterRig rig = encryptedGroup())
        {
            final int leader = rig.awaitLeader(60_000);
            final JMSSecurityException clear = assertThrows(JMSSecurityException.class, () ->
                new AeolusConnectionFactory(rig.url() + "?encryption=off").createConnection("alice", "alice-secret")
                .close());
            assertTrue(clear.getMessage().contains("requires transport encryption"), clear.getMessage());

            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url() + "?encryption=required");
            try (Connection connection = factory.createConnection("alice", "alice-secret"))
            {
                assertTrue(((AeolusConnection)connection).isTransportEncrypted());
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("orders.sealed"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < 10; i++)
                {
                    producer.send(session.createTextMessage("order-" + i));
                }

                rig.stop(leader);
                final int newLeader = rig.awaitLeader(60_000);
                assertTrue(newLeader != leader);
                // Each send is confirmed by the new leader, which opens the client's messages with the keys it
                // unwrapped from the log and seals its answers in its own term.
                for (int i = 10; i < 20; i++)
                {
                    producer.send(session.createTextMessage("order-" + i));
                }
                final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.sealed"));
                connection.start();
                for (int i = 0; i < 20; i++)
                {
                    final TextMessage message = (TextMessage)consumer.receive(30_000);
                    assertNotNull(message, "message " + i);
                    assertEquals("order-" + i, message.getText());
                }
                for (int member = 0; member < 3; member++)
                {
                    if (member != leader)
                    {
                        assertEquals(0, rig.node(member).service().unauthenticatedFrames(), "member " + member);
                    }
                }
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldKeepAnEncryptedSessionOnALeaderRestoredFromASnapshot() throws Exception
    {
        try (ClusterRig rig = encryptedGroup())
        {
            final int leader = rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url() + "?encryption=required");
            try (Connection connection = factory.createConnection("alice", "alice-secret"))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("orders.snap"));
                producer.send(session.createTextMessage("before"));
                ClusterRig.await("a snapshot taken", 30_000, () -> rig.node(leader).takeSnapshot());
                ClusterRig.await("every member's snapshot", 30_000, () -> rig.node(0).snapshotCount() > 0 &&
                    rig.node(1).snapshotCount() > 0 && rig.node(2).snapshotCount() > 0);
                for (int i = 0; i < 5; i++)
                {
                    producer.send(session.createTextMessage("after-snapshot-" + i));
                }
                // Both followers restart from the snapshot: the session's keys from its principal, the last sequence
                // accepted from the snapshot; then the leader goes and a restored member leads.
                for (final int follower : new int[]{(leader + 1) % 3, (leader + 2) % 3})
                {
                    rig.stop(follower);
                    rig.start(follower);
                    ClusterRig.await("member " + follower + " caught up", 60_000, () ->
                        rig.node(follower).service().logPosition() >= rig.node(leader).service().logPosition());
                    assertTrue(rig.node(follower).service().startedFromSnapshot());
                }
                rig.stop(leader);
                final int newLeader = rig.awaitLeader(60_000);

                producer.send(session.createTextMessage("on the restored leader"));
                final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.snap"));
                connection.start();
                for (int i = 0; i < 7; i++)
                {
                    assertNotNull(consumer.receive(30_000), "message " + i);
                }
                assertEquals(0, rig.node(newLeader).service().unauthenticatedFrames());
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldStopAMemberWhoseUsersKeyDiffersRatherThanLetItDrift() throws Exception
    {
        final Path users = users(dir.resolve("users"));
        final Path otherUsers = users(Files.createDirectories(dir.resolve("other")).resolve("users"));
        final AtomicInteger started = new AtomicInteger();
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of(
            BrokerConfiguration.SECURITY, "on",
            BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms",
            BrokerConfiguration.TRANSPORT_ENCRYPTION, "required"), context -> context
            .securityRole("app", "all", "orders.#")
            // Members 0 and 1 share a users file and its users.key; member 2, started last, has a key of its own.
            .set(BrokerConfiguration.SECURITY_USERS_FILE, (started.getAndIncrement() < 2 ? users : otherUsers)
            .toString())))
        {
            rig.start(0);
            rig.start(1);
            final int leader = rig.awaitLeader(60_000);
            rig.start(2);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url() + "?encryption=required");
            try (Connection connection = factory.createConnection("alice", "alice-secret"))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("orders.keys"));
                producer.send(session.createTextMessage("first"));

                ClusterRig.await("member 2 to give up", 60_000, () -> null != rig.node(2).fatalReason());
                assertTrue(rig.node(2).fatalReason().contains("users.key"), rig.node(2).fatalReason());
                assertNull(rig.node(leader).fatalReason());
                // The two members whose keys agree go on confirming.
                producer.send(session.createTextMessage("second"));
                final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.keys"));
                connection.start();
                assertEquals("first", ((TextMessage)consumer.receive(30_000)).getText());
                assertEquals("second", ((TextMessage)consumer.receive(30_000)).getText());
            }
        }
    }

    private static Path users(final Path path)
    {
        final UsersFile file = UsersFile.loadOrCreate(path);
        file.put(new UserAccount("alice", ScramCredential.derive("alice-secret", 4096), Set.of("app")));
        file.save();
        return path;
    }

    private ClusterRig encryptedGroup()
    {
        final Path users = users(dir.resolve("users"));
        return new ClusterRig(dir, 3, Map.of(
            BrokerConfiguration.SECURITY, "on",
            BrokerConfiguration.SECURITY_USERS_FILE, users.toString(),
            BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms",
            BrokerConfiguration.TRANSPORT_ENCRYPTION, "required"), context -> context
            .securityRole("app", "all", "orders.#")).startAll();
    }
}
