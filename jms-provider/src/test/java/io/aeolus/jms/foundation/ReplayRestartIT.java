package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.ReplayInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replay of a retained topic into a queue survives its broker (#17 item 5): stopped part way, by SIGKILL or by a
 * clean stop, the broker restarted on the same directories resumes the replay from the progress it journaled with
 * its copies, and the queue ends with every message of the range exactly once.
 */
@Timeout(300)
class ReplayRestartIT
{
    private static final int MESSAGES = 1_200;
    /** Two messages per 10 ms tick: the replay takes about six seconds, long enough to stop it part way. */
    private static final int REPLAY_BATCH = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldResumeAReplayKilledPartWayAndCopyEachMessageOnce() throws Exception
    {
        resumeAfter(true);
    }

    @Test
    void shouldResumeAReplayStoppedCleanlyPartWayAndCopyEachMessageOnce() throws Exception
    {
        resumeAfter(false);
    }

    private void resumeAfter(final boolean kill) throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=10s&requestTimeout=20s";
        final Path config = Files.writeString(dir.resolve("broker.properties"), String.join("\n",
            "aeolus.destination.events.retention.time=1h",
            "aeolus.broker.replay.batch=" + REPLAY_BATCH, ""));
        final Path data = Files.createDirectories(dir.resolve("data"));
        try
        {
            final long id;
            final long before;
            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString()))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection())
                {
                    connection.start();
                    publish(connection);
                    final AdminRetention retention = new AdminRetention(new AdminClient(connection, WAIT));
                    id = retention.replay("events", "backfill", "-1h", null).id();
                    LivenessIT.awaitCondition(() -> replayed(retention, id) >= MESSAGES / 4, WAIT);
                    before = replayed(retention, id);
                    assertTrue(before < MESSAGES, "the replay ended before it could be stopped: " + before);
                }
                if (kill)
                {
                    broker.kill();
                }
                else
                {
                    broker.terminate();
                }
            }
            IoUtil.delete(new File(aeronDir), true);

            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString()))
            {
                checkResumed(url, id, kill, before);
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }
    }

    private static void checkResumed(final String url, final long id, final boolean kill, final long before)
        throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            connection.start();
            final AdminRetention retention = new AdminRetention(new AdminClient(connection, WAIT));
            final ReplayInfo resumed = retention.replay(id);
            assertNotNull(resumed, "replay " + id + " after the restart: " + retention.replays());
            assertEquals("events", resumed.topic());
            assertEquals(MESSAGES, resumed.total());
            LivenessIT.awaitCondition(() -> finished(retention, id), WAIT);
            final ReplayInfo done = retention.replay(id);

            final List<Integer> copied = drain(connection);

            assertEquals("done", done.state(), done.toString());
            assertEquals(MESSAGES, done.replayed(), done.toString());
            assertEquals(0, done.skipped(), done.toString());
            assertEquals(MESSAGES, copied.size(), "copies in the queue (kill=" + kill + ", " + before +
                " copied before the stop)");
            assertEquals(MESSAGES, new TreeSet<>(copied).size(), "a message copied twice");
            for (int n = 0; n < MESSAGES; n++)
            {
                assertEquals(n, copied.get(n), "order of the copies");
            }
        }
    }

    private static void publish(final Connection connection) throws JMSException
    {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED))
        {
            final MessageProducer producer = session.createProducer(session.createTopic("events"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; n < MESSAGES; n++)
            {
                final Message message = session.createTextMessage("event " + n);
                message.setIntProperty("n", n);
                producer.send(message);
                if (n % 200 == 199)
                {
                    session.commit();
                }
            }
            session.commit();
        }
    }

    private static List<Integer> drain(final Connection connection) throws JMSException
    {
        final List<Integer> copied = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("backfill")))
        {
            for (int i = 0; i < MESSAGES; i++)
            {
                final Message message = consumer.receive(10_000);
                assertNotNull(message, "copy " + (i + 1) + " of " + MESSAGES + " not received");
                assertEquals("events", message.getStringProperty("AEOLUS_REPLAYED_FROM"));
                copied.add(message.getIntProperty("n"));
            }
            assertNull(consumer.receive(500), "a copy more than the range holds");
        }
        return copied;
    }

    private static long replayed(final AdminRetention retention, final long id)
    {
        try
        {
            return retention.replay(id).replayed();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError("replays not listed", ex);
        }
    }

    private static boolean finished(final AdminRetention retention, final long id)
    {
        try
        {
            return retention.replay(id).isFinished();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError("replays not listed", ex);
        }
    }
}
