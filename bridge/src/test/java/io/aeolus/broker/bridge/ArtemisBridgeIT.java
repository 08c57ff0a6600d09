package io.aeolus.broker.bridge;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of the JMS bridge: an Aeolus broker and an ActiveMQ Artemis broker in this JVM, one bridge each
 * way, and the Artemis broker stopped and started again while messages flow both ways. Every message arrives, and
 * exactly once: the README says duplicates can occur only when the bridge's own process restarts between a send and
 * the source's commit, or when a send to a target fails in doubt and the target does not de-duplicate by the id
 * property; here the process stays up and the Artemis target de-duplicates by {@code _AMQ_DUPL_ID}, so none may.
 */
@Timeout(180)
class ArtemisBridgeIT
{
    private static final int PER_PHASE = 150;
    private static final long WAIT_MS = 60_000;
    /** Artemis 2.40's native epoll transport does not match the Netty 4.2 the build pins for MQTT: plain NIO. */
    private static final String NO_EPOLL = "?useEpoll=false";

    @TempDir
    Path dir;

    private EmbeddedBroker aeolus;
    private EmbeddedActiveMQ artemis;
    private int artemisPort;
    private Bridges bridges;

    @BeforeEach
    void start() throws Exception
    {
        aeolus = EmbeddedBroker.startIsolated(dir.resolve("aeolus"));
        try (ServerSocket socket = new ServerSocket(0))
        {
            artemisPort = socket.getLocalPort();
        }
        artemis = startArtemis();
    }

    @AfterEach
    void stop() throws Exception
    {
        if (null != bridges)
        {
            bridges.close();
        }
        if (null != artemis)
        {
            artemis.stop();
        }
        if (null != aeolus)
        {
            aeolus.close();
        }
    }

    @Test
    void shouldForwardEveryMessageOnceBothWaysWhileArtemisRestarts() throws Exception
    {
        final Map<String, String> toArtemis = new HashMap<>();
        aeolusSide(toArtemis, "source.", "queue:to.artemis");
        artemisSide(toArtemis, "target.", "queue:from.aeolus");
        toArtemis.put("id.property", "_AMQ_DUPL_ID");
        toArtemis.put("reconnect.delay", "50ms");
        toArtemis.put("reconnect.max.delay", "500ms");
        final Map<String, String> toAeolus = new HashMap<>();
        artemisSide(toAeolus, "source.", "queue:to.aeolus");
        aeolusSide(toAeolus, "target.", "queue:from.artemis");
        toAeolus.put("reconnect.delay", "50ms");
        toAeolus.put("reconnect.max.delay", "500ms");
        bridges = new Bridges();
        bridges.create(BridgeConfig.parse("to-artemis", toArtemis));
        bridges.create(BridgeConfig.parse("to-aeolus", toAeolus));

        final ConnectionFactory aeolusFactory = new AeolusConnectionFactory(aeolus.ipcUrl());
        try (Connection connection = aeolusFactory.createConnection())
        {
            send(connection, "to.artemis", 0, PER_PHASE);
            try (Connection artemisConnection = artemisFactory().createConnection())
            {
                send(artemisConnection, "to.aeolus", 0, PER_PHASE);
            }
            await(() -> bridges.metrics("to-artemis").forwarded() >= 10 &&
                bridges.metrics("to-aeolus").forwarded() >= 10, "both bridges forwarding");

            artemis.stop();
            await(() -> bridges.metrics("to-artemis").state() == BridgeState.RECONNECTING &&
                bridges.metrics("to-aeolus").state() == BridgeState.RECONNECTING, "both bridges reconnecting");
            send(connection, "to.artemis", PER_PHASE, 2 * PER_PHASE);

            artemis = startArtemis();
            await(() -> bridges.metrics("to-artemis").state() == BridgeState.RUNNING &&
                bridges.metrics("to-aeolus").state() == BridgeState.RUNNING, "both bridges running again");
            try (Connection artemisConnection = artemisFactory().createConnection())
            {
                send(artemisConnection, "to.aeolus", PER_PHASE, 2 * PER_PHASE);
            }
            try (Connection artemisConnection = artemisFactory().createConnection())
            {
                assertExactlyOnce(artemisConnection, "from.aeolus", "_AMQ_DUPL_ID");
            }
            assertExactlyOnce(connection, "from.artemis", BridgeConfig.DEFAULT_ID_PROPERTY);
        }
        // Aeolus stays up, so no send to it fails in doubt: each message is sent to it once; a redelivery after a
        // failed commit on Artemis is dropped by the bridge (duplicatesDropped), not sent again.
        assertEquals(2 * PER_PHASE, bridges.metrics("to-aeolus").forwarded(), bridges.metrics("to-aeolus").toString());
        for (final BridgeMetrics metrics : bridges.list())
        {
            assertTrue(metrics.forwarded() >= 2 * PER_PHASE, metrics.toString());
            assertTrue(metrics.failures() >= 1, metrics.toString());
            assertTrue(metrics.reconnects() >= 1, metrics.toString());
            assertEquals(BridgeState.RUNNING, metrics.state(), metrics.toString());
        }
        bridges.pause("to-aeolus");
        await(() -> bridges.metrics("to-aeolus").state() == BridgeState.PAUSED, "paused");
        bridges.delete("to-aeolus");
        assertEquals(List.of("to-artemis"), bridges.list().stream().map(BridgeMetrics::name).toList());
    }

