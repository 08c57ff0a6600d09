package io.aeolus.broker.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class BuiltInTransformersTest
{
    private static final String ORDER_SCHEMA = "{\"type\":\"object\",\"required\":[\"id\",\"amount\"]," +
        "\"properties\":{\"id\":{\"type\":\"string\"},\"amount\":{\"type\":\"number\",\"minimum\":0}}}";
    private final TransformerRegistry registry = TransformerRegistry.builtIns();

    @Test
    void shouldConvertXmlToJsonDroppingTheRoot()
    {
        final TransformResult result = transform("xml-to-json", Map.of(),
            text("<order><id>42</id><region>EU</region><item>a</item><item>b</item></order>"));

        assertEquals("{\"id\":\"42\",\"region\":\"EU\",\"item\":[\"a\",\"b\"]}", result.message().text());
        assertEquals(MessageView.TEXT, result.message().bodyType());
    }

    @Test
    void shouldKeepTheRootWhenAsked()
    {
        final TransformResult result = transform("xml-to-json", Map.of("root", "keep"),
            text("<?xml version=\"1.0\"?><order><id>42</id></order>"));

        assertEquals("{\"order\":{\"id\":\"42\"}}", result.message().text());
    }

    @Test
    void shouldFindMalformedXmlInvalid()
    {
        final TransformResult result = transform("xml-to-json", Map.of(), text("<order><id>42</order>"));

        assertTrue(result.isInvalid());
        assertTrue(result.error().startsWith("xml-to-json: the body is not well-formed XML"), result.error());
    }

    @Test
    void shouldNotReadExternalEntities()
    {
        final TransformResult result = transform("xml-to-json", Map.of(), text(
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a><b>&x;</b></a>"));

        assertTrue(result.isInvalid() || !result.message().text().contains("root:"));
    }

    @Test
    void shouldConvertJsonToXmlUnderTheNamedRoot()
    {
        final TransformResult result = transform("json-to-xml", Map.of("root", "order"),
            text("{\"id\":\"42\",\"amount\":7}"));

        assertEquals("<order><id>42</id><amount>7</amount></order>", result.message().text());
    }

    @Test
    void shouldRefuseABadRootName()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> registry.get("json-to-xml").configure(Map.of("root", "1 bad")));

        assertEquals("transformer json-to-xml: parameter root '1 bad' is not an XML element name", ex.getMessage());
    }

    @Test
    void shouldCopyJsonFieldsSetRenameAndRemoveProperties()
    {
        final Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("copy-json.region", "/customer/region");
        parameters.put("copy-json.amount", "/amount");
        parameters.put("copy-json.urgent", "/urgent");
        parameters.put("copy-json.missing", "/nothing/here");
        parameters.put("set.source", "shop");
        parameters.put("set.JMSType", "order");
        parameters.put("rename.old", "legacy");
        parameters.put("remove", "secret");
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("old", 1);
        properties.put("secret", "x");
        final MessageView message = new MessageView(MessageView.TEXT,
            "{\"customer\":{\"region\":\"EU\"},\"amount\":12.5,\"urgent\":true}".getBytes(StandardCharsets.UTF_8),
            properties, null);

        final MessageView mapped = transform("properties", parameters, message).message();

        assertEquals("EU", mapped.properties().get("region"));
        assertEquals(12.5, mapped.properties().get("amount"));
        assertEquals(true, mapped.properties().get("urgent"));
        assertEquals("shop", mapped.properties().get("source"));
        assertEquals(1, mapped.properties().get("legacy"));
        assertFalse(mapped.properties().containsKey("old"));
        assertFalse(mapped.properties().containsKey("secret"));
        assertFalse(mapped.properties().containsKey("missing"));
        assertEquals("order", mapped.jmsType());
        assertEquals(message.text(), mapped.text());
    }

    @Test
    void shouldCopyAnXmlFieldByXPath()
    {
        final MessageView mapped = transform("properties", Map.of("copy-xml.region", "/order/@region",
            "copy-xml.id", "/order/id"), text("<order region=\"EU\"><id>42</id></order>")).message();

        assertEquals("EU", mapped.properties().get("region"));
        assertEquals("42", mapped.properties().get("id"));
    }

    @Test
    void shouldFindACopyFromANonJsonBodyInvalid()
    {
        final TransformResult result = transform("properties", Map.of("copy-json.id", "/id"), text("<id/>"));

        assertTrue(result.error().startsWith("properties: the body is not valid JSON"), result.error());
    }

    @Test
    void shouldRefuseBadMappingParameters()
    {
        final MessageTransformer properties = registry.get("properties");

        assertEquals("transformer properties: set.JMSPriority: 'JMSPriority': names starting with JMS are reserved " +
            "(JMSType is the one header it may map)", assertThrows(IllegalArgumentException.class,
                () -> properties.configure(Map.of("set.JMSPriority", "9"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> properties.configure(Map.of("copy.x", "/x")))
            .getMessage().startsWith("transformer properties: unknown parameter 'copy.x'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> properties.configure(Map.of("copy-json.x", "no-slash"))).getMessage()
            .startsWith("transformer properties: copy-json.x: 'no-slash' is not a JSON pointer"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> properties.configure(Map.of("copy-xml.x", "/a["))).getMessage()
            .startsWith("transformer properties: copy-xml.x: '/a[' is not an XPath"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> properties.configure(Map.of()))
            .getMessage().startsWith("transformer properties: no parameters"));
    }

    @Test
    void shouldPassAMessageMatchingTheSchemaUnchanged()
    {
        final MessageView message = text("{\"id\":\"a1\",\"amount\":3}");

        final TransformResult result = transform("json-schema", Map.of("schema", ORDER_SCHEMA), message);

        assertNull(result.error());
        assertEquals(message, result.message());
    }

    @Test
    void shouldNameTheSchemaViolation()
    {
        final TransformResult result = transform("json-schema", Map.of("schema", ORDER_SCHEMA),
            text("{\"id\":\"a1\",\"amount\":-3}"));

        assertTrue(result.error().startsWith("the body does not match the JSON schema: "), result.error());
        assertTrue(result.error().contains("amount"), result.error());
        assertTrue(result.error().contains("minimum"), result.error());
    }

    @Test
    void shouldReadTheSchemaFromAFile(@TempDir final Path directory) throws Exception
    {
        final Path file = directory.resolve("order.json");
        Files.writeString(file, ORDER_SCHEMA);

        final TransformResult result = transform("json-schema", Map.of("schema", file.toString()), text("{}"));

        assertTrue(result.error().contains("required"), result.error());
    }

    @Test
    void shouldRefuseAnInvalidSchema()
    {
        final MessageTransformer schema = registry.get("json-schema");

        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> schema.configure(Map.of("schema", "{\"type\":\"strin\"}"))).getMessage()
            .startsWith("transformer json-schema: the inline schema is not a valid schema: "));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> schema.configure(Map.of("schema", "{\"type\":"))).getMessage()
            .startsWith("transformer json-schema: the inline schema is not valid JSON: "));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> schema.configure(Map.of("schema", "/no/such/schema.json"))).getMessage()
            .startsWith("transformer json-schema: cannot read schema file '/no/such/schema.json'"));
    }

    @Test
    void shouldNameTheKnownTransformersForAnUnknownOne()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> registry.get("xslt"));

        assertEquals("unknown transformer 'xslt' (known: json-schema, json-to-xml, properties, xml-to-json)",
            ex.getMessage());
    }

    private TransformResult transform(final String name, final Map<String, String> parameters,
        final MessageView message)
    {
        return registry.get(name).configure(parameters).apply(message);
    }

    private static MessageView text(final String text)
    {
        return new MessageView(MessageView.TEXT, text.getBytes(StandardCharsets.UTF_8), Map.of(), null);
    }
}
