package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM under load: a producer keeps hundreds of asynchronous persistent sends in flight when the broker process
 * is asked to stop. The broker stops reading, lets the journal write what it accepted, confirms it, and only then
 * closes. After a restart the queue holds exactly the confirmed messages: none lost, and none journaled whose sender
 * was left without an answer.
 */
@Timeout(180)
class GracefulShutdownIT
{
    private static final int IN_FLIGHT = 500;

    @TempDir
    Path dataDir;

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    @Test
    void shouldJournalAndConfirmEverythingAcceptedBeforeStoppingOnSigterm() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=3s&requestTimeout=10s";
        try
        {
            final int sent;
            try (ChildJvm broker = startBroker(aeronDir, port))
            {
                sent = produceUntilStopped(broker, url);
                assertTrue(broker.awaitExit(Duration.ofSeconds(60)) != 0, "the broker stopped on SIGTERM");
            }
            final String log = Files.readString(dataDir.resolve("logs").resolve("broker.0.log"),
                StandardCharsets.UTF_8);
            assertTrue(log.contains("drained in "), log);
            log.lines().filter((line) -> line.contains("drained in ")).forEach(System.out::println);

            final Set<String> journaled;
            try (ChildJvm broker = startBroker(aeronDir, port))
            {
                journaled = drain(url);
                broker.terminate();
            }
            System.out.println("graceful: sent " + sent + ", confirmed " + confirmed.size() + ", failed " +
                failed.size() + ", journaled " + journaled.size());
            assertTrue(confirmed.size() >= 2_000, "load before the SIGTERM: " + confirmed.size());
            final Set<String> lost = new HashSet<>(confirmed);
            lost.removeAll(journaled);
            assertTrue(lost.isEmpty(), "confirmed but not journaled: " + lost);
            final Set<String> unanswered = new HashSet<>(journaled);
            unanswered.removeAll(confirmed);
            assertTrue(unanswered.isEmpty(), unanswered.size() + " journaled without a confirmation to the sender " +
                "(failed: " + failed.size() + ", sent: " + sent + "): " + unanswered);
            assertEquals(confirmed, journaled);
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    /**
     * Sends asynchronously with {@value #IN_FLIGHT} sends in flight, sends SIGTERM to the broker after 2,000
     * confirmations, and goes on until the connection fails and every send has been answered.
     */
    private int produceUntilStopped(final ChildJvm broker, final String url) throws Exception
    {
        final Semaphore window = new Semaphore(IN_FLIGHT);
        int sent = 0;
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("graceful"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            boolean terminating = false;
            while (window.tryAcquire(30, TimeUnit.SECONDS))
            {
                final String id = "m" + sent++;
                try
                {
                    producer.send(session.createTextMessage(id), new Listener(id, window));
                }
                catch (final JMSException ex)
                {
                    failed.add(id);
                    window.release();
                    break;
                }
                if (!terminating && confirmed.size() >= 2_000)
                {
                    terminating = true;
                    final Thread stopper = new Thread(() -> terminate(broker), "sigterm");
                    stopper.setDaemon(true);
                    stopper.start();
                }
            }
            assertTrue(window.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS), "every send was answered");
        }
        catch (final JMSException ignore)
        {
            // Closing a connection the broker already closed.
        }
        return sent;
    }

    private static Set<String> drain(final String url) throws JMSException
    {
        final Set<String> journaled = new HashSet<>();
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (MessageConsumer consumer = session.createConsumer(session.createQueue("graceful")))
            {
                Message message;
                while (null != (message = consumer.receive(3_000)))
                {
                    journaled.add(((TextMessage)message).getText());
                }
            }
        }
        return journaled;
    }

    private static void terminate(final ChildJvm broker)
    {
        try
        {
            broker.terminate();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private ChildJvm startBroker(final String aeronDir, final int port) throws Exception
    {
        final ChildJvm broker = ChildJvm.startJar(LivenessIT.brokerJar(), "--endpoint", "127.0.0.1:" + port,
            "--aeron-dir", aeronDir, "--data-dir", dataDir.toString(), "--dev");
        broker.awaitLine("listening on", Duration.ofSeconds(60));
        return broker;
    }

    private final class Listener implements CompletionListener
    {
        private final String id;
        private final Semaphore window;

        Listener(final String id, final Semaphore window)
        {
            this.id = id;
            this.window = window;
        }

        public void onCompletion(final Message message)
        {
            confirmed.add(id);
            window.release();
        }

        public void onException(final Message message, final Exception exception)
        {
            failed.add(id);
            window.release();
        }
    }
}
