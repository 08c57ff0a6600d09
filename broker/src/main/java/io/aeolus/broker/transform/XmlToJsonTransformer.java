package io.aeolus.broker.transform;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.xml.stream.XMLStreamException;
import java.util.Map;
import java.util.Set;

/**
 * {@code xml-to-json}: an XML body becomes a JSON object. Elements become fields, repeated elements arrays,
 * attributes fields, text strings (Jackson's XML data binding). The root element's name is dropped unless the
 * parameter {@code root=keep} asks to keep it as the one top-level field. A TEXT body stays TEXT, a BYTES body BYTES.
 * A body that is not XML makes the message invalid. DTDs and external entities are not read.
 */
final class XmlToJsonTransformer implements MessageTransformer
{
    static final String NAME = "xml-to-json";

    public String name()
    {
        return NAME;
    }

    public Transformation configure(final Map<String, String> parameters)
    {
        Parameters.requireOnly(NAME, parameters, Set.of("root"));
        final String root = parameters.getOrDefault("root", "drop");
        if (!"drop".equals(root) && !"keep".equals(root))
        {
            throw new IllegalArgumentException("transformer " + NAME + ": parameter root must be drop or keep, got '" +
                root + "'");
        }
        final boolean keepRoot = "keep".equals(root);
        return (message) -> apply(message, keepRoot);
    }

    private static TransformResult apply(final MessageView message, final boolean keepRoot)
    {
        if (!message.hasTextBody())
        {
            return TransformResult.invalid(NAME + ": a " + message.bodyType() + " body is not XML text");
        }
        try
        {
            final String xml = message.text();
            JsonNode tree = Mappers.XML.readTree(xml);
            if (keepRoot)
            {
                final ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
                wrapper.set(Mappers.rootName(xml), tree);
                tree = wrapper;
            }
            return TransformResult.of(message.withText(Mappers.JSON.writeValueAsString(tree)));
        }
        catch (final JacksonException ex)
        {
            return TransformResult.invalid(NAME + ": the body is not well-formed XML: " + Mappers.brief(ex));
        }
        catch (final XMLStreamException ex)
        {
            return TransformResult.invalid(NAME + ": the body is not well-formed XML: " + ex.getMessage());
        }
    }
}
