package io.aeolus.jms.spec;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, topic subscriptions: non-durable ones exist only while their consumer does, durable ones
 * keep messages while nobody consumes, a changed durable subscription is a new one, unsubscribe deletes, shared
 * subscriptions spread their messages over their consumers, and noLocal drops a connection's own messages.
 */
@Timeout(60)
class SubscriptionIT extends SpecFixture
{
    @Test
    void aNonDurableSubscriberMissesMessagesPublishedBeforeItSubscribed() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        sendTexts(connection, topic, "before");

        final MessageConsumer subscriber = session.createConsumer(topic);
        sendTexts(connection, topic, "after");

        assertEquals(List.of("after"), drain(subscriber));
    }

    @Test
    void aNonDurableSubscriptionEndsWithItsConsumer() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        session.createConsumer(topic).close();
        sendTexts(connection, topic, "while nobody listens");

        final MessageConsumer again = session.createConsumer(topic);

        assertEquals(List.of(), drain(again));
    }

    @Test
    void aDurableSubscriptionKeepsMessagesWhileItsConsumerIsAway() throws JMSException
    {
        final Connection subscriber = durableConnection("sub");
        final Topic topic = subscriber.createSession().createTopic(name);
        subscriber.createSession().createDurableConsumer(topic, "keeper").close();
        subscriber.close();

        sendTexts(connect(), topic, "a", "b");

        final Connection back = durableConnection("sub");
        final MessageConsumer consumer = back.createSession().createDurableConsumer(topic, "keeper");
        assertEquals(List.of("a", "b"), drain(consumer));
    }

    @Test
    void unacknowledgedMessagesOfADurableSubscriptionComeBackRedelivered() throws JMSException
    {
        final Connection subscriber = durableConnection("sub");
        final Topic topic = subscriber.createSession().createTopic(name);
        final MessageConsumer consumer = subscriber.createSession(Session.CLIENT_ACKNOWLEDGE)
            .createDurableConsumer(topic, "unacknowledged");
        sendTexts(connect(), topic, "a");
        receiveText(consumer, "a");

        subscriber.close();

        final Connection back = durableConnection("sub");
        final MessageConsumer again = back.createSession().createDurableConsumer(topic, "unacknowledged");
        final TextMessage a = receiveText(again, "a");
        assertTrue(a.getJMSRedelivered());
        assertEquals(2, a.getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void aDurableSubscriptionIsIdentifiedByClientIdAndName() throws JMSException
    {
        final Connection first = durableConnection("first");
        final Topic topic = first.createSession().createTopic(name);
        final MessageConsumer firstConsumer = first.createSession().createDurableConsumer(topic, "same-name");
        final Connection second = durableConnection("second");
        final MessageConsumer secondConsumer = second.createSession().createDurableConsumer(topic, "same-name");

        sendTexts(connect(), topic, "to both");

        assertEquals(List.of("to both"), drain(firstConsumer));
        assertEquals(List.of("to both"), drain(secondConsumer));
    }

    @Test
    void anUnsharedDurableSubscriptionAllowsOnlyOneActiveConsumer() throws JMSException
    {
        final Connection connection = durableConnection("sub");
        final Topic topic = connection.createSession().createTopic(name);
        connection.createSession().createDurableConsumer(topic, "single");
        final Session other = connection.createSession();

        assertThrows(IllegalStateException.class, () -> other.createDurableConsumer(topic, "single"));
    }

    @Test
    void anUnsharedDurableSubscriptionNeedsAClientId() throws JMSException
    {
        final Session session = connect().createSession();
        final Topic topic = session.createTopic(name);

        assertThrows(IllegalStateException.class, () -> session.createDurableConsumer(topic, "anonymous"));
    }

    @Test
    void changingTheSelectorOfADurableSubscriptionReplacesIt() throws JMSException
    {
        final Connection connection = durableConnection("sub");
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        session.createDurableConsumer(topic, "changing", "kind = 'old'", false).close();
        publish(connect(), topic, "old while away", "old");

        final MessageConsumer replaced = session.createDurableConsumer(topic, "changing", "kind = 'new'", false);
        publish(connect(), topic, "new after the change", "new");

        assertEquals(List.of("new after the change"), drain(replaced));
    }

    @Test
    void changingTheTopicOfADurableSubscriptionReplacesIt() throws JMSException
    {
        final Connection connection = durableConnection("sub");
        final Session session = connection.createSession();
        final Topic oldTopic = session.createTopic(name + ".old");
        final Topic newTopic = session.createTopic(name + ".new");
        session.createDurableConsumer(oldTopic, "moving").close();
        sendTexts(connect(), oldTopic, "on the old topic");

        final MessageConsumer moved = session.createDurableConsumer(newTopic, "moving");
        sendTexts(connect(), newTopic, "on the new topic");

        assertEquals(List.of("on the new topic"), drain(moved));
    }

    @Test
    void unsubscribeDeletesTheDurableSubscriptionAndItsMessages() throws JMSException
    {
        final Connection connection = durableConnection("sub");
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        session.createDurableConsumer(topic, "gone").close();
        sendTexts(connect(), topic, "kept until unsubscribe");

        session.unsubscribe("gone");

        assertEquals(List.of(), drain(session.createDurableConsumer(topic, "gone")));
    }

    @Test
    void unsubscribeWithAnActiveConsumerThrowsIllegalState() throws JMSException
    {
        final Connection connection = durableConnection("sub");
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        final MessageConsumer active = session.createDurableConsumer(topic, "busy");

        assertThrows(IllegalStateException.class, () -> session.unsubscribe("busy"));

        active.close();
        session.unsubscribe("busy");
    }

    @Test
    void unsubscribeOfAnUnknownNameThrowsInvalidDestination() throws JMSException
    {
        final Session session = durableConnection("sub").createSession();

        assertThrows(InvalidDestinationException.class, () -> session.unsubscribe("never-subscribed"));
    }

    @Test
    void aSharedSubscriptionGivesEachMessageToOneOfItsConsumers() throws JMSException
    {
        final Topic topic = connect().createSession().createTopic(name);
        final MessageConsumer first = started().createSession().createSharedConsumer(topic, "shared");
        final MessageConsumer second = started().createSession().createSharedConsumer(topic, "shared");
        final MessageConsumer everything = started().createSession().createConsumer(topic);

        sendTexts(connect(), topic, numbered(20));

        assertSpreadOver(first, second);
        assertEquals(List.of(numbered(20)), drain(everything), "another subscription gets every message");
    }

    @Test
    void aSharedDurableSubscriptionSpreadsMessagesAndKeepsThemWhileAllConsumersAreAway() throws JMSException
    {
        final Topic topic = connect().createSession().createTopic(name);
        final MessageConsumer first = started().createSession().createSharedDurableConsumer(topic, "both");
        final MessageConsumer second = started().createSession().createSharedDurableConsumer(topic, "both");
        sendTexts(connect(), topic, numbered(20));
        assertSpreadOver(first, second);
        first.close();
        second.close();

        sendTexts(connect(), topic, "while away");

        final Session back = started().createSession();
        assertEquals(List.of("while away"), drain(back.createSharedDurableConsumer(topic, "both")));
    }

    @Test
    void aSharedNonDurableSubscriptionEndsWithItsLastConsumer() throws JMSException
    {
        final Topic topic = connect().createSession().createTopic(name);
        final Session session = started().createSession();
        session.createSharedConsumer(topic, "fleeting").close();
        sendTexts(connect(), topic, "while nobody listens");

        final MessageConsumer again = session.createSharedConsumer(topic, "fleeting");

        assertEquals(List.of(), drain(again));
    }

    @Test
    void noLocalDropsMessagesPublishedByTheSubscribersOwnConnection() throws JMSException
    {
        final Connection local = started();
        final Session session = local.createSession();
        final Topic topic = session.createTopic(name);
        final MessageConsumer remoteOnly = session.createConsumer(topic, null, true);
        final MessageConsumer everything = session.createConsumer(topic, null, false);

        sendTexts(local, topic, "local");
        sendTexts(connect(), topic, "remote");

        assertEquals(List.of("remote"), drain(remoteOnly));
        assertEquals(List.of("local", "remote"), drain(everything));
    }

    @Test
    void aDurableNoLocalSubscriptionDropsMessagesOfItsOwnConnection() throws JMSException
    {
        final Connection local = durableConnection("sub");
        final Session session = local.createSession();
        final Topic topic = session.createTopic(name);
        final MessageConsumer remoteOnly = session.createDurableConsumer(topic, "remote-only", null, true);

        sendTexts(local, topic, "local");
        sendTexts(connect(), topic, "remote");

        assertEquals(List.of("remote"), drain(remoteOnly));
    }

    private Connection durableConnection(final String suffix) throws JMSException
    {
        final Connection connection = connect();
        connection.setClientID(clientId(suffix));
        connection.start();
        return connection;
    }

    private static void publish(final Connection connection, final Topic topic, final String text, final String kind)
        throws JMSException
    {
        final Session session = connection.createSession();
        final MessageProducer producer = session.createProducer(topic);
        final TextMessage message = session.createTextMessage(text);
        message.setStringProperty("kind", kind);
        producer.send(message);
        session.close();
    }

    /**
     * Receives from the two consumers in turn until neither gets anything more.
     */
    private static void assertSpreadOver(final MessageConsumer firstConsumer, final MessageConsumer secondConsumer)
        throws JMSException
    {
        final List<String> first = new ArrayList<>();
        final List<String> second = new ArrayList<>();
        boolean more = true;
        while (more)
        {
            final Message fromFirst = firstConsumer.receive(ABSENT_MS);
            final Message fromSecond = secondConsumer.receive(ABSENT_MS);
            addText(first, fromFirst);
            addText(second, fromSecond);
            more = null != fromFirst || null != fromSecond;
        }
        assertFalse(first.isEmpty(), "the first consumer got nothing");
        assertFalse(second.isEmpty(), "the second consumer got nothing");
        final List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.sort(null);
        final List<String> expected = new ArrayList<>(List.of(numbered(20)));
        expected.sort(null);
        assertEquals(expected, all, "each message exactly once over the two consumers");
    }

    private static void addText(final List<String> texts, final Message message) throws JMSException
    {
        if (null != message)
        {
            texts.add(((TextMessage)message).getText());
        }
    }

    private static String[] numbered(final int count)
    {
        final String[] texts = new String[count];
        for (int i = 0; i < count; i++)
        {
            texts[i] = "m" + i;
        }
        return texts;
    }
}
