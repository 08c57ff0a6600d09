package io.aeolus.jms.admin;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class JmxIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldNameOperationParametersAndTypeAttributesAndAnswerWithCompositeData() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final String messageId = send(connection, "orders", 2);
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName brokerName = broker.broker().managementName();
            final String instance = null == brokerName.getKeyProperty("instance") ? "" :
                ",instance=" + brokerName.getKeyProperty("instance");
            final ObjectName jobsName = new ObjectName("io.aeolus:type=Jobs" + instance);
            final ObjectName queueName = new ObjectName("io.aeolus:type=Destination,name=\"orders\"" + instance);
            AdminClientIT.awaitCondition("the queue's MBean", () -> server.isRegistered(queueName));

            final MBeanInfo brokerInfo = server.getMBeanInfo(brokerName);
            final MBeanInfo queueInfo = server.getMBeanInfo(queueName);
            final CompositeData[] destinations = (CompositeData[])server.invoke(brokerName, "listDestinations",
                null, null);
            final CompositeData message = (CompositeData)server.invoke(brokerName, "getMessage",
                new Object[]{"orders", messageId, 0L, 1024}, new String[]{"java.lang.String", "java.lang.String",
                    "long", "int"});
            final CompositeData status = (CompositeData)server.getAttribute(brokerName, "Status");

            assertEquals(List.of("queue", "target", "selector"), parameters(brokerInfo, "moveMessages"));
            assertEquals(List.of("queue"), parameters(brokerInfo, "purge"));
            assertEquals(List.of("kind", "queue", "target", "selector", "rate"),
                parameters(server.getMBeanInfo(jobsName), "startJob"));
            assertEquals("long", attributeType(queueInfo, "Depth"));
            assertEquals("double", attributeType(queueInfo, "EnqueueRatePerSec"));
            assertEquals("java.lang.String", attributeType(brokerInfo, "Version"));
            assertEquals(2L, server.getAttribute(queueName, "Depth"));
            assertInstanceOf(Double.class, server.getAttribute(queueName, "EnqueueRatePerSec"));
            assertEquals(Broker.VERSION, server.getAttribute(brokerName, "Version"));
            assertTrue((Long)server.getAttribute(brokerName, "UptimeMs") >= 0);
            assertTrue((Long)server.getAttribute(brokerName, "HeapUsedBytes") > 0);
            assertTrue((Integer)server.getAttribute(brokerName, "QueueCount") >= 1);
            // Issue #19, item 5: consumers and DLQ depth on every destination, the journal on the broker.
            assertEquals("int", attributeType(queueInfo, "Consumers"));
            assertEquals(0, server.getAttribute(queueName, "Consumers"));
            assertEquals(0L, server.getAttribute(queueName, "DlqDepth"));
            assertEquals("long", attributeType(brokerInfo, "JournalBytes"));
            assertTrue((Long)server.getAttribute(brokerName, "JournalBytes") > 0, "the H2 file's size");
            assertTrue((Long)server.getAttribute(brokerName, "JournalPending") >= 0);
            assertEquals(Broker.VERSION, status.get("version"));
            final CompositeData orders = find(destinations, "orders");
            assertEquals(2L, orders.get("depth"));
            assertEquals("QUEUE", orders.get("type"));
            assertEquals(messageId, message.get("messageId"));
            assertEquals("m0", message.get("body"));
            assertEquals(true, message.get("persistent"));
        }
    }

    @Test
    void shouldComputeTheEnqueueRateBetweenRefreshes() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            admin.createQueue("rates");
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName brokerName = broker.broker().managementName();
            final String instance = null == brokerName.getKeyProperty("instance") ? "" :
                ",instance=" + brokerName.getKeyProperty("instance");
            final ObjectName queueName = new ObjectName("io.aeolus:type=Destination,name=\"rates\"" + instance);
            AdminClientIT.awaitCondition("the queue's MBean", () -> server.isRegistered(queueName));

            send(connection, "rates", 50);

            AdminClientIT.awaitCondition("a positive enqueue rate", () -> rate(server, queueName) > 0);
        }
    }

    private static double rate(final MBeanServer server, final ObjectName name)
    {
        try
        {
            return (Double)server.getAttribute(name, "EnqueueRatePerSec");
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static String send(final Connection connection, final String queue, final int count) throws Exception
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(queue)))
        {
            String first = null;
            for (int i = 0; i < count; i++)
            {
                final TextMessage message = session.createTextMessage("m" + i);
                producer.send(message);
                first = null == first ? message.getJMSMessageID() : first;
            }
            return first;
        }
    }

    private static List<String> parameters(final MBeanInfo info, final String operation)
    {
        for (final MBeanOperationInfo candidate : info.getOperations())
        {
            if (candidate.getName().equals(operation))
            {
                final List<String> names = new ArrayList<>();
                for (final MBeanParameterInfo parameter : candidate.getSignature())
                {
                    names.add(parameter.getName());
                }
                return names;
            }
        }
        throw new AssertionError("no operation " + operation);
    }

    private static String attributeType(final MBeanInfo info, final String attribute)
    {
        for (final MBeanAttributeInfo candidate : info.getAttributes())
        {
            if (candidate.getName().equals(attribute))
            {
                return candidate.getType();
            }
        }
        throw new AssertionError("no attribute " + attribute);
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
        throw new AssertionError("no row " + name);
    }
}
