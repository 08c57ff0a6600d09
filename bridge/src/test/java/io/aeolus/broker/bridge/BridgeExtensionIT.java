package io.aeolus.broker.bridge;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker process runs the bridges of its config file: with the {@code bridge} module on the class path, the
 * broker accepts {@code aeolus.bridge.*} options, refuses a bad one at start naming the key, and forwards.
 */
@Timeout(60)
class BridgeExtensionIT
{
    @TempDir
    Path dir;

    @Test
    void shouldRunTheBridgesOfTheConfigFile() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, String.join("\n",
            "aeolus.bridge.copy.source.jndi.java.naming.factory.initial=" +
            "io.aeolus.jms.jndi.AeolusInitialContextFactory",
            "aeolus.bridge.copy.source.jndi.connectionFactory.ConnectionFactory=aeolus:ipc?aeronDir=" + aeronDir,
            "aeolus.bridge.copy.source.destination=queue:orders",
            "aeolus.bridge.copy.selector=region = 'EU'",
            "aeolus.bridge.copy.target.jndi.java.naming.factory.initial=" +
            "io.aeolus.jms.jndi.AeolusInitialContextFactory",
            "aeolus.bridge.copy.target.jndi.connectionFactory.ConnectionFactory=aeolus:ipc?aeronDir=" + aeronDir,
            "aeolus.bridge.copy.target.destination=queue:orders.eu", ""));
        try (EmbeddedBroker broker = EmbeddedBroker.start(
            EmbeddedBroker.isolatedContext(dir.resolve("data")).aeronDirectoryName(aeronDir).configFile(config));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Bridges bridges = BridgeExtension.of(broker.broker());
            assertNotNull(bridges, "the broker started its bridges");
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final TextMessage eu = session.createTextMessage("eu");
            eu.setStringProperty("region", "EU");
            final TextMessage us = session.createTextMessage("us");
            us.setStringProperty("region", "US");
            session.createProducer(session.createQueue("orders")).send(us);
            session.createProducer(session.createQueue("orders")).send(eu);

            final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.eu"));
            final Message forwarded = consumer.receive(20_000);
            assertNotNull(forwarded, "the bridge forwarded the EU order");
            assertEquals("eu", ((TextMessage)forwarded).getText());
            assertEquals(eu.getJMSMessageID(), forwarded.getStringProperty(BridgeConfig.DEFAULT_ID_PROPERTY));
            final long deadline = System.currentTimeMillis() + 20_000;
            while (bridges.metrics("copy").forwarded() < 1 && System.currentTimeMillis() < deadline)
            {
                Thread.onSpinWait();    // the copy can arrive before the bridge's send call returns
            }
            assertEquals(1, bridges.metrics("copy").forwarded());
            assertEquals(BridgeState.RUNNING, bridges.metrics("copy").state());
            assertEquals(null, consumer.receive(300), "the selector kept the US order at the source");
        }
    }

    @Test
    void shouldRefuseABadBridgeOptionAtStartNamingTheKey() throws Exception
    {
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, "aeolus.bridge.copy.source.destination=orders\n");
        final Broker.Context context = EmbeddedBroker.isolatedContext(dir.resolve("data")).configFile(config);
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> EmbeddedBroker.start(context));
        assertTrue(ex.getMessage().contains("aeolus.bridge.copy.source.destination"), ex.getMessage());
        assertTrue(ex.getMessage().contains(config.toString()), ex.getMessage());
    }
}
