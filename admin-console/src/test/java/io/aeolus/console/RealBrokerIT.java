package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.backend.BackendListener;
import io.aeolus.console.backend.BodyType;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.DryRunResult;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.JobRequest;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.backend.OutgoingMessage;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.backend.TriageGrouping;
import io.aeolus.console.backend.TriageResult;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's {@link AdminClientBackend} against a real embedded broker (development mode: anonymous clients
 * may manage it). No UI.
 */
@Timeout(90)
class RealBrokerIT
{
    private static final String QUEUE = "console.it.orders";

    @TempDir
    Path dataDir;

    @Test
    void showsBrowsesAndPurgesARealQueue() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir.resolve("broker")))
        {
            send(broker.ipcUrl(), "one", "two", "three");
            final AdminClientBackend backend = new AdminClientBackend();
            final RecordingListener listener = new RecordingListener();
            backend.addListener(listener);
            try
            {
                backend.connect(broker.ipcUrl(), "", new char[0]);
                assertEquals(ConnectionState.CONNECTED, listener.states.poll(5, TimeUnit.SECONDS));

                assertEquals(3, queue(backend.destinations()).depth());
                final List<BrowsedMessage> messages = backend.browse(QUEUE, "", 0, 10);
                assertEquals(List.of("one", "two", "three"), bodies(messages));
                assertEquals(List.of("two"), bodies(backend.browse(QUEUE, "n = 2", 0, 10)));

                assertEquals(3, backend.purge(QUEUE).count());
                assertEquals(0, queue(backend.destinations()).depth());
                assertEquals(List.of(), backend.browse(QUEUE, "", 0, 10));
                assertNotNull(listener.metrics.poll(10, TimeUnit.SECONDS), "a metrics snapshot arrives");
            }
            finally
            {
                backend.close();
            }
        }
    }

    @Test
    void fetchesWholeBodiesAndObjectBytesThatABrowseCutsOrLeavesOut() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir.resolve("broker")))
        {
            final String big = "y".repeat(300_000);
            send(broker.ipcUrl(), big);
            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createProducer(session.createQueue(QUEUE))
                    .send(session.createObjectMessage(new java.util.ArrayList<>(List.of("a", "b"))));
            }
            final AdminClientBackend backend = new AdminClientBackend();
            try
            {
                backend.connect(broker.ipcUrl(), "", new char[0]);
                final List<BrowsedMessage> browsed = backend.browse(QUEUE, "", 0, 10);
                assertTrue(browsed.get(0).truncated(), "a browse cuts a 300,000-character body");
                assertTrue(!browsed.get(1).hasBodyBytes(), "a browse holds no bytes of an object body");

                final Path exported = dataDir.resolve("export.jsonl");
                assertEquals(2, backend.exportMessages(QUEUE, "", exported), "both messages exported");
                assertEquals(3, java.nio.file.Files.readAllLines(exported).size(), "a header line and one per message");

                final BrowsedMessage text = backend.withBody(QUEUE, browsed.get(0), 4 * 1024 * 1024);
                final BrowsedMessage object = backend.withBody(QUEUE, browsed.get(1), 4 * 1024 * 1024);
                final Path file = dataDir.resolve("body.txt");
                final long written = backend.saveBody(QUEUE, browsed.get(0), file);

                assertTrue(!text.truncated());
                assertEquals(big, new String(text.contentBytes(), java.nio.charset.StandardCharsets.UTF_8));
                assertEquals("java.util.ArrayList", object.bodyText());
                assertTrue(object.hasBodyBytes() && object.contentBytes().length > 0, "the serialized bytes");
                assertEquals(300_000, written);
                assertEquals(big, java.nio.file.Files.readString(file));
            }
            finally
            {
                backend.close();
            }
        }
    }

    @Test
    void reportsDisconnectedWhenTheBrokerGoesAway() throws Exception
    {
        final AdminClientBackend backend = new AdminClientBackend();
        final RecordingListener listener = new RecordingListener();
        backend.addListener(listener);
        try
        {
            try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir.resolve("gone")))
            {
                backend.connect(broker.ipcUrl(), "", new char[0]);
                assertEquals(ConnectionState.CONNECTED, listener.states.poll(5, TimeUnit.SECONDS));
            }
            assertEquals(ConnectionState.DISCONNECTED, listener.states.poll(30, TimeUnit.SECONDS));
        }
        finally
        {
            backend.close();
        }
    }

    @Test
    void listsAndClosesConnectionsAndListsSubscriptionsAndSystemDestinations() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir.resolve("connections"));
            Connection app = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            app.setClientID("it-app");
            final CountDownLatch closed = new CountDownLatch(1);
            app.setExceptionListener((ex) -> closed.countDown());
            final Session session = app.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableSubscriber(session.createTopic("it.prices"), "audit", "venue = 'X'", false);
            session.createProducer(session.createQueue(QUEUE));
            final AdminClientBackend backend = new AdminClientBackend();
            try
            {
                backend.connect(broker.ipcUrl(), "", new char[0]);

                final List<ConnectionInfo> connections = backend.connections();
                final ConnectionInfo appRow = connection(connections, "it-app");
                assertEquals(1, appRow.sessions());
                assertEquals(1, appRow.consumers());
                assertEquals(1, appRow.producers());
                assertTrue(connections.stream().anyMatch((row) -> row.clientId().equals(backend.ownClientId()) &&
                    row.clientId().startsWith(AdminClientBackend.CLIENT_ID_PREFIX)), connections.toString());

                final SubscriptionInfo audit = backend.subscriptions().get(0);
                assertEquals(List.of("it.prices", "audit", "it-app", "venue = 'X'"),
                    List.of(audit.topic(), audit.name(), audit.clientId(), audit.selector()));
                assertTrue(audit.durable());

                final List<DestinationInfo> destinations = backend.destinations();
                assertTrue(destinations.stream().anyMatch((d) -> SystemDestinations.MANAGEMENT_QUEUE.equals(d.name())));
                assertTrue(destinations.stream().anyMatch((d) -> d.temporary() && SystemDestinations.isSystem(d)),
                    "the console's own reply queue is listed as temporary: " + destinations);

                backend.closeConnection(appRow.id());
                assertTrue(closed.await(10, TimeUnit.SECONDS), "the closed client's ExceptionListener hears of it");
            }
            finally
            {
                backend.close();
            }
        }
    }

    @Test
    void sendsMessagesWithAPlainProducerThatBrowseShows() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir.resolve("send")))
        {
            final AdminClientBackend backend = new AdminClientBackend();
            try
            {
                backend.connect(broker.ipcUrl(), "", new char[0]);
                final Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("region", "eu");
                properties.put("attempt", 2);
                backend.sendMessage(new OutgoingMessage(QUEUE, DestinationType.QUEUE, BodyType.TEXT, "{\"a\":1}", null,
                    Map.of(), "OrderPlaced", "cart-7", properties, true, 7, 0, 0));
                final byte[] bytes = "raw\u0000bytes".getBytes(StandardCharsets.ISO_8859_1);
                backend.sendMessage(new OutgoingMessage(QUEUE, DestinationType.QUEUE, BodyType.BYTES, "", bytes,
                    Map.of(), "", "", Map.of(), false, 4, 60_000, 0));

                final List<BrowsedMessage> messages = backend.browse(QUEUE, "", 0, 10);
                assertEquals(2, messages.size());
                final BrowsedMessage text = messages.get(0);
                assertEquals("{\"a\":1}", text.bodyText());
                assertEquals("OrderPlaced", text.headers().get("JMSType"));
                assertEquals("cart-7", text.headers().get("JMSCorrelationID"));
                assertEquals("7", text.headers().get("JMSPriority"));
                assertEquals("PERSISTENT", text.headers().get("JMSDeliveryMode"));
                assertEquals("eu", text.properties().get("region"));
                assertEquals("2", text.properties().get("attempt"));
                final BrowsedMessage raw = messages.get(1);
                assertEquals(BodyType.BYTES, raw.bodyType());
                assertArrayEquals(bytes, raw.bodyBytes());
                assertEquals("NON_PERSISTENT", raw.headers().get("JMSDeliveryMode"));
            }
            finally
            {
                backend.close();
            }
        }
    }

    @Test
    void triagesDeadLettersAndReadsTheHistoryOfARealBroker() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir.resolve("triage")))
        {
            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("DLQ.it.orders"));
                for (int i = 0; i < 6; i++)
                {
                    final jakarta.jms.TextMessage message = session.createTextMessage("dead " + i);
                    message.setStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION", "it.orders");
                    message.setStringProperty("errorCode", i < 4 ? "E-STOCK" : "E-PRICE");
                    producer.send(message);
                }
            }
            final AdminClientBackend backend = new AdminClientBackend();
            try
            {
                backend.connect(broker.ipcUrl(), "", new char[0]);

                final TriageResult triage = backend.triage("DLQ.it.orders", TriageGrouping.PROPERTY, "errorCode", 12);
                final List<HistoryPoint> history = backend.history("DLQ.it.orders", false, HistoryRange.ONE_MINUTE);

                assertEquals(6, triage.total());
                assertEquals(List.of("E-STOCK", "E-PRICE"), triage.groups().stream().map(TriageGroup::key).toList());
                assertEquals(12, triage.groups().get(0).histogram().size());
                assertEquals("errorCode = 'E-STOCK'", triage.groups().get(0).selector());
                assertEquals(new DryRunResult(4, 0, 0), backend.dryRun(new JobRequest(JobKind.RETRY, "DLQ.it.orders",
                    "", triage.groups().get(0).selector(), null, 0)));
                assertTrue(history.stream().allMatch((point) -> point.depth() <= 6), history.toString());
            }
            finally
            {
                backend.close();
            }
        }
    }

    @Test
    void refusesToSendWhenNotConnected()
    {
        final AdminClientBackend backend = new AdminClientBackend();
        try
        {
            final JMSException refused = assertThrows(JMSException.class,
                () -> backend.sendMessage(new OutgoingMessage(QUEUE, DestinationType.QUEUE, BodyType.TEXT, "x",
                    null, Map.of(), "", "", Map.of(), true, 4, 0, 0)));
            assertEquals("not connected to a broker", refused.getMessage());
        }
        finally
        {
            backend.close();
        }
    }

    private static ConnectionInfo connection(final List<ConnectionInfo> connections, final String clientId)
    {
        return connections.stream().filter((row) -> clientId.equals(row.clientId())).findFirst()
            .orElseThrow(() -> new AssertionError(clientId + " not listed in " + connections));
    }

    private static void send(final String url, final String... bodies) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            int n = 1;
            for (final String body : bodies)
            {
                final jakarta.jms.TextMessage message = session.createTextMessage(body);
                message.setIntProperty("n", n++);
                producer.send(message);
            }
        }
    }

    private static DestinationInfo queue(final List<DestinationInfo> destinations)
    {
        for (final DestinationInfo destination : destinations)
        {
            if (QUEUE.equals(destination.name()))
            {
                return destination;
            }
        }
        throw new AssertionError(QUEUE + " not listed in " + destinations);
    }

    private static List<String> bodies(final List<BrowsedMessage> messages)
    {
        final List<String> bodies = new ArrayList<>();
        for (final BrowsedMessage message : messages)
        {
            bodies.add(message.bodyText());
        }
        return bodies;
    }

    private static final class RecordingListener implements BackendListener
    {
        private final BlockingQueue<ConnectionState> states = new LinkedBlockingQueue<>();
        private final BlockingQueue<MetricsSnapshot> metrics = new LinkedBlockingQueue<>();

        @Override
        public void onMetrics(final MetricsSnapshot snapshot)
        {
            metrics.offer(snapshot);
        }

        @Override
        public void onConnectionState(final ConnectionState state, final String detail)
        {
            states.offer(state);
        }
    }
}
