package io.aeolus.jms;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageNotWriteableRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMSProducer against an embedded broker: the body sends, the options, properties and header values applied to each
 * message, asynchronous sends and the runtime exceptions (Jakarta Messaging 3.1, simplified API).
 */
@Timeout(60)
class JMSProducerIT
{
    private static final long RECEIVE_MS = 5_000;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    private JMSContext context;
    private Queue queue;
    private JMSConsumer consumer;

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
        context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
        queue = context.createQueue(info.getTestMethod().orElseThrow().getName());
        consumer = context.createConsumer(queue);
    }

    @AfterEach
    void tearDown()
    {
        context.close();
    }

    @Test
    void shouldSendStringBodyAsTextMessage() throws JMSException
    {
        context.createProducer().send(queue, "text body");

        final Message received = consumer.receive(RECEIVE_MS);
        assertInstanceOf(TextMessage.class, received);
        assertEquals("text body", ((TextMessage)received).getText());
    }

    @Test
    void shouldSendMapBodyAsMapMessage() throws JMSException
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "widget");
        body.put("count", 3);
        body.put("price", 9.5d);
        body.put("raw", new byte[] { 1, 2 });

        context.createProducer().send(queue, body);

        final Message received = consumer.receive(RECEIVE_MS);
        assertInstanceOf(MapMessage.class, received);
        final MapMessage map = (MapMessage)received;
        assertEquals("widget", map.getString("name"));
        assertEquals(3, map.getInt("count"));
        assertEquals(9.5d, map.getDouble("price"));
        assertArrayEquals(new byte[] { 1, 2 }, map.getBytes("raw"));
    }

    @Test
    void shouldSendByteArrayBodyAsBytesMessage() throws JMSException
    {
        context.createProducer().send(queue, new byte[] { 7, 8, 9 });

        final Message received = consumer.receive(RECEIVE_MS);
        assertInstanceOf(BytesMessage.class, received);
        assertArrayEquals(new byte[] { 7, 8, 9 }, received.getBody(byte[].class));
    }

    @Test
    void shouldSendSerializableBodyAsObjectMessage() throws JMSException
    {
        final ArrayList<String> body = new ArrayList<>(List.of("a", "b"));

        context.createProducer().send(queue, body);

        final Message received = consumer.receive(RECEIVE_MS);
        assertInstanceOf(ObjectMessage.class, received);
        assertEquals(body, ((ObjectMessage)received).getObject());
    }

    @Test
    void shouldSendMessagesWithoutBodyForNullBodies() throws JMSException
    {
        final JMSProducer producer = context.createProducer();

        producer.send(queue, (String)null).send(queue, (Map<String, Object>)null).send(queue, (byte[])null)
            .send(queue, (Serializable)null);

        final TextMessage text = (TextMessage)consumer.receive(RECEIVE_MS);
        assertNull(text.getText());
        final MapMessage map = (MapMessage)consumer.receive(RECEIVE_MS);
        assertFalse(map.getMapNames().hasMoreElements());
        final BytesMessage bytes = (BytesMessage)consumer.receive(RECEIVE_MS);
        assertEquals(0, bytes.getBodyLength());
        final ObjectMessage object = (ObjectMessage)consumer.receive(RECEIVE_MS);
        assertNull(object.getObject());
    }

    @Test
    void shouldSendMessageObjectAsItIs() throws JMSException
    {
        final TextMessage message = context.createTextMessage("prepared");
        message.setStringProperty("own", "yes");

        context.createProducer().send(queue, message);

        final Message received = consumer.receive(RECEIVE_MS);
        assertEquals("prepared", received.getBody(String.class));
        assertEquals("yes", received.getStringProperty("own"));
        assertEquals(message.getJMSMessageID(), received.getJMSMessageID());
        assertEquals(queue, message.getJMSDestination());
    }

    @Test
    void shouldRejectMapBodyWithUnsupportedValueWithMessageFormatRuntimeException()
    {
        final Map<String, Object> body = Map.of("bad", new Object());

        assertThrows(MessageFormatRuntimeException.class, () -> context.createProducer().send(queue, body));
    }

    @Test
    void shouldApplyPropertiesAndHeaderValuesToEveryMessage() throws JMSException
    {
        final Queue replies = context.createQueue("replies-of-" + queue.getQueueName());
        final JMSProducer producer = context.createProducer().setProperty("region", "eu").setProperty("rank", 2)
            .setProperty("JMSXGroupID", "g1").setJMSType("order").setJMSCorrelationID("corr-7")
            .setJMSReplyTo(replies);

        producer.send(queue, "first").send(queue, new byte[] { 1 });

        for (int i = 0; i < 2; i++)
        {
            final Message received = consumer.receive(RECEIVE_MS);
            assertEquals("eu", received.getStringProperty("region"));
            assertEquals(2, received.getIntProperty("rank"));
            assertEquals("g1", received.getStringProperty("JMSXGroupID"));
            assertEquals("order", received.getJMSType());
            assertEquals("corr-7", received.getJMSCorrelationID());
            assertEquals(replies, received.getJMSReplyTo());
        }
    }

    @Test
    void shouldReplaceMessagePropertyOfTheSameName() throws JMSException
    {
        final TextMessage message = context.createTextMessage("x");
        message.setStringProperty("shared", "from message");
        message.setStringProperty("mine", "kept");

        context.createProducer().setProperty("shared", "from producer").send(queue, message);

        final Message received = consumer.receive(RECEIVE_MS);
        assertEquals("from producer", received.getStringProperty("shared"));
        assertEquals("kept", received.getStringProperty("mine"));
    }

    @Test
    void shouldKeepMessageHeaderValuesTheProducerDoesNotSet() throws JMSException
    {
        final TextMessage message = context.createTextMessage("x");
        message.setJMSType("own-type");
        message.setJMSCorrelationID("own-corr");

        context.createProducer().send(queue, message);

        final Message received = consumer.receive(RECEIVE_MS);
        assertEquals("own-type", received.getJMSType());
        assertEquals("own-corr", received.getJMSCorrelationID());
    }

    @Test
    void shouldApplyCorrelationIdGivenAsBytes() throws JMSException
    {
        final byte[] id = "bytes-id".getBytes(StandardCharsets.UTF_8);

        context.createProducer().setJMSCorrelationIDAsBytes(id).send(queue, "x");

        assertArrayEquals(id, consumer.receive(RECEIVE_MS).getJMSCorrelationIDAsBytes());
    }

    @Test
    void shouldApplyDeliveryModePriorityAndTimeToLive() throws JMSException
    {
        final long beforeMs = System.currentTimeMillis();

        context.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT).setPriority(8).setTimeToLive(60_000)
            .send(queue, "x");

        final Message received = consumer.receive(RECEIVE_MS);
        assertEquals(DeliveryMode.NON_PERSISTENT, received.getJMSDeliveryMode());
        assertEquals(8, received.getJMSPriority());
        assertTrue(received.getJMSExpiration() >= beforeMs + 60_000);
        assertTrue(received.getJMSTimestamp() >= beforeMs);
        assertNotNull(received.getJMSMessageID());
    }

    @Test
    void shouldSendWithoutIdAndTimestampWhenDisabled() throws JMSException
    {
        context.createProducer().setDisableMessageID(true).setDisableMessageTimestamp(true).send(queue, "x");

        final Message received = consumer.receive(RECEIVE_MS);
        assertNull(received.getJMSMessageID());
        assertEquals(0, received.getJMSTimestamp());
        assertEquals(0, received.getJMSExpiration());
    }

    @Test
    void shouldSetDeliveryTimeFromDeliveryDelay() throws JMSException
    {
        final long beforeMs = System.currentTimeMillis();

        context.createProducer().setDeliveryDelay(200).send(queue, "delayed");

        final Message received = consumer.receive(RECEIVE_MS);
        assertTrue(received.getJMSDeliveryTime() >= beforeMs + 200);
    }

    @Test
    void shouldThrowInvalidDestinationRuntimeExceptionForNullDestination()
    {
        final JMSProducer producer = context.createProducer();

        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, "x"));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, new byte[1]));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, Map.of("k", 1)));
        assertThrows(InvalidDestinationRuntimeException.class, () -> producer.send(null, 5));
        assertThrows(InvalidDestinationRuntimeException.class,
            () -> producer.send(null, context.createMessage()));
    }

    @Test
    void shouldThrowMessageFormatRuntimeExceptionForNullMessage()
    {
        assertThrows(MessageFormatRuntimeException.class,
            () -> context.createProducer().send(queue, (Message)null));
    }

    @Test
    void shouldThrowMessageNotWriteableRuntimeExceptionWhenPropertiesMeetAReceivedMessage()
    {
        context.createProducer().send(queue, "x");
        final Message received = consumer.receive(RECEIVE_MS);

        final JMSProducer producer = context.createProducer().setProperty("extra", 1);

        assertThrows(MessageNotWriteableRuntimeException.class, () -> producer.send(queue, received));
    }

    @Test
    void shouldResendAReceivedMessageWhenNoPropertiesAreSet() throws JMSException
    {
        context.createProducer().setProperty("p", "v").send(queue, "again");
        final Message received = consumer.receive(RECEIVE_MS);

        context.createProducer().send(queue, received);

        final Message resent = consumer.receive(RECEIVE_MS);
        assertEquals("again", resent.getBody(String.class));
        assertEquals("v", resent.getStringProperty("p"));
    }

    @Test
    void shouldCallCompletionListenerForAsyncSend() throws Exception
    {
        final CompletableFuture<Message> completed = new CompletableFuture<>();
        final JMSProducer producer = context.createProducer().setAsync(listener(completed));

        producer.send(queue, "async");

        final Message message = completed.get(RECEIVE_MS, TimeUnit.MILLISECONDS);
        assertEquals("async", message.getBody(String.class));
        assertNotNull(message.getJMSMessageID());
        assertEquals("async", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldCompleteAsyncSendsInSendOrderBeforeCloseReturns()
    {
        final JMSContext sender = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
        final List<String> completed = new CopyOnWriteArrayList<>();
        final JMSProducer producer = sender.createProducer().setAsync(new CompletionListener()
        {
            @Override
            public void onCompletion(final Message message)
            {
                completed.add(body(message));
            }

            @Override
            public void onException(final Message message, final Exception exception)
            {
                completed.add("failed " + exception);
            }
        });
        final List<String> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++)
        {
            sent.add("m" + i);
            producer.send(queue, "m" + i);
        }

        sender.close();

        assertEquals(sent, completed);
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionWhenCompletionListenerClosesOwnContext() throws Exception
    {
        final CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
        final JMSProducer producer = context.createProducer().setAsync(new CompletionListener()
        {
            @Override
            public void onCompletion(final Message message)
            {
                thrown.complete(attempt(context::close));
            }

            @Override
            public void onException(final Message message, final Exception exception)
            {
                thrown.completeExceptionally(exception);
            }
        });

        producer.send(queue, "close from completion");

        assertInstanceOf(IllegalStateRuntimeException.class, thrown.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldLetACompletionListenerStopItsOwnContext() throws Exception
    {
        final CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
        final JMSProducer producer = context.createProducer().setAsync(new CompletionListener()
        {
            @Override
            public void onCompletion(final Message message)
            {
                thrown.complete(attempt(context::stop));
            }

            @Override
            public void onException(final Message message, final Exception exception)
            {
                thrown.completeExceptionally(exception);
            }
        });

        producer.send(queue, "stop from completion");

        // JMS 7.3.8 forbids only close, commit and rollback in a CompletionListener.
        assertNull(thrown.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldSendSynchronouslyAgainOnceAsyncIsCleared()
    {
        final CompletableFuture<Message> completed = new CompletableFuture<>();
        final JMSProducer producer = context.createProducer().setAsync(listener(completed));

        producer.setAsync(null).send(queue, "sync");

        assertNull(producer.getAsync());
        assertEquals("sync", consumer.receiveBody(String.class, RECEIVE_MS));
        assertFalse(completed.isDone());
    }

    @Test
    void shouldSendInContextTransactionAndWaitForCompletionsAtCommit() throws Exception
    {
        final JMSContext transacted = context.createContext(JMSContext.SESSION_TRANSACTED);
        final CompletableFuture<Message> completed = new CompletableFuture<>();

        transacted.createProducer().setAsync(listener(completed)).send(queue, "tx async");
        transacted.commit();

        assertTrue(completed.isDone());
        assertEquals("tx async", completed.get().getBody(String.class));
        assertEquals("tx async", consumer.receiveBody(String.class, RECEIVE_MS));
        transacted.close();
    }

    private static CompletionListener listener(final CompletableFuture<Message> completed)
    {
        return new CompletionListener()
        {
            @Override
            public void onCompletion(final Message message)
            {
                completed.complete(message);
            }

            @Override
            public void onException(final Message message, final Exception exception)
            {
                completed.completeExceptionally(exception);
            }
        };
    }

    private static String body(final Message message)
    {
        try
        {
            return message.getBody(String.class);
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static RuntimeException attempt(final Runnable action)
    {
        try
        {
            action.run();
            return null;
        }
        catch (final RuntimeException ex)
        {
            return ex;
        }
    }
}
