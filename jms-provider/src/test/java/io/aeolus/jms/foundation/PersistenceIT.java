package io.aeolus.jms.foundation;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A persistent message whose send returned is never lost, and an acknowledged one is never delivered again as new:
 * across clean restarts and across a broker killed with SIGKILL.
 */
@Timeout(180)
class PersistenceIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldDeliverPersistentMessagesInOrderAfterARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            send(broker.ipcUrl(), "orders", "a", "b", "c");
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            final List<Message> received = receive(broker.ipcUrl(), "orders", 3);
            assertEquals(List.of("a", "b", "c"), texts(received));
            assertFalse(received.get(0).getJMSRedelivered(), "never delivered before the clean shutdown");
        }
    }

    @Test
    void shouldNotDeliverAcknowledgedMessagesAgainAfterARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            send(broker.ipcUrl(), "acked", "a", "b", "c");
            assertEquals(List.of("a", "b"), texts(receive(broker.ipcUrl(), "acked", 2)));
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            assertEquals(List.of("c"), texts(receive(broker.ipcUrl(), "acked", 1)));
            assertNull(receiveOne(broker.ipcUrl(), "acked", 500));
        }
    }

    @Test
    void shouldKeepADurableSubscriptionAndItsMessagesAcrossARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            try (Connection connection = connect(broker.ipcUrl(), "auditor"))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableConsumer(session.createTopic("prices"), "audit").close();
                final MessageProducer producer = session.createProducer(session.createTopic("prices"));
                for (final String text : List.of("p1", "p2", "p3"))
                {
                    producer.send(session.createTextMessage(text));
                }
            }
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = connect(broker.ipcUrl(), "auditor"))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Topic topic = session.createTopic("prices");
            final MessageConsumer consumer = session.createDurableConsumer(topic, "audit");
            connection.start();
            final List<String> texts = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                final Message message = consumer.receive(10_000);
                assertNotNull(message, "durable subscription lost message " + i);
                texts.add(((TextMessage)message).getText());
            }
            assertEquals(List.of("p1", "p2", "p3"), texts);
        }
    }

    @Test
    void shouldRestoreACommittedTransactionWholeAndNothingOfAnUncommittedOne() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(session.createQueue("tx"));
            for (int i = 0; i < 5; i++)
            {
                producer.send(session.createTextMessage("committed-" + i));
            }
            session.commit();
            producer.send(session.createTextMessage("never committed"));
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            assertEquals(5, receive(broker.ipcUrl(), "tx", 5).size());
            assertNull(receiveOne(broker.ipcUrl(), "tx", 500));
        }
    }

    @Test
    void shouldPageAQueueLargerThanItsWindowAndDeliverItInOrder() throws Exception
    {
        final int total = 1_500;
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(session.createQueue("big"));
            for (int i = 0; i < total; i++)
            {
                producer.send(session.createTextMessage(Integer.toString(i)));
                if (i % 100 == 99)
                {
                    session.commit();
                }
            }
            session.commit();

            final MessageConsumer consumer = session.createConsumer(session.createQueue("big"));
            connection.start();
            for (int i = 0; i < total; i++)
            {
                final Message message = consumer.receive(10_000);
                assertNotNull(message, "paged queue stopped at " + i);
                assertEquals(Integer.toString(i), ((TextMessage)message).getText());
                if (i % 100 == 99)
                {
                    session.commit();
                }
            }
            session.commit();
        }
    }

    @Test
    void shouldLoseNoConfirmedSendAndFlagInFlightMessagesRedeliveredWhenTheBrokerIsKilled() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final String url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s";
        final List<String> confirmed = new ArrayList<>();
        try
        {
            try (ChildJvm broker = startBrokerProcess(aeronDir, port))
            {
                final Connection connection = new AeolusConnectionFactory(url).createConnection();
                final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("crash"));
                for (int i = 0; i < 50; i++)
                {
                    producer.send(session.createTextMessage("m" + i));
                    confirmed.add("m" + i);
                }
                final MessageConsumer consumer = session.createConsumer(session.createQueue("crash"));
                connection.start();
                assertNotNull(consumer.receive(10_000), "in-flight message");

                broker.kill();
                closeQuietly(connection);
            }
            IoUtil.delete(new File(aeronDir), true);

            try (ChildJvm broker = startBrokerProcess(aeronDir, port))
            {
                final List<Message> received = receive("aeolus:udp://127.0.0.1:" + port, "crash", confirmed.size());
                assertEquals(confirmed, texts(received));
                assertTrue(received.get(0).getJMSRedelivered(), "the in-flight message may have been delivered");
                broker.terminate();
            }
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            IoUtil.delete(new File(aeronDir + ".lock"), true);
        }
    }

    private ChildJvm startBrokerProcess(final String aeronDir, final int port) throws Exception
    {
        return ChildJvm.startBroker(aeronDir, port, dataDir);
    }

    private static Connection connect(final String url, final String clientId) throws JMSException
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
        factory.setClientId(clientId);
        return factory.createConnection();
    }

    private static void send(final String url, final String queue, final String... texts) throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (final String text : texts)
            {
                producer.send(session.createTextMessage(text));
            }
        }
    }

    private static List<Message> receive(final String url, final String queue, final int count) throws JMSException
    {
        final List<Message> received = new ArrayList<>();
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            for (int i = 0; i < count; i++)
            {
                final Message message = consumer.receive(10_000);
                assertNotNull(message, "message " + i + " of " + count + " missing from " + queue);
                received.add(message);
            }
        }
        return received;
    }

    private static Message receiveOne(final String url, final String queue, final long timeoutMs)
        throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            connection.start();
            return consumer.receive(timeoutMs);
        }
    }

    private static List<String> texts(final List<Message> messages) throws JMSException
    {
        final List<String> texts = new ArrayList<>();
        for (final Message message : messages)
        {
            texts.add(((TextMessage)message).getText());
        }
        return texts;
    }

    private static void closeQuietly(final Connection connection)
    {
        try
        {
            connection.close();
        }
        catch (final JMSException ignore)
        {
            // The broker is dead; the connection has failed already.
        }
    }
}
