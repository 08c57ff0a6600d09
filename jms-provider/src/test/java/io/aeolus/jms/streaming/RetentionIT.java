package io.aeolus.jms.streaming;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRetention;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetentionInfo;
import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event streaming through the JMS API (#17 item 4): a topic with retention keeps its messages after delivery; a new
 * subscription starts from the earliest, from a time, from a span ago or from now (durable ones only when created);
 * retention by time and by size; a replay of a time range into a queue; all of it across a restart; bad options
 * refused, naming them.
 */
@Timeout(90)
class RetentionIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void shouldStartANonDurableSubscriptionFromTheEarliestRetainedMessage() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer live = context.createConsumer(context.createTopic("events"));
            publish(context, "e1", "e2", "e3");
            assertEquals(List.of("e1", "e2", "e3"), receive(live, 3));

            final JMSConsumer late = context.createConsumer(context.createTopic("events?start=earliest"));
            final JMSConsumer now = context.createConsumer(context.createTopic("events?start=now"));
            final JMSConsumer plain = context.createConsumer(context.createTopic("events"));
            publish(context, "e4");

            assertEquals(List.of("e1", "e2", "e3", "e4"), receive(late, 4));
            assertEquals(List.of("e4"), receive(now, 1));
            assertEquals(List.of("e4"), receive(plain, 1));
            assertEquals(List.of("e4"), receive(live, 1));
            assertNull(late.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldStartFromATimeOrASpanAgoAndApplyTheSelector() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            publish(context, "old1", "old2");
            final Instant between = clockPast(Instant.now().plusMillis(50));
            clockPast(between.plusMillis(50));
            publish(context, "new1", "new2");

            final JMSConsumer fromTime = context.createConsumer(context.createTopic("events?start=" + between));
            final JMSConsumer lastHour = context.createConsumer(context.createTopic("events?start=-1h"));
            final JMSConsumer selective = context.createConsumer(context.createTopic("events?start=earliest"),
                "id LIKE 'new%'");

            assertEquals(List.of("new1", "new2"), receive(fromTime, 2));
            assertEquals(List.of("old1", "old2", "new1", "new2"), receive(lastHour, 4));
            assertEquals(List.of("new1", "new2"), receive(selective, 2));
            assertNull(fromTime.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldGiveADurableSubscriptionItsStartPositionOnlyWhenItIsCreated() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.setClientID("analytics");
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            publish(session, "e1", "e2");

            MessageConsumer durable = session.createDurableConsumer(session.createTopic("events?start=earliest"), "d");
            assertEquals(List.of("e1", "e2"), receive(durable, 2));
            durable.close();
            publish(session, "e3");
            durable = session.createDurableConsumer(session.createTopic("events?start=earliest"), "d");

            assertEquals(List.of("e3"), receive(durable, 1));
            assertNull(durable.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldKeepRetainedMessagesAndDurableStartsAcrossARestart() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.setClientID("analytics");
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            publish(session, "e1", "e2");
            session.createDurableConsumer(session.createTopic("events?start=earliest"), "d").close();
            publish(session, "e3");
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.setClientID("analytics");
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer durable = session.createDurableConsumer(session.createTopic("events"), "d");
            final MessageConsumer late = session.createConsumer(session.createTopic("events?start=earliest"));
            final RetentionInfo info = new AdminRetention(new AdminClient(connection, TIMEOUT)).list().get(0);

            assertEquals(List.of("e1", "e2", "e3"), receive(durable, 3));
            assertEquals(List.of("e1", "e2", "e3"), receive(late, 3));
            assertEquals("events", info.topic());
            assertEquals(3, info.retainedCount());
            assertTrue(info.retainedBytes() > 0, info.toString());
            assertEquals(3_600_000, info.retentionMs());
        }
    }

    @Test
    void shouldDropTheOldestWhenOverTheRetentionSize() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "0", "2k"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final String padding = "x".repeat(300);
            for (int i = 0; i < 20; i++)
            {
                final Message message = session.createTextMessage(padding);
                message.setStringProperty("id", "m" + i);
                session.createProducer(session.createTopic("events")).send(message);
            }
            final RetentionInfo info = new AdminRetention(new AdminClient(connection, TIMEOUT)).list().get(0);
            final MessageConsumer late = session.createConsumer(session.createTopic("events?start=earliest"));
            final List<String> ids = receive(late, (int)info.retainedCount());

            assertTrue(info.retainedBytes() <= 2048, info.toString());
            assertTrue(info.retainedCount() > 0 && info.retainedCount() < 20, info.toString());
            assertEquals(20 - info.retainedCount(), info.droppedTotal());
            assertEquals("m19", ids.get(ids.size() - 1));
            assertEquals("m" + (20 - info.retainedCount()), ids.get(0));
            assertNull(late.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldDropMessagesOlderThanTheRetentionTime() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "300ms", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final AdminRetention retention = new AdminRetention(new AdminClient(connection, TIMEOUT));
            publish(session, "e1", "e2");

            awaitTrue(() -> call(() -> retention.list().get(0).retainedCount() == 0), "retained messages dropped");
            final MessageConsumer late = session.createConsumer(session.createTopic("events?start=earliest"));

            assertNull(late.receive(ABSENT_MS));
            assertEquals(2, retention.list().get(0).droppedTotal());
        }
    }

    @Test
    void shouldReplayATimeRangeIntoAQueue() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final AdminRetention retention = new AdminRetention(new AdminClient(connection, TIMEOUT));
            publish(session, "old");
            final Instant from = clockPast(Instant.now().plusMillis(50));
            clockPast(from.plusMillis(50));
            publish(session, "r1", "r2", "r3");

            final ReplayInfo started = retention.replay("events", "analytics", from.toString(), null);
            awaitTrue(() -> call(() -> retention.replay(started.id()).isFinished()), "replay finished");
            final ReplayInfo done = retention.replay(started.id());
            final MessageConsumer queue = session.createConsumer(session.createQueue("analytics"));
            final List<Message> replayed = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                replayed.add(queue.receive(RECEIVE_MS));
            }

            assertEquals(3, started.total());
            assertEquals("done", done.state());
            assertEquals(3, done.replayed());
            assertEquals(List.of("r1", "r2", "r3"), ids(replayed));
            assertEquals("events", replayed.get(0).getStringProperty("AEOLUS_REPLAYED_FROM"));
            assertNull(queue.receive(ABSENT_MS));
        }
    }

    @Test
    void shouldReplayThroughJmx() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            publish(context, "j1", "j2");
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName name = broker.broker().managementName();

            final CompositeData[] retained = (CompositeData[])server.invoke(name, "listRetention", null, null);
            final long id = (Long)server.invoke(name, "replay", new Object[]{"events", "jmx.replay", "-1h", ""},
                new String[]{"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String"});
            final JMSConsumer queue = context.createConsumer(context.createQueue("jmx.replay"));

            final ObjectName topic = topicMBean(server, name, "events");
            assertEquals(1, retained.length);
            assertEquals(2L, retained[0].get("retainedCount"));
            assertEquals(2L, server.getAttribute(topic, "RetainedCount"));
            assertEquals(3_600_000L, server.getAttribute(topic, "RetentionMs"));
            assertTrue((Long)server.getAttribute(topic, "RetainedBytes") > 0);
            assertEquals(0, server.getAttribute(topic, "Subscriptions"), "the retention tap is no subscription");
            assertEquals(List.of("j1", "j2"), receive(queue, 2));
            final CompositeData[] replays = (CompositeData[])server.invoke(name, "listReplays", null, null);
            assertEquals(id, replays[0].get("id"));
        }
    }

    @Test
    void shouldDeleteARetainedTopicWithWhatItRetains() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final AdminClient admin = new AdminClient(connection, TIMEOUT);
            publish(session, "e1", "e2");

            admin.deleteDestination("events", true);
            publish(session, "e3");
            final MessageConsumer late = session.createConsumer(session.createTopic("events?start=earliest"));

            assertEquals(List.of("e3"), receive(late, 1), "what the deleted topic retained went with it");
            assertNull(late.receive(ABSENT_MS));
            assertEquals(1, new AdminRetention(admin).list().get(0).retainedCount());
        }
    }

    @Test
    void shouldRefuseBadStartOptionsAndReplays() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(retained(dataDir, "1h", "0"));
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final AdminRetention retention = new AdminRetention(new AdminClient(connection, TIMEOUT));

            assertRefused(() -> session.createConsumer(session.createTopic("events?start=yesterday")), "yesterday");
            assertRefused(() -> session.createConsumer(session.createTopic("events?from=1")), "'from'");
            assertRefused(() -> session.createConsumer(session.createTopic("events?start=now&start=now")), "twice");
            final JMSRuntimeException send = assertThrows(InvalidDestinationRuntimeException.class,
                () -> context.createProducer().send(context.createTopic("events?start=earliest"), "x"));
            assertTrue(send.getMessage().contains("options for consumers"), send.getMessage());
            assertRefused(() -> retention.replay("nowhere", "q", "-1h", null), "'nowhere' does not exist");
            context.createConsumer(context.createTopic("plain")).close();
            assertRefused(() -> retention.replay("plain", "q", "-1h", null), "has no retention");
            assertRefused(() -> retention.replay("events", "q", "last tuesday", null), "'from'");
            assertRefused(() -> retention.replay("events", "q", "-1m", "-1h"), "before 'from'");
            final InvalidDestinationException invalid = assertThrows(InvalidDestinationException.class,
                () -> session.createConsumer(session.createTopic("events?start=")));
            assertTrue(invalid.getMessage().contains("start=''"), invalid.getMessage());
        }
    }

    private static ObjectName topicMBean(final MBeanServer server, final ObjectName broker, final String topic)
        throws Exception
    {
        final String instance = broker.getKeyProperty("instance");
        final ObjectName name = new ObjectName("io.aeolus:type=Topic,name=" + ObjectName.quote(topic) +
            (null == instance ? "" : ",instance=" + instance));
        awaitTrue(() -> server.isRegistered(name), "topic MBean " + name);
        return name;
    }

    private static Broker.Context retained(final Path dataDir, final String time, final String size)
    {
        return EmbeddedBroker.isolatedContext(dataDir).destinationSetting("events", "retention.time", time)
            .destinationSetting("events", "retention.size", size);
    }

    private static void publish(final JMSContext context, final String... ids)
    {
        for (final String id : ids)
        {
            context.createProducer().setProperty("id", id).send(context.createTopic("events"), id);
        }
    }

    private static void publish(final Session session, final String... ids) throws JMSException
    {
        for (final String id : ids)
        {
            final Message message = session.createTextMessage(id);
            message.setStringProperty("id", id);
            session.createProducer(session.createTopic("events")).send(message);
        }
    }

    private static List<String> receive(final JMSConsumer consumer, final int count) throws JMSException
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertTrue(null != message, "message " + (i + 1) + " of " + count + " not received");
            messages.add(message);
        }
        return ids(messages);
    }

    private static List<String> receive(final MessageConsumer consumer, final int count) throws JMSException
    {
        final List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertTrue(null != message, "message " + (i + 1) + " of " + count + " not received");
            messages.add(message);
        }
        return ids(messages);
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

    /**
     * Waits, on the wall clock, until it is past a time; returns that time.
     */
    private static Instant clockPast(final Instant time)
    {
        awaitTrue(() -> Instant.now().isAfter(time), "clock past " + time);
        return time;
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

    private static boolean call(final Check check)
    {
        try
        {
            return check.test();
        }
        catch (final JMSException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void assertRefused(final Call call, final String expected)
    {
        final JMSException ex = assertThrows(JMSException.class, call::run);
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    @FunctionalInterface
    private interface Call
    {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface Check
    {
        boolean test() throws JMSException;
    }
}
