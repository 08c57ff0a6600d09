package io.aeolus.jms.engine;

import io.aeolus.broker.BrokerConfiguration;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class DeadLetterIT extends EngineFixture
{
    private static final int MAX_ATTEMPTS = 3;

    private String sendPoison(final Connection connection, final String queueName) throws Exception
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final TextMessage message = session.createTextMessage("poison");
        message.setStringProperty("customer", "alice");
        session.createProducer(session.createQueue(queueName)).send(message);
        session.close();
        return message.getJMSMessageID();
    }

    private static void assertDeadLetter(final Message deadLetter, final String messageId, final long sentBeforeMs,
        final String queueName) throws Exception
    {
        assertNotNull(deadLetter, "nothing in the dead-letter queue");
        assertInstanceOf(TextMessage.class, deadLetter);
        assertEquals("poison", ((TextMessage)deadLetter).getText());
        assertEquals(messageId, deadLetter.getJMSMessageID());
        assertEquals("alice", deadLetter.getStringProperty("customer"));
        assertEquals(queueName, deadLetter.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION"));
        assertEquals("QUEUE", deadLetter.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION_TYPE"));
        assertEquals("MAX_DELIVERY_ATTEMPTS", deadLetter.getStringProperty("AEOLUS_DLQ_REASON"));
        assertEquals(MAX_ATTEMPTS, deadLetter.getIntProperty("AEOLUS_DLQ_DELIVERY_COUNT"));
        final long movedAt = deadLetter.getLongProperty("AEOLUS_DLQ_TIME");
        assertTrue(movedAt >= sentBeforeMs && movedAt <= System.currentTimeMillis(), "moved at " + movedAt);
        assertEquals("DLQ." + queueName, ((Queue)deadLetter.getJMSDestination()).getQueueName());
    }

    @Test
    void shouldMoveAMessageWhoseListenerKeepsThrowingToItsDlq() throws Exception
    {
        start(context().set(BrokerConfiguration.MAX_DELIVERY_ATTEMPTS, Integer.toString(MAX_ATTEMPTS)));
        final Connection connection = connect("");
        final long before = System.currentTimeMillis();
        final String messageId = sendPoison(connection, "orders");
        final AtomicInteger attempts = new AtomicInteger();
        final Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer failing = listening.createConsumer(listening.createQueue("orders"));
        failing.setMessageListener((message) ->
        {
            attempts.incrementAndGet();
            throw new IllegalStateException("cannot process " + message);
        });
        connection.start();

        awaitCondition("three failed deliveries", () -> attempts.get() >= MAX_ATTEMPTS, Duration.ofSeconds(20));
        failing.close();
        final Session reading = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Message deadLetter = reading.createConsumer(reading.createQueue("DLQ.orders")).receive(RECEIVE_MS);
        final Message leftInQueue = reading.createConsumer(reading.createQueue("orders")).receive(200);

        assertDeadLetter(deadLetter, messageId, before, "orders");
        assertNull(leftInQueue);
        assertEquals(MAX_ATTEMPTS, attempts.get());
    }

    @Test
    void shouldMoveAMessageRolledBackMaxTimesToItsDlqAndLetItBeRetried() throws Exception
    {
        final Path config = dataDir.resolve("broker.properties");
        Files.writeString(config, "aeolus.destination.payments.#.max.delivery.attempts=" + MAX_ATTEMPTS + "\n");
        start(context().configFile(config));
        final Connection connection = connect("");
        connection.start();
        final long before = System.currentTimeMillis();
        final String messageId = sendPoison(connection, "payments.eu");
        final Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageConsumer consumer = transacted.createConsumer(transacted.createQueue("payments.eu"));

        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "delivery " + attempt);
            assertEquals(attempt, message.getIntProperty("JMSXDeliveryCount"));
            transacted.rollback();
        }
        final Message afterMax = consumer.receive(200);
        consumer.close();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Message deadLetter = session.createConsumer(session.createQueue("DLQ.payments.eu")).receive(RECEIVE_MS);

        assertNull(afterMax);
        assertDeadLetter(deadLetter, messageId, before, "payments.eu");

        final MessageProducer retry = session.createProducer(null);
        retry.send(session.createQueue(deadLetter.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION")), deadLetter);
        deadLetter.acknowledge();
        final Message retried = session.createConsumer(session.createQueue("payments.eu")).receive(RECEIVE_MS);
        assertNotNull(retried, "the retried message never came back");
        assertEquals("poison", ((TextMessage)retried).getText());
    }
}
