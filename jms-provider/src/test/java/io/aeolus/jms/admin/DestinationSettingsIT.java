package io.aeolus.jms.admin;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.DestinationInfo;
import io.aeolus.management.SettingInfo;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A destination's own settings through management (issue #20, item 1): created with them, listed, changed, reset,
 * refused when unknown, bad or not applicable, audited; and the same through JMX.
 */
@Timeout(90)
class DestinationSettingsIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldCreateAQueueWithItsOwnSettingsAndApplyThemToItsMessages() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            admin.createQueue("ds.orders", settings("max.delivery.attempts", "1", "dead.letter.queue", "ds.failed"));

            send(connection, "ds.orders");
            try (Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue("ds.orders")))
            {
                assertNotNull(consumer.receive(10_000));
                session.rollback();
            }

            AdminClientIT.awaitCondition("the dead letter in ds.failed", () -> depth(admin, "ds.failed") == 1);
            final Map<String, SettingInfo> listed = byName(admin.destinationSettings("ds.orders", false));
            assertEquals(new SettingInfo("max.delivery.attempts", "1", true), listed.get("max.delivery.attempts"));
            assertEquals(new SettingInfo("dead.letter.queue", "ds.failed", true), listed.get("dead.letter.queue"));
            assertEquals(new SettingInfo("redelivery.delay", "0ms", false), listed.get("redelivery.delay"));
            assertEquals(0, depth(admin, "ds.orders"));
        }
    }

    @Test
    void shouldChangeAndResetTheSettingsOfAnExistingDestination() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            admin.createQueue("ds.jobs");
            admin.createTopic("ds.prices", settings("memory.limit", "1m"));

            final Map<String, SettingInfo> set = byName(admin.setDestinationSettings("ds.jobs", false,
                settings("max.delivery.attempts", "4", "expiry.queue", "ds.expired")));
            final Map<String, SettingInfo> partly = byName(admin.resetDestinationSettings("ds.jobs", false,
                List.of("expiry.queue")));
            final Map<String, SettingInfo> topic = byName(admin.destinationSettings("ds.prices", true));
            final Map<String, SettingInfo> reset = byName(admin.resetDestinationSettings("ds.jobs", false,
                List.of()));

            assertEquals(new SettingInfo("max.delivery.attempts", "4", true), set.get("max.delivery.attempts"));
            assertEquals(new SettingInfo("expiry.queue", "ds.expired", true), set.get("expiry.queue"));
            assertEquals(new SettingInfo("expiry.queue", "", false), partly.get("expiry.queue"));
            assertEquals(new SettingInfo("max.delivery.attempts", "4", true), partly.get("max.delivery.attempts"));
            assertEquals(new SettingInfo("memory.limit", "1048576", true), topic.get("memory.limit"));
            assertEquals(new SettingInfo("max.delivery.attempts", "10", false), reset.get("max.delivery.attempts"));
        }
    }

    @Test
    void shouldRefuseUnknownSettingsBadValuesAndChangesThatCannotApply() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            admin.createTopic("ds.events", settings("retention.time", "1h"));

            final JMSException unknown = assertThrows(JMSException.class,
                () -> admin.createQueue("ds.new", settings("max.attempts", "3")));
            final JMSException bad = assertThrows(JMSException.class,
                () -> admin.createQueue("ds.new", settings("memory.limit", "lots")));
            final JMSException retention = assertThrows(IllegalStateException.class,
                () -> admin.setDestinationSettings("ds.events", true, settings("retention.time", "2h")));
            final JMSException exists = assertThrows(IllegalStateException.class,
                () -> admin.createTopic("ds.events", settings("memory.limit", "1m")));

            assertTrue(unknown.getMessage().contains("unknown setting 'max.attempts': expected one of "),
                unknown.getMessage());
            assertTrue(bad.getMessage().contains("setting 'memory.limit': not a size: 'lots'"), bad.getMessage());
            assertTrue(retention.getMessage().contains("cannot change on the existing topic 'ds.events'"),
                retention.getMessage());
            assertTrue(exists.getMessage().contains("topic 'ds.events' exists already"), exists.getMessage());
            assertTrue(admin.destinations().stream().noneMatch((d) -> d.name().equals("ds.new")));
            final Path auditFile = dataDir.resolve("audit.log");
            AdminClientIT.awaitCondition("the audit of the refused change", () -> lines(auditFile).stream()
                .anyMatch((line) -> line.contains("operation=setDestinationSettings")));
            final List<String> audited = lines(auditFile);
            assertTrue(audited.stream().anyMatch((line) -> line.contains("operation=setDestinationSettings") &&
                line.contains("setting.retention.time=2h") && line.contains("outcome=\"ILLEGAL_STATE: ")),
                String.join("\n", audited));
            assertTrue(audited.stream().anyMatch((line) -> line.contains("operation=createTopic") &&
                line.contains("setting.retention.time=1h") && line.contains("outcome=\"OK\"")),
                String.join("\n", audited));
        }
    }

    @Test
    void shouldShowChangeAndResetSettingsOverJmx() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName brokerName = broker.broker().managementName();
            final String instance = null == brokerName.getKeyProperty("instance") ? "" :
                ",instance=" + brokerName.getKeyProperty("instance");
            final ObjectName queueName = new ObjectName("io.aeolus:type=Destination,name=\"ds.jmx\"" + instance);

            server.invoke(brokerName, "createQueueWithSettings", new Object[]{"ds.jmx",
                "max.delivery.attempts=2, memory.limit=64k"}, new String[]{"java.lang.String", "java.lang.String"});
            AdminClientIT.awaitCondition("the queue's MBean", () -> server.isRegistered(queueName));
            final CompositeData[] created = (CompositeData[])server.getAttribute(queueName, "Settings");
            server.invoke(queueName, "setSetting", new Object[]{"redelivery.delay", "2s"},
                new String[]{"java.lang.String", "java.lang.String"});
            final Map<String, SettingInfo> changed = byName(admin.destinationSettings("ds.jmx", false));
            server.invoke(queueName, "resetSettings", null, null);
            final Map<String, SettingInfo> reset = byName(admin.destinationSettings("ds.jmx", false));

            final CompositeData attempts = find(created, "max.delivery.attempts");
            assertEquals("2", attempts.get("value"));
            assertEquals(true, attempts.get("overridden"));
            assertEquals("65536", find(created, "memory.limit").get("value"));
            assertEquals(new SettingInfo("redelivery.delay", "2000ms", true), changed.get("redelivery.delay"));
            assertEquals(new SettingInfo("max.delivery.attempts", "2", true), changed.get("max.delivery.attempts"));
            assertTrue(reset.values().stream().noneMatch(SettingInfo::overridden), reset.toString());
            final javax.management.RuntimeMBeanException unknown = assertThrows(
                javax.management.RuntimeMBeanException.class,
                () -> server.invoke(queueName, "setSetting", new Object[]{"colour", "red"},
                    new String[]{"java.lang.String", "java.lang.String"}));
            assertTrue(String.valueOf(unknown.getCause()).contains("unknown setting 'colour'"),
                String.valueOf(unknown.getCause()));
        }
    }

    static Map<String, String> settings(final String... nameValues)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2)
        {
            settings.put(nameValues[i], nameValues[i + 1]);
        }
        return settings;
    }

    static Map<String, SettingInfo> byName(final List<SettingInfo> rows)
    {
        final Map<String, SettingInfo> byName = new LinkedHashMap<>();
        rows.forEach((row) -> byName.put(row.name(), row));
        return byName;
    }

    private static CompositeData find(final CompositeData[] rows, final String name)
    {
        for (final CompositeData row : rows)
        {
            if (name.equals(row.get("name")))
            {
                return row;
            }
        }
        throw new AssertionError("no setting " + name);
    }

    private static long depth(final AdminClient admin, final String queue)
    {
        try
        {
            for (final DestinationInfo info : admin.destinations())
            {
                if (info.name().equals(queue) && "QUEUE".equals(info.type()))
                {
                    return info.depth();
                }
            }
            return -1;
        }
        catch (final JMSException ex)
        {
            throw new java.lang.IllegalStateException(ex);
        }
    }

    private static List<String> lines(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static void send(final Connection connection, final String queue) throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue)))
        {
            producer.send(session.createTextMessage("m"));
        }
    }
}
