package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidSelectorException;
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

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, message selectors at the API: selectors on queue consumers and topic subscribers over
 * properties and header fields, validated when the consumer is created; a message a selector rejects stays on its
 * queue for other consumers.
 */
@Timeout(60)
class SelectorIT extends SpecFixture
{
    @Test
    void aQueueConsumerReceivesOnlyTheMessagesItsSelectorAccepts() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue, "colour = 'red' AND size > 2");

        send(session, queue, "red-1", "red", 1);
        send(session, queue, "blue-5", "blue", 5);
        send(session, queue, "red-3", "red", 3);
        send(session, queue, "red-9", "red", 9);

        assertEquals(List.of("red-3", "red-9"), drain(consumer));
        assertEquals("colour = 'red' AND size > 2", consumer.getMessageSelector());
    }

    @Test
    void aTopicSubscriberReceivesOnlyTheMessagesItsSelectorAccepts() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        final MessageConsumer large = session.createConsumer(topic, "size >= 5");
        final MessageConsumer all = session.createConsumer(topic);

        send(session, topic, "small", "red", 1);
        send(session, topic, "big", "red", 7);

        assertEquals(List.of("big"), drain(large));
        assertEquals(List.of("small", "big"), drain(all));
    }

    @Test
    void aMessageTheSelectorRejectsStaysOnTheQueueForAnotherConsumer() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer reds = session.createConsumer(queue, "colour = 'red'");
        send(session, queue, "blue", "blue", 1);
        send(session, queue, "red", "red", 1);

        receiveText(reds, "red");
        assertNull(reds.receive(ABSENT_MS));
        reds.close();

        assertEquals(List.of("blue"), drain(session.createConsumer(queue)));
    }

    @Test
    void selectorsSeeJMSPriorityAndJMSDeliveryMode() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer urgentPersistent = session.createConsumer(queue,
            "JMSPriority > 6 AND JMSDeliveryMode = 'PERSISTENT'");
        final MessageProducer producer = session.createProducer(queue);

        producer.send(session.createTextMessage("low"), DeliveryMode.PERSISTENT, 2, 0);
        producer.send(session.createTextMessage("urgent-fleeting"), DeliveryMode.NON_PERSISTENT, 9, 0);
        producer.send(session.createTextMessage("urgent"), DeliveryMode.PERSISTENT, 8, 0);

        assertEquals(List.of("urgent"), drain(urgentPersistent));
        final MessageConsumer fleeting = session.createConsumer(queue, "JMSDeliveryMode = 'NON_PERSISTENT'");
        assertEquals(List.of("urgent-fleeting"), drain(fleeting));
    }

    @Test
    void selectorsSeeJMSTypeAndJMSCorrelationID() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue,
            "JMSType = 'order' AND JMSCorrelationID LIKE 'batch-%'");
        final MessageProducer producer = session.createProducer(queue);

        producer.send(typed(session, "invoice", "batch-1"));
        producer.send(typed(session, "order", "single-2"));
        producer.send(typed(session, "order", "batch-3"));

        final Message selected = consumer.receive(RECEIVE_MS);
        assertEquals("order/batch-3", ((TextMessage)selected).getText());
        assertNull(consumer.receive(ABSENT_MS));
    }

    @Test
    void selectorsSeeJMSMessageIDAndJMSTimestamp() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage first = session.createTextMessage("first");
        final TextMessage second = session.createTextMessage("second");
        producer.send(first);
        producer.send(second);

        final MessageConsumer byId = session.createConsumer(queue,
            "JMSMessageID = '" + second.getJMSMessageID() + "' AND JMSTimestamp > 0");

        receiveText(byId, "second");
        assertNull(byId.receive(ABSENT_MS));
    }

    @Test
    void aMissingPropertyIsUnknownSoTheMessageIsNotSelected() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue, "size > 1 OR colour IS NULL");
        final MessageProducer producer = session.createProducer(queue);

        final TextMessage bare = session.createTextMessage("bare");
        producer.send(bare);
        final TextMessage coloured = session.createTextMessage("coloured");
        coloured.setStringProperty("colour", "red");
        producer.send(coloured);

        assertEquals(List.of("bare"), drain(consumer));
    }

    @Test
    void anEmptyOrNullSelectorSelectsEverything() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer empty = session.createConsumer(queue, "");
        send(session, queue, "a", "red", 1);

        receiveText(empty, "a");
        empty.close();
        final MessageConsumer none = session.createConsumer(queue, null);
        send(session, queue, "b", "blue", 2);
        receiveText(none, "b");
        assertNull(none.getMessageSelector());
    }

    @Test
    void anInvalidSelectorThrowsInvalidSelectorExceptionWhenTheConsumerIsCreated() throws JMSException
    {
        final Connection connection = connect();
        connection.setClientID(clientId("c"));
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final Topic topic = session.createTopic(name);

        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(queue, "colour = = 'red'"));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, "size >"));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(topic, "(size > 1", true));
        assertThrows(InvalidSelectorException.class, () -> session.createDurableConsumer(topic, name, "a IN ()",
            false));
        assertThrows(InvalidSelectorException.class, () -> session.createSharedConsumer(topic, name, "colour LIKE"));
        assertThrows(InvalidSelectorException.class, () -> session.createSharedDurableConsumer(topic, name,
            "x BETWEEN 1"));
    }

    @Test
    void aSelectorReadsNumericLiteralsInJavaSyntax() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Queue queue = session.createQueue(name);
        final MessageConsumer consumer = session.createConsumer(queue,
            "big = 3000000000L AND octal = 035 AND hex = 0x1F AND HEX = 0X1f AND f = 2.5f AND d = 1e1D AND l = 7l");
        final MessageProducer producer = session.createProducer(queue);
        final TextMessage message = session.createTextMessage("matches");
        message.setLongProperty("big", 3_000_000_000L);
        message.setIntProperty("octal", 29);
        message.setIntProperty("hex", 31);
        message.setIntProperty("HEX", 31);
        message.setFloatProperty("f", 2.5f);
        message.setDoubleProperty("d", 10.0);
        message.setLongProperty("l", 7);

        producer.send(message);

        receiveText(consumer, "matches");
    }

    private static void send(final Session session, final Destination destination, final String text,
        final String colour, final int size) throws JMSException
    {
        final TextMessage message = session.createTextMessage(text);
        message.setStringProperty("colour", colour);
        message.setIntProperty("size", size);
        session.createProducer(destination).send(message);
    }

    private static TextMessage typed(final Session session, final String type, final String correlationId)
        throws JMSException
    {
        final TextMessage message = session.createTextMessage(type + "/" + correlationId);
        message.setJMSType(type);
        message.setJMSCorrelationID(correlationId);
        return message;
    }
}
