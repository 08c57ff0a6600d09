package io.aeolus.jms.streaming;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetainedPage;
import io.aeolus.management.RetentionInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention on queues through the JMS API and management (#17 item 4, round 2): a queue with retention keeps what it
 * is given after its consumers took it; a consumer of {@code <queue>?start=...} reads that history (then what comes)
 * without taking anything from the queue; a replay copies a time range of it into another queue; the size bound
 * drops the oldest first; management lists it; a restart keeps it; bad input is refused, named.
 */
@Timeout(90)
class QueueRetentionIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepConsumedMessagesAndGiveThemToAHistoryReaderWithoutTakingFromTheQueue() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            final JMSConsumer worker = context.createConsumer(context.createQueue("orders"));
            send(context, DeliveryMode.PERSISTENT, "o1", "o2");
            send(context, DeliveryMode.NON_PERSISTENT, "o3");
            assertEquals(List.of("o1", "o2", "o3"), receive(worker, 3));

            final JMSConsumer history = context.createConsumer(context.createQueue("orders?start=earliest"));
            final JMSConsumer fromNow = context.createConsumer(context.createQueue("orders?start=now"));
            final JMSConsumer selective = context.createConsumer(context.createQueue("orders?start=-1h"),
                "id <> 'o2'");
            assertEquals(List.of("o1", "o2", "o3"), receive(history, 3));
            assertEquals(List.of("o1", "o3"), receive(selective, 2));
            send(context, DeliveryMode.PERSISTENT, "o4");

            assertEquals(List.of("o4"), receive(worker, 1));
            assertEquals(List.of("o4"), receive(history, 1));
            assertEquals(List.of("o4"), receive(fromNow, 1));
            assertEquals(List.of("o4"), receive(selective, 1));
            assertNull(worker.receive(ABSENT_MS), "the readers gave nothing back to the queue");
            assertNull(history.receive(ABSENT_MS));

            final RetentionInfo info = row(new AdminRetention(admin(connection)).list(), "orders");
            assertTrue(info.isQueue(), info.toString());
            assertEquals(4, info.retainedCount(), info.toString());
            assertTrue(info.retainedBytes() > 0, info.toString());
            assertTrue(info.oldestMs() > 0 && info.oldestMs() <= info.newestMs(), info.toString());
        }
    }

    @Test
    void shouldReplayAQueuesRetainedMessagesIntoAnotherQueue() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            send(context, DeliveryMode.PERSISTENT, "o1", "o2", "o3");
            final JMSConsumer worker = context.createConsumer(context.createQueue("orders"));
            assertEquals(List.of("o1", "o2", "o3"), receive(worker, 3));
            final AdminRetention retention = new AdminRetention(admin(connection));

            final ReplayInfo replay = retention.replay("orders", "audit", "-1h", null);
            awaitTrue(() -> finished(retention, replay.id()), "replay finished");

            final JMSConsumer audit = context.createConsumer(context.createQueue("audit"));
            final List<Message> copies = receiveMessages(audit, 3);
            assertEquals(List.of("o1", "o2", "o3"), ids(copies));
            assertEquals("queue:orders", copies.get(0).getStringProperty("AEOLUS_REPLAYED_FROM"));
            assertEquals(3, retention.replay(replay.id()).replayed());
            assertNull(worker.receive(ABSENT_MS), "the replay took nothing back into the source queue");
        }
    }

    @Test
    void shouldDropTheOldestRetainedMessagesOverTheSize() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "0", "4k"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            final JMSConsumer worker = context.createConsumer(context.createQueue("orders"));
            final String padding = "x".repeat(900);
            for (int n = 0; n < 20; n++)
            {
                context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setProperty("id", "o" + n)
                    .send(context.createQueue("orders"), padding);
            }
            assertEquals(20, receive(worker, 20).size());
            final RetentionInfo info = row(new AdminRetention(admin(connection)).list(), "orders");
            assertTrue(info.retainedBytes() <= 4096 && info.retainedCount() > 0 && info.retainedCount() < 20,
                info.toString());

            final JMSConsumer history = context.createConsumer(context.createQueue("orders?start=earliest"));
            final List<String> kept = receive(history, (int)info.retainedCount());
            final List<String> newest = new ArrayList<>();
            for (long n = 20 - info.retainedCount(); n < 20; n++)
            {
                newest.add("o" + n);
            }
            assertEquals(newest, kept, "the newest are kept, the oldest dropped");
            assertNull(history.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldKeepAQueuesRetainedMessagesAcrossARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            send(context, DeliveryMode.PERSISTENT, "o1", "o2", "o3");
            send(context, DeliveryMode.NON_PERSISTENT, "gone");
            assertEquals(List.of("o1", "o2", "o3", "gone"),
                receive(context.createConsumer(context.createQueue("orders")), 4));
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            final RetentionInfo info = row(new AdminRetention(admin(connection)).list(), "orders");
            assertEquals(3, info.retainedCount(), "persistent ones only: " + info);
            final JMSConsumer history = context.createConsumer(context.createQueue("orders?start=earliest"));
            assertEquals(List.of("o1", "o2", "o3"), receive(history, 3));
            assertNull(history.receive(ABSENT_MS));
            assertNull(context.createConsumer(context.createQueue("orders")).receive(ABSENT_MS),
                "consumed messages stay consumed");
        }
    }

    @Test
    void shouldPageThroughARetainedQueueThroughManagement() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            for (int n = 0; n < 25; n++)
            {
                send(context, n % 5 == 4 ? DeliveryMode.NON_PERSISTENT : DeliveryMode.PERSISTENT, "o" + n);
            }
            assertEquals(25, receive(context.createConsumer(context.createQueue("orders")), 25).size());
            final AdminRetention retention = new AdminRetention(admin(connection));

            final List<String> seen = new ArrayList<>();
            RetainedPage page = retention.retained("orders", null, -1, 10);
            final List<Integer> sizes = new ArrayList<>();
            while (true)
            {
                sizes.add(page.messages().size());
                for (final MessageInfo message : page.messages())
                {
                    seen.add(String.valueOf(message.properties().get("id")));
                    assertEquals(message.properties().get("id"), message.body(), "body preview");
                }
                if (page.isLast())
                {
                    break;
                }
                page = retention.retained("queue:orders", null, page.next(), 10);
            }

            final List<String> all = new ArrayList<>();
            for (int n = 0; n < 25; n++)
            {
                all.add("o" + n);
            }
            assertEquals(all, seen, "every retained message once, oldest first, paged " + sizes);
            assertEquals(List.of(10, 10, 5), sizes);
            assertEquals(25, page.retention().retainedCount(), page.retention().toString());
            assertTrue(page.retention().isQueue());
            assertTrue(page.retainedMs().get(0) >= page.retention().oldestMs());
            assertEquals(0, retention.retained("orders", "2099-01-01T00:00:00Z", -1, 10).messages().size());
            assertEquals(25, retention.retained("orders", "-1h", -1, 100).messages().size());
            assertRefusedJms(() -> retention.retained("orders", "soon", -1, 10), "'from'");
            assertRefusedJms(() -> retention.retained("orders", null, -1, 5000), "'limit'");
            assertRefusedJms(() -> retention.retained("queue:nowhere", null, -1, 10), "'nowhere' does not exist");

            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName name = broker.broker().managementName();
            final CompositeData[] listed = (CompositeData[])server.invoke(name, "listRetention", null, null);
            assertEquals(1, listed.length);
            assertEquals("queue", listed[0].get("kind"));
            assertEquals(25L, listed[0].get("retainedCount"));
            final String[] signature = {String.class.getName(), String.class.getName(), long.class.getName(),
                int.class.getName()};
            final CompositeData[] first = (CompositeData[])server.invoke(name, "browseRetained",
                new Object[]{"orders", "", -1L, 3}, signature);
            final CompositeData[] second = (CompositeData[])server.invoke(name, "browseRetained",
                new Object[]{"orders", "", first[2].get("sequence"), 3}, signature);
            assertEquals(3, first.length);
            assertEquals("o0", first[0].get("body"));
            assertEquals("o3", second[0].get("body"));
        }
    }

    @Test
    void shouldRefuseBadInputNamingIt() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            Connection connection = connect(broker))
        {
            context.createConsumer(context.createQueue("plain")).close();
            context.createConsumer(context.createQueue("orders")).close();
            final AdminRetention retention = new AdminRetention(admin(connection));

            assertRefused(() -> context.createConsumer(context.createQueue("plain?start=earliest")),
                "queue 'plain' retains nothing");
            assertRefused(() -> context.createConsumer(context.createQueue("nowhere?start=earliest")),
                "queue 'nowhere' does not exist");
            assertRefused(() -> context.createConsumer(context.createQueue("orders?start=yesterday")),
                "start='yesterday'");
            assertRefused(() -> context.createBrowser(context.createQueue("orders?start=earliest")),
                "not a browser");
            assertRefusedJms(() -> retention.replay("queue:nowhere", "q", "-1h", null), "'nowhere' does not exist");
            assertRefusedJms(() -> retention.replay("queue:plain", "q", "-1h", null), "has no retention");
            assertRefusedJms(() -> retention.replay("orders", "orders", "-1h", null), "into itself");
            assertRefusedJms(() -> retention.replay("orders", "q", "-1m", "-1h"), "before 'from'");
        }
        final Broker.Context negative = EmbeddedBroker.isolatedContext(dataDir.resolve("bad"))
            .destinationSetting("orders", "retention.time", "-1h");
        final Exception ex = assertThrows(Exception.class, () -> EmbeddedBroker.start(negative).close());
        assertTrue(String.valueOf(ex.getMessage()).contains("retention.time"), String.valueOf(ex.getMessage()));
    }

    private static Broker.Context retained(final Path dataDir, final String time, final String size)
    {
        return EmbeddedBroker.isolatedContext(dataDir).destinationSetting("orders", "retention.time", time)
            .destinationSetting("orders", "retention.size", size);
    }

    private static Connection connect(final EmbeddedBroker broker) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }

    private static AdminClient admin(final Connection connection) throws JMSException
    {
        return new AdminClient(connection, TIMEOUT);
    }

    private static RetentionInfo row(final List<RetentionInfo> rows, final String name)
    {
        for (final RetentionInfo row : rows)
        {
            if (row.name().equals(name))
            {
                return row;
            }
        }
        throw new AssertionError("no retention row for " + name + " in " + rows);
    }

    private static void send(final JMSContext context, final int deliveryMode, final String... ids)
    {
        for (final String id : ids)
        {
            context.createProducer().setDeliveryMode(deliveryMode).setProperty("id", id)
                .send(context.createQueue("orders"), id);
        }
    }

    private static List<String> receive(final JMSConsumer consumer, final int count) throws JMSException
    {
        return ids(receiveMessages(consumer, count));
    }

    private static List<Message> receiveMessages(final JMSConsumer consumer, final int count)
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "message " + (i + 1) + " of " + count + " not received");
            messages.add(message);
        }
        return messages;
    }

    private static List<String> ids(final List<Message> messages) throws JMSException
    {
        final List<String> ids = new ArrayList<>();
        for (final Message message : messages)
        {
            ids.add(message.getStringProperty("id"));
        }
        return ids;
    }

    private static boolean finished(final AdminRetention retention, final long id)
    {
        try
        {
            return retention.replay(id).isFinished();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void awaitTrue(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void assertRefused(final Runnable call, final String expected)
    {
        final InvalidDestinationRuntimeException ex = assertThrows(InvalidDestinationRuntimeException.class,
            call::run);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    private static void assertRefusedJms(final Call call, final String expected)
    {
        final JMSException ex = assertThrows(JMSException.class, call::run);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @FunctionalInterface
    private interface Call
    {
        void run() throws Exception;
    }
}
