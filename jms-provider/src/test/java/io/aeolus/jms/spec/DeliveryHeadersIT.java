package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, message headers set by send and how they govern delivery: message ids, timestamps,
 * destination, delivery mode, priority order, expiration, delivery delay, the delivery count, and what
 * ConnectionMetaData reports.
 */
@Timeout(60)
class DeliveryHeadersIT extends SpecFixture
{
    private static final long DELAY_MS = 1_000;

    @Test
    void everyMessageIdStartsWithIdAndIsUnique() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final Set<String> sentIds = new HashSet<>();

        for (int i = 0; i < 20; i++)
        {
            final Message message = session.createTextMessage("m" + i);
            producer.send(message);
            assertTrue(message.getJMSMessageID().startsWith("ID:"), message.getJMSMessageID());
            sentIds.add(message.getJMSMessageID());
        }
        sentIds.add(sentOnOtherConnection(queue).getJMSMessageID());

        assertEquals(21, sentIds.size(), "message ids repeat");
        final Set<String> receivedIds = new HashSet<>();
        final MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 21; i++)
        {
            receivedIds.add(consumer.receive(RECEIVE_MS).getJMSMessageID());
        }
        assertEquals(sentIds, receivedIds);
    }

    @Test
    void disablingMessageIdsAndTimestampsIsAHintTheProviderEitherHonoursOrIgnores() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(true);
        final long beforeMs = System.currentTimeMillis();

        producer.send(session.createTextMessage("anonymous"));

        final Message received = session.createConsumer(queue).receive(RECEIVE_MS);
        final String id = received.getJMSMessageID();
        assertTrue(null == id || id.startsWith("ID:"), "a message id is null or a normal id, not " + id);
        final long timestamp = received.getJMSTimestamp();
        assertTrue(0 == timestamp || timestamp >= beforeMs, "a timestamp is 0 or a normal time, not " + timestamp);
        assertTrue(producer.getDisableMessageID());
        assertTrue(producer.getDisableMessageTimestamp());
    }

    @Test
    void sendSetsDestinationDeliveryModePriorityTimestampAndExpiration() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage message = session.createTextMessage("headers");
        message.setJMSPriority(9);
        message.setJMSDeliveryMode(DeliveryMode.PERSISTENT);
        message.setJMSExpiration(1);
        final long beforeMs = System.currentTimeMillis();

        producer.send(message, DeliveryMode.NON_PERSISTENT, 2, 60_000);

        final long afterMs = System.currentTimeMillis();
        final Message received = session.createConsumer(queue).receive(RECEIVE_MS);
        for (final Message headers : List.of(message, received))
        {
            assertEquals(queue, headers.getJMSDestination());
            assertEquals(DeliveryMode.NON_PERSISTENT, headers.getJMSDeliveryMode());
            assertEquals(2, headers.getJMSPriority());
            assertTrue(headers.getJMSTimestamp() >= beforeMs && headers.getJMSTimestamp() <= afterMs);
            assertEquals(headers.getJMSTimestamp() + 60_000, headers.getJMSExpiration());
        }
        assertEquals(message.getJMSMessageID(), received.getJMSMessageID());
    }

    @Test
    void theProducersDefaultsArePersistentPriorityFourAndNoExpiration() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);

        producer.send(session.createTextMessage("defaults"));

        final Message received = session.createConsumer(queue).receive(RECEIVE_MS);
        assertEquals(DeliveryMode.PERSISTENT, producer.getDeliveryMode());
        assertEquals(Message.DEFAULT_PRIORITY, producer.getPriority());
        assertEquals(DeliveryMode.PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(4, received.getJMSPriority());
        assertEquals(0, received.getJMSExpiration());
        assertEquals(received.getJMSTimestamp(), received.getJMSDeliveryTime());
    }

    @Test
    void headersTheApplicationSetsArriveUnchanged() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final Queue replyTo = session.createQueue(name + ".replies");
        final Topic otherReplyTo = session.createTopic(name + ".replies");
        final TextMessage first = session.createTextMessage("first");
        first.setJMSCorrelationID("correlation-1");
        first.setJMSReplyTo(replyTo);
        first.setJMSType("order");
        final TextMessage second = session.createTextMessage("second");
        second.setJMSCorrelationIDAsBytes(new byte[]{1, 2, 3});
        second.setJMSReplyTo(otherReplyTo);
        final MessageProducer producer = session.createProducer(queue);

        producer.send(first);
        producer.send(second);

        final MessageConsumer consumer = session.createConsumer(queue);
        final Message firstReceived = receiveText(consumer, "first");
        final Message secondReceived = receiveText(consumer, "second");
        assertEquals("correlation-1", firstReceived.getJMSCorrelationID());
        assertEquals(replyTo, firstReceived.getJMSReplyTo());
        assertEquals("order", firstReceived.getJMSType());
        assertArrayEquals(new byte[]{1, 2, 3}, secondReceived.getJMSCorrelationIDAsBytes());
        assertEquals(otherReplyTo, secondReceived.getJMSReplyTo());
    }

    @Test
    void waitingMessagesAreDeliveredHighestPriorityFirstAndInSendOrderWithinAPriority() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final int[] priorities = {1, 5, 9, 5, 1, 0, 9, 4};
        for (int i = 0; i < priorities.length; i++)
        {
            producer.send(session.createTextMessage(priorities[i] + "-" + i), DeliveryMode.PERSISTENT,
                priorities[i], 0);
        }

        final MessageConsumer consumer = session.createConsumer(queue);

        assertEquals(List.of("9-2", "9-6", "5-1", "5-3", "4-7", "1-0", "1-4", "0-5"), drain(consumer));
    }

    @Test
    void anExpiredMessageIsNotDelivered() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage shortLived = session.createTextMessage("expired");
        producer.send(shortLived, DeliveryMode.PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("kept"), DeliveryMode.PERSISTENT, 4, 0);

        awaitClockPast(shortLived.getJMSExpiration());

        assertEquals(List.of("kept"), drain(session.createConsumer(queue)));
    }

    @Test
    void aMessageThatExpiresWhileBufferedInTheClientIsNotDeliveredAndLeavesTheBroker() throws Exception
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage shortLived = session.createTextMessage("expires in the buffer");
        producer.send(shortLived, DeliveryMode.PERSISTENT, 4, 300);
        producer.send(session.createTextMessage("kept"), DeliveryMode.PERSISTENT, 4, 0);
        try (io.aeolus.jms.admin.AdminClient admin = new io.aeolus.jms.admin.AdminClient(connection,
            java.time.Duration.ofSeconds(10)))
        {
            // Both are in the consumer's prefetch buffer (in flight at the broker) before the first expires.
            final long deadlineNs = System.nanoTime() + 10_000_000_000L;
            while (admin.queue(name).inFlight() < 2)
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "never prefetched");
            }
            awaitClockPast(shortLived.getJMSExpiration());

            final TextMessage received = (TextMessage)consumer.receive(RECEIVE_MS);
            assertEquals("kept", received.getText());
            received.acknowledge();
            assertNull(consumer.receiveNoWait());
            final long ackDeadlineNs = System.nanoTime() + 10_000_000_000L;
            while (admin.queue(name).depth() + admin.queue(name).inFlight() > 0)
            {
                assertTrue(System.nanoTime() - ackDeadlineNs < 0, "the expired one stayed at the broker");
            }
        }
    }

    @Test
    void anExpiredMessageIsNotDeliveredToADurableSubscriber() throws JMSException
    {
        final Connection connection = connect();
        connection.setClientID(clientId("sub"));
        connection.start();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        session.createDurableConsumer(topic, "away").close();
        final MessageProducer producer = session.createProducer(topic);
        final TextMessage shortLived = session.createTextMessage("expired");
        producer.send(shortLived, DeliveryMode.PERSISTENT, 4, 100);
        producer.send(session.createTextMessage("kept"), DeliveryMode.PERSISTENT, 4, 0);

        awaitClockPast(shortLived.getJMSExpiration());

        assertEquals(List.of("kept"), drain(session.createDurableConsumer(topic, "away")));
    }

    @Test
    void aDelayedMessageIsNotDeliveredBeforeItsDeliveryTime() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue);
        assertDelayedDelivery(session, queue, consumer);
    }

    @Test
    void aDelayedMessageIsNotDeliveredToATopicSubscriberBeforeItsDeliveryTime() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        final MessageConsumer subscriber = session.createConsumer(topic);
        assertDelayedDelivery(session, topic, subscriber);
    }

    @Test
    void theFirstDeliveryHasDeliveryCountOneAndIsNotRedelivered() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "first");

        final Message received = receiveText(session.createConsumer(queue), "first");

        assertEquals(1, received.getIntProperty("JMSXDeliveryCount"));
        assertFalse(received.getJMSRedelivered());
        for (final String property : names(received.getPropertyNames()))
        {
            assertFalse(property.startsWith("JMS") && !property.startsWith("JMSX"), "header " + property);
        }
    }

    @Test
    void connectionMetaDataReportsJakartaMessagingThreeOneAndItsJMSXProperties() throws JMSException
    {
        final ConnectionMetaData metaData = connect().getMetaData();

        assertEquals("3.1", metaData.getJMSVersion());
        assertEquals(3, metaData.getJMSMajorVersion());
        assertEquals(1, metaData.getJMSMinorVersion());
        assertNotNull(metaData.getJMSProviderName());
        assertNotNull(metaData.getProviderVersion());
        final List<String> jmsx = names(metaData.getJMSXPropertyNames());
        assertTrue(jmsx.containsAll(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq")), jmsx.toString());
    }

    private static void assertDelayedDelivery(final Session session, final Destination destination,
        final MessageConsumer consumer) throws JMSException
    {
        final MessageProducer producer = session.createProducer(destination);
        producer.setDeliveryDelay(DELAY_MS);
        final TextMessage message = session.createTextMessage("delayed");
        final long beforeMs = System.currentTimeMillis();

        producer.send(message);

        assertEquals(DELAY_MS, producer.getDeliveryDelay());
        assertTrue(message.getJMSDeliveryTime() >= beforeMs + DELAY_MS, "JMSDeliveryTime is send time plus delay");
        assertNull(consumer.receive(DELAY_MS / 2), "delivered before its delivery time");
        final Message received = consumer.receive(RECEIVE_MS + DELAY_MS);
        assertNotNull(received, "the delayed message never came");
        assertTrue(System.currentTimeMillis() >= message.getJMSDeliveryTime(), "delivered before its delivery time");
        assertEquals(message.getJMSDeliveryTime(), received.getJMSDeliveryTime());
    }

    private static List<String> names(final Enumeration<?> names)
    {
        final List<String> list = new ArrayList<>();
        while (names.hasMoreElements())
        {
            list.add((String)names.nextElement());
        }
        return list;
    }

    private Message sentOnOtherConnection(final Queue queue) throws JMSException
    {
        final Session session = connect().createSession();
        final Message message = session.createTextMessage("other connection");
        session.createProducer(queue).send(message);
        return message;
    }
}
