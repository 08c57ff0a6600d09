package io.aeolus.cluster;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
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

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 3-member group with security on: the single broker's users file, roles and answers.
 */
class ClusterSecurityIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldLogInKeepTheLoginThroughAFailoverAndApplyPermissions() throws Exception
    {
        try (ClusterRig rig = securedGroup())
        {
            final int leader = rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection connection = factory.createConnection("alice", "alice-secret"))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("orders.eu"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < 10; i++)
                {
                    producer.send(session.createTextMessage("order-" + i));
                }

                rig.stop(leader);
                final int newLeader = rig.awaitLeader(60_000);
                assertTrue(newLeader != leader);
                // The same connection goes on with the new leader: its session, and so its login, is the group's.
                for (int i = 10; i < 20; i++)
                {
                    producer.send(session.createTextMessage("order-" + i));
                }
                final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.eu"));
                connection.start();
                for (int i = 0; i < 20; i++)
                {
                    final TextMessage message = (TextMessage)consumer.receive(30_000);
                    assertNotNull(message, "message " + i);
                    assertEquals("order-" + i, message.getText());
                }

                // Still no rights outside the role's patterns after the failover.
                final JMSSecurityException denied = assertThrows(JMSSecurityException.class, () ->
                    session.createProducer(session.createQueue("payroll")).send(session.createTextMessage("x")));
                assertTrue(denied.getMessage().contains("alice") && denied.getMessage().contains("payroll"),
                    denied.getMessage());
            }

            // A new login on the new leader.
            try (Connection again = factory.createConnection("alice", "alice-secret"))
            {
                final Session session = again.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue("orders.us")).send(session.createTextMessage("after"));
            }
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRefuseWrongLoginsAndOperationsWithoutPermission() throws Exception
    {
        try (ClusterRig rig = securedGroup())
        {
            rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());

            final JMSSecurityException wrongPassword = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("alice", "not-her-password").close());
            assertTrue(wrongPassword.getMessage().contains("authentication failed"), wrongPassword.getMessage());
            final JMSSecurityException unknownUser = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection("mallory", "anything-at-all").close());
            assertTrue(unknownUser.getMessage().contains("authentication failed"), unknownUser.getMessage());
            final JMSSecurityException anonymous = assertThrows(JMSSecurityException.class,
                () -> factory.createConnection().close());
            assertTrue(anonymous.getMessage().contains("requires a user name and password"), anonymous.getMessage());

            try (Connection connection = factory.createConnection("bob", "bob-secret"))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final JMSSecurityException denied = assertThrows(JMSSecurityException.class, () ->
                    session.createProducer(session.createQueue("orders.eu")).send(session.createTextMessage("x")));
                assertTrue(denied.getMessage().contains("not allowed to send") &&
                    denied.getMessage().contains("orders.eu"), denied.getMessage());
                // What bob's role grants still works on the same connection.
                session.createConsumer(session.createQueue("orders.eu")).close();
            }
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldKeepAConnectionsRightsOnALeaderRestoredFromASnapshot() throws Exception
    {
        try (ClusterRig rig = securedGroup())
        {
            final int leader = rig.awaitLeader(60_000);
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(rig.url());
            try (Connection connection = factory.createConnection("alice", "alice-secret"))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("orders.snap"));
                producer.send(session.createTextMessage("before"));
                ClusterRig.await("a snapshot taken", 30_000, () -> rig.node(leader).takeSnapshot());
                ClusterRig.await("every member's snapshot", 30_000, () -> rig.node(0).snapshotCount() > 0 &&
                    rig.node(1).snapshotCount() > 0 && rig.node(2).snapshotCount() > 0);
                for (int i = 0; i < 20; i++)
                {
                    producer.send(session.createTextMessage("after-snapshot-" + i));
                }
                // Both followers restart from the snapshot (and the log after it); then the leader goes.
                for (final int follower : new int[]{(leader + 1) % 3, (leader + 2) % 3})
                {
                    rig.stop(follower);
                    rig.start(follower);
                    ClusterRig.await("member " + follower + " caught up", 60_000, () ->
                        rig.node(follower).service().logPosition() >= rig.node(leader).service().logPosition());
                    assertTrue(rig.node(follower).service().startedFromSnapshot());
                }
                rig.stop(leader);
                rig.awaitLeader(60_000);

                producer.send(session.createTextMessage("on the restored leader"));
                final JMSSecurityException denied = assertThrows(JMSSecurityException.class, () ->
                    session.createProducer(session.createQueue("payroll")).send(session.createTextMessage("x")));
                assertTrue(denied.getMessage().contains("alice"), denied.getMessage());
                final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.snap"));
                connection.start();
                for (int i = 0; i < 22; i++)
                {
                    assertNotNull(consumer.receive(30_000), "message " + i);
                }
            }
        }
    }

    private ClusterRig securedGroup()
    {
        final Path users = dir.resolve("users");
        final UsersFile file = UsersFile.loadOrCreate(users);
        file.put(new UserAccount("alice", ScramCredential.derive("alice-secret", 4096), Set.of("app")));
        file.put(new UserAccount("bob", ScramCredential.derive("bob-secret", 4096), Set.of("reader")));
        file.save();
        return new ClusterRig(dir, 3, Map.of(
            BrokerConfiguration.SECURITY, "on",
            BrokerConfiguration.SECURITY_USERS_FILE, users.toString(),
            BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms"), context -> context
            .securityRole("app", "all", "orders.#")
            .securityRole("reader", "consume", "orders.#")
            .securityRole("reader", "createDestination", "orders.#")).startAll();
    }
}
