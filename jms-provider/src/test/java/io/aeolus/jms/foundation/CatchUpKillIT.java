package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A durable subscription that starts from the earliest retained message catches up a slice per tick; killed with
 * SIGKILL part way, with messages published while it caught up, the broker restarted on the same directories gives it
 * the rest: every retained message, then the ones published meanwhile, in order, each once. Two retained messages
 * per tick: the catch-up of 1,200 takes six seconds at least, and the kill comes after the first hundred.
 */
@Timeout(300)
class CatchUpKillIT
{
    private static final int RETAINED = 1_200;
    private static final int LIVE = 5;
    private static final int READ_BEFORE_KILL = 100;

    @TempDir
    Path dir;

    @Test
    void shouldGiveADurableSubscriptionKilledWhileCatchingUpTheRestInOrderOnce() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=10s&requestTimeout=20s";
        final Path config = Files.writeString(dir.resolve("broker.properties"), String.join("\n",
            "aeolus.destination.events.retention.time=1h", "aeolus.broker.replay.batch=2", ""));
        final Path data = Files.createDirectories(dir.resolve("data"));
        try
        {
            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString()))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection())
                {
                    connection.setClientID("audit");
                    connection.start();
                    publish(connection, "retained", RETAINED);
                    final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                    final MessageConsumer consumer = session.createDurableConsumer(
                        session.createTopic("events?start=earliest"), "audit");
                    // Read some, acknowledging none: after the kill they come again.
                    for (int i = 0; i < READ_BEFORE_KILL; i++)
                    {
                        assertNotNull(consumer.receive(20_000), "retained message " + i + " before the kill");
                    }
                    publish(connection, "live", LIVE);
                }
                broker.kill();
            }
            IoUtil.delete(new File(aeronDir), true);

            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString()))
            {
                final List<String> received = receiveAll(url);
                final List<String> expected = new ArrayList<>();
                for (int n = 0; n < RETAINED; n++)
                {
                    expected.add("retained-" + n);
                }
                for (int n = 0; n < LIVE; n++)
                {
                    expected.add("live-" + n);
                }
                assertEquals(expected, received);
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }
    }

    private static List<String> receiveAll(final String url) throws JMSException
    {
        final List<String> received = new ArrayList<>();
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            connection.setClientID("audit");
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createDurableConsumer(session.createTopic("events"), "audit");
            for (int i = 0; i < RETAINED + LIVE; i++)
            {
                final Message message = consumer.receive(20_000);
                assertNotNull(message, "message " + (i + 1) + " of " + (RETAINED + LIVE) + " after the restart; " +
                    "so far " + received.size() + ", last " + (received.isEmpty() ? "none" : received.get(
                    received.size() - 1)));
                received.add(message.getStringProperty("id"));
            }
            assertNull(consumer.receive(500), "a message more than were published");
        }
        return received;
    }

    private static void publish(final Connection connection, final String prefix, final int count)
        throws JMSException
    {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED))
        {
            final MessageProducer producer = session.createProducer(session.createTopic("events"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; n < count; n++)
            {
                final Message message = session.createTextMessage(prefix);
                message.setStringProperty("id", prefix + "-" + n);
                producer.send(message);
                if (n % 200 == 199)
                {
                    session.commit();
                }
            }
            session.commit();
        }
    }
}
