package io.aeolus.jms;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidClientIDRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JMSContext against an embedded broker: lifecycle, shared connections, autoStart, client id, acknowledgement,
 * transactions, the listener rules and the runtime exceptions (Jakarta Messaging 3.1, simplified API).
 */
@Timeout(60)
class JMSContextIT
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
    void shouldSendAndReceiveThroughOneContext()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);

        context.createProducer().send(queue, "hello");

        assertEquals("hello", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldStartConnectionWhenConsumerIsCreatedByDefault()
    {
        final JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = sender.createQueue(name);
        sender.createProducer().send(queue, "waiting");
        final JMSContext receiver = context(JMSContext.AUTO_ACKNOWLEDGE);

        final JMSConsumer consumer = receiver.createConsumer(queue);

        assertTrue(receiver.getAutoStart());
        assertEquals("waiting", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldNotDeliverUntilStartWhenAutoStartIsOff()
    {
        final JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = sender.createQueue(name);
        sender.createProducer().send(queue, "held");
        final JMSContext receiver = context(JMSContext.AUTO_ACKNOWLEDGE);
        receiver.setAutoStart(false);

        final JMSConsumer consumer = receiver.createConsumer(queue);

        assertNull(consumer.receive(ABSENT_MS));
        receiver.start();
        assertEquals("held", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldHoldDeliveriesWhileStopped()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);

        context.stop();
        context.createProducer().send(queue, "later");

        assertNull(consumer.receive(ABSENT_MS));
        context.start();
        assertEquals("later", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldShareTheConnectionWithContextsItCreates()
    {
        final JMSContext first = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSContext second = first.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        contexts.add(second);

        assertEquals(JMSContext.CLIENT_ACKNOWLEDGE, second.getSessionMode());
        assertSame(((AeolusJMSContext)first).connection(), ((AeolusJMSContext)second).connection());
    }

    @Test
    void shouldCloseSharedConnectionOnlyWhenTheLastContextCloses()
    {
        final JMSContext first = factory.createContext();
        final JMSContext second = first.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        final AeolusConnection connection = ((AeolusJMSContext)first).connection();
        final Queue queue = second.createQueue(name);

        first.close();

        assertFalse(connection.isClosed());
        final JMSConsumer consumer = second.createConsumer(queue);
        second.createProducer().send(queue, "still open");
        assertEquals("still open", consumer.receiveBody(String.class, RECEIVE_MS));
        second.close();
        assertTrue(connection.isClosed());
    }

    @Test
    void shouldCloseItsConnectionWhenNotShared()
    {
        final JMSContext context = factory.createContext();
        final AeolusConnection connection = ((AeolusJMSContext)context).connection();
        context.createQueue(name);

        context.close();

        assertTrue(connection.isClosed());
    }

    @Test
    void shouldIgnoreCloseOfAClosedContext()
    {
        final JMSContext context = factory.createContext();
        context.close();

        context.close();

        assertThrows(IllegalStateRuntimeException.class, context::createProducer);
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionWhenUsedAfterClose()
    {
        final JMSContext context = factory.createContext();
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);

        context.close();

        assertThrows(IllegalStateRuntimeException.class, () -> context.createQueue("other"));
        assertThrows(IllegalStateRuntimeException.class, () -> context.createConsumer(queue));
        assertThrows(IllegalStateRuntimeException.class, context::createTextMessage);
        assertThrows(IllegalStateRuntimeException.class, () -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE));
        assertThrows(IllegalStateRuntimeException.class, context::getSessionMode);
        assertThrows(IllegalStateRuntimeException.class, context::start);
        assertThrows(IllegalStateRuntimeException.class, consumer::receiveNoWait);
    }

    @Test
    void shouldFailToSendThroughProducerOfClosedContext()
    {
        final JMSContext context = factory.createContext();
        final Queue queue = context.createQueue(name);
        final var producer = context.createProducer();

        context.close();

        assertThrows(IllegalStateRuntimeException.class, () -> producer.send(queue, "too late"));
    }

    @Test
    void shouldRejectAnInvalidSessionMode()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        assertThrows(JMSRuntimeException.class, () -> context.createContext(7));
        assertThrows(JMSRuntimeException.class, () -> factory.createContext(-1));
    }

    @Test
    void shouldReportSessionModeAndTransacted()
    {
        final JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        final JMSContext dupsOk = context(JMSContext.DUPS_OK_ACKNOWLEDGE);

        assertTrue(transacted.getTransacted());
        assertEquals(JMSContext.SESSION_TRANSACTED, transacted.getSessionMode());
        assertFalse(dupsOk.getTransacted());
        assertEquals(JMSContext.DUPS_OK_ACKNOWLEDGE, dupsOk.getSessionMode());
    }

    @Test
    void shouldSetClientIdRightAfterCreation()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        context.setClientID("client-" + name);

        assertEquals("client-" + name, context.getClientID());
    }

    @Test
    void shouldRefuseClientIdOnceTheContextWasUsed()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        context.createQueue(name);

        assertThrows(IllegalStateRuntimeException.class, () -> context.setClientID("too-late"));
    }

    @Test
    void shouldRefuseClientIdOnAContextThatSharesTheConnection()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final JMSContext shared = context.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        contexts.add(shared);

        assertThrows(IllegalStateRuntimeException.class, () -> shared.setClientID("too-late"));
    }

    @Test
    void shouldRefuseEmptyClientIdWithInvalidClientIDRuntimeException()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        assertThrows(InvalidClientIDRuntimeException.class, () -> context.setClientID(""));
    }

    @Test
    void shouldGiveMetaDataAndExceptionListener() throws JMSException
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        context.setExceptionListener((ex) -> { });

        assertEquals("3.1", context.getMetaData().getJMSVersion());
        assertNotNull(context.getExceptionListener());
    }

    @Test
    void shouldAcknowledgeAllConsumedMessagesInClientAcknowledge()
    {
        final JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = sender.createQueue(name);
        sender.createProducer().send(queue, "one").send(queue, "two");
        final JMSContext receiver = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        final JMSConsumer consumer = receiver.createConsumer(queue);
        assertNotNull(consumer.receive(RECEIVE_MS));
        assertNotNull(consumer.receive(RECEIVE_MS));

        receiver.acknowledge();
        receiver.close();

        final JMSConsumer again = context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue);
        assertNull(again.receive(ABSENT_MS));
    }

    @Test
    void shouldRedeliverUnacknowledgedMessagesAfterCloseInClientAcknowledge() throws JMSException
    {
        final JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = sender.createQueue(name);
        sender.createProducer().send(queue, "unacknowledged");
        final JMSContext receiver = factory.createContext(JMSContext.CLIENT_ACKNOWLEDGE);
        assertNotNull(receiver.createConsumer(queue).receive(RECEIVE_MS));

        receiver.close();

        final Message again = context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(RECEIVE_MS);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    void shouldRedeliverAfterRecoverInClientAcknowledge() throws Exception
    {
        final JMSContext context = context(JMSContext.CLIENT_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final JMSConsumer consumer = context.createConsumer(queue);
        context.createProducer().send(queue, "recover me");
        assertNotNull(consumer.receive(RECEIVE_MS));

        context.recover();

        final Message again = consumer.receive(RECEIVE_MS);
        assertEquals("recover me", ((TextMessage)again).getText());
        assertTrue(again.getJMSRedelivered());
        context.acknowledge();
    }

    @Test
    void shouldIgnoreAcknowledgeInAutoAcknowledge()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        context.acknowledge();

        assertEquals(JMSContext.AUTO_ACKNOWLEDGE, context.getSessionMode());
    }

    @Test
    void shouldMakeSendsVisibleOnlyAtCommit()
    {
        final JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        final Queue queue = transacted.createQueue(name);
        final JMSConsumer consumer = context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue);

        transacted.createProducer().send(queue, "in tx");

        assertNull(consumer.receive(ABSENT_MS));
        transacted.commit();
        assertEquals("in tx", consumer.receiveBody(String.class, RECEIVE_MS));
    }

    @Test
    void shouldDiscardSendsAtRollback()
    {
        final JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        final Queue queue = transacted.createQueue(name);
        final JMSConsumer consumer = context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue);
        transacted.createProducer().send(queue, "discarded");

        transacted.rollback();
        transacted.commit();

        assertNull(consumer.receive(ABSENT_MS));
    }

    @Test
    void shouldRedeliverReceivesAfterRollbackAndConsumeThemAtCommit() throws JMSException
    {
        final JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = sender.createQueue(name);
        sender.createProducer().send(queue, "tx receive");
        final JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        final JMSConsumer consumer = transacted.createConsumer(queue);
        assertNotNull(consumer.receive(RECEIVE_MS));

        transacted.rollback();

        final Message again = consumer.receive(RECEIVE_MS);
        assertNotNull(again);
        assertTrue(again.getJMSRedelivered());
        transacted.commit();
        transacted.close();
        assertNull(context(JMSContext.AUTO_ACKNOWLEDGE).createConsumer(queue).receive(ABSENT_MS));
    }

    @Test
    void shouldReceiveEveryMessageWhenCommittingAfterEachReceive()
    {
        factory.setPrefetch(4);
        final JMSContext sender = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = sender.createQueue(name);
        for (int i = 0; i < 12; i++)
        {
            sender.createProducer().send(queue, "m" + i);
        }
        final JMSContext transacted = context(JMSContext.SESSION_TRANSACTED);
        final JMSConsumer consumer = transacted.createConsumer(queue);

        final List<String> received = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            received.add(consumer.receiveBody(String.class, RECEIVE_MS));
            transacted.commit();
        }

        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++)
        {
            expected.add("m" + i);
        }
        assertEquals(expected, received);
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionForTransactionCallsOutsideATransaction()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        assertThrows(IllegalStateRuntimeException.class, context::commit);
        assertThrows(IllegalStateRuntimeException.class, context::rollback);
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionForRecoverInATransaction()
    {
        final JMSContext context = context(JMSContext.SESSION_TRANSACTED);

        assertThrows(IllegalStateRuntimeException.class, context::recover);
    }

    @Test
    void shouldThrowInvalidDestinationRuntimeExceptionForNullOrEmptyDestination()
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);

        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createQueue(""));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createTopic(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createConsumer(null));
        assertThrows(InvalidDestinationRuntimeException.class, () -> context.createBrowser(null));
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionWhenListenerClosesOwnContext() throws Exception
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
        context.createConsumer(queue).setMessageListener((message) -> thrown.complete(attempt(context::close)));

        context.createProducer().send(queue, "close yourself");

        assertInstanceOf(IllegalStateRuntimeException.class, thrown.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldThrowIllegalStateRuntimeExceptionWhenListenerStopsOwnContext() throws Exception
    {
        final JMSContext context = context(JMSContext.AUTO_ACKNOWLEDGE);
        final Queue queue = context.createQueue(name);
        final CompletableFuture<RuntimeException> thrown = new CompletableFuture<>();
        context.createConsumer(queue).setMessageListener((message) -> thrown.complete(attempt(context::stop)));

        context.createProducer().send(queue, "stop yourself");

        assertInstanceOf(IllegalStateRuntimeException.class, thrown.get(RECEIVE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void shouldCloseWhileListenerIsActiveFromAnotherThread()
    {
        final JMSContext context = factory.createContext();
        final Queue queue = context.createQueue(name);
        final CompletableFuture<Message> delivered = new CompletableFuture<>();
        context.createConsumer(queue).setMessageListener(delivered::complete);
        context.createProducer().send(queue, "one");
        assertNotNull(delivered.join());

        context.close();

        assertThrows(IllegalStateRuntimeException.class, context::getSessionMode);
    }

    private JMSContext context(final int sessionMode)
    {
        final JMSContext context = factory.createContext(sessionMode);
        contexts.add(context);
        return context;
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
