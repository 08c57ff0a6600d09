package io.aeolus.jms.routing;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.TransactionRolledBackRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broker-side transformation and validation through the JMS API (#17 item 3): XML to JSON with a field copied into
 * a property a consumer selects on, JSON Schema validation refusing at send or dead-lettering, a transformer from a
 * plugins directory (a jar built here), rules with transformers across a restart, and bad rules refused at start.
 */
@Timeout(120)
class TransformIT
{
    private static final long RECEIVE_MS = 5_000;
    private static final long ABSENT_MS = 300;
    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"sensor\",\"celsius\"]," +
        "\"properties\":{\"sensor\":{\"type\":\"string\"},\"celsius\":{\"type\":\"number\",\"minimum\":-90}}}";

    @TempDir
    Path dir;

    @Test
    void shouldConvertXmlToJsonAndLetAConsumerSelectOnACopiedField() throws Exception
    {
        final Path config = config(
            "aeolus.route.json.source=queue:orders.xml",
            "aeolus.route.json.targets=queue:orders.json",
            "aeolus.route.json.mode=exclusive",
            "aeolus.route.json.transformer=xml-to-json",
            "aeolus.route.region.source=queue:orders.json",
            "aeolus.route.region.targets=queue:orders",
            "aeolus.route.region.mode=exclusive",
            "aeolus.route.region.transformer=properties",
            "aeolus.route.region.transformer.copy-json.region=/customer/region",
            "aeolus.route.region.transformer.copy-json.total=/total");
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer eu = context.createConsumer(context.createQueue("orders"), "region = 'EU'");

            context.createProducer().send(context.createQueue("orders.xml"),
                "<order><customer><region>US</region></customer><total>50</total></order>");
            context.createProducer().send(context.createQueue("orders.xml"),
                "<order><customer><region>EU</region></customer><total>42</total></order>");
            final Message received = eu.receive(RECEIVE_MS);

            assertNotNull(received, "the EU order");
            assertEquals("{\"customer\":{\"region\":\"EU\"},\"total\":\"42\"}", received.getBody(String.class));
            assertEquals("EU", received.getStringProperty("region"));
            assertEquals("42", received.getStringProperty("total"), "XML has no numbers: a string");
            assertNull(eu.receive(ABSENT_MS));
            assertEquals(List.of(), bodies(context, "orders.xml", 0));
            assertEquals(List.of(), bodies(context, "orders.json", 0));
        }
    }

    @Test
    void shouldRefuseAnInvalidMessageAtSendNamingTheError() throws Exception
    {
        final Path config = config(
            "aeolus.route.valid.source=queue:readings",
            "aeolus.route.valid.targets=queue:readings.ok",
            "aeolus.route.valid.mode=exclusive",
            "aeolus.route.valid.schema=" + SCHEMA,
            "aeolus.route.valid.invalid=refuse");
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final MessageFormatRuntimeException ex = assertThrows(MessageFormatRuntimeException.class,
                () -> context.createProducer().send(context.createQueue("readings"),
                "{\"sensor\":\"t1\",\"celsius\":-300}"));
            final JMSRuntimeException notJson = assertThrows(JMSRuntimeException.class,
                () -> context.createProducer().send(context.createQueue("readings"), "celsius=20"));
            context.createProducer().send(context.createQueue("readings"), "{\"sensor\":\"t1\",\"celsius\":21.5}");

            assertTrue(ex.getMessage().startsWith("routing rule 'valid' refused the message: the body does not " +
                "match the JSON schema: "), ex.getMessage());
            assertTrue(ex.getMessage().contains("celsius") && ex.getMessage().contains("-90"), ex.getMessage());
            assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
            assertEquals(List.of("{\"sensor\":\"t1\",\"celsius\":21.5}"), bodies(context, "readings.ok", 1));
            assertEquals(List.of(), bodies(context, "readings", 0));
        }
    }

    @Test
    void shouldRollBackATransactionWithAnInvalidMessageNamingTheError() throws Exception
    {
        final Path config = config(
            "aeolus.route.valid.source=queue:readings",
            "aeolus.route.valid.targets=queue:readings.ok",
            "aeolus.route.valid.mode=exclusive",
            "aeolus.route.valid.schema=" + SCHEMA);
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext();
            JMSContext transacted = context.createContext(JMSContext.SESSION_TRANSACTED))
        {
            transacted.createProducer().send(transacted.createQueue("readings"), "{\"sensor\":\"t2\",\"celsius\":1}");
            transacted.createProducer().send(transacted.createQueue("readings"), "{\"sensor\":7}");
            final TransactionRolledBackRuntimeException ex = assertThrows(TransactionRolledBackRuntimeException.class,
                transacted::commit);

            assertTrue(ex.getMessage().contains("routing rule 'valid' refused the message: "), ex.getMessage());
            assertEquals(List.of(), bodies(context, "readings.ok", 0));
            assertEquals(List.of(), bodies(context, "readings", 0));
        }
    }

    @Test
    void shouldDeadLetterAnInvalidMessageWithTheErrorAsReason() throws Exception
    {
        final Path config = config(
            "aeolus.route.valid.source=queue:readings",
            "aeolus.route.valid.targets=queue:readings.ok",
            "aeolus.route.valid.mode=exclusive",
            "aeolus.route.valid.schema=" + SCHEMA,
            "aeolus.route.valid.invalid=dead-letter");
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.createProducer().send(context.createQueue("readings"), "{\"sensor\":\"t1\"}");
            final Message dead = context.createConsumer(context.createQueue("DLQ.readings")).receive(RECEIVE_MS);

            assertNotNull(dead, "the dead letter");
            assertEquals("{\"sensor\":\"t1\"}", dead.getBody(String.class));
            final String reason = dead.getStringProperty("AEOLUS_DLQ_REASON");
            assertTrue(reason.startsWith("INVALID: the body does not match the JSON schema: "), reason);
            assertTrue(reason.contains("celsius"), reason);
            assertEquals("valid", dead.getStringProperty("AEOLUS_DLQ_ROUTE"));
            assertEquals("readings", dead.getStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION"));
            assertEquals(List.of(), bodies(context, "readings.ok", 0));
            assertEquals(List.of(), bodies(context, "readings", 0));
        }
    }

    @Test
    void shouldLoadACustomTransformerFromThePluginsDirectory() throws Exception
    {
        final Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildPlugin(plugins.resolve("shout.jar"));
        final Path config = config(
            "aeolus.broker.plugins.dir=" + plugins,
            "aeolus.route.loud.source=topic:chat",
            "aeolus.route.loud.targets=queue:chat.loud",
            "aeolus.route.loud.transformer=shout",
            "aeolus.route.loud.transformer.suffix=!");
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            final JMSConsumer chat = context.createConsumer(context.createTopic("chat"));

            context.createProducer().send(context.createTopic("chat"), "hello");

            assertEquals("hello", chat.receive(RECEIVE_MS).getBody(String.class));
            final Message loud = context.createConsumer(context.createQueue("chat.loud")).receive(RECEIVE_MS);
            assertEquals("HELLO!", loud.getBody(String.class));
            assertEquals("shout", loud.getStringProperty("shoutedBy"));
        }
    }

    @Test
    void shouldKeepTransformingAcrossARestart() throws Exception
    {
        final Path config = config(
            "aeolus.route.json.source=queue:in",
            "aeolus.route.json.targets=queue:out",
            "aeolus.route.json.mode=exclusive",
            "aeolus.route.json.transformer=xml-to-json",
            "aeolus.route.json.schema={\"required\":[\"id\"]}",
            "aeolus.route.json.invalid=dead-letter");
        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).send(context.createQueue("in"),
                "<a><id>1</id></a>");
        }

        try (EmbeddedBroker broker = EmbeddedBroker.start(isolated("data").configFile(config));
            JMSContext context = new AeolusConnectionFactory(broker.ipcUrl()).createContext())
        {
            context.createProducer().send(context.createQueue("in"), "<a><id>2</id></a>");
            context.createProducer().send(context.createQueue("in"), "<a><name>3</name></a>");

            assertEquals(List.of("{\"id\":\"1\"}", "{\"id\":\"2\"}"), bodies(context, "out", 2));
            // The dead letter is the message as it was sent, so that it can be fixed and sent again.
            assertEquals(List.of("<a><name>3</name></a>"), bodies(context, "DLQ.in", 1));
        }
    }

    @Test
    void shouldRefuseBadTransformationsAtStartNamingTheProblem() throws Exception
    {
        assertStartRefused("routing rule 'r': unknown transformer 'xslt' (known: json-schema, json-to-xml, " +
            "properties, xml-to-json)", "aeolus.route.r.transformer=xslt");
        assertStartRefused("routing rule 'r': transformer json-schema: the inline schema is not a valid schema: ",
            "aeolus.route.r.schema={\"type\":\"strin\"}");
        assertStartRefused("routing rule 'r': transformer json-to-xml: unknown parameter 'rot' (it takes [root])",
            "aeolus.route.r.transformer=json-to-xml", "aeolus.route.r.transformer.rot=x");
        assertStartRefused("routing rule 'r': invalid must be refuse or dead-letter, got 'drop'",
            "aeolus.route.r.schema={}", "aeolus.route.r.invalid=drop");
        assertStartRefused("aeolus.broker.plugins.dir: '" + dir.resolve("none") + "' is not a directory",
            "aeolus.broker.plugins.dir=" + dir.resolve("none"), "aeolus.route.r.transformer=shout");
    }

    private void assertStartRefused(final String expected, final String... lines) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of("aeolus.route.r.source=queue:a",
            "aeolus.route.r.targets=queue:b"));
        all.addAll(List.of(lines));
        final Path config = config(all.toArray(new String[0]));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> EmbeddedBroker.start(isolated("bad").configFile(config)).close());

        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    /**
     * Compiles a transformer that upper-cases text bodies (with a configured suffix) and jars it with its service
     * file: a plugin the broker's classpath does not hold.
     */
    private void buildPlugin(final Path jar) throws Exception
    {
        final Path sources = Files.createDirectories(dir.resolve("plugin-src/example"));
        Files.writeString(sources.resolve("ShoutTransformer.java"), String.join("\n",
            "package example;",
            "import io.aeolus.broker.transform.*;",
            "import java.util.*;",
            "public final class ShoutTransformer implements MessageTransformer {",
            "    public String name() { return \"shout\"; }",
            "    public Transformation configure(Map<String, String> parameters) {",
            "        final String suffix = parameters.getOrDefault(\"suffix\", \"\");",
            "        return message -> {",
            "            final Map<String, Object> properties = new LinkedHashMap<>(message.properties());",
            "            properties.put(\"shoutedBy\", \"shout\");",
            "            return TransformResult.of(message.withText(message.text().toUpperCase(Locale.ROOT) + suffix)",
            "                .withProperties(properties, message.jmsType()));",
            "        };",
            "    }",
            "}", ""));
        final Path classes = Files.createDirectories(dir.resolve("plugin-classes"));
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, "--release", "17", "-classpath",
            System.getProperty("java.class.path"), "-d", classes.toString(),
            sources.resolve("ShoutTransformer.java").toString()), "the plugin compiles");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)))
        {
            out.putNextEntry(new JarEntry("example/ShoutTransformer.class"));
            out.write(Files.readAllBytes(classes.resolve("example/ShoutTransformer.class")));
            out.putNextEntry(new JarEntry("META-INF/services/io.aeolus.broker.transform.MessageTransformer"));
            final OutputStream entry = out;
            entry.write("example.ShoutTransformer\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private Path config(final String... lines) throws Exception
    {
        return Files.writeString(Files.createTempFile(dir, "broker", ".properties"),
            String.join("\n", lines) + "\n");
    }

    private Broker.Context isolated(final String name) throws Exception
    {
        return EmbeddedBroker.isolatedContext(Files.createDirectories(dir.resolve(name)));
    }

    private static List<String> bodies(final JMSContext context, final String queue, final int count)
        throws JMSException
    {
        final List<String> bodies = new ArrayList<>();
        try (JMSConsumer consumer = context.createConsumer(context.createQueue(queue)))
        {
            for (int i = 0; i < count; i++)
            {
                final Message message = consumer.receive(RECEIVE_MS);
                if (null == message)
                {
                    break;
                }
                bodies.add(message.getBody(String.class));
            }
            assertNull(consumer.receive(ABSENT_MS), "more in " + queue + " than " + bodies);
        }
        return bodies;
    }
}
