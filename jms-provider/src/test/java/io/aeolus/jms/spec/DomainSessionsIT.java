package io.aeolus.jms.spec;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * JMS 1.1 §4.11, table 4-1, kept in Jakarta Messaging 3.1 (issue #13 rule 2): a QueueSession refuses the topic
 * domain's methods and a TopicSession the queue domain's, every overload, with IllegalStateException; a
 * QueueConnection refuses the topic-only connection consumers the same way, before saying they are not supported.
 */
@Timeout(60)
class DomainSessionsIT extends SpecFixture
{
    @Test
    void aQueueSessionRefusesEveryTopicOnlyMethodWithIllegalStateException() throws JMSException
    {
        final QueueConnection connection = new AeolusConnectionFactory(broker.ipcUrl()).createQueueConnection();
        try
        {
            final QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            final Topic topic = connect().createSession().createTopic(name);

            assertIllegalState(
                () -> session.createTopic(name),
                session::createTemporaryTopic,
                () -> session.createDurableSubscriber(topic, "sub"),
                () -> session.createDurableSubscriber(topic, "sub", null, false),
                () -> session.createDurableConsumer(topic, "sub"),
                () -> session.createDurableConsumer(topic, "sub", null, false),
                () -> session.createSharedConsumer(topic, "sub"),
                () -> session.createSharedConsumer(topic, "sub", null),
                () -> session.createSharedDurableConsumer(topic, "sub"),
                () -> session.createSharedDurableConsumer(topic, "sub", null),
                () -> session.unsubscribe("sub"));
            session.createQueue(name);
            session.createBrowser(session.createQueue(name)).close();
        }
        finally
        {
            connection.close();
        }
    }

    @Test
    void aTopicSessionRefusesEveryQueueOnlyMethodWithIllegalStateException() throws JMSException
    {
        final TopicConnection connection = new AeolusConnectionFactory(broker.ipcUrl()).createTopicConnection();
        try
        {
            final TopicSession session = connection.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue queue = connect().createSession().createQueue(name);

            assertIllegalState(
                () -> session.createQueue(name),
                session::createTemporaryQueue,
                () -> session.createBrowser(queue),
                () -> session.createBrowser(queue, "a = 1"));
            session.createTopic(name);
            session.createTemporaryTopic();
        }
        finally
        {
            connection.close();
        }
    }

    @Test
    void aQueueConnectionRefusesTheTopicOnlyConnectionConsumers() throws JMSException
    {
        final QueueConnection connection = new AeolusConnectionFactory(broker.ipcUrl()).createQueueConnection();
        try
        {
            final Topic topic = connect().createSession().createTopic(name);

            assertIllegalState(
                () -> connection.createDurableConnectionConsumer(topic, "sub", null, null, 1),
                () -> connection.createSharedConnectionConsumer(topic, "sub", null, null, 1),
                () -> connection.createSharedDurableConnectionConsumer(topic, "sub", null, null, 1));
        }
        finally
        {
            connection.close();
        }
    }

    private static void assertIllegalState(final Executable... calls)
    {
        for (int i = 0; i < calls.length; i++)
        {
            assertThrows(IllegalStateException.class, calls[i], "call " + i);
        }
    }
}
