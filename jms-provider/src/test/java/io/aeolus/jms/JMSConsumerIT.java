package io.aeolus.jms;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMSConsumer against an embedded broker: receive variants, receiveBody with its assignability rules and what a
 * failed receiveBody does in each session mode, and message listeners (Jakarta Messaging 3.1, simplified API).
 */
@Timeout(60)
class JMSConsumerIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    private final List<JMSContext> contexts = new ArrayList<>();
    private AeolusConnectionFactory factory;
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
    void shouldReceiveTheBodyOfEachSupportedMessageType()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);

        context.createProducer().send(queue, "text").send(queue, new byte[] { 4, 2 })
            .send(queue, Map.<String, Object>of("k", 1)).send(queue, new ArrayList<>(List.of(5)));

        assertEquals("text", consumer.receiveBody(String.class, RECEIVE_MS));
        assertArrayEquals(new byte[] { 4, 2 }, consumer.receiveBody(byte[].class, RECEIVE_MS));
        assertEquals(Map.of("k", 1), consumer.receiveBody(Map.class, RECEIVE_MS));
        assertEquals(List.of(5), consumer.receiveBody(Serializable.class, RECEIVE_MS));
    }

    @Test
    void shouldReceiveTheBodyAsASupertype()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);

        context.createProducer().send(queue, "chars").send(queue, new ArrayList<>(List.of("x")));

        assertEquals("chars", consumer.receiveBody(CharSequence.class, RECEIVE_MS));
        assertEquals(List.of("x"), consumer.receiveBody(Collection.class, RECEIVE_MS));
    }

    @Test
    void shouldReturnNullWhenNoMessageArrivesInTime()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSConsumer consumer = context.createConsumer(context.createQueue(name));

        assertNull(consumer.receiveBodyNoWait(String.class));
        assertNull(consumer.receiveBody(String.class, ABSENT_MS));
        assertNull(consumer.receive(ABSENT_MS));
        assertNull(consumer.receiveNoWait());
    }

    @Test
    void shouldReceiveBodyWithoutWaitingWhenAMessageIsThere()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "ready");
        assertNotNull(consumer.receive(RECEIVE_MS));
        context.createProducer().send(queue, "ready again");

        final long deadlineMs = System.currentTimeMillis() + RECEIVE_MS;
        String body = consumer.receiveBodyNoWait(String.class);
        while (null == body && System.currentTimeMillis() < deadlineMs)
        {
            body = consumer.receiveBodyNoWait(String.class);
        }

        assertEquals("ready again", body);
    }

    @Test
    void shouldKeepUnassignableMessageFirstWithoutRedeliveryInAutoAcknowledge() throws JMSException
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "first").send(queue, "second");

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Integer.class, RECEIVE_MS));

        final Message again = consumer.receive(RECEIVE_MS);
        assertEquals("first", again.getBody(String.class));
        assertFalse(again.getJMSRedelivered());
        assertEquals(1, again.getIntProperty("JMSXDeliveryCount"));
        assertEquals("second", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldKeepUnassignableMessageInDupsOkAcknowledge()
    {
        final JMSContext context = context(JMSContext.DUPS_OK_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, new byte[] { 1 });

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(String.class, RECEIVE_MS));

        assertArrayEquals(new byte[] { 1 }, consumer.receiveBody(byte[].class, RECEIVE_MS));
    }

    @Test
    void shouldKeepUnassignableMessageWhenEachReceivePullsFromTheBroker()
    {
        factory.setPrefetch(0);
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "pulled").send(queue, "next");

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(byte[].class, RECEIVE_MS));

        assertEquals("pulled", consumer.receiveBody(String.class, RECEIVE_MS));
        assertEquals("next", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldConsumeUnassignableMessageInClientAcknowledgeUntilRecover() throws JMSException
    {
        final JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "not a number");

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Long.class, RECEIVE_MS));

        assertNull(consumer.receive(ABSENT_MS));
        context.recover();
        final Message again = consumer.receive(RECEIVE_MS);
        assertEquals("not a number", again.getBody(String.class));
        assertTrue(again.getJMSRedelivered());
        context.acknowledge();
    }

    @Test
    void shouldConsumeUnassignableMessageInTransactionUntilRollback() throws JMSException
    {
        final JMSContext context = context(JMSContext.SESSION_TRANSACTED);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "in tx");
        context.commit();

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Map.class, RECEIVE_MS));

        assertNull(consumer.receive(ABSENT_MS));
        context.rollback();
        final Message again = consumer.receive(RECEIVE_MS);
        assertEquals("in tx", again.getBody(String.class));
        assertTrue(again.getJMSRedelivered());
        context.commit();
    }

    @Test
    void shouldRefuseStreamMessageAndBareMessageInReceiveBody() throws JMSException
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        final StreamMessage stream = context.createStreamMessage();
        stream.writeInt(1);
        context.createProducer().send(queue, stream).send(queue, context.createMessage());

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, RECEIVE_MS));
        assertTrue(consumer.receive(RECEIVE_MS) instanceof StreamMessage);
        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, RECEIVE_MS));
        assertNotNull(consumer.receive(RECEIVE_MS));
    }

    @Test
    void shouldRefuseObjectBodyThatMayNotBeDeserializedAndKeepTheMessage()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, new NotAllowed("secret"));

        assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Object.class, RECEIVE_MS));

        assertNotNull(consumer.receive(RECEIVE_MS));
    }

    @Test
    void shouldReturnNullForATextMessageWithoutText()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, (String)null).send(queue, "after");

        assertNull(consumer.receiveBody(String.class, RECEIVE_MS));
        assertEquals("after", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldDeliverToTheMessageListener() throws Exception
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        final CompletableFuture<Message> delivered = new CompletableFuture<>();
        final MessageListener listener = delivered::complete;

        consumer.setMessageListener(listener);
        context.createProducer().send(queue, "to listener");

        assertSame(listener, consumer.getMessageListener());
        assertEquals("to listener", delivered.get(RECEIVE_MS, TimeUnit.MILLISECONDS).getBody(String.class));
    }

    @Test
    void shouldRedeliverWhenListenerThrowsInAutoAcknowledge() throws Exception
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final CompletableFuture<Message> redelivered = new CompletableFuture<>();
        context.createConsumer(queue).setMessageListener((message) ->
        {
            if (!redelivered(message))
            {
                throw new IllegalStateException("fail the first delivery");
            }
            redelivered.complete(message);
        });

        context.createProducer().send(queue, "retry");

        assertEquals("retry", redelivered.get(RECEIVE_MS, TimeUnit.MILLISECONDS).getBody(String.class));
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionForSynchronousReceiveWhileListenerIsSet()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSConsumer consumer = context.createConsumer(context.createQueue(name));

        consumer.setMessageListener((message) -> { });

        assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait);
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveBodyNoWait(String.class));
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionAfterClose()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSConsumer consumer = context.createConsumer(context.createQueue(name), "a = 1");

        consumer.close();
        consumer.close();

        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receive(1));
        assertThrows(IllegalStateRuntimeException.class, () -> consumer.receiveBody(String.class, 1));
        assertThrows(IllegalStateRuntimeException.class, consumer::getMessageSelector);
    }

    @Test
    void shouldReturnNullFromABlockedReceiveBodyWhenTheConsumerIsClosed() throws Exception
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSConsumer consumer = context.createConsumer(context.createQueue(name));
        final CompletableFuture<String> body = new CompletableFuture<>();
        final Thread receiver = new Thread(() ->
        {
            try
            {
                body.complete(consumer.receiveBody(String.class));
            }
            catch (final RuntimeException ex)
            {
                body.completeExceptionally(ex);
            }
        });
        receiver.start();
        while (receiver.getState() != Thread.State.TIMED_WAITING && receiver.getState() != Thread.State.WAITING)
        {
            Thread.onSpinWait();
        }

        consumer.close();

        assertNull(body.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldRefuseConsumerOnTemporaryQueueOfAnotherConnection()
    {
        final JMSContext owner = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSContext other = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue temporary = owner.createTemporaryQueue();

        assertThrows(InvalidDestinationRuntimeException.class, () -> other.createConsumer(temporary));
    }

    @Test
    void shouldLeaveUnconsumedMessagesOnTheQueueWhenClosed()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSProducer producer = context.createProducer();
        final JMSConsumer first = context.createConsumer(queue);
        producer.send(queue, "one").send(queue, "two");
        assertEquals("one", first.receiveBody(String.class, RECEIVE_MS));

        first.close();

        assertEquals("two", context.createConsumer(queue).receiveBody(String.class, RECEIVE_MS));
    }

    private JMSContext context(final int sessionMode)
    {
        final JMSContext context = factory.createContext(sessionMode);
        contexts.add(context);
        return context;
    }

    private static boolean redelivered(final Message message)
    {
        try
        {
            return message.getJMSRedelivered();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * A class outside the default deserialization allow list.
     *
     * @param value anything.
     */
    record NotAllowed(String value) implements Serializable
    {
    }
}
