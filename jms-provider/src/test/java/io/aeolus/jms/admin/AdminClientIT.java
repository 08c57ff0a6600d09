package io.aeolus.jms.admin;

import io.aeolus.management.MetricsSnapshot;
import io.aeolus.management.MessageDetail;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.SessionInfo;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.DestinationInfo;
import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.store.H2Journal;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
            final MetricsSnapshot.Destination orders = snapshot.destinations().stream()
                .filter((d) -> d.name().equals("orders")).findFirst().orElseThrow();
            assertEquals(3, orders.depth());
            assertTrue(orders.heldBytes() > 0, "memory used: " + orders);
            assertTrue(orders.oldestAgeMs() >= 0, orders.toString());
            assertEquals(0, orders.scheduled());
            assertEquals(0, orders.deadLetteredRate());
            // The three persistent sends were journaled before the first snapshot's interval ended.
            final MetricsSnapshot.Journal journal = snapshot.journal();
            assertTrue(journal.batches() >= 1, journal.toString());
            assertTrue(journal.averageBatch() >= 1, journal.toString());
            assertTrue(journal.commitAverageUs() > 0, journal.toString());
            assertTrue(journal.fileBytes() > 0, journal.toString());
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

        final CompositeData[] destinations = (CompositeData[])server.invoke(name, "listDestinations", null, null);
        final Object purged = server.invoke(name, "purge", new Object[]{"orders"}, new String[]{"java.lang.String"});

        assertTrue(List.of(destinations).stream().anyMatch((row) -> "orders".equals(row.get("name")) &&
            Long.valueOf(2).equals(row.get("depth"))), List.of(destinations).toString());
        assertEquals(2, purged);
        assertEquals(0, admin.queue("orders").depth());
        awaitCondition("the queue's MBean", () -> isRegistered(server, queueName));
        assertEquals(0L, server.getAttribute(new ObjectName(queueName), "Depth"));
        assertTrue(server.isRegistered(name));

        admin.createTopic("prices");
        final String topicName = "io.aeolus:type=Topic,name=\"prices\"" + instance;
        awaitCondition("the topic's MBean", () -> isRegistered(server, topicName));
        assertEquals(0, server.getAttribute(new ObjectName(topicName), "Subscriptions"));
        assertEquals(0L, server.getAttribute(new ObjectName(topicName), "Published"));
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

    private Session session() throws JMSException
    {
        final Connection connection = connect();
        connection.start();
        return connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Test
    void shouldHoldBackAPausedQueuesDeliveriesUntilItIsResumed() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        send("orders", 1);

        final boolean paused = admin.pause("orders");
        send("orders", 1);
        final Session session = session();
        final MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        final Message whilePaused = consumer.receive(300);
        final DestinationInfo info = admin.queue("orders");
        final int browsed = admin.browse("orders", null, 0, 10).size();
        admin.resume("orders");

        assertTrue(paused);
        assertNull(whilePaused, "a paused queue delivered");
        assertTrue(info.paused());
        assertEquals(2, browsed);
        assertNotNull(consumer.receive(RECEIVE_MS));
        assertNotNull(consumer.receive(RECEIVE_MS));
        assertFalse(admin.queue("orders").paused());
    }

    @Test
    void shouldCopyMessagesWithNewIdsAndLeaveTheOriginals() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final List<String> ids = send("orders", 4);

        final int copied = admin.copy("orders", "orders.audit", List.of(ids.get(0), ids.get(3)), null);
        final List<MessageInfo> copies = admin.browse("orders.audit", null, 0, 10);

        assertEquals(2, copied);
        assertEquals(4, admin.queue("orders").depth());
        assertEquals(List.of("message 0", "message 3"), List.of(copies.get(0).body(), copies.get(1).body()));
        assertFalse(ids.contains(copies.get(0).messageId()), copies.get(0).messageId());
        assertEquals(0, copies.get(0).properties().get("index"));
    }

    @Test
    void shouldReadALargeBodyInSlices() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final byte[] body = new byte[5 * 1024 * 1024 + 7];
        for (int i = 0; i < body.length; i++)
        {
            body[i] = (byte)(i * 31);
        }
        final Session session = session();
        final MessageProducer producer = session.createProducer(session.createQueue("blobs"));
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        final BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        producer.send(message);
        // A non-persistent send is not confirmed, and it travels on another connection than the requests.
        awaitCondition("the message", () -> depth(admin, "blobs") == 1);

        final ByteArrayOutputStream read = new ByteArrayOutputStream();
        MessageDetail slice = admin.getMessage("blobs", message.getJMSMessageID(), 0, 1024 * 1024);
        read.writeBytes(slice.body());
        int slices = 1;
        while (!slice.isLastSlice())
        {
            slice = admin.getMessage("blobs", message.getJMSMessageID(), read.size(), 1024 * 1024);
            read.writeBytes(slice.body());
            slices++;
        }

        assertEquals(body.length, slice.bodySize());
        assertEquals(6, slices);
        assertArrayEquals(body, read.toByteArray());
    }

    @Test
    void shouldShowAnObjectMessageAsItsClassNameAndBytesWithoutDeserializingIt() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final Session session = session();
        final ObjectMessage message = session.createObjectMessage(new ArrayList<>(List.of("a", "b")));
        session.createProducer(session.createQueue("objects")).send(message);

        final MessageDetail detail = admin.getMessage("objects", message.getJMSMessageID(), 0, 64 * 1024);

        assertEquals("OBJECT", detail.bodyType());
        assertEquals("java.util.ArrayList", detail.className());
        assertEquals(detail.bodySize(), detail.body().length);
        assertEquals((byte)0xAC, detail.body()[0]);
    }

    @Test
    void shouldSendTextBytesAndMapMessagesThatConsumersReceiveWithTheirHeaders() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final Session session = session();
        final MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        final Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("city", "Berlin");
        entries.put("zip", 10115);

        final String textId = admin.sendMessage("orders", false, NewMessage.text("hello").jmsType("greeting")
            .correlationId("corr-1").property("region", "eu").property("count", 3L).priority(7)
            .timeToLiveMs(600_000));
        admin.sendMessage("orders", false, NewMessage.bytes(new byte[]{1, 2, 3}).persistent(false));
        admin.sendMessage("orders", false, NewMessage.map(entries));
        final TextMessage text = (TextMessage)consumer.receive(RECEIVE_MS);
        final BytesMessage bytes = (BytesMessage)consumer.receive(RECEIVE_MS);
        final MapMessage map = (MapMessage)consumer.receive(RECEIVE_MS);

        assertEquals("hello", text.getText());
        assertEquals(textId, text.getJMSMessageID());
        assertEquals("greeting", text.getJMSType());
        assertEquals("corr-1", text.getJMSCorrelationID());
        assertEquals("eu", text.getStringProperty("region"));
        assertEquals(3L, text.getLongProperty("count"));
        assertEquals(7, text.getJMSPriority());
        assertTrue(text.getJMSExpiration() > System.currentTimeMillis());
        assertEquals(3, bytes.getBodyLength());
        assertEquals(DeliveryMode.NON_PERSISTENT, bytes.getJMSDeliveryMode());
        assertEquals("Berlin", map.getString("city"));
        assertEquals(10115, map.getInt("zip"));
    }

    @Test
    void shouldRefuseABadSendArgumentNamingIt() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));

        final JMSException priority = assertThrows(JMSException.class,
            () -> admin.sendMessage("orders", false, NewMessage.text("x").priority(12)));
        final JMSException property = assertThrows(JMSException.class,
            () -> admin.sendMessage("orders", false, NewMessage.text("x").property("JMSType", "t")));

        assertEquals("INVALID_ARGUMENT", priority.getErrorCode());
        assertTrue(priority.getMessage().contains("'priority'"), priority.getMessage());
        assertTrue(property.getMessage().contains("'property.JMSType'"), property.getMessage());
        assertNull(admin.queue("orders"));
    }

    @Test
    void shouldSearchHeadersAndTextIgnoringCase() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        send("orders", 12);
        admin.sendMessage("orders", false, NewMessage.text("x").correlationId("Batch-42"));

        final List<MessageInfo> byText = admin.search("orders", "MESSAGE 1", null, 0, 10);
        final List<MessageInfo> bySelector = admin.search("orders", "message 1", "colour = 'red'", 0, 10);
        final List<MessageInfo> byCorrelation = admin.search("orders", "batch-42", null, 0, 10);

        assertEquals(List.of("message 1", "message 10", "message 11"), byText.stream().map(MessageInfo::body)
            .toList());
        assertEquals(List.of("message 10"), bySelector.stream().map(MessageInfo::body).toList());
        assertEquals("Batch-42", byCorrelation.get(0).correlationId());
    }

    @Test
    void shouldDropADurableSubscriptionAlsoFromTheJournal() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final Connection subscriber = connect();
        subscriber.setClientID("auditor");
        final Session session = subscriber.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final jakarta.jms.Topic prices = session.createTopic("prices");
        final MessageConsumer durable = session.createDurableSubscriber(prices, "audit");
        session.createProducer(prices).send(session.createTextMessage("p0"));

        final IllegalStateException whileActive = assertThrows(IllegalStateException.class,
            () -> admin.dropSubscription("prices", "auditor", "audit"));
        durable.close();
        final long dropped = admin.dropSubscription("prices", "auditor", "audit");
        final List<SubscriptionInfo> after = admin.subscriptions();
        assertThrows(InvalidDestinationException.class, () -> admin.dropSubscription("prices", "auditor", "audit"));
        stopBroker();

        assertTrue(whileActive.getMessage().contains("audit"), whileActive.getMessage());
        assertEquals(1, dropped);
        assertTrue(after.isEmpty(), after.toString());
        try (H2Journal store = H2Journal.open(new H2Journal.Context().dataDirectory(dataDir)))
        {
            assertTrue(store.readDurableSubscriptions().isEmpty(), store.readDurableSubscriptions().toString());
            assertEquals(0, store.readReferenceCount("s/unshared|auditor|audit"));
        }
    }

    private void stopBroker() throws JMSException
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        connections.clear();
        broker.close();
        broker = null;
    }

    @Test
    void shouldListSessionsConsumersAndProducersOfAConnection() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final Connection connection = connect();
        connection.setClientID("worker");
        connection.start();
        final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        session.createProducer(session.createQueue("orders")).send(session.createTextMessage("m"));
        final MessageConsumer consumer = session.createConsumer(session.createQueue("orders"), "JMSPriority > 1");
        consumer.receive(RECEIVE_MS).acknowledge();
        final long id = admin.connections().stream().filter((c) -> "worker".equals(c.clientId())).findFirst()
            .orElseThrow().id();

        final List<SessionInfo> sessions = admin.sessions(id);
        final List<ConsumerInfo> consumers = admin.consumers(id);
        final List<ProducerInfo> producers = admin.producers(id);

        assertEquals(1, sessions.size());
        assertEquals("CLIENT", sessions.get(0).ackMode());
        assertEquals(1, consumers.size());
        assertEquals("orders", consumers.get(0).destination());
        assertEquals("JMSPriority > 1", consumers.get(0).selector());
        assertEquals(1, consumers.get(0).delivered());
        awaitCondition("the acknowledgement", () -> acknowledged(admin, id) == 1);
        assertEquals(1, producers.size());
        assertEquals("orders", producers.get(0).destination());
        assertEquals(1, admin.queue("orders").producers());
        assertThrows(JMSException.class, () -> admin.sessions(id + 1000));
    }

    private static long acknowledged(final AdminClient admin, final long connectionId)
    {
        try
        {
            return admin.consumers(connectionId).get(0).acknowledged();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldReportTheOldestMessagesAgeAndTheDeadLetterQueuesDepth() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final List<String> ids = send("orders", 2);
        admin.move("orders", "DLQ.orders", List.of(ids.get(1)), null);

        awaitCondition("an age", () -> oldestAgeMs(admin, "orders") > 0);
        final DestinationInfo orders = admin.queue("orders");

        assertEquals("DLQ.orders", orders.dlq());
        assertEquals(1, orders.dlqDepth());
        assertTrue(orders.oldestAgeMs() > 0);
    }

    private static long oldestAgeMs(final AdminClient admin, final String queue)
    {
        try
        {
            return admin.queue(queue).oldestAgeMs();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    @Test
    void shouldExportAndImportTextBytesAndMapMessagesByteForByte() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final byte[] everyByte = new byte[256];
        for (int i = 0; i < everyByte.length; i++)
        {
            everyByte[i] = (byte)i;
        }
        final byte[] large = new byte[4 * 1024 * 1024 + 1];
        Arrays.fill(large, (byte)7);
        final Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("text", "Grüße \uD83D\uDE00");
        entries.put("long", Long.MIN_VALUE);
        entries.put("double", 0.1);
        entries.put("raw", new byte[]{0, -1});
        entries.put("nothing", null);
        admin.sendMessage("orders", false, NewMessage.text("Grüße, \"quoted\"\n\u0001 \uD83D\uDE00")
            .jmsType("t").correlationId("c").replyTo("answers", true).priority(9).timeToLiveMs(3_600_000)
            .property("b", true).property("by", (byte)-1).property("s", (short)300).property("i", -5)
            .property("l", Long.MAX_VALUE).property("f", Float.NaN).property("d", 1e-300).property("str", "\u00e9"));
        admin.sendMessage("orders", false, NewMessage.bytes(everyByte).correlationIdBytes(new byte[]{1, 2}));
        admin.sendMessage("orders", false, NewMessage.map(entries).persistent(false));
        admin.sendMessage("orders", false, NewMessage.bytes(large).persistent(false));
        admin.sendMessage("orders", false, NewMessage.text(null));
        final Path file = dataDir.resolve("orders.jsonl");

        final int exported = admin.exportMessages("orders", null, file);
        final ImportResult imported = admin.importMessages(file, "orders.restored");

        assertEquals(5, exported);
        assertEquals(new ImportResult(5, 0), imported);
        final List<MessageInfo> originals = admin.browse("orders", null, 0, 10);
        final List<MessageInfo> copies = admin.browse("orders.restored", null, 0, 10);
        for (int i = 0; i < originals.size(); i++)
        {
            assertSameMessage(admin.getMessage("orders", originals.get(i).messageId(), 0, 4 * 1024 * 1024),
                admin.getMessage("orders.restored", copies.get(i).messageId(), 0, 4 * 1024 * 1024));
        }
        assertTrue(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).contains("\"version\":1"));
    }

    private static void assertSameMessage(final MessageDetail original, final MessageDetail copy)
    {
        assertEquals(original.bodyType(), copy.bodyType());
        assertEquals(original.bodySize(), copy.bodySize());
        assertArrayEquals(original.body(), copy.body(), original.messageId());
        assertEquals(original.type(), copy.type());
        assertEquals(original.correlationId(), copy.correlationId());
        assertArrayEquals(original.correlationIdBytes(), copy.correlationIdBytes());
        assertEquals(original.replyTo(), copy.replyTo());
        assertEquals(original.replyToType(), copy.replyToType());
        assertEquals(original.priority(), copy.priority());
        assertEquals(original.persistent(), copy.persistent());
        assertEquals(original.expiration() > 0, copy.expiration() > 0);
        assertEquals(original.properties().toString(), copy.properties().toString());
        assertEquals(original.properties().keySet(), copy.properties().keySet());
        original.properties().forEach((name, value) -> assertEquals(value.getClass(),
            copy.properties().get(name).getClass(), name));
    }

    @Test
    void shouldRefuseAMalformedFileNamingTheLineAndSendNothing() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final Path file = dataDir.resolve("bad.jsonl");
        Files.writeString(file, "{\"format\":\"aeolus-messages\",\"version\":1}\n" +
            "{\"bodyType\":\"TEXT\",\"body\":\"aGk=\"}\n" +
            "\n" +
            "{\"bodyType\":\"TEXT\",\"priority\":\"high\",\"body\":\"aGk=\"}\n");
        final Path newer = dataDir.resolve("newer.jsonl");
        Files.writeString(newer, "{\"format\":\"aeolus-messages\",\"version\":2}\n");
        final Path broken = dataDir.resolve("broken.jsonl");
        Files.writeString(broken, "{\"format\":\"aeolus-messages\",\"version\":1}\n{\"bodyType\":\"TEXT\",\n");

        final MessageFileException bad = assertThrows(MessageFileException.class,
            () -> admin.importMessages(file, "restored"));
        final MessageFileException version = assertThrows(MessageFileException.class,
            () -> admin.importMessages(newer, "restored"));
        final MessageFileException json = assertThrows(MessageFileException.class,
            () -> admin.importMessages(broken, "restored"));

        assertEquals(4, bad.line());
        assertTrue(bad.getMessage().contains("'priority'"), bad.getMessage());
        assertEquals(1, version.line());
        assertTrue(version.getMessage().contains("version 2"), version.getMessage());
        assertEquals(2, json.line());
        assertNull(admin.queue("restored"), "a malformed file must send nothing");
    }

    @Test
    void shouldRunTheNewOperationsThroughJmx() throws Exception
    {
        final AdminClient admin = start(EmbeddedBroker.isolatedContext(dataDir));
        final List<String> ids = send("orders", 2);
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name = broker.broker().managementName();
        final String[] strings = {"java.lang.String", "java.lang.String", "java.lang.String"};

        server.invoke(name, "pauseQueue", new Object[]{"orders"}, new String[]{"java.lang.String"});
        final boolean paused = admin.queue("orders").paused();
        server.invoke(name, "resumeQueue", new Object[]{"orders"}, new String[]{"java.lang.String"});
        final Object copied = server.invoke(name, "copyMessages", new Object[]{"orders", "orders.copy", ""}, strings);
        final String[] getSignature = {"java.lang.String", "java.lang.String", "long", "int"};
        final CompositeData message = (CompositeData)server.invoke(name, "getMessage",
            new Object[]{"orders", ids.get(0), 0L, 100}, getSignature);
        final String[] sendSignature = {"java.lang.String", "java.lang.String", "java.lang.String",
            "java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String", "boolean", "int", "long",
            "long"};
        final Object sentId = server.invoke(name, "sendMessage", new Object[]{"orders", "queue", "map", "k=v\nn=1",
            "t", "c", "colour=red", true, 5, 0L, 0L}, sendSignature);
        final Connection subscriber = connect();
        subscriber.setClientID("jmx-client");
        subscriber.createSession().createDurableSubscriber(subscriber.createSession().createTopic("prices"), "d")
            .close();
        server.invoke(name, "dropSubscription", new Object[]{"prices", "jmx-client", "d"}, strings);

        assertTrue(paused);
        assertFalse(admin.queue("orders").paused());
        assertEquals(2, copied);
        assertEquals("message 0", message.get("body"), message.toString());
        final MessageDetail sent = admin.getMessage("orders", (String)sentId, 0, 100);
        assertEquals(Map.of("k", "v", "n", "1"), AdminClient.mapBody(sent));
        assertEquals("red", sent.properties().get("colour"));
        assertTrue(admin.subscriptions().isEmpty());
    }
}
