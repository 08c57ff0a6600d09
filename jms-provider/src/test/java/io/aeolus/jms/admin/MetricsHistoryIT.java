package io.aeolus.jms.admin;

import io.aeolus.management.HistoryPoint;
import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.aeolus.jms.admin.AdminClientIT.awaitCondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in metrics history through the admin client, across a restart of the broker on the same data directory.
 * The brokers' wall clock runs ahead of the real one by an offset the test moves, so that a minute passes at once.
 */
@Timeout(120)
class MetricsHistoryIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long MINUTE_MS = 60_000;
    private static final int MESSAGES = 30;

    @TempDir
    Path dataDir;

    private final AtomicLong clockOffsetMs = new AtomicLong();

    @Test
    void shouldKeepTheOneMinutePointsAcrossARestart() throws Exception
    {
        final List<HistoryPoint> minutesBefore = new ArrayList<>();
        final long restartMs;
        try (EmbeddedBroker broker = start(context()); Connection connection = connect(broker))
        {
            send(connection, "orders", MESSAGES);
            try (AdminClient admin = new AdminClient(connection, TIMEOUT))
            {
                clockOffsetMs.addAndGet(MINUTE_MS);
                awaitCondition("a 1-minute point holding the messages",
                    () -> minutesBefore.addAll(withDepth(history(admin, "orders", "24h"), MESSAGES)));
                assertTrue(minutesBefore.get(0).inRatePerSec() > 0, minutesBefore.toString());
                assertEquals(0.0, minutesBefore.get(0).outRatePerSec());
                assertTrue(!history(admin, "", "24h").isEmpty(), "the broker as a whole");
            }
            restartMs = System.currentTimeMillis() + clockOffsetMs.get();
        }

        try (EmbeddedBroker broker = start(context()); Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            final List<HistoryPoint> minutesAfter = admin.history("orders", false, "24h");

            assertTrue(minutesAfter.containsAll(minutesBefore), minutesBefore + " in " + minutesAfter);
            assertTrue(!admin.history(null, false, "24h").isEmpty(), "the broker as a whole");
            for (final HistoryPoint point : admin.history("orders", false, "1m"))
            {
                assertTrue(point.timeMs() >= restartMs - 1000, "1 s points start afresh: " + point);
            }
        }
    }

    @Test
    void shouldKeepHistoryInMemoryOnlyWithoutPersistence() throws Exception
    {
        final Broker.Context memory = context().set(BrokerConfiguration.PERSISTENCE, "memory");
        try (EmbeddedBroker broker = start(memory); Connection connection = connect(broker))
        {
            send(connection, "orders", MESSAGES);
            try (AdminClient admin = new AdminClient(connection, TIMEOUT))
            {
                clockOffsetMs.addAndGet(MINUTE_MS);
                awaitCondition("a 1-minute point in memory",
                    () -> !withDepth(history(admin, "orders", "24h"), MESSAGES).isEmpty());
            }
        }

        try (EmbeddedBroker broker = start(context().set(BrokerConfiguration.PERSISTENCE, "memory"));
            Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            assertEquals(List.of(), admin.history(null, false, "24h"), "nothing survives a memory broker");
        }
    }

    private Broker.Context context()
    {
        return EmbeddedBroker.isolatedContext(dataDir)
            .clocks(() -> System.currentTimeMillis() + clockOffsetMs.get(), SystemNanoClock.INSTANCE);
    }

    private static EmbeddedBroker start(final Broker.Context context)
    {
        return EmbeddedBroker.start(context);
    }

    private static Connection connect(final EmbeddedBroker broker) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }

    private static void send(final Connection connection, final String queue, final int count) throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue)))
        {
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    private static List<HistoryPoint> history(final AdminClient admin, final String name, final String range)
    {
        try
        {
            return admin.history(name, false, range);
        }
        catch (final JMSException ex)
        {
            throw new AssertionError("history failed", ex);
        }
    }

    private static List<HistoryPoint> withDepth(final List<HistoryPoint> points, final long depth)
    {
        return points.stream().filter((point) -> point.depth() == depth).toList();
    }
}
