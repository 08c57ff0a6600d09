package io.aeolus.jms.foundation;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.transport.ProcessLock;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class LivenessIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldFreeKilledClientAndRedeliverWhatItHeldWithinTheLivenessTimeout() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(
            EmbeddedBroker.isolatedContext(dataDir).livenessTimeout("2s"));
            Connection survivor = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = survivor.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("work"));
            for (int i = 0; i < 3; i++)
            {
                producer.send(session.createTextMessage("job-" + i));
            }

            final Set<String> driversBefore = clientDriverDirs();
            long clientPid = -1;
            try (ChildJvm client = ChildJvm.startMain(ClientProcess.class, broker.udpUrl(), "work", "3"))
            {
                clientPid = client.pid();
                client.awaitLine("HOLDING 3", Duration.ofSeconds(30));
                assertEquals(2, broker.broker().conductor().connectionCount());

                client.kill();
                final long killedAtNs = System.nanoTime();
                awaitCondition(() -> broker.broker().conductor().connectionCount() == 1, Duration.ofSeconds(10));
                final long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAtNs);
                assertTrue(detectedMs < 5_000, "dead client freed after " + detectedMs + " ms");
            }
            finally
            {
                // The killed client could not remove its embedded driver's directory: do it for it, and only for
                // it (other test JVMs may have live client drivers in /dev/shm too).
                for (final String dir : clientDriverDirs())
                {
                    if (!driversBefore.contains(dir) && clientPid == ProcessLock.ownerPid(Path.of(dir + ".lock")))
                    {
                        IoUtil.delete(new File(dir), true);
                    }
                }
            }

            final MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
            survivor.start();
            for (int i = 0; i < 3; i++)
            {
                final Message message = consumer.receive(5_000);
                assertNotNull(message, "message " + i + " held by the dead client was not redelivered");
                assertEquals("job-" + i, ((TextMessage)message).getText());
                assertTrue(message.getJMSRedelivered());
            }
        }
    }

    @Test
    void shouldServeTheBrokerJarOverUdpAndIpcThenReportItsDeathToTheExceptionListener() throws Exception
    {
        final File jar = brokerJar();
        final int port = freeUdpPort();
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        // Development mode: these clients connect without credentials (SecurityIT covers the secure jar).
        try (ChildJvm brokerProcess = ChildJvm.startJar(jar, "--endpoint", "127.0.0.1:" + port,
            "--aeron-dir", aeronDir, "--data-dir", dataDir.toString(), "--dev"))
        {
            brokerProcess.awaitLine("listening on", Duration.ofSeconds(30));
            roundTrip("aeolus:udp://127.0.0.1:" + port);
            roundTrip("aeolus:ipc?aeronDir=" + aeronDir);
            final Connection connection = new AeolusConnectionFactory(
                "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s").createConnection();
            final CompletableFuture<JMSException> reported = new CompletableFuture<>();
            connection.setExceptionListener(reported::complete);
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
            connection.start();

            brokerProcess.kill();

            final JMSException exception = reported.get(10, TimeUnit.SECONDS);
            assertNotNull(exception);
            assertThrows(JMSException.class, () -> consumer.receive(1_000));
            assertThrows(JMSException.class, () -> session.createProducer(session.createQueue("q")));
            connection.close();
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }
    }

    private static void roundTrip(final String url) throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("process"));
            connection.start();
            session.createProducer(session.createQueue("process")).send(session.createTextMessage(url));
            final TextMessage received = (TextMessage)consumer.receive(10_000);
            assertNotNull(received, "no message from the broker process over " + url);
            assertEquals(url, received.getText());
        }
    }

    private static Set<String> clientDriverDirs()
    {
        final File[] dirs = new File("/dev/shm").listFiles((dir, name) -> name.startsWith("aeolus-client-"));
        final Set<String> names = new HashSet<>();
        if (null != dirs)
        {
            for (final File dir : dirs)
            {
                names.add(dir.getPath());
            }
        }
        return names;
    }

    static File brokerJar()
    {
        final File jar = new File("../broker/target/aeolus-broker.jar");
        assertTrue(jar.isFile(), "broker jar not built at " + jar.getAbsolutePath());
        return jar;
    }

    static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    static void awaitCondition(final BooleanSupplier condition, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("condition not met within " + timeout);
            }
            // Poll the condition every 10 ms until it holds or the deadline passes.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
