package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, local transactions: a transacted session's sends and receives are one atomic unit that
 * commit completes and rollback undoes; closing the session or its connection rolls it back.
 */
@Timeout(60)
class TransactionIT extends SpecFixture
{
    @Test
    void sendsAreInvisibleUntilCommit() throws JMSException
    {
        final Connection connection = started();
        final Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        final Queue queue = transacted.createQueue(name);
        final MessageProducer producer = transacted.createProducer(queue);
        final MessageConsumer consumer = started().createSession().createConsumer(queue);
        producer.send(transacted.createTextMessage("a"));
        producer.send(transacted.createTextMessage("b"));

        assertNull(consumer.receive(ABSENT_MS), "a message sent in an uncommitted transaction was delivered");
        transacted.commit();

        receiveText(consumer, "a");
        receiveText(consumer, "b");
    }

    @Test
    void publicationsToATopicAreInvisibleUntilCommit() throws JMSException
    {
        final Connection connection = started();
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final Topic topic = transacted.createTopic(name);
        final MessageConsumer subscriber = started().createSession().createConsumer(topic);
        transacted.createProducer(topic).send(transacted.createTextMessage("news"));

        assertNull(subscriber.receive(ABSENT_MS), "a message published in an uncommitted transaction was delivered");
        transacted.commit();

        receiveText(subscriber, "news");
    }

    @Test
    void rollbackDiscardsTheSendsOfTheTransaction() throws JMSException
    {
        final Connection connection = started();
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final Queue queue = transacted.createQueue(name);
        final MessageProducer producer = transacted.createProducer(queue);
        producer.send(transacted.createTextMessage("discarded"));

        transacted.rollback();
        producer.send(transacted.createTextMessage("kept"));
        transacted.commit();

        assertEquals(List.of("kept"), drain(started().createSession().createConsumer(queue)));
    }

    @Test
    void rollbackRedeliversTheMessagesReceivedInTheTransaction() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        sendTexts(connection, queue, "a", "b");
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final MessageConsumer consumer = transacted.createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");

        transacted.rollback();

        final Message a = receiveText(consumer, "a");
        final Message b = receiveText(consumer, "b");
        assertTrue(a.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        assertTrue(b.getJMSRedelivered());
        assertEquals(2, b.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void rollbackRedeliversOnlyWhatWasReceivedAndKeepsTheOrder() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final MessageConsumer consumer = transacted.createConsumer(queue);
        receiveText(consumer, "a");

        transacted.rollback();

        assertTrue(receiveText(consumer, "a").getJMSRedelivered());
        final Message b = receiveText(consumer, "b");
        assertFalse(b.getJMSRedelivered(), "b was not received before the rollback");
        assertEquals(1, b.getIntProperty("JMSXDeliveryCount"));
        receiveText(consumer, "c");
    }

    @Test
    void commitRemovesTheMessagesReceivedInTheTransaction() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final MessageConsumer consumer = transacted.createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");

        transacted.commit();
        connection.close();

        assertEquals(List.of("c"), drain(started().createSession().createConsumer(queue)));
    }

    @Test
    void commitMakesReceivesAndSendsOneUnit() throws JMSException
    {
        final Connection connection = started();
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final Queue in = transacted.createQueue(name + ".in");
        final Queue out = transacted.createQueue(name + ".out");
        sendTexts(connection, in, "request");
        final MessageConsumer consumer = transacted.createConsumer(in);
        final MessageProducer producer = transacted.createProducer(out);
        receiveText(consumer, "request");
        producer.send(transacted.createTextMessage("reply"));

        transacted.rollback();
        receiveText(consumer, "request");
        producer.send(transacted.createTextMessage("reply"));
        transacted.commit();
        connection.close();

        final Session after = started().createSession();
        assertEquals(List.of(), drain(after.createConsumer(in)));
        assertEquals(List.of("reply"), drain(after.createConsumer(out)));
    }

    @Test
    void commitAndRollbackOfANonTransactedSessionThrowIllegalState() throws JMSException
    {
        final Connection connection = connect();
        for (final int mode : new int[]{Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE,
            Session.DUPS_OK_ACKNOWLEDGE})
        {
            final Session session = connection.createSession(mode);

            assertThrows(IllegalStateException.class, session::commit, "commit, mode " + mode);
            assertThrows(IllegalStateException.class, session::rollback, "rollback, mode " + mode);
        }
    }

    @Test
    void recoverOfATransactedSessionThrowsIllegalState() throws JMSException
    {
        final Session transacted = connect().createSession(Session.SESSION_TRANSACTED);

        assertThrows(IllegalStateException.class, transacted::recover);
    }

    @Test
    void closingATransactedSessionRollsItsTransactionBack() throws JMSException
    {
        final Connection connection = started();
        final Queue in = connection.createSession().createQueue(name + ".in");
        final Queue out = connection.createSession().createQueue(name + ".out");
        sendTexts(connection, in, "a");
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        receiveText(transacted.createConsumer(in), "a");
        transacted.createProducer(out).send(transacted.createTextMessage("never"));

        transacted.close();

        final Session after = connection.createSession();
        final Message a = receiveText(after.createConsumer(in), "a");
        assertTrue(a.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
        assertEquals(List.of(), drain(after.createConsumer(out)));
    }

    @Test
    void closingTheConnectionRollsBackItsTransactedSessions() throws JMSException
    {
        final Connection connection = started();
        final Queue in = connection.createSession().createQueue(name + ".in");
        final Queue out = connection.createSession().createQueue(name + ".out");
        sendTexts(connection, in, "a");
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        receiveText(transacted.createConsumer(in), "a");
        transacted.createProducer(out).send(transacted.createTextMessage("never"));

        connection.close();

        final Session after = started().createSession();
        final Message a = receiveText(after.createConsumer(in), "a");
        assertTrue(a.getJMSRedelivered());
        assertEquals(List.of(), drain(after.createConsumer(out)));
    }

    @Test
    void aTransactionStartsAgainAfterEachCommit() throws JMSException
    {
        final Connection connection = started();
        final Session transacted = connection.createSession(Session.SESSION_TRANSACTED);
        final Queue queue = transacted.createQueue(name);
        final MessageProducer producer = transacted.createProducer(queue);
        final MessageConsumer consumer = started().createSession().createConsumer(queue);
        producer.send(transacted.createTextMessage("first"));
        transacted.commit();
        receiveText(consumer, "first");

        producer.send(transacted.createTextMessage("second"));

        assertNull(consumer.receive(ABSENT_MS));
        transacted.commit();
        receiveText(consumer, "second");
    }

    @Test
    void aTransactedSessionReportsItselfTransacted() throws JMSException
    {
        final Connection connection = connect();

        final Session transacted = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);

        assertTrue(transacted.getTransacted());
        assertEquals(Session.SESSION_TRANSACTED, transacted.getAcknowledgeMode());
    }
}
