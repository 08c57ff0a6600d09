package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.backend.BackendListener;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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

                assertEquals(3, backend.purge(QUEUE));
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
