package io.aeolus.jms.spec;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Jakarta Messaging 3.1 §6.1.5, delivery to a stopped connection is inhibited: a connection that was never started,
 * or was stopped, holds no messages that consumers of started connections could have; its consumers get credit only
 * once it starts, and what its consumers had buffered but not handed to the application goes back to the queue
 * (or shared subscription), not counted as a delivery attempt. Every receive here has a timeout, but none of them may
 * need it: with an idle connection beside the working one, the working one gets everything.
 */
@Timeout(60)
class DeliveryInhibitionIT extends SpecFixture
{
    private static final int COUNT = 5;

    @Test
    void aQueueConsumerOfAConnectionNeverStartedTakesNothingFromAConsumerOfAStartedOne() throws JMSException
    {
        final Connection idle = connect();
        final Session idleSession = idle.createSession();
        final Queue queue = idleSession.createQueue(name);
        idleSession.createConsumer(queue);
        final Connection working = started();
        final MessageConsumer consumer = working.createSession().createConsumer(queue);

        sendTexts(working, queue, texts(COUNT));

        assertEquals(List.of(texts(COUNT)), receiveAll(consumer, COUNT));
    }

    @Test
    void aSharedSubscriptionConsumerOfAConnectionNeverStartedTakesNothingFromOneOfAStartedConnection()
        throws JMSException
    {
        final Connection idle = connect();
        final Session idleSession = idle.createSession();
        final Topic topic = idleSession.createTopic(name);
        idleSession.createSharedConsumer(topic, "shared");
        final MessageConsumer idleDurable = idleSession.createSharedDurableConsumer(topic, "shared-durable");
        final Connection working = started();
        final Session session = working.createSession();
        final MessageConsumer shared = session.createSharedConsumer(topic, "shared");
        final MessageConsumer durable = session.createSharedDurableConsumer(topic, "shared-durable");

        sendTexts(working, topic, texts(COUNT));

        assertEquals(List.of(texts(COUNT)), receiveAll(shared, COUNT));
        assertEquals(List.of(texts(COUNT)), receiveAll(durable, COUNT));
        durable.close();
        idleDurable.close();
        session.unsubscribe("shared-durable");
    }

    @Test
    void aConnectionWhoseConsumersPullTakesNothingBeforeItStarts() throws JMSException
    {
        final Connection idle = connect("prefetch=0");
        final Session idleSession = idle.createSession();
        final Queue queue = idleSession.createQueue(name);
        idleSession.createConsumer(queue).setMessageListener((message) ->
        {
            throw new AssertionError("a listener of a connection never started got " + message);
        });
        final Connection working = started();
        final MessageConsumer consumer = working.createSession().createConsumer(queue);

        sendTexts(working, queue, texts(COUNT));

        assertEquals(List.of(texts(COUNT)), receiveAll(consumer, COUNT));
    }

    @Test
    void aJMSContextThatDoesNotAutoStartTakesNothingFromOneThatDoes()
    {
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
        try (JMSContext idle = factory.createContext(); JMSContext working = factory.createContext())
        {
            idle.setAutoStart(false);
            final Queue queue = idle.createQueue(name);
            idle.createConsumer(queue);
            final JMSConsumer consumer = working.createConsumer(queue);

            for (final String text : texts(COUNT))
            {
                working.createProducer().send(queue, text);
            }

            for (final String text : texts(COUNT))
            {
                assertEquals(text, consumer.receiveBody(String.class, RECEIVE_MS));
            }
        }
    }

    @Test
    void stoppingAConnectionReturnsWhatItsConsumerBufferedToTheQueueAsNotYetDelivered() throws JMSException
    {
        final Connection first = started();
        final Session firstSession = first.createSession();
        final Queue queue = firstSession.createQueue(name);
        final MessageConsumer firstConsumer = firstSession.createConsumer(queue);
        sendTexts(first, queue, texts(COUNT));
        receiveText(firstConsumer, "m0");

        first.stop();
        final Connection second = started();
        final MessageConsumer secondConsumer = second.createSession().createConsumer(queue);

        final List<Message> rest = receiveAllMessages(secondConsumer, COUNT - 1);
        assertEquals(List.of("m1", "m2", "m3", "m4"), textsOf(rest));
        for (final Message message : rest)
        {
            assertFalse(message.getJMSRedelivered(), "a message only buffered was not delivered");
            assertEquals(1, message.getIntProperty("JMSXDeliveryCount"));
        }
        first.start();
        assertNull(firstConsumer.receive(ABSENT_MS), "a message was delivered twice");
    }

