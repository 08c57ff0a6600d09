package io.aeolus.jms.admin;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class AdminClientIT
{
    private static final long RECEIVE_MS = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void stop() throws JMSException
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        if (null != broker)
        {
            broker.close();
        }
    }

    private AdminClient start(final Broker.Context context) throws JMSException
    {
        broker = EmbeddedBroker.start(context);
        final Connection connection = connect();
        connection.start();
        return new AdminClient(connection, TIMEOUT);
    }

    private Connection connect() throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connections.add(connection);
        return connection;
    }

    private List<String> send(final String queue, final int count) throws JMSException
    {
        final Connection connection = connect();
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue(queue));
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final TextMessage message = session.createTextMessage("message " + i);
            message.setIntProperty("index", i);
            message.setStringProperty("colour", i % 2 == 0 ? "red" : "blue");
            producer.send(message);
            ids.add(message.getJMSMessageID());
        }
        session.close();
        return ids;
    }

    @Test
    void shouldListQueueDepthAfterSendsAndEmptyItOnPurge() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        send("orders", 5);

        final DestinationInfo before = admin.queue("orders");
        final int purged = admin.purge("orders");
        final DestinationInfo after = admin.queue("orders");

        assertNotNull(before);
        assertEquals(5, before.depth());
        assertEquals(5, before.enqueued());
        assertEquals(5, purged);
        assertEquals(0, after.depth());
        assertTrue(admin.destinations().stream().anyMatch((d) -> d.name().equals("aeolus.metrics")));
    }

    @Test
    void shouldBrowsePagesWithASelectorAndShowTheTextBody() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final List<String> ids = send("orders", 10);

        final List<MessageInfo> firstPage = admin.browse("orders", "colour = 'red'", 0, 3);
        final List<MessageInfo> secondPage = admin.browse("orders", "colour = 'red'", 3, 3);

        assertEquals(3, firstPage.size());
        assertEquals(2, secondPage.size());
        assertEquals("message 0", firstPage.get(0).body());
        assertEquals("TEXT", firstPage.get(0).bodyType());
        assertEquals(ids.get(0), firstPage.get(0).messageId());
        assertEquals("red", firstPage.get(0).properties().get("colour"));
        assertEquals(8, secondPage.get(1).properties().get("index"));
        assertEquals(10, admin.queue("orders").depth());
        assertThrows(InvalidSelectorException.class, () -> admin.browse("orders", "colour = = 1", 0, 3));
    }

    @Test
    void shouldMoveChosenMessagesToAnotherQueue() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final List<String> ids = send("orders", 4);

        final int moved = admin.move("orders", "orders.held", List.of(ids.get(1), ids.get(3)), null);
        final int movedBySelector = admin.move("orders", "orders.red", null, "colour = 'red'");

        assertEquals(2, moved);
        assertEquals(2, movedBySelector);
        assertEquals(0, admin.queue("orders").depth());
        assertEquals(2, admin.queue("orders.held").depth());
        assertEquals("message 1", admin.browse("orders.held", null, 0, 10).get(0).body());
        assertEquals(1, admin.deleteMessages("orders.red", null, "index = 0"));
        assertEquals(1, admin.queue("orders.red").depth());
    }

    @Test
    void shouldRetryADeadLetterToItsOriginalQueue() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MAX_DELIVERY_ATTEMPTS, "2"));
        send("payments", 1);
        final Connection connection = connect();
        connection.start();
        final Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageConsumer consumer = transacted.createConsumer(transacted.createQueue("payments"));
        for (int attempt = 0; attempt < 2; attempt++)
        {
            assertNotNull(consumer.receive(RECEIVE_MS));
            transacted.rollback();
        }
        consumer.close();
        awaitCondition("the dead letter", () -> depth(admin, "DLQ.payments") == 1);

        final DestinationInfo deadLetters = admin.queue("DLQ.payments");
        final int retried = admin.retryDeadLetters("DLQ.payments", null);
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final Message back = session.createConsumer(session.createQueue("payments")).receive(RECEIVE_MS);

        assertTrue(deadLetters.deadLetterQueue());
        assertEquals(1, retried);
        assertNotNull(back, "the retried message never came back");
        assertEquals("message 0", ((TextMessage)back).getText());
        assertNull(back.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION"));
        assertEquals(0, admin.queue("DLQ.payments").depth());
    }

    @Test
    void shouldCloseAConnectionAndTellItsExceptionListener() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final Connection victim = connect();
        victim.setClientID("victim");
        final CountDownLatch told = new CountDownLatch(1);
        victim.setExceptionListener((exception) -> told.countDown());
        victim.createSession(false, Session.AUTO_ACKNOWLEDGE);

        final ConnectionInfo info = admin.connections().stream()
            .filter((c) -> c.clientId().equals("victim")).findFirst().orElseThrow();
        admin.closeConnection(info.id());

        assertEquals(1, info.sessions());
        assertTrue(told.await(RECEIVE_MS, TimeUnit.MILLISECONDS), "the exception listener was not called");
        assertFalse(admin.connections().stream().anyMatch((c) -> c.clientId().equals("victim")));
        assertThrows(JMSException.class, () -> admin.closeConnection(info.id()));
    }

    @Test
    void shouldPublishMetricsEverySecond() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        send("orders", 3);
        final BlockingQueue<MetricsSnapshot> snapshots = new ArrayBlockingQueue<>(16);

        try (AutoCloseable ignored = admin.subscribeMetrics(snapshots::offer))
        {
            final MetricsSnapshot snapshot = snapshots.poll(RECEIVE_MS, TimeUnit.MILLISECONDS);

            assertNotNull(snapshot, "no metrics within " + RECEIVE_MS + " ms");
            assertTrue(snapshot.connections() >= 1);
            assertTrue(snapshot.heapMax() > 0);
            assertEquals(3, snapshot.destinations().stream()
                .filter((d) -> d.name().equals("orders")).findFirst().orElseThrow().depth());
        }
    }

    @Test
    void shouldAnswerJmxCallsThroughThePlatformMBeanServer() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        send("orders", 2);
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name = broker.broker().managementName();
        final String instance = null == name.getKeyProperty("instance") ? "" : ",instance=" + name.getKeyProperty(
            "instance");
        final String queueName = "io.aeolus:type=Destination,name=\"orders\"" + instance;

        final String[] destinations = (String[])server.invoke(name, "listDestinations", null, null);
        final Object purged = server.invoke(name, "purge", new Object[]{"orders"}, new String[]{"java.lang.String"});

        assertTrue(List.of(destinations).stream().anyMatch((line) -> line.startsWith("name=orders ")),
            List.of(destinations).toString());
        assertEquals(2, purged);
        assertEquals(0, admin.queue("orders").depth());
        awaitCondition("the queue's MBean", () -> isRegistered(server, queueName));
        assertEquals(0L, server.getAttribute(new ObjectName(queueName), "Depth"));
        assertTrue(server.isRegistered(name));
    }

    private static boolean isRegistered(final MBeanServer server, final String name)
    {
        try
        {
            return server.isRegistered(new ObjectName(name));
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static long depth(final AdminClient admin, final String queue)
    {
        try
        {
            final DestinationInfo info = admin.queue(queue);
            return null == info ? -1 : info.depth();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    static void awaitCondition(final String what, final BooleanSupplier condition)
    {
        final AtomicInteger polls = new AtomicInteger();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within 20 s after " + polls.get() + " polls");
            }
            polls.incrementAndGet();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
