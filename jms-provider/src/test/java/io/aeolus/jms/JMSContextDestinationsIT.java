package io.aeolus.jms;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * JMSContext against an embedded broker: selectors, browsers, durable and shared subscriptions and temporary queues
 * (Jakarta Messaging 3.1, simplified API).
 */
@Timeout(60)
class JMSContextDestinationsIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    private AeolusConnectionFactory factory;
    private final List<JMSContext> contexts = new ArrayList<>();
    private String name;

    @BeforeAll
    static void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @BeforeEach
    void setUp(final TestInfo info)
    {
        factory = new AeolusConnectionFactory(broker.ipcUrl());
        name = info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void closeContexts()
    {
        for (final JMSContext context : contexts)
        {
            context.close();
        }
    }

    @Test
    void shouldThrowInvalidSelectorRuntimeExceptionForInvalidSelector()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);

        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createConsumer(queue, "color = = 'red'"));
        assertThrows(InvalidSelectorRuntimeException.class, () -> context.createBrowser(queue, "AND OR"));
    }

    @Test
    void shouldDeliverOnlyMessagesMatchingTheSelector()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue, "color = 'red'");

        context.createProducer().setProperty("color", "blue").send(queue, "blue")
            .setProperty("color", "red").send(queue, "red");

        assertEquals("color = 'red'", consumer.getMessageSelector());
        assertEquals("red", consumer.receiveBody(String.class, RECEIVE_MS));
        assertNull(consumer.receiveNoWait());
    }

    @Test
    void shouldBrowseWithoutConsuming() throws JMSException
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        context.createProducer().send(queue, "a").send(queue, "b");

        final QueueBrowser browser = context.createBrowser(queue);

        final List<String> seen = new ArrayList<>();
        final Enumeration<?> messages = browser.getEnumeration();
        for (final Object message : Collections.list(messages))
        {
            seen.add(((Message)message).getBody(String.class));
        }
        assertEquals(List.of("a", "b"), seen);
        assertEquals("a", context.createConsumer(queue).receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldKeepDurableSubscriptionWhileNoConsumerIsActiveUntilUnsubscribe()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("client-" + name);
        final Topic topic = context.createTopic(name);
        context.createDurableConsumer(topic, "durable-" + name).close();

        context.createProducer().send(topic, "kept");

        final JMSConsumer resumed = context.createDurableConsumer(topic, "durable-" + name);
        assertEquals("kept", resumed.receiveBody(String.class, RECEIVE_MS));
        resumed.close();
        context.unsubscribe("durable-" + name);
        context.createProducer().send(topic, "nobody");
        assertNull(context.createDurableConsumer(topic, "durable-" + name).receive(ABSENT_MS));
    }

    @Test
    void shouldRefuseUnsharedDurableConsumerWithoutClientId()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Topic topic = context.createTopic(name);

        assertThrows(IllegalStateRuntimeException.class, () -> context.createDurableConsumer(topic, "d-" + name));
    }

    @Test
    void shouldRefuseUnsubscribeWhileTheDurableConsumerIsActive()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.setClientID("client-" + name);
        final Topic topic = context.createTopic(name);
        context.createDurableConsumer(topic, "d-" + name);

        assertThrows(IllegalStateRuntimeException.class, () -> context.unsubscribe("d-" + name));
    }

    @Test
    void shouldThrowInvalidDestinationRuntimeExceptionWhenUnsubscribingUnknownName()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        assertThrows(InvalidDestinationRuntimeException.class, () -> context.unsubscribe("never-" + name));
    }

    @Test
    void shouldSplitSharedSubscriptionBetweenItsConsumers()
    {
        final JMSContext first = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSContext second = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Topic topic = first.createTopic(name);
        final JMSConsumer a = first.createSharedConsumer(topic, "shared-" + name);
        final JMSConsumer b = second.createSharedConsumer(topic, "shared-" + name);

        final var producer = first.createProducer();
        for (int i = 0; i < 10; i++)
        {
            producer.send(topic, "m" + i);
        }

        int received = 0;
        while (null != a.receive(ABSENT_MS))
        {
            received++;
        }
        while (null != b.receive(ABSENT_MS))
        {
            received++;
        }
        assertEquals(10, received);
    }

    @Test
    void shouldKeepSharedDurableSubscriptionAcrossConsumers()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Topic topic = context.createTopic(name);
        context.createSharedDurableConsumer(topic, "sd-" + name, "kind = 'x'").close();

        context.createProducer().setProperty("kind", "y").send(topic, "skipped")
            .setProperty("kind", "x").send(topic, "kept");

        final JMSConsumer resumed = context.createSharedDurableConsumer(topic, "sd-" + name, "kind = 'x'");
        assertEquals("kept", resumed.receiveBody(String.class, RECEIVE_MS));
        resumed.close();
        context.unsubscribe("sd-" + name);
    }

    @Test
    void shouldAnswerRequestThroughTemporaryQueue() throws JMSException
    {
        final JMSContext requester = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSContext responder = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue requests = requester.createQueue(name);
        final var replyProducer = responder.createProducer();
        responder.createConsumer(requests).setMessageListener((request) ->
            replyProducer.setJMSCorrelationID(messageId(request)).send(replyTo(request), "pong"));
        final Queue replies = requester.createTemporaryQueue();

        final TextMessage request = requester.createTextMessage("ping");
        requester.createProducer().setJMSReplyTo(replies).send(requests, request);

        final Message reply = requester.createConsumer(replies).receive(RECEIVE_MS);
        assertNotNull(reply);
        assertEquals("pong", reply.getBody(String.class));
        assertEquals(messageId(request), reply.getJMSCorrelationID());
    }

    private JMSContext context(final int sessionMode)
    {
        final JMSContext context = factory.createContext(sessionMode);
        contexts.add(context);
        return context;
    }

    private static String messageId(final Message message)
    {
        try
        {
            return message.getJMSMessageID();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static Destination replyTo(final Message message)
    {
        try
        {
            return message.getJMSReplyTo();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
