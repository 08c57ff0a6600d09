package io.aeolus.broker.bridge;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminBridges;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.BridgeInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bridges made through management are kept in the data directory: they start again with the broker, a deleted one
 * does not, a bridge of the config file wins over a stored one of the same name, and a damaged store stops the start
 * naming its file.
 */
@Timeout(120)
class BridgeRestartIT
{
    @TempDir
    Path dir;

    private final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();

    @Test
    void shouldStartABridgeMadeThroughManagementAgainAfterARestart() throws Exception
    {
        try (EmbeddedBroker broker = start(null);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            final AdminBridges bridges = new AdminBridges(admin);
            bridges.create("kept", options("in", "out"));
            bridges.create("dropped", options("in2", "out2"));
            bridges.delete("dropped");
        }

        try (EmbeddedBroker broker = start(null);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            final AdminBridges bridges = new AdminBridges(admin);
            assertEquals(List.of("kept"), bridges.list().stream().map(BridgeInfo::name).toList());
            assertForwarded(connection, "in", "out");

            bridges.delete("kept");
        }

        try (EmbeddedBroker broker = start(null);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            assertEquals(List.of(), new AdminBridges(admin).list(), "a deleted bridge stays deleted");
        }
    }

    @Test
    void shouldLetTheConfigFileWinOverAStoredBridgeOfTheSameName() throws Exception
    {
        try (EmbeddedBroker broker = start(null);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            new AdminBridges(admin).create("copy", options("stored.in", "stored.out"));
        }
        final Path config = dir.resolve("broker.properties");
        final StringBuilder text = new StringBuilder();
        options("file.in", "file.out").forEach((key, value) ->
            text.append("aeolus.bridge.copy.").append(key).append('=').append(value).append('\n'));
        Files.writeString(config, text);

        try (EmbeddedBroker broker = start(config);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Bridges bridges = BridgeExtension.of(broker.broker());
            assertEquals("file.in", bridges.config("copy").source().destinationName());
            connection.start();
            assertForwarded(connection, "file.in", "file.out");
        }
        assertTrue(!Files.readString(dir.resolve("data").resolve(BridgeStore.FILE_NAME)).contains("stored.in"),
            "the stored bridge of that name was removed");
    }

    @Test
    void shouldRefuseToStartOnADamagedStoreNamingIt() throws Exception
    {
        Files.createDirectories(dir.resolve("data"));
        final Path store = dir.resolve("data").resolve(BridgeStore.FILE_NAME);
        Files.writeString(store, "aeolus.bridge.copy.source.destination=orders\n");

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> start(null));

        assertTrue(ex.getMessage().contains(store.toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("aeolus.bridge.copy.source.destination"), ex.getMessage());
    }

    private EmbeddedBroker start(final Path config)
    {
        final Broker.Context context = EmbeddedBroker.isolatedContext(dir.resolve("data")).aeronDirectoryName(aeronDir);
        return EmbeddedBroker.start(null == config ? context : context.configFile(config));
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
        options.put("reconnect.delay", "50ms");
        return options;
    }

    private static void assertForwarded(final Connection connection, final String from, final String to)
        throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final TextMessage sent = session.createTextMessage("across a restart");
            session.createProducer(session.createQueue(from)).send(sent);
            final Message received = session.createConsumer(session.createQueue(to)).receive(20_000);
            assertNotNull(received, "forwarded from " + from + " to " + to);
            assertEquals(sent.getJMSMessageID(), received.getStringProperty(BridgeConfig.DEFAULT_ID_PROPERTY));
        }
    }
}