    @Test
    void aStoppedConnectionsListenerLeavesNewMessagesToOthersAndGetsMessagesAgainOnceStarted() throws Exception
    {
        final Connection first = started();
        final Session firstSession = first.createSession();
        final Queue queue = firstSession.createQueue(name);
        final List<String> heard = Collections.synchronizedList(new ArrayList<>());
        firstSession.createConsumer(queue).setMessageListener((message) -> heard.add(text(message)));
        first.stop();
        final Connection second = started();
        final MessageConsumer secondConsumer = second.createSession().createConsumer(queue);

        sendTexts(second, queue, texts(COUNT));

        assertEquals(List.of(texts(COUNT)), receiveAll(secondConsumer, COUNT));
        secondConsumer.close();
        first.start();
        sendTexts(second, queue, "after start");
        awaitCondition("listener hears the message sent after start", () -> heard.contains("after start"),
            java.time.Duration.ofMillis(RECEIVE_MS));
        assertEquals(List.of("after start"), heard);
    }

    @Test
    void aPullingReceiveBlockedWhileTheConnectionStopsLeavesMessagesToOthersAndResumesOnStart() throws Exception
    {
        final Connection first = connect("prefetch=0");
        first.start();
        final Session firstSession = first.createSession();
        final Queue queue = firstSession.createQueue(name);
        final MessageConsumer firstConsumer = firstSession.createConsumer(queue);
        final CompletableFuture<Message> blocked = CompletableFuture.supplyAsync(() -> receive(firstConsumer));

        first.stop();
        final Connection second = started();
        final MessageConsumer secondConsumer = second.createSession().createConsumer(queue);
        sendTexts(second, queue, texts(COUNT));

        assertEquals(List.of(texts(COUNT)), receiveAll(secondConsumer, COUNT));
        assertFalse(blocked.isDone(), "a receive of a stopped connection returned");
        secondConsumer.close();
        first.start();
        sendTexts(second, queue, "after start");
        final Message message = blocked.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
        assertNotNull(message);
        assertEquals("after start", text(message));
    }

    @Test
    void aTopicSubscriberOfAStoppedConnectionKeepsWhatWasPublishedAndGetsItInOrderOnStart() throws JMSException
    {
        final Connection connection = started();
        final Session session = connection.createSession();
        final Topic topic = session.createTopic(name);
        final MessageConsumer subscriber = session.createConsumer(topic);
        sendTexts(connection, topic, "before");
        receiveText(subscriber, "before");

        connection.stop();
        sendTexts(connection, topic, texts(COUNT));
        assertNull(subscriber.receive(ABSENT_MS));
        connection.start();

        assertEquals(List.of(texts(COUNT)), receiveAll(subscriber, COUNT));
    }

    @Test
    void aStoppedConnectionsSharedSubscriptionConsumerLeavesItsBufferToAnotherConsumer() throws JMSException
    {
        final Connection first = started();
        final Session firstSession = first.createSession();
        final Topic topic = firstSession.createTopic(name);
        final MessageConsumer firstConsumer = firstSession.createSharedConsumer(topic, "shared");
        final Connection second = connect();
        final MessageConsumer secondConsumer = second.createSession().createSharedConsumer(topic, "shared");
        sendTexts(first, topic, texts(COUNT));
        receiveText(firstConsumer, "m0");

        first.stop();
        second.start();

        assertEquals(List.of("m1", "m2", "m3", "m4"), receiveAll(secondConsumer, COUNT - 1));
        first.start();
        assertNull(firstConsumer.receive(ABSENT_MS), "a message was delivered twice");
    }

    private static Message receive(final MessageConsumer consumer)
    {
        try
        {
            return consumer.receive(30_000);
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static String[] texts(final int count)
    {
        final String[] texts = new String[count];
        for (int i = 0; i < count; i++)
        {
            texts[i] = "m" + i;
        }
        return texts;
    }

    private static List<String> receiveAll(final MessageConsumer consumer, final int count) throws JMSException
    {
        return textsOf(receiveAllMessages(consumer, count));
    }

    private static List<Message> receiveAllMessages(final MessageConsumer consumer, final int count)
        throws JMSException
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "message " + i + " of " + count + " did not arrive; got " + textsOf(messages));
            messages.add(message);
        }
        assertNull(consumer.receive(ABSENT_MS), "more than " + count + " messages");
        return messages;
    }

    private static List<String> textsOf(final List<Message> messages)
    {
        final List<String> texts = new ArrayList<>();
        for (final Message message : messages)
        {
            texts.add(text(message));
        }
        return texts;
    }

    private static String text(final Message message)
    {
        try
        {
            return ((TextMessage)message).getText();
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
