package io.aeolus.jms;

import io.aeolus.broker.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AUTO_ACKNOWLEDGE acknowledgements of synchronous receives go out in batches (client option {@code autoAckBatch}):
 * what the application took is acknowledged before the consumer waits, when a batch is full, and before a recover;
 * a client that fails in between gets only the messages of the unsent batch redelivered, marked so. The failure is an
 * abrupt end of the transport: the broker sees the connection go without the acknowledgements a close would send.
 */
@Timeout(60)
class AutoAckBatchIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private final List<Connection> connections = new ArrayList<>();
    private String name;

    @BeforeEach
    void startBroker(final TestInfo info)
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
        name = "autoack." + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stopBroker() throws JMSException
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        broker.close();
    }

    @Test
    void shouldRedeliverOnlyWhatTheUnsentBatchHeldWhenTheClientFails() throws JMSException
    {
        send(10);
        final AeolusConnection connection = connect("autoAckBatch=32");
        final AeolusMessageConsumer consumer = prefetchedConsumer(connection, 10);

        for (int i = 0; i < 4; i++)
        {
            assertEquals("m" + i, text(consumer.receive(RECEIVE_MS)));
        }
        assertEquals(4, consumer.pendingAutoAcks(), "four receives, one batch not yet sent");

        fail(connection);

        final AeolusMessageConsumer next = prefetchedConsumer(connect(""), 10);
        for (int i = 0; i < 10; i++)
        {
            final Message message = next.receive(RECEIVE_MS);
            assertEquals("m" + i, text(message));
            if (i < 4)
            {
                assertTrue(message.getJMSRedelivered(), "m" + i + " reached the application before the failure");
            }
        }
        assertNull(next.receive(ABSENT_MS));
    }

    @Test
    void shouldAcknowledgeBeforeTheConsumerWaitsSoThatNothingComesBack() throws JMSException
    {
        send(3);
        final AeolusConnection connection = connect("autoAckBatch=32");
        final AeolusMessageConsumer consumer = prefetchedConsumer(connection, 3);
        for (int i = 0; i < 3; i++)
        {
            assertEquals("m" + i, text(consumer.receive(RECEIVE_MS)));
        }
        assertEquals(3, consumer.pendingAutoAcks());

        assertNull(consumer.receiveNoWait());
        assertEquals(0, consumer.pendingAutoAcks(), "acknowledged before receive found nothing");

        fail(connection);

        assertNull(prefetchedConsumer(connect(""), 0).receive(ABSENT_MS), "acknowledged messages came back");
    }

    @Test
    void shouldSendTheBatchOnceFull() throws JMSException
    {
        send(5);
        final AeolusConnection connection = connect("autoAckBatch=2");
        final AeolusMessageConsumer consumer = prefetchedConsumer(connection, 5);
        for (int i = 0; i < 3; i++)
        {
            assertEquals("m" + i, text(consumer.receive(RECEIVE_MS)));
        }
        assertEquals(1, consumer.pendingAutoAcks(), "m0 and m1 went as one batch");

        fail(connection);

        final AeolusMessageConsumer next = prefetchedConsumer(connect(""), 3);
        final Message m2 = next.receive(RECEIVE_MS);
        assertEquals("m2", text(m2));
        assertTrue(m2.getJMSRedelivered());
        assertEquals("m3", text(next.receive(RECEIVE_MS)));
        assertEquals("m4", text(next.receive(RECEIVE_MS)));
        assertNull(next.receive(ABSENT_MS));
    }

    @Test
    void shouldAcknowledgeEachMessageAtOnceWithABatchOfOne() throws JMSException
    {
        send(3);
        final AeolusConnection connection = connect("autoAckBatch=1");
        final AeolusMessageConsumer consumer = prefetchedConsumer(connection, 3);
        assertEquals("m0", text(consumer.receive(RECEIVE_MS)));
        assertEquals(0, consumer.pendingAutoAcks());

        fail(connection);

        final AeolusMessageConsumer next = prefetchedConsumer(connect(""), 2);
        assertEquals("m1", text(next.receive(RECEIVE_MS)));
        assertEquals("m2", text(next.receive(RECEIVE_MS)));
        assertNull(next.receive(ABSENT_MS));
    }

    @Test
    void shouldNotRedeliverWhatReceiveReturnedWhenTheSessionRecovers() throws JMSException
    {
        send(4);
        final AeolusConnection connection = connect("autoAckBatch=32");
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final AeolusMessageConsumer consumer = prefetchedConsumer(connection, session, 4);
        assertEquals("m0", text(consumer.receive(RECEIVE_MS)));
        assertEquals("m1", text(consumer.receive(RECEIVE_MS)));
        assertEquals(2, consumer.pendingAutoAcks());

        session.recover();

        assertEquals(0, consumer.pendingAutoAcks());
        assertEquals("m2", text(consumer.receive(RECEIVE_MS)));
        assertEquals("m3", text(consumer.receive(RECEIVE_MS)));
        assertNull(consumer.receive(ABSENT_MS));
    }

    @Test
    void shouldAcknowledgeWhatReceiveReturnedBeforeAListenerTakesOver() throws Exception
    {
        send(3);
        final AeolusConnection connection = connect("autoAckBatch=32");
        final AeolusMessageConsumer consumer = prefetchedConsumer(connection, 3);
        assertEquals("m0", text(consumer.receive(RECEIVE_MS)));
        final List<String> heard = new ArrayList<>();
        final MessageListener listener = (message) ->
        {
            synchronized (heard)
            {
                heard.add(text(message));
                heard.notifyAll();
            }
        };

        consumer.setMessageListener(listener);

        assertEquals(0, consumer.pendingAutoAcks());
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECEIVE_MS);
        synchronized (heard)
        {
            while (heard.size() < 2 && System.nanoTime() - deadlineNs < 0)
            {
                heard.wait(100);
            }
            assertEquals(List.of("m1", "m2"), heard);
        }
        assertFalse(consumer.isClosed());
    }

    private void send(final int count) throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(name));
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    private AeolusConnection connect(final String option) throws JMSException
    {
        final String url = broker.ipcUrl();
        final AeolusConnection connection = (AeolusConnection)new AeolusConnectionFactory(option.isEmpty() ? url :
            url + (url.contains("?") ? "&" : "?") + option).createConnection();
        connections.add(connection);
        return connection;
    }

    /**
     * A consumer on the test's queue in an AUTO_ACKNOWLEDGE session, returned once {@code expected} deliveries are in
     * its buffer, so that receive finds them there and does not wait.
     */
    private AeolusMessageConsumer prefetchedConsumer(final AeolusConnection connection, final int expected)
        throws JMSException
    {
        return prefetchedConsumer(connection, connection.createSession(false, Session.AUTO_ACKNOWLEDGE), expected);
    }

    private AeolusMessageConsumer prefetchedConsumer(final AeolusConnection connection, final Session session,
        final int expected) throws JMSException
    {
        final Queue queue = session.createQueue(name);
        final AeolusMessageConsumer consumer = (AeolusMessageConsumer)session.createConsumer(queue);
        connection.start();
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RECEIVE_MS);
        while (consumer.bufferedCount() < expected)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "prefetch did not arrive: " + consumer.bufferedCount());
            Thread.onSpinWait();
            Thread.yield();
        }
        return consumer;
    }

    /**
     * Ends the connection's transport without the JMS close, which would acknowledge what is pending: to the broker
     * the client is gone with its deliveries unacknowledged, as after a crash.
     */
    private static void fail(final AeolusConnection connection)
    {
        connection.proxy().endpoint().close();
    }

    private static String text(final Message message)
    {
        assertNotNull(message, "no message");
        try
        {
            return ((TextMessage)message).getText();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
