package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, temporary destinations: unique, living as long as their connection, consumable only by that
 * connection, and the usual way to receive replies through JMSReplyTo.
 */
@Timeout(60)
class TemporaryDestinationIT extends SpecFixture
{
    @Test
    void aRequestGetsItsReplyThroughATemporaryQueueNamedInJMSReplyTo() throws JMSException
    {
        final Connection server = started();
        final Session serverSession = server.createSession();
        final Queue requests = serverSession.createQueue(name);
        final MessageConsumer requestConsumer = serverSession.createConsumer(requests);
        final Connection client = started();
        final Session clientSession = client.createSession();
        final TemporaryQueue replies = clientSession.createTemporaryQueue();
        final MessageConsumer replyConsumer = clientSession.createConsumer(replies);
        final TextMessage request = clientSession.createTextMessage("ping");
        request.setJMSReplyTo(replies);
        clientSession.createProducer(requests).send(request);

        final Message received = receiveText(requestConsumer, "ping");
        final TextMessage reply = serverSession.createTextMessage("pong");
        reply.setJMSCorrelationID(received.getJMSMessageID());
        serverSession.createProducer(null).send(received.getJMSReplyTo(), reply);

        final Message answer = receiveText(replyConsumer, "pong");
        assertEquals(request.getJMSMessageID(), answer.getJMSCorrelationID());
        assertEquals(replies, received.getJMSReplyTo());
    }

    @Test
    void eachTemporaryQueueIsUnique() throws JMSException
    {
        final Session session = connect().createSession();

        final TemporaryQueue first = session.createTemporaryQueue();
        final TemporaryQueue second = session.createTemporaryQueue();

        assertNotEquals(first.getQueueName(), second.getQueueName());
    }

    @Test
    void deletingATemporaryQueueWithAnActiveConsumerThrows() throws JMSException
    {
        final Session session = connect().createSession();
        final TemporaryQueue queue = session.createTemporaryQueue();
        final MessageConsumer consumer = session.createConsumer(queue);

        assertThrows(JMSException.class, queue::delete);

        consumer.close();
        queue.delete();
    }

    @Test
    void deletingATemporaryTopicWithAnActiveSubscriberThrows() throws JMSException
    {
        final Session session = connect().createSession();
        final TemporaryTopic topic = session.createTemporaryTopic();
        final MessageConsumer subscriber = session.createConsumer(topic);

        assertThrows(JMSException.class, topic::delete);

        subscriber.close();
        topic.delete();
    }

    @Test
    void sendingToADeletedTemporaryQueueThrowsInvalidDestination() throws JMSException
    {
        final Session session = connect().createSession();
        final TemporaryQueue queue = session.createTemporaryQueue();
        final MessageProducer producer = session.createProducer(null);
        final Message message = session.createTextMessage("too late");

        queue.delete();

        assertThrows(InvalidDestinationException.class, () -> producer.send(queue, message));
    }

    @Test
    void consumingFromADeletedTemporaryQueueThrows() throws JMSException
    {
        final Session session = connect().createSession();
        final TemporaryQueue queue = session.createTemporaryQueue();

        queue.delete();

        assertThrows(JMSException.class, () -> session.createConsumer(queue));
    }

    @Test
    void aTemporaryQueueDisappearsWhenItsConnectionCloses() throws JMSException
    {
        final Connection owner = connect();
        final TemporaryQueue queue = owner.createSession().createTemporaryQueue();
        final Session other = connect().createSession();
        final MessageProducer producer = other.createProducer(null);
        producer.send(queue, other.createTextMessage("while it exists"));

        owner.close();

        assertThrows(InvalidDestinationException.class,
            () -> producer.send(queue, other.createTextMessage("after")));
    }

    @Test
    void aTemporaryTopicDisappearsWhenItsConnectionCloses() throws JMSException
    {
        final Connection owner = connect();
        final TemporaryTopic topic = owner.createSession().createTemporaryTopic();
        final Session other = connect().createSession();
        final MessageProducer producer = other.createProducer(null);
        producer.send(topic, other.createTextMessage("while it exists"));

        owner.close();

        assertThrows(InvalidDestinationException.class,
            () -> producer.send(topic, other.createTextMessage("after")));
    }

    @Test
    void anotherConnectionCannotConsumeFromATemporaryQueue() throws JMSException
    {
        final Connection owner = started();
        final TemporaryQueue queue = owner.createSession().createTemporaryQueue();
        final Session other = started().createSession();

        assertThrows(JMSException.class, () -> other.createConsumer(queue));
    }

    @Test
    void anotherConnectionCannotSubscribeToATemporaryTopic() throws JMSException
    {
        final Connection owner = started();
        final TemporaryTopic topic = owner.createSession().createTemporaryTopic();
        final Session other = started().createSession();

        assertThrows(JMSException.class, () -> other.createConsumer(topic));
    }

    @Test
    void anotherSessionOfTheOwningConnectionCanConsumeFromATemporaryQueue() throws JMSException
    {
        final Connection owner = started();
        final TemporaryQueue queue = owner.createSession().createTemporaryQueue();
        final Session sibling = owner.createSession();
        final MessageConsumer consumer = sibling.createConsumer(queue);

        sendTexts(connect(), queue, "for the owner");

        receiveText(consumer, "for the owner");
    }

    @Test
    void aTemporaryTopicDeliversToItsSubscribers() throws JMSException
    {
        final Connection owner = started();
        final Session session = owner.createSession();
        final TemporaryTopic topic = session.createTemporaryTopic();
        final MessageConsumer first = session.createConsumer(topic);
        final MessageConsumer second = owner.createSession().createConsumer(topic);

        sendTexts(connect(), topic, "to all");

        receiveText(first, "to all");
        receiveText(second, "to all");
    }
}