    private void aeolusSide(final Map<String, String> options, final String prefix, final String destination)
    {
        options.put(prefix + "jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.put(prefix + "jndi.connectionFactory.ConnectionFactory", aeolus.ipcUrl());
        options.put(prefix + "destination", destination);
    }

    private void artemisSide(final Map<String, String> options, final String prefix, final String destination)
    {
        options.put(prefix + "jndi.java.naming.factory.initial",
            "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory");
        options.put(prefix + "jndi.connectionFactory.Artemis", "tcp://127.0.0.1:" + artemisPort + NO_EPOLL);
        options.put(prefix + "connection.factory", "Artemis");
        options.put(prefix + "destination", destination);
    }

    private ActiveMQConnectionFactory artemisFactory()
    {
        return new ActiveMQConnectionFactory(false,
            new TransportConfiguration(NettyConnectorFactory.class.getName(),
            Map.of("host", "127.0.0.1", "port", artemisPort, "useEpoll", false)));
    }

    private static void send(final Connection connection, final String queue, final int from, final int to)
        throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = from; i < to; i++)
            {
                final Message message = session.createTextMessage("message " + i);
                message.setIntProperty("seq", i);
                producer.send(message);
            }
        }
    }

    private static void assertExactlyOnce(final Connection connection, final String queue, final String idProperty)
        throws JMSException
    {
        connection.start();
        final List<Integer> received = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            final long deadline = System.currentTimeMillis() + WAIT_MS;
            while (received.size() < 2 * PER_PHASE && System.currentTimeMillis() < deadline)
            {
                final Message message = consumer.receive(1000);
                if (null != message)
                {
                    received.add(message.getIntProperty("seq"));
                    assertTrue(null != message.getStringProperty(idProperty), "the original id is set");
                }
            }
            final Message extra = consumer.receive(2000);
            if (null != extra)
            {
                received.add(extra.getIntProperty("seq"));
            }
        }
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 2 * PER_PHASE; i++)
        {
            expected.add(i);
        }
        final List<Integer> sorted = new ArrayList<>(received);
        sorted.sort(Integer::compare);
        assertEquals(expected, sorted, queue + ": every message once (received " + received.size() + ")");
    }

    private EmbeddedActiveMQ startArtemis() throws Exception
    {
        final File data = dir.resolve("artemis").toFile();
        final Configuration configuration = new ConfigurationImpl()
            .setPersistenceEnabled(true)
            .setSecurityEnabled(false)
            .setJMXManagementEnabled(false)
            .setJournalType(JournalType.NIO)
            .setMaxDiskUsage(100)
            .setJournalDirectory(new File(data, "journal").getPath())
            .setBindingsDirectory(new File(data, "bindings").getPath())
            .setPagingDirectory(new File(data, "paging").getPath())
            .setLargeMessagesDirectory(new File(data, "large-messages").getPath())
            .addAcceptorConfiguration("netty", "tcp://127.0.0.1:" + artemisPort + NO_EPOLL);
        final EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        return server;
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what, ex);
            }
        }
    }
}
