package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a supervisor such as systemd's {@code Restart=always} does: the broker jar is killed with SIGKILL and started
 * again at once, on the same data and Aeron directories, ten times in a row. Each restart must come up (the dead
 * predecessor's driver heartbeat still looks fresh for seconds) and keep every persistent message confirmed before
 * the kill. A second live broker on the same directories is still refused, naming the live process.
 */
@Timeout(300)
class CrashRestartIT
{
    private static final int KILLS = 10;

    @TempDir
    Path dataDir;

    @Test
    void shouldRestartAtOnceAfterKillNineKeepingConfirmedMessages() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s&requestTimeout=10s";
        final List<String> confirmed = new ArrayList<>();
        ChildJvm broker = startBroker(aeronDir, dataDir, port);
        try
        {
            for (int kill = 0; kill < KILLS; kill++)
            {
                final String text = "before-kill-" + kill;
                send(url, text);
                confirmed.add(text);

                broker.kill();
                final long killedNs = System.nanoTime();
                broker = ChildJvm.startJar(LivenessIT.brokerJar(), brokerArgs(aeronDir, dataDir, port));
                assertTrue(System.nanoTime() - killedNs < TimeUnit.SECONDS.toNanos(1), "restart not within 1 s");
                broker.awaitLine("listening on", Duration.ofSeconds(60));

                assertEquals(confirmed, browse(url), "after kill " + (kill + 1));
            }
            assertEquals(confirmed, drain(url));
        }
        finally
        {
            broker.close();
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    @Test
    void shouldRefuseASecondLiveBrokerNamingItsPid(@TempDir final Path otherDataDir) throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        try (ChildJvm first = startBroker(aeronDir, dataDir, port))
        {
            try (ChildJvm sameData = ChildJvm.startJar(LivenessIT.brokerJar(),
                brokerArgs("/dev/shm/aeolus-test-" + UUID.randomUUID(), dataDir, LivenessIT.freeUdpPort())))
            {
                final String line = sameData.awaitLine("in use by another broker", Duration.ofSeconds(60));
                assertTrue(line.contains("pid " + first.pid()), line);
                assertTrue(sameData.awaitExit(Duration.ofSeconds(30)) != 0);
            }
            try (ChildJvm sameAeronDir = ChildJvm.startJar(LivenessIT.brokerJar(),
                brokerArgs(aeronDir, otherDataDir, LivenessIT.freeUdpPort())))
            {
                final String line = sameAeronDir.awaitLine("already active", Duration.ofSeconds(60));
                assertTrue(line.contains("pid " + first.pid()), line);
                assertTrue(sameAeronDir.awaitExit(Duration.ofSeconds(30)) != 0);
            }
            assertTrue(first.isAlive(), "the live broker must be left alone");
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    private static ChildJvm startBroker(final String aeronDir, final Path data, final int port) throws Exception
    {
        return ChildJvm.startBroker(aeronDir, port, data);
    }

    private static String[] brokerArgs(final String aeronDir, final Path data, final int port)
    {
        return new String[]{"--endpoint", "127.0.0.1:" + port, "--aeron-dir", aeronDir,
            "--data-dir", data.toString(), "--dev"};
    }

    private static void send(final String url, final String text) throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("restart"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(text));
        }
    }

    private static List<String> browse(final String url) throws JMSException
    {
        final List<String> texts = new ArrayList<>();
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser browser = session.createBrowser(session.createQueue("restart")))
            {
                for (final Object message : Collections.list(browser.getEnumeration()))
                {
                    texts.add(((TextMessage)message).getText());
                }
            }
        }
        return texts;
    }

    private static List<String> drain(final String url) throws JMSException
    {
        final List<String> texts = new ArrayList<>();
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = session.createQueue("restart");
            try (MessageConsumer consumer = session.createConsumer(queue))
            {
                Message message;
                while (null != (message = consumer.receive(2_000)))
                {
                    texts.add(((TextMessage)message).getText());
                }
                assertNull(consumer.receiveNoWait());
            }
        }
        return texts;
    }
}
