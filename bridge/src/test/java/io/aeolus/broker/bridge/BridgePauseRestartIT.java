package io.aeolus.broker.bridge;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminBridges;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.BridgeInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A bridge paused through management stays paused when the broker process starts again, after a {@code kill -9} as
 * after a clean stop, and a resumed one forwards again: for a bridge of the config file as for one created through
 * management. The broker is the packaged jar ({@code java -jar aeolus-broker.jar}) with the bridge plugin in its
 * plugin directory.
 */
@Timeout(180)
class BridgePauseRestartIT
{
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path dir;

    private final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();

    @AfterEach
    void removeAeronDirectory() throws IOException
    {
        BrokerJarProcess.deleteRecursively(Path.of(aeronDir));
        Files.deleteIfExists(Path.of(aeronDir + ".lock"));
    }

    @Test
    void shouldKeepAPausedBridgePausedAcrossACrashAndACleanRestart() throws Exception
    {
        final Path config = writeConfig();
        final Path data = dir.resolve("data");
        try (BrokerJarProcess broker = BrokerJarProcess.start(config, aeronDir, data))
        {
            broker.awaitLine("listening on");
            try (Connection connection = connect(); AdminClient admin = admin(connection))
            {
                final AdminBridges bridges = new AdminBridges(admin);
                bridges.create("made", options("made.in", "made.out"));
                awaitState(bridges, "made", "RUNNING");
                awaitState(bridges, "filed", "RUNNING");

                bridges.pause("made");
                bridges.pause("filed");
                send(connection, "made.in", "sent while paused");
            }
            broker.kill();
        }

        try (BrokerJarProcess broker = BrokerJarProcess.start(config, aeronDir, data))
        {
            broker.awaitLine("listening on");
            try (Connection connection = connect(); AdminClient admin = admin(connection))
            {
                final AdminBridges bridges = new AdminBridges(admin);
                assertEquals(Map.of("made", "PAUSED", "filed", "PAUSED"), states(bridges),
                    "both bridges paused after the crash");
                send(connection, "filed.in", "sent while paused");

                bridges.resume("made");
                assertReceived(connection, "made.out", "sent while paused");
            }
            broker.stop();
        }

        try (BrokerJarProcess broker = BrokerJarProcess.start(config, aeronDir, data))
        {
            broker.awaitLine("listening on");
            try (Connection connection = connect(); AdminClient admin = admin(connection))
            {
                final AdminBridges bridges = new AdminBridges(admin);
                assertEquals("PAUSED", states(bridges).get("filed"), "still paused after a clean restart");
                awaitState(bridges, "made", "RUNNING");
                send(connection, "made.in", "resumed before the restart");
                assertReceived(connection, "made.out", "resumed before the restart");

                bridges.resume("filed");
                assertReceived(connection, "filed.out", "sent while paused");
            }
        }
        assertEquals("", Files.readString(data.resolve(BridgeStore.PAUSED_FILE_NAME)).lines()
            .filter((line) -> !line.startsWith("#")).collect(Collectors.joining()), "no bridge is kept as paused");
    }

    private Path writeConfig() throws IOException
    {
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        final Path bridgeJar = Path.of("target", "aeolus-bridge-plugin.jar");
        assertTrue(Files.isRegularFile(bridgeJar), "the plugin jar is not built: " + bridgeJar.toAbsolutePath());
        Files.copy(bridgeJar, plugins.resolve(bridgeJar.getFileName()));
        final StringBuilder text = new StringBuilder("aeolus.broker.plugins.dir=" + plugins + "\n");
        options("filed.in", "filed.out").forEach((key, value) ->
            text.append("aeolus.bridge.filed.").append(key).append('=').append(value).append('\n'));
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, text);
        return config;
    }

    private Map<String, String> options(final String from, final String to)
    {
        final String url = "aeolus:ipc?aeronDir=" + aeronDir;
        final Map<String, String> options = new TreeMap<>();
        options.put("source.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.put("source.jndi.connectionFactory.ConnectionFactory", url);
        options.put("source.destination", "queue:" + from);
        options.put("target.jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.put("target.jndi.connectionFactory.ConnectionFactory", url);
        options.put("target.destination", "queue:" + to);
        options.put("reconnect.delay", "100ms");
        return options;
    }

    private Connection connect() throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory("aeolus:ipc?aeronDir=" + aeronDir)
            .createConnection();
        connection.start();
        return connection;
    }

    private static AdminClient admin(final Connection connection) throws JMSException
    {
        return new AdminClient(connection, Duration.ofSeconds(10));
    }

    private static Map<String, String> states(final AdminBridges bridges) throws JMSException
    {
        return bridges.list().stream().collect(Collectors.toMap(BridgeInfo::name, BridgeInfo::state));
    }

    private static void awaitState(final AdminBridges bridges, final String name, final String state)
        throws JMSException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        Map<String, String> states = states(bridges);
        while (!state.equals(states.get(name)))
        {
            assertTrue(System.currentTimeMillis() < deadline, "bridge " + name + " is not " + state + ": " + states);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            states = states(bridges);
        }
    }

    private static void send(final Connection connection, final String queue, final String text) throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    private static void assertReceived(final Connection connection, final String queue, final String text)
        throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final Message received = session.createConsumer(session.createQueue(queue)).receive(WAIT_MS);
            assertNotNull(received, "forwarded to " + queue);
            assertEquals(text, received.getBody(String.class));
        }
    }
}
