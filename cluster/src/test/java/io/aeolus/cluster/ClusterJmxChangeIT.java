package io.aeolus.cluster;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.DestinationInfo;
import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.EndpointUri;
import io.aeolus.transport.TransportException;
import io.aeolus.transport.auth.Scram;
import io.aeolus.transport.auth.ScramCredential;
import io.aeolus.transport.codecs.ErrorCode;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes through JMX on a 3-member group in this JVM: a follower's (and after a failover a survivor's) MBeans put
 * them into the group's log through a cluster session of the member's own, so every member applies them; operations
 * a group refuses stay refused; with security on, the member's session proves the member key, the audit log names
 * the member and the JMX principal, and a client without the key cannot pose as a member.
 */
class ClusterJmxChangeIT
{
    private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();
    private static final String[] ONE_STRING = {"java.lang.String"};

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldApplyJmxChangesOfAFollowerOnEveryMemberAndAfterAFailover() throws Exception
    {
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of()).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final int follower = (leader + 1) % 3;
            final ObjectName followerBroker = broker(follower);

            JMX.invoke(followerBroker, "createQueue", new Object[]{"jmx.changes"}, ONE_STRING);
            for (int id = 0; id < 3; id++)
            {
                awaitRegistered(queue("jmx.changes", id));
            }
            try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection())
            {
                connection.start();
                final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30));
                assertTrue(find(admin, "jmx.changes").isPresent(), "the leader has the queue");
                try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
                {
                    send(session, "jmx.changes", 6);
                }
                awaitOnEveryMember(rig, "jmx.changes", "Depth", 6L);

                JMX.invoke(queue("jmx.changes", follower), "pause", new Object[0], new String[0]);
                awaitOnEveryMember(rig, "jmx.changes", "Paused", Boolean.TRUE);
                assertTrue(find(admin, "jmx.changes").orElseThrow().paused(), "paused on the leader");
                JMX.invoke(queue("jmx.changes", follower), "resume", new Object[0], new String[0]);
                awaitOnEveryMember(rig, "jmx.changes", "Paused", Boolean.FALSE);

                assertMovePurgeAndDelete(rig, admin, follower);

                // Refused in a group over JMS, refused over JMX too, with the same reason.
                final String[] signature = {"java.lang.String", "java.lang.String", "java.lang.String",
                    "java.lang.String", "long"};
                final String refused = failure(() -> JMX.invoke(new ObjectName("io.aeolus:type=Jobs,member=" +
                    follower), "startJob", new Object[]{"move", "jmx.changes", "jmx.other", "", 0L}, signature));
                assertTrue(refused.contains("startJob") && refused.contains(ClusterManagement.refusal(
                    io.aeolus.management.Operation.START_JOB)), refused);
            }

            assertChangesSurviveAFailover(rig, leader);
        }
    }

    private static void assertMovePurgeAndDelete(final ClusterRig rig, final AdminClient admin, final int follower)
        throws Exception
    {
        final ObjectName followerBroker = broker(follower);
        final Object moved = JMX.invoke(followerBroker, "moveMessages",
            new Object[]{"jmx.changes", "jmx.moved", "JMSPriority >= 0"},
            new String[]{"java.lang.String", "java.lang.String", "java.lang.String"});
        assertEquals(6, moved);
        awaitOnEveryMember(rig, "jmx.changes", "Depth", 0L);
        awaitOnEveryMember(rig, "jmx.moved", "Depth", 6L);
        assertEquals(6, find(admin, "jmx.moved").orElseThrow().depth());

        final Object purged = JMX.invoke(queue("jmx.moved", follower), "purge", new Object[0], new String[0]);
        assertEquals(6, purged);
        awaitOnEveryMember(rig, "jmx.moved", "Depth", 0L);
        assertEquals(0, find(admin, "jmx.moved").orElseThrow().depth());

        JMX.invoke(followerBroker, "deleteQueue", new Object[]{"jmx.moved"}, ONE_STRING);
        for (int id = 0; id < 3; id++)
        {
            final ObjectName gone = queue("jmx.moved", id);
            ClusterRig.await(gone + " unregistered", 30_000, () -> !JMX.isRegistered(gone));
        }
        assertFalse(find(admin, "jmx.moved").isPresent(), "deleted on the leader");
    }

    private static void assertChangesSurviveAFailover(final ClusterRig rig, final int leader) throws Exception
    {
        rig.stop(leader);
        final int newLeader = rig.awaitLeader(60_000);
        final int other = 3 - leader - newLeader;
        for (final int id : new int[]{newLeader, other})
        {
            final ObjectName changes = queue("jmx.changes", id);
            awaitRegistered(changes);
            assertEquals(Boolean.FALSE, JMX.getAttribute(changes, "Paused"));
            assertFalse(JMX.isRegistered(queue("jmx.moved", id)));
        }
        // A change through a survivor's JMX after the failover: the member that is not the new leader.
        JMX.invoke(broker(other), "createQueue", new Object[]{"jmx.after"}, ONE_STRING);
        JMX.invoke(broker(other), "pauseQueue", new Object[]{"jmx.after"}, ONE_STRING);
        for (final int id : new int[]{newLeader, other})
        {
            final ObjectName after = queue("jmx.after", id);
            awaitRegistered(after);
            ClusterRig.await("member " + id + " paused jmx.after", 30_000, () -> Boolean.TRUE.equals(
                attribute(after, "Paused")));
        }
        try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection())
        {
            connection.start();
            final AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30));
            assertTrue(find(admin, "jmx.after").orElseThrow().paused());
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldLogTheMemberInAuditTheJmxPrincipalAndRefuseAnImpostor() throws Exception
    {
        final Path users = dir.resolve("users");
        final UsersFile file = UsersFile.loadOrCreate(users);
        file.put(new UserAccount("alice", ScramCredential.derive("alice-secret", 4096), Set.of("admin")));
        file.save();
        try (ClusterRig rig = new ClusterRig(dir, 3, Map.of(
            BrokerConfiguration.SECURITY, "on",
            BrokerConfiguration.SECURITY_USERS_FILE, users.toString(),
            BrokerConfiguration.SECURITY_FAILURE_DELAY, "0ms")).startAll())
        {
            final int leader = rig.awaitLeader(60_000);
            final int follower = (leader + 1) % 3;

            final Subject operator = new Subject();
            operator.getPrincipals().add(new JMXPrincipal("ops-carol"));
            Subject.doAs(operator, (PrivilegedExceptionAction<Object>)() -> JMX.invoke(broker(follower),
                "createQueue", new Object[]{"jmx.secured"}, ONE_STRING));
            for (int id = 0; id < 3; id++)
            {
                awaitRegistered(queue("jmx.secured", id));
            }
            final Path audit = dir.resolve("member-" + leader).resolve("audit.log");
            ClusterRig.await("the audit line of the JMX change", 30_000, () -> auditLines(audit).stream().anyMatch(
                (line) -> line.contains("event=ADMIN") && line.contains("user=\"ops-carol\"") &&
                line.contains("source=\"jmx on member " + follower + "\"") && line.contains("createQueue")));
            ClusterRig.await("the member's login in the audit log", 30_000, () -> auditLines(audit).stream()
                .anyMatch((line) -> line.contains("member " + follower) && line.contains(MemberLogin.MECHANISM)));

            // Whatever a member presents, without the key: refused.
            final byte[] wrongKey = Scram.randomBytes(32);
            final ClientEndpointContext posing = new ClientEndpointContext(EndpointUri.parse(rig.url()))
                .clusterCredentials(new MemberLogin(follower, wrongKey));
            final TransportException impostor = assertThrows(TransportException.class,
                () -> ClientEndpoint.connect(posing).close());
            assertEquals(ErrorCode.SECURITY, impostor.code(), impostor.getMessage());
            final JMSSecurityException byName = assertThrows(JMSSecurityException.class, () ->
                new AeolusConnectionFactory(rig.url()).createConnection(MemberLogin.USER, "guess").close());
            assertTrue(byName.getMessage().contains("authentication failed"), byName.getMessage());
            ClusterRig.await("the refused member logins in the audit log", 30_000, () -> auditLines(audit).stream()
                .filter((line) -> line.contains("AUTH_FAILURE") && line.contains(MemberLogin.MECHANISM))
                .count() >= 2);

            // A real user still works, and sees the queue the member made.
            try (Connection connection = new AeolusConnectionFactory(rig.url()).createConnection("alice",
                "alice-secret"))
            {
                connection.start();
                assertTrue(find(new AdminClient(connection, Duration.ofSeconds(30)), "jmx.secured").isPresent());
            }
        }
    }

    private static List<String> auditLines(final Path audit)
    {
        try
        {
            return Files.exists(audit) ? Files.readAllLines(audit, StandardCharsets.UTF_8) : List.of();
        }
        catch (final java.io.IOException ex)
        {
            return List.of();
        }
    }

    private static void awaitOnEveryMember(final ClusterRig rig, final String name, final String attribute,
        final Object expected)
    {
        for (int id = 0; id < 3; id++)
        {
            final ObjectName queue = queueName(name, id);
            ClusterRig.await("member " + id + " " + name + " " + attribute + "=" + expected, 30_000, () ->
                expected.equals(attribute(queue, attribute)));
        }
    }

    private static Object attribute(final ObjectName name, final String attribute)
    {
        try
        {
            return JMX.getAttribute(name, attribute);
        }
        catch (final Exception ex)
        {
            return null;
        }
    }

    private static Optional<DestinationInfo> find(final AdminClient admin, final String name) throws JMSException
    {
        return admin.destinations().stream().filter((d) -> d.name().equals(name)).findFirst();
    }

    private static void send(final Session session, final String queue, final int count) throws JMSException
    {
        final MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (int i = 0; i < count; i++)
        {
            producer.send(session.createTextMessage("change-" + i));
        }
        producer.close();
    }

    /**
     * @return the messages of the exception the call throws and of its causes.
     */
    private static String failure(final org.junit.jupiter.api.function.Executable call)
    {
        final Throwable thrown = assertThrows(Exception.class, call);
        final StringBuilder messages = new StringBuilder();
        for (Throwable t = thrown; null != t; t = t.getCause())
        {
            messages.append(t.getMessage()).append(" / ");
        }
        return messages.toString();
    }

    private static void awaitRegistered(final ObjectName name)
    {
        ClusterRig.await(name + " registered", 30_000, () -> JMX.isRegistered(name));
    }

    private static ObjectName broker(final int member) throws Exception
    {
        return new ObjectName("io.aeolus:type=Broker,member=" + member);
    }

    private static ObjectName queue(final String name, final int member) throws Exception
    {
        return queueName(name, member);
    }

    private static ObjectName queueName(final String name, final int member)
    {
        try
        {
            return new ObjectName("io.aeolus:type=Destination,name=" + ObjectName.quote(name) + ",member=" + member);
        }
        catch (final javax.management.MalformedObjectNameException ex)
        {
            throw new IllegalArgumentException(ex);
        }
    }
}
