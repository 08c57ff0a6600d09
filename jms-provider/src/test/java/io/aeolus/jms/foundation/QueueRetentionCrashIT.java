package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.RetentionInfo;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A queue's retained messages survive {@code kill -9} of its broker (#17 item 4, round 2): the messages it was given
 * and its consumer took are read again, in order, from {@code <queue>?start=earliest} after a restart on the same
 * directories, and management counts them; the queue itself stays empty.
 */
@Timeout(240)
class QueueRetentionCrashIT
{
    private static final int MESSAGES = 300;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void shouldKeepAQueuesConsumedMessagesRetainedAcrossAKill() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=10s&requestTimeout=20s";
        final Path config = Files.writeString(dir.resolve("broker.properties"),
            "aeolus.destination.orders.retention.time=1h\n");
        final Path data = Files.createDirectories(dir.resolve("data"));
        try
        {
            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString()))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection())
                {
                    connection.start();
                    sendAndConsume(connection);
                }
                broker.kill();
            }
            IoUtil.delete(new File(aeronDir), true);

            try (ChildJvm broker = ChildJvm.startBroker(aeronDir, port, data, "--config", config.toString()))
            {
                try (Connection connection = new AeolusConnectionFactory(url).createConnection())
                {
                    connection.start();
                    checkRetained(connection);
                }
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }
    }

    private static void sendAndConsume(final Connection connection) throws JMSException
    {
        try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED))
        {
            final MessageProducer producer = session.createProducer(session.createQueue("orders"));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int n = 0; n < MESSAGES; n++)
            {
                final Message message = session.createTextMessage("order " + n);
                message.setIntProperty("n", n);
                producer.send(message);
            }
            session.commit();
            final MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            for (int n = 0; n < MESSAGES; n++)
            {
                assertNotNull(consumer.receive(10_000), "order " + n + " not consumed");
            }
            session.commit();
        }
    }

    private static void checkRetained(final Connection connection) throws JMSException
    {
        RetentionInfo orders = null;
        for (final RetentionInfo row : new AdminRetention(new AdminClient(connection, WAIT)).list())
        {
            if (row.name().equals("orders"))
            {
                orders = row;
            }
        }
        assertNotNull(orders, "orders listed with retention");
        assertEquals(MESSAGES, orders.retainedCount(), orders.toString());
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            assertNull(session.createConsumer(session.createQueue("orders")).receive(500),
                "a consumed message came back to the queue");
            final MessageConsumer history = session.createConsumer(session.createQueue("orders?start=earliest"));
            for (int n = 0; n < MESSAGES; n++)
            {
                final Message message = history.receive(10_000);
                assertNotNull(message, "retained order " + n + " not read after the kill");
                assertEquals(n, message.getIntProperty("n"), "order of the retained messages");
            }
            assertNull(history.receive(500), "a retained message more than were sent");
        }
    }
}
