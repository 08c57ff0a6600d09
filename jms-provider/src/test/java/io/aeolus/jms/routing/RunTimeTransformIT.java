package io.aeolus.jms.routing;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminRoutes;
import io.aeolus.management.RouteInfo;
import jakarta.jms.Connection;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routing rules made at run time that transform and validate (#17 items 1 to 3): made through management, listed
 * with their transformer, schema and invalid action, applied to the very next send, kept across a restart; made
 * through JMX; an unknown transformer, a bad parameter, an invalid schema or a schema file refused naming it.
 */
@Timeout(120)
class RunTimeTransformIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"sensor\",\"celsius\"]}";

    @TempDir
    Path dataDir;

    @Test
    void shouldTransformAndValidateThroughARuleMadeAtRunTimeAcrossARestart() throws Exception
    {
        final RouteInfo expected = new RouteInfo("json", "queue:readings.xml", "", "queue:readings", "exclusive",
            false, "xml-to-json", "root=drop", SCHEMA, "dead-letter");
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            connection.start();
            final AdminRoutes routes = new AdminRoutes(new AdminClient(connection, TIMEOUT));
            routes.create("json", "queue:readings.xml", null, "queue:readings", "exclusive", "xml-to-json",
                Map.of("root", "drop"), SCHEMA, "dead-letter");

            send(context, "<r><sensor>t1</sensor><celsius>20</celsius></r>");
            send(context, "<r><sensor>t2</sensor></r>");

            assertEquals(List.of(expected), routes.list());
            assertEquals("{\"sensor\":\"t1\",\"celsius\":\"20\"}", receive(context, "readings"));
            final Message dead = context.createConsumer(context.createQueue("DLQ.readings.xml")).receive(RECEIVE_MS);
            assertNotNull(dead, "the reading without celsius is dead-lettered");
            assertEquals("<r><sensor>t2</sensor></r>", dead.getBody(String.class));
            assertTrue(dead.getStringProperty("AEOLUS_DLQ_REASON").startsWith("INVALID: the body does not match " +
                "the JSON schema"), dead.getStringProperty("AEOLUS_DLQ_REASON"));
            assertEquals("json", dead.getStringProperty("AEOLUS_DLQ_ROUTE"));
        }

        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            connection.start();

            send(context, "<r><sensor>t3</sensor><celsius>-4</celsius></r>");

            assertEquals(List.of(expected), new AdminRoutes(new AdminClient(connection, TIMEOUT)).list());
            assertEquals("{\"sensor\":\"t3\",\"celsius\":\"-4\"}", receive(context, "readings"));
            assertNull(context.createConsumer(context.createQueue("readings.xml")).receive(ABSENT_MS));
        }
    }

    @Test
    void shouldRefuseAtSendWhatARuleMadeAtRunTimeFindsInvalid() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            connection.start();
            new AdminRoutes(new AdminClient(connection, TIMEOUT)).create("valid", "queue:in", null, "queue:out",
                "exclusive", null, null, SCHEMA, null);

            final MessageFormatRuntimeException ex = assertThrows(MessageFormatRuntimeException.class,
                () -> context.createProducer().send(context.createQueue("in"), "{\"sensor\":\"t1\"}"));

            assertTrue(ex.getMessage().startsWith("routing rule 'valid' refused the message: the body does not " +
                "match the JSON schema"), ex.getMessage());
            assertNull(context.createConsumer(context.createQueue("out")).receive(ABSENT_MS));
        }
    }

    @Test
    void shouldRefuseAnUnknownTransformerABadParameterOrAnInvalidSchemaNamingIt() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final AdminRoutes routes = new AdminRoutes(new AdminClient(connection, TIMEOUT));

            assertRefused(() -> routes.create("r", "queue:a", null, "queue:b", "copy", "xslt", null, null, null),
                "routing rule 'r': unknown transformer 'xslt' (known: json-schema, json-to-xml, properties, " +
                "xml-to-json)");
            assertRefused(() -> routes.create("r", "queue:a", null, "queue:b", "copy", "xml-to-json",
                Map.of("rot", "keep"), null, null), "unknown parameter 'rot'");
            assertRefused(() -> routes.create("r", "queue:a", null, "queue:b", "copy", null, null,
                "{\"type\": 12}", null), "the inline schema is not a valid schema");
            assertRefused(() -> routes.create("r", "queue:a", null, "queue:b", "copy", null, null,
                "/etc/aeolus/reading.schema.json", null), "must be the JSON Schema itself");
            assertRefused(() -> routes.create("r", "queue:a", null, "queue:b", "copy", "xml-to-json", null, null,
                "sometimes"), "invalid must be refuse or dead-letter, got 'sometimes'");
            assertEquals(List.of(), routes.list());
        }
    }

    @Test
    void shouldMakeAndListATransformingRuleThroughJmx() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            final ObjectName name = broker.broker().managementName();
            final String[] signature = new String[9];
            java.util.Arrays.fill(signature, "java.lang.String");

            server.invoke(name, "createRoute", new Object[]{"tag", "queue:jmx.in", "", "queue:jmx.out", "exclusive",
                "properties", "set.origin=jmx", "", ""}, signature);
            context.createProducer().send(context.createQueue("jmx.in"), "hello");
            final CompositeData[] rows = (CompositeData[])server.invoke(name, "listRoutes", null, null);

            final Message routed = context.createConsumer(context.createQueue("jmx.out")).receive(RECEIVE_MS);
            assertNotNull(routed);
            assertEquals("jmx", routed.getStringProperty("origin"));
            assertEquals(1, rows.length);
            assertEquals("properties", rows[0].get("transformer"));
            assertEquals("set.origin=jmx", rows[0].get("parameters"));
            assertEquals("refuse", rows[0].get("invalid"));
        }
    }

    private static void send(final JMSContext context, final String body)
    {
        context.createProducer().send(context.createQueue("readings.xml"), body);
    }

    private static String receive(final JMSContext context, final String queue) throws JMSException
    {
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue)))
        {
            final Message message = consumer.receive(RECEIVE_MS);
            assertNotNull(message, "a message in " + queue);
            return message.getBody(String.class);
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
        void run() throws JMSException;
    }
}
