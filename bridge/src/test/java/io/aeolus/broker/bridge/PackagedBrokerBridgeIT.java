package io.aeolus.broker.bridge;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged broker runs a bridge without {@code -cp}: {@code java -jar aeolus-broker.jar} with
 * {@code aeolus.broker.plugins.dir} naming a directory that holds {@code aeolus-bridge-plugin.jar} (built by this
 * module) and the ActiveMQ Artemis client's jars, and a bridge in its config file from an Aeolus queue to a queue of
 * an Artemis server (a process of its own). Messages sent to Aeolus arrive at Artemis.
 */
@Timeout(120)
class PackagedBrokerBridgeIT
{
    private static final int COUNT = 20;
    private static final long WAIT_MS = 60_000;
    private static final List<String> ARTEMIS_CLIENT_JARS = List.of("artemis-jakarta-client-", "artemis-core-client-",
        "artemis-commons-", "artemis-selector-", "jgroups-", "commons-beanutils-", "commons-logging-",
        "commons-collections-", "netty-", "pem-keystore-", "slf4j-api-");

    @TempDir
    Path dir;

    @Test
    void shouldRunABridgeFromThePluginDirectoryOfTheBrokerJar() throws Exception
    {
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        final Path bridgeJar = Path.of("target", "aeolus-bridge-plugin.jar");
        assertTrue(Files.isRegularFile(bridgeJar), "the plugin jar is not built: " + bridgeJar.toAbsolutePath());
        Files.copy(bridgeJar, plugins.resolve(bridgeJar.getFileName()));
        copyArtemisClient(plugins);
        final int artemisPort = freeTcpPort();
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final Path config = writeConfig(plugins, aeronDir, artemisPort);
        assertConfigCheckPasses(config);

        try (ArtemisProcess artemis = ArtemisProcess.start(dir.resolve("artemis"), artemisPort,
            dir.resolve("artemis.log"));
            BrokerJarProcess broker = BrokerJarProcess.start(config, aeronDir, dir.resolve("data")))
        {
            broker.awaitLine("listening on");
            broker.awaitLine("plugins from " + plugins);
            try (Connection connection = new AeolusConnectionFactory("aeolus:ipc?aeronDir=" + aeronDir)
                .createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("orders"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < COUNT; i++)
                {
                    final Message message = session.createTextMessage("order " + i);
                    message.setIntProperty("seq", i);
                    producer.send(message);
                }
            }

            final List<Integer> received = receive(artemisPort);
            final List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < COUNT; i++)
            {
                expected.add(i);
            }
            received.sort(Integer::compare);
            assertEquals(expected, received, () -> "forwarded by the packaged broker's bridge; its output:\n" +
                broker.output());
        }
    }

    private Path writeConfig(final Path plugins, final String aeronDir, final int artemisPort) throws IOException
    {
        final Path config = dir.resolve("broker.properties");
        Files.writeString(config, String.join("\n",
            "aeolus.broker.plugins.dir=" + plugins,
            "aeolus.bridge.out.source.jndi.java.naming.factory.initial=io.aeolus.jms.jndi.AeolusInitialContextFactory",
            "aeolus.bridge.out.source.jndi.connectionFactory.ConnectionFactory=aeolus:ipc?aeronDir=" + aeronDir,
            "aeolus.bridge.out.source.destination=queue:orders",
            "aeolus.bridge.out.target.jndi.java.naming.factory.initial=" +
            "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory",
            "aeolus.bridge.out.target.jndi.connectionFactory.Artemis=tcp://127.0.0.1:" + artemisPort +
            ArtemisServerMain.NO_EPOLL,
            "aeolus.bridge.out.target.connection.factory=Artemis",
            "aeolus.bridge.out.target.destination=queue:orders.in",
            "aeolus.bridge.out.id.property=_AMQ_DUPL_ID",
            "aeolus.bridge.out.reconnect.delay=100ms", ""));
        return config;
    }

    private static List<Integer> receive(final int artemisPort) throws jakarta.jms.JMSException
    {
        final List<Integer> received = new ArrayList<>();
        try (Connection connection = artemisFactory(artemisPort).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.in"));
            final long deadline = System.currentTimeMillis() + WAIT_MS;
            while (received.size() < COUNT && System.currentTimeMillis() < deadline)
            {
                final Message message = consumer.receive(1000);
                if (null != message)
                {
                    received.add(message.getIntProperty("seq"));
                    assertNotNull(message.getStringProperty("_AMQ_DUPL_ID"), "the original id is set");
                }
            }
        }
        return received;
    }

    private static void assertConfigCheckPasses(final Path config) throws Exception
    {
        final Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", BrokerJarProcess.jar().toString(), "config", "check", config.toString())
            .redirectErrorStream(true).start();
        final String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), "config check ended");
        assertEquals(0, check.exitValue(), "config check accepts the bridge's options: " + output);
        assertTrue(output.contains(config + ": OK"), output);
    }

    private static void copyArtemisClient(final Path plugins) throws IOException
    {
        final String classPath = System.getProperty("surefire.test.class.path",
            System.getProperty("java.class.path"));
        int copied = 0;
        for (final String entry : classPath.split(File.pathSeparator))
        {
            final Path jar = Path.of(entry);
            final String name = jar.getFileName().toString();
            if (name.endsWith(".jar") && ARTEMIS_CLIENT_JARS.stream().anyMatch(name::startsWith))
            {
                Files.copy(jar, plugins.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                copied++;
            }
        }
        assertTrue(copied >= 4, "the Artemis client's jars are not on the test class path: " + classPath);
    }

    private static ActiveMQConnectionFactory artemisFactory(final int port)
    {
        return new ActiveMQConnectionFactory(false, new TransportConfiguration(NettyConnectorFactory.class.getName(),
            Map.of("host", "127.0.0.1", "port", port, "useEpoll", false)));
    }

    private static int freeTcpPort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
