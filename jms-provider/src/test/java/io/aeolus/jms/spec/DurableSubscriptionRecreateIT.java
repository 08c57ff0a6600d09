package io.aeolus.jms.spec;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Jakarta Messaging 3.1 §6.11.1 (issue #13 rule 4): a durable subscription re-created with another noLocal is deleted,
 * its messages with it, and a new one made, through the classic and the simplified API; the noLocal a subscription
 * was created with survives a broker restart and names the connection of the subscriber attached now.
 */
@Timeout(60)
class DurableSubscriptionRecreateIT extends SpecFixture
{
    @Test
    void aDurableSubscriberRecreatedWithAnotherNoLocalIsANewSubscription() throws JMSException
    {
        final Connection connection = connect();
        connection.setClientID(clientId("c"));
        connection.start();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        session.createDurableSubscriber(topic, "sub", null, false).close();
        sendTexts(connection, topic, "for the old subscription");

        final MessageConsumer recreated = session.createDurableSubscriber(topic, "sub", null, true);

        assertNull(recreated.receive(ABSENT_MS), "the old subscription's message survived");
        sendTexts(connection, topic, "local");
        sendTexts(connect(), topic, "remote");
        assertEquals(List.of("remote"), drain(recreated));
        recreated.close();
        session.unsubscribe("sub");
    }

    @Test
    void aDurableConsumerOfTheSimplifiedApiRecreatedWithAnotherNoLocalIsANewSubscription()
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
        try (JMSContext context = factory.createContext(); JMSContext other = factory.createContext())
        {
            context.setClientID(clientId("ctx"));
            final Topic topic = context.createTopic(name);
            context.createDurableConsumer(topic, "sub", null, true).close();
            other.createProducer().send(topic, "for the old subscription");

            final JMSConsumer recreated = context.createDurableConsumer(topic, "sub", null, false);

            assertNull(recreated.receive(ABSENT_MS), "the old subscription's message survived");
            context.createProducer().send(topic, "local");
            assertEquals("local", recreated.receiveBody(String.class, RECEIVE_MS));
            recreated.close();
            context.unsubscribe("sub");
        }
    }

    @Test
    void aDurableSubscriptionKeepsItsNoLocalAcrossARestartAndIsReplacedWhenRecreatedWithAnother(
        @TempDir final Path restartDir) throws JMSException
    {
        final String topicName = name;
        try (EmbeddedBroker first = EmbeddedBroker.startIsolated(restartDir))
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(first.ipcUrl());
            try (Connection subscriber = factory.createConnection(); Connection other = factory.createConnection())
            {
                subscriber.setClientID(clientId("restart"));
                final Session session = subscriber.createSession();
                session.createDurableSubscriber(session.createTopic(topicName), "sub", null, true).close();
                publish(other, topicName, "kept");
            }
        }
        try (EmbeddedBroker second = EmbeddedBroker.startIsolated(restartDir))
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(second.ipcUrl());
            try (Connection subscriber = factory.createConnection(); Connection other = factory.createConnection())
            {
                subscriber.setClientID(clientId("restart"));
                subscriber.start();
                final Session session = subscriber.createSession();
                final Topic topic = session.createTopic(topicName);
                final MessageConsumer same = session.createDurableSubscriber(topic, "sub", null, true);
                receiveText(same, "kept");
                publish(subscriber, topicName, "local");
                publish(other, topicName, "remote");
                assertEquals(List.of("remote"), drain(same));
                same.close();
                publish(other, topicName, "before the new subscription");

                final MessageConsumer recreated = session.createDurableSubscriber(topic, "sub", null, false);

                assertNull(recreated.receive(ABSENT_MS), "the old subscription's message survived");
                publish(subscriber, topicName, "local again");
                receiveText(recreated, "local again");
                recreated.close();
                session.unsubscribe("sub");
            }
        }
    }

    private static void publish(final Connection connection, final String topic, final String text)
        throws JMSException
    {
        final Session session = connection.createSession();
        session.createProducer(session.createTopic(topic)).send(session.createTextMessage(text));
        session.close();
    }
}
