package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's promise under fire: a broker process takes persistent sends from several producers while a consumer
 * drains, and is killed with SIGKILL at a random moment, again and again. Every message whose send returned must be
 * consumed exactly once overall (a consumption counts once its transaction committed) or still be there at the end.
 */
@Timeout(300)
class CrashRecoveryIT
{
    private static final int KILLS = Integer.getInteger("aeolus.crash.kills", 5);
    private static final int PRODUCERS = 3;

    @TempDir
    Path dataDir;

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Set<String> consumed = ConcurrentHashMap.newKeySet();
    private final Set<String> duplicates = ConcurrentHashMap.newKeySet();
    private final Set<String> inDoubt = ConcurrentHashMap.newKeySet();

    @Test
    void shouldLoseNoConfirmedMessageAndConsumeNoneTwiceAcrossRepeatedKills() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s&requestTimeout=10s";
        try
        {
            for (int kill = 0; kill < KILLS; kill++)
            {
                try (ChildJvm broker = startBroker(aeronDir, port))
                {
                    final AtomicBoolean running = new AtomicBoolean(true);
                    final List<Thread> clients = startClients(url, kill, running);
                    // Kill at a random point of the load: after a random number of further confirmed sends.
                    final int target = confirmed.size() + 50 + random.nextInt(400);
                    LivenessIT.awaitCondition(() -> confirmed.size() >= target, Duration.ofSeconds(60));

                    broker.kill();
                    running.set(false);
                    for (final Thread client : clients)
                    {
                        client.join(30_000);
                    }
                }
                IoUtil.delete(new File(aeronDir), true);
            }
            try (ChildJvm broker = startBroker(aeronDir, port))
            {
                drain(url);
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }

        final Set<String> lost = ConcurrentHashMap.newKeySet();
        lost.addAll(confirmed);
        lost.removeAll(consumed);
        lost.removeAll(inDoubt);
        assertTrue(lost.isEmpty(), "seed " + seed + ": confirmed but never consumed: " + lost);
        assertTrue(inDoubt.size() <= KILLS, "at most one commit can be in doubt per kill: " + inDoubt);
        assertTrue(duplicates.isEmpty(), "seed " + seed + ": consumed twice: " + duplicates);
        assertTrue(confirmed.size() > KILLS * 50, "too little load to prove anything: " + confirmed.size());
    }

    int confirmedCount()
    {
        return confirmed.size();
    }

    int consumedCount()
    {
        return consumed.size();
    }

    int inDoubtCount()
    {
        return inDoubt.size();
    }

    private ChildJvm startBroker(final String aeronDir, final int port) throws Exception
    {
        return ChildJvm.startBroker(aeronDir, port, dataDir);
    }

    private List<Thread> startClients(final String url, final int round, final AtomicBoolean running)
    {
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++)
        {
            final String prefix = "r" + round + "p" + p + "-";
            threads.add(new Thread(() -> produce(url, prefix, running), "crash-producer-" + p));
        }
        threads.add(new Thread(() -> consume(url, running), "crash-consumer"));
        for (final Thread thread : threads)
        {
            thread.setDaemon(true);
            thread.start();
        }
        return threads;
    }

    private void produce(final String url, final String prefix, final AtomicBoolean running)
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("crash"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (long n = 0; running.get(); n++)
            {
                final String id = prefix + n;
                producer.send(session.createTextMessage(id));
                confirmed.add(id);
            }
        }
        catch (final JMSException expected)
        {
            // The broker was killed under this producer.
        }
    }

    private void consume(final String url, final AtomicBoolean running)
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("crash"));
            connection.start();
            while (running.get())
            {
                final Message message = consumer.receive(200);
                if (null != message)
                {
                    final String id = ((TextMessage)message).getText();
                    try
                    {
                        session.commit();
                    }
                    catch (final JMSException ex)
                    {
                        // Killed during the commit: it may or may not have happened. If it did not, the message
                        // comes back and is counted then; if it did, it was consumed exactly once, unseen.
                        inDoubt.add(id);
                        throw ex;
                    }
                    record(id);
                }
            }
        }
        catch (final JMSException expected)
        {
            // The broker was killed under this consumer; an uncommitted message comes back after the restart.
        }
    }

    private void drain(final String url) throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("crash"));
            connection.start();
            Message message;
            while (null != (message = consumer.receive(3_000)))
            {
                final String id = ((TextMessage)message).getText();
                session.commit();
                record(id);
            }
            assertEquals(0, countRemaining(session));
        }
    }

    private static int countRemaining(final Session session) throws JMSException
    {
        return java.util.Collections.list(session.createBrowser(session.createQueue("crash")).getEnumeration())
            .size();
    }

    private void record(final String id)
    {
        if (!consumed.add(id))
        {
            duplicates.add(id);
        }
    }
}
