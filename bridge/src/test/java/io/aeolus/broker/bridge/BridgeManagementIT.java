package io.aeolus.broker.bridge;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminBridges;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.BridgeInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The management operations on bridges, through the management queue and JMX: create, list with metrics, pause,
 * resume, delete, and the refusals of bad requests.
 */
@Timeout(60)
class BridgeManagementIT
{
    private static final String[] STRINGS_1 = {"java.lang.String"};
    private static final String[] STRINGS_2 = {"java.lang.String", "java.lang.String"};

    @TempDir
    Path dir;

    @Test
    void shouldCreateListPauseResumeAndDeleteABridge() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final String url = "aeolus:ipc?aeronDir=" + aeronDir;
        final Map<String, String> options = Map.of(
            "source.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory",
            "source.jndi.connectionFactory.ConnectionFactory", url,
            "source.destination", "queue:in",
            "target.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory",
            "target.jndi.connectionFactory.ConnectionFactory", url,
            "target.destination", "queue:out",
            "target.password", "not: logged = anywhere");
        try (EmbeddedBroker broker = EmbeddedBroker.start(
            EmbeddedBroker.isolatedContext(dir).aeronDirectoryName(aeronDir));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            final AdminBridges bridges = new AdminBridges(admin);
            assertEquals(List.of(), bridges.list());
            final JMSException noUser = assertThrows(JMSException.class, () -> bridges.create("copy", options));
            assertTrue(noUser.getMessage().contains("aeolus.bridge.copy.target.password"), noUser.getMessage());

            final Map<String, String> good = new java.util.HashMap<>(options);
            good.remove("target.password");
            bridges.create("copy", good);
            final JMSException twice = assertThrows(JMSException.class, () -> bridges.create("copy", good));
            assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());

            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("in"));
            final MessageConsumer consumer = session.createConsumer(session.createQueue("out"));
            producer.send(session.createTextMessage("one"));
            assertEquals("one", ((TextMessage)consumer.receive(20_000)).getText());
            final BridgeInfo running = await(bridges, "RUNNING", 1);
            assertEquals("queue:in via ConnectionFactory (io.aeolus.jms.jndi.AeolusInitialContextFactory)",
                running.source());
            assertEquals("queue:out via ConnectionFactory (io.aeolus.jms.jndi.AeolusInitialContextFactory)",
                running.target());

            bridges.pause("copy");
            await(bridges, "PAUSED", 1);
            producer.send(session.createTextMessage("two"));
            assertNull(consumer.receive(500), "a paused bridge forwards nothing");
            bridges.resume("copy");
            final TextMessage two = (TextMessage)consumer.receive(20_000);
            assertNotNull(two, "forwarded once resumed");
            assertEquals("two", two.getText());
            await(bridges, "RUNNING", 2);

            bridges.delete("copy");
            assertEquals(List.of(), bridges.list());
            final JMSException gone = assertThrows(JMSException.class, () -> bridges.pause("copy"));
            assertTrue(gone.getMessage().contains("no bridge named 'copy'"), gone.getMessage());
            final JMSException bad = assertThrows(JMSException.class,
                () -> bridges.create("other", Map.of("source.destination", "orders")));
            assertTrue(bad.getMessage().contains("aeolus.bridge.other.source.destination"), bad.getMessage());
            assertMissingFactoryRefused(bridges, good);
            throughJmx(broker, good, session, producer, consumer);
        }
    }

    private static void assertMissingFactoryRefused(final AdminBridges bridges, final Map<String, String> options)
        throws JMSException
    {
        final Map<String, String> noFactory = new java.util.HashMap<>(options);
        noFactory.put("target.jndi.java.naming.factory.initial", "com.example.MissingContextFactory");
        final JMSException noClass = assertThrows(JMSException.class, () -> bridges.create("other", noFactory));
        assertTrue(noClass.getMessage().contains("aeolus.bridge.other.target.jndi.java.naming.factory.initial: " +
            "class com.example.MissingContextFactory not found"), noClass.getMessage());
        assertEquals(List.of(), bridges.list(), "a bridge whose JNDI factory is missing is not created");
    }

    private static void throughJmx(final EmbeddedBroker broker, final Map<String, String> options,
        final Session session, final MessageProducer producer, final MessageConsumer consumer) throws Exception
    {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name = broker.broker().managementName();
        final StringBuilder text = new StringBuilder();
        options.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        server.invoke(name, "createBridge", new Object[]{"jmx", text.toString()}, STRINGS_2);
        producer.send(session.createTextMessage("three"));
        assertEquals("three", ((TextMessage)consumer.receive(20_000)).getText());
        server.invoke(name, "pauseBridge", new Object[]{"jmx"}, STRINGS_1);
        final long deadline = System.currentTimeMillis() + 20_000;
        CompositeData[] rows = (CompositeData[])server.invoke(name, "listBridges", null, null);
        while (!"PAUSED".equals(rows[0].get("state")) && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(20);
            rows = (CompositeData[])server.invoke(name, "listBridges", null, null);
        }
        assertEquals(1, rows.length);
        assertEquals("jmx", rows[0].get("name"));
        assertEquals("PAUSED", rows[0].get("state"));
        server.invoke(name, "resumeBridge", new Object[]{"jmx"}, STRINGS_1);
        server.invoke(name, "deleteBridge", new Object[]{"jmx"}, STRINGS_1);
        assertEquals(0, ((CompositeData[])server.invoke(name, "listBridges", null, null)).length);
        assertThrows(Exception.class,
            () -> server.invoke(name, "deleteBridge", new Object[]{"jmx"}, STRINGS_1));
    }

    private static BridgeInfo await(final AdminBridges bridges, final String state, final long forwarded)
        throws JMSException
    {
        final long deadline = System.currentTimeMillis() + 20_000;
        while (true)
        {
            final BridgeInfo info = bridges.list().get(0);
            if (state.equals(info.state()) && info.forwarded() == forwarded)
            {
                return info;
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("bridge not " + state + " with " + forwarded + " forwarded: " + info);
            }
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", ex);
            }
        }
    }
}
