package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserAccount;
import io.aeolus.broker.security.UsersFile;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.JobKind;
import io.aeolus.transport.auth.ScramCredential;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class AdminAuditIT
{
    private static final int TEST_ITERATIONS = 4096;

    @TempDir
    Path dataDir;

    @Test
    void shouldAuditEveryChangeMadeThroughManagementWithWhoWhatOutcomeAndCount() throws Exception
    {
        final UsersFile users = UsersFile.loadOrCreate(dataDir.resolve(UsersFile.DEFAULT_NAME));
        users.put(new UserAccount("root", ScramCredential.derive("root-secret", TEST_ITERATIONS), Set.of("admin")));
        users.save();
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .securityMode(SecurityMode.ON)
            .set(BrokerConfiguration.SECURITY_ITERATIONS, Integer.toString(TEST_ITERATIONS)));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection("root",
                "root-secret"))
        {
            connection.start();
            final Path auditFile = dataDir.resolve("audit.log");
            try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                admin.createQueue("orders");
                send(connection, "orders", 3);
                admin.destinations();
                admin.browse("orders", null, 0, 10);
                final int moved = admin.move("orders", "orders.held", null, "JMSPriority = 4");
                final int purged = admin.purge("orders.held");
                assertThrows(InvalidDestinationException.class, () -> admin.purge("no.such.queue"));
                admin.sendMessage("orders", false, NewMessage.text("secret body"));
                new AdminJobs(admin).dryRun(JobKind.PURGE, "orders", null, null, null);
                final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
                server.invoke(broker.broker().managementName(), "pauseQueue", new Object[]{"orders"},
                    new String[]{"java.lang.String"});
                AdminClientIT.awaitCondition("the audit of the JMX pause", () -> lines(auditFile).stream()
                    .anyMatch((line) -> line.contains("operation=pause")));

                final List<String> audited = adminLines(auditFile);
                assertEquals(3, moved);
                assertEquals(3, purged);
                assertEquals(7, audited.size(), String.join("\n", audited));
                assertTrue(audited.get(0).matches("\\S+Z event=ADMIN user=\"root\" source=\"[^\"]+\" " +
                    "operation=createQueue arguments=\"name=orders\" outcome=\"OK\""), audited.get(0));
                assertTrue(audited.get(1).contains("operation=move arguments=\"name=orders target=orders.held " +
                    "selector=JMSPriority = 4\" outcome=\"OK\" count=3"), audited.get(1));
                assertTrue(audited.get(2).contains("operation=purge arguments=\"name=orders.held\" outcome=\"OK\" " +
                    "count=3"), audited.get(2));
                assertTrue(audited.get(3).contains("operation=purge arguments=\"name=no.such.queue\" " +
                    "outcome=\"UNKNOWN_DESTINATION: "), audited.get(3));
                final String sent = audited.get(4);
                assertTrue(sent.contains("operation=sendMessage") && sent.contains("body=(11 chars)") &&
                    !sent.contains("secret") && sent.endsWith("count=1"), sent);
                assertTrue(audited.get(5).contains("operation=startJob") && audited.get(5).contains("dryRun=true") &&
                    audited.get(5).endsWith("count=1"), audited.get(5));
                assertTrue(audited.get(6).contains("source=\"jmx\" operation=pause arguments=\"name=orders\" " +
                    "outcome=\"OK\""), audited.get(6));
            }
        }
    }

    private static void send(final Connection connection, final String queue, final int count) throws Exception
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue)))
        {
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    private static List<String> adminLines(final Path file)
    {
        return lines(file).stream().filter((line) -> line.contains(" event=ADMIN ")).toList();
    }

    private static List<String> lines(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
