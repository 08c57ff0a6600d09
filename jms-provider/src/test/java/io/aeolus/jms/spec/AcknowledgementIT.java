package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, message acknowledgement and recover: what each acknowledgement mode guarantees about
 * redelivery, and the redelivery headers.
 */
@Timeout(60)
class AcknowledgementIT extends SpecFixture
{
    @Test
    void autoAcknowledgeDoesNotRedeliverAMessageOnceReceiveHasReturnedIt() throws JMSException
    {
        final Connection producerConnection = connect();
        final Queue queue = producerConnection.createSession().createQueue(name);
        sendTexts(producerConnection, queue, "a", "b");
        final Connection connection = started();
        final MessageConsumer consumer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
            .createConsumer(queue);
        receiveText(consumer, "a");

        connection.close();

        final MessageConsumer next = started().createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
        final Message b = receiveText(next, "b");
        assertEquals(List.of(), drain(next));
        assertFalse(b.getJMSRedelivered(), "b never reached the application before");
        assertEquals(1, b.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void clientAcknowledgeRedeliversUnacknowledgedMessagesAfterTheSessionCloses() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        sendTexts(connection, queue, "a", "b");
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");

        session.close();

        final MessageConsumer again = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)
            .createConsumer(queue);
        assertRedelivered(receiveText(again, "a"), 2);
        assertRedelivered(receiveText(again, "b"), 2);
    }

    @Test
    void clientAcknowledgeRedeliversUnacknowledgedMessagesAfterTheConnectionCloses() throws JMSException
    {
        final Connection first = started();
        final Queue queue = first.createSession().createQueue(name);
        sendTexts(first, queue, "a", "b");
        final MessageConsumer consumer = first.createSession(false, Session.CLIENT_ACKNOWLEDGE).createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");

        first.close();

        final MessageConsumer again = started().createSession(false, Session.CLIENT_ACKNOWLEDGE)
            .createConsumer(queue);
        assertRedelivered(receiveText(again, "a"), 2);
        assertRedelivered(receiveText(again, "b"), 2);
    }

    @Test
    void clientAcknowledgeOfOneMessageAcknowledgesEveryMessageTheSessionConsumedOnAnyConsumer()
        throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue first = session.createQueue(name + ".first");
        final Queue second = session.createQueue(name + ".second");
        sendTexts(connection, first, "a", "b");
        sendTexts(connection, second, "c");
        final MessageConsumer firstConsumer = session.createConsumer(first);
        final MessageConsumer secondConsumer = session.createConsumer(second);
        final Message a = receiveText(firstConsumer, "a");
        receiveText(firstConsumer, "b");
        receiveText(secondConsumer, "c");

        a.acknowledge();
        connection.close();

        final Session after = started().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        assertEquals(List.of(), drain(after.createConsumer(first)));
        assertEquals(List.of(), drain(after.createConsumer(second)));
    }

    @Test
    void clientAcknowledgeDoesNotAcknowledgeMessagesNotYetConsumed() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final MessageConsumer consumer = session.createConsumer(queue);
        final Message a = receiveText(consumer, "a");

        a.acknowledge();
        session.close();

        final MessageConsumer after = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE)
            .createConsumer(queue);
        assertEquals(List.of("b", "c"), drain(after));
    }

    @Test
    void clientAcknowledgeAfterRecoverAcknowledgesOnlyWhatWasConsumedSince() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b");
        final MessageConsumer consumer = session.createConsumer(queue);
        final Message a = receiveText(consumer, "a");
        a.acknowledge();
        receiveText(consumer, "b");

        session.recover();

        final Message b = receiveText(consumer, "b");
        assertRedelivered(b, 2);
        b.acknowledge();
        session.close();
        assertEquals(List.of(), drain(connection.createSession().createConsumer(queue)));
    }

    @Test
    void dupsOkAcknowledgesConsumedMessagesWhenTheSessionClosesCleanly() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");
        receiveText(consumer, "c");

        session.close();
        connection.close();

        assertEquals(List.of(), drain(started().createSession().createConsumer(queue)));
    }

    @Test
    void dupsOkAcknowledgesConsumedMessagesWhenTheConsumerClosesCleanly() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");

        consumer.close();

        final MessageConsumer after = session.createConsumer(queue);
        assertEquals(List.of("c"), drain(after));
    }

    @Test
    void dupsOkEventuallyAcknowledgesAManyMessageStream() throws JMSException
    {
        final Connection connection = started();
        final Queue queue = connection.createSession().createQueue(name);
        final String[] texts = new String[100];
        for (int i = 0; i < texts.length; i++)
        {
            texts[i] = "m" + i;
        }
        sendTexts(connection, queue, texts);
        final Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(queue);

        for (final String text : texts)
        {
            receiveText(consumer, text);
        }
        session.close();

        assertEquals(List.of(), drain(connection.createSession().createConsumer(queue)));
    }

    @Test
    void recoverRedeliversFromTheFirstUnacknowledgedMessageInOrder() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final MessageConsumer consumer = session.createConsumer(queue);
        receiveText(consumer, "a");
        receiveText(consumer, "b");

        session.recover();

        assertRedelivered(receiveText(consumer, "a"), 2);
        assertRedelivered(receiveText(consumer, "b"), 2);
        final Message c = receiveText(consumer, "c");
        assertFalse(c.getJMSRedelivered(), "c was not delivered to the application before the recover");
        assertEquals(1, c.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void recoverInAutoAcknowledgeNeitherLosesNorRepeatsMessages() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a", "b", "c");
        final MessageConsumer consumer = session.createConsumer(queue);
        receiveText(consumer, "a");

        session.recover();

        final Message b = receiveText(consumer, "b");
        assertFalse(b.getJMSRedelivered());
        assertEquals(1, b.getIntProperty("JMSXDeliveryCount"));
        assertEquals(List.of("c"), drain(consumer));
    }

    @Test
    void recoverIncrementsTheDeliveryCountEachTime() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a");
        final MessageConsumer consumer = session.createConsumer(queue);
        receiveText(consumer, "a");

        session.recover();
        receiveText(consumer, "a");
        session.recover();

        final Message third = receiveText(consumer, "a");
        assertRedelivered(third, 3);
    }

    @Test
    void recoverRedeliversAcrossAllConsumersOfTheSession() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue first = session.createQueue(name + ".first");
        final Queue second = session.createQueue(name + ".second");
        sendTexts(connection, first, "a");
        sendTexts(connection, second, "b");
        final MessageConsumer firstConsumer = session.createConsumer(first);
        final MessageConsumer secondConsumer = session.createConsumer(second);
        receiveText(firstConsumer, "a");
        receiveText(secondConsumer, "b");

        session.recover();

        assertRedelivered(receiveText(firstConsumer, "a"), 2);
        assertRedelivered(receiveText(secondConsumer, "b"), 2);
    }

    @Test
    void acknowledgeOfAMessageWhoseSessionIsClosedThrowsIllegalState() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        final Queue queue = session.createQueue(name);
        sendTexts(connection, queue, "a");
        final Message a = receiveText(session.createConsumer(queue), "a");

        session.close();

        assertThrows(IllegalStateException.class, a::acknowledge);
    }

    private static void assertRedelivered(final Message message, final int deliveryCount) throws JMSException
    {
        assertTrue(message.getJMSRedelivered(), "JMSRedelivered");
        assertEquals(deliveryCount, message.getIntProperty("JMSXDeliveryCount"), "JMSXDeliveryCount");
    }
}
