package io.aeolus.jms.engine;

import io.aeolus.broker.BrokerConfiguration;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class ExpiryDelayPriorityIT extends EngineFixture
{
    @Test
    void shouldMoveAnExpiredMessageNobodyConsumedToTheExpiryQueue() throws Exception
    {
        start(context()
            .set(BrokerConfiguration.EXPIRY_QUEUE, "Expired.{destination}")
            .set(BrokerConfiguration.EXPIRY_SCAN_INTERVAL, "50ms"));
        final Connection connection = connect("");
        connection.start();
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue("quotes"));
        producer.setTimeToLive(100);
        final TextMessage stale = session.createTextMessage("stale");
        producer.send(stale);
        producer.setTimeToLive(0);
        producer.send(session.createTextMessage("fresh"));

        final Message expired = session.createConsumer(session.createQueue("Expired.quotes")).receive(RECEIVE_MS);
        final MessageConsumer consumer = session.createConsumer(session.createQueue("quotes"));
        final Message first = consumer.receive(RECEIVE_MS);
        final Message second = consumer.receive(200);

        assertNotNull(expired, "the expired message never reached the expiry queue");
        assertEquals("stale", ((TextMessage)expired).getText());
        assertEquals("quotes", expired.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION"));
        assertEquals("EXPIRED", expired.getStringProperty("AEOLUS_DLQ_REASON"));
        assertEquals(stale.getJMSExpiration(), expired.getLongProperty("AEOLUS_DLQ_ORIGINAL_EXPIRATION"));
        assertEquals(0, expired.getJMSExpiration());
        assertEquals("fresh", ((TextMessage)first).getText());
        assertNull(second);
    }

    @Test
    void shouldNotDeliverADelayedMessageBeforeItsDeliveryTime() throws Exception
    {
        start(context());
        final Connection connection = connect("");
        connection.start();
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Queue queue = session.createQueue("later");
        final MessageConsumer consumer = session.createConsumer(queue);
        final MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(1500);

        final long sentMs = System.currentTimeMillis();
        producer.send(session.createTextMessage("delayed"));
        final Message early = consumer.receive(300);
        final Message due = consumer.receive(RECEIVE_MS);
        final long receivedMs = System.currentTimeMillis();

        assertNull(early);
        assertNotNull(due, "the delayed message never arrived");
        assertTrue(receivedMs >= due.getJMSDeliveryTime(), "delivered before its delivery time");
        assertTrue(receivedMs - sentMs >= 1400, "delivered after " + (receivedMs - sentMs) + " ms");
    }

    @Test
    void shouldDeliverHigherPrioritiesFirstAndArrivalOrderWithinAPriority() throws Exception
    {
        start(context());
        final Connection connection = connect("");
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Queue queue = session.createQueue("ranked");
        final MessageProducer producer = session.createProducer(queue);
        final int[] priorities = {1, 9, 4, 9, 0, 4, 7, 1};
        for (int i = 0; i < priorities.length; i++)
        {
            producer.send(session.createTextMessage(priorities[i] + "-" + i), DeliveryMode.PERSISTENT,
                priorities[i], 0);
        }

        final MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        final List<String> received = new ArrayList<>();
        for (int i = 0; i < priorities.length; i++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message);
            received.add(((TextMessage)message).getText());
        }

        assertEquals(List.of("9-1", "9-3", "7-6", "4-2", "4-5", "1-0", "1-7", "0-4"), received);
    }
}
