package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
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
import java.util.Enumeration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A routing rule under fire (#17): a broker process routes persistent sends by an exclusive rule to two queues and
 * is killed with SIGKILL at a random moment, again and again. Afterwards every message is in exactly its targets
 * (in both or, if its send was never confirmed, in neither; never in the source), and every confirmed one is there.
 */
@Timeout(300)
class RoutingKillIT
{
    private static final int KILLS = Integer.getInteger("aeolus.crash.kills", 3);
    private static final int PRODUCERS = 2;

    @TempDir
    Path dataDir;

    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();

    @Test
    void shouldKeepEachRoutedMessageInExactlyItsTargetsAcrossKills() throws Exception
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s&requestTimeout=10s";
        final Path config = Files.writeString(dataDir.resolve("broker.properties"), String.join("\n",
            "aeolus.route.split.source=queue:kill.in",
            "aeolus.route.split.targets=queue:kill.a,queue:kill.b",
            "aeolus.route.split.mode=exclusive", ""));
        final Path data = Files.createDirectories(dataDir.resolve("data"));
        final List<String> a;
        final List<String> b;
        final List<String> in;
        try
        {
            for (int kill = 0; kill < KILLS; kill++)
            {
                try (ChildJvm broker = startBroker(aeronDir, port, data, config))
                {
                    final AtomicBoolean running = new AtomicBoolean(true);
                    final List<Thread> producers = startProducers(url, kill, running);
                    final int target = confirmed.size() + 50 + random.nextInt(300);
                    LivenessIT.awaitCondition(() -> confirmed.size() >= target, Duration.ofSeconds(60));

                    broker.kill();
                    running.set(false);
                    for (final Thread producer : producers)
                    {
                        producer.join(30_000);
                    }
                }
                IoUtil.delete(new File(aeronDir), true);
            }
            try (ChildJvm broker = startBroker(aeronDir, port, data, config))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection())
                {
                    final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    connection.start();
                    a = browse(session, "kill.a");
                    b = browse(session, "kill.b");
                    in = browse(session, "kill.in");
                }
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }

        assertEquals(List.of(), in, "seed " + seed + ": an exclusive rule's source holds nothing");
        assertEquals(new TreeSet<>(a).size(), a.size(), "seed " + seed + ": duplicates in kill.a");
        assertEquals(new TreeSet<>(a), new TreeSet<>(b), "seed " + seed + ": a message in one target only");
        final Set<String> lost = new TreeSet<>(confirmed);
        lost.removeAll(a);
        assertTrue(lost.isEmpty(), "seed " + seed + ": confirmed but not routed: " + lost);
        assertTrue(confirmed.size() > KILLS * 50, "too little load to prove anything: " + confirmed.size());
    }

    private static ChildJvm startBroker(final String aeronDir, final int port, final Path data, final Path config)
        throws Exception
    {
        return ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString());
    }

    private List<Thread> startProducers(final String url, final int round, final AtomicBoolean running)
    {
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++)
        {
            final String prefix = "r" + round + "p" + p + "-";
            final Thread thread = new Thread(() -> produce(url, prefix, running), "routing-producer-" + p);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private void produce(final String url, final String prefix, final AtomicBoolean running)
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("kill.in"));
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

    private static List<String> browse(final Session session, final String queue) throws JMSException
    {
        final List<String> ids = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue)))
        {
            final Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements())
            {
                ids.add(((TextMessage)(Message)messages.nextElement()).getText());
            }
        }
        return ids;
    }
}
