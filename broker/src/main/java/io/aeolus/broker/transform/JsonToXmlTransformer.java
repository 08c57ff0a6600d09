package io.aeolus.broker.transform;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/**
 * {@code json-to-xml}: a JSON body becomes an XML document whose root element is named by the parameter
 * {@code root} (default {@code message}); fields become elements, arrays repeated elements (Jackson's XML data
 * binding). A TEXT body stays TEXT, a BYTES body BYTES. A body that is not JSON makes the message invalid.
 */
final class JsonToXmlTransformer implements MessageTransformer
{
    static final String NAME = "json-to-xml";

    public String name()
    {
        return NAME;
    }

    public Transformation configure(final Map<String, String> parameters)
    {
        Parameters.requireOnly(NAME, parameters, Set.of("root"));
        final String root = parameters.getOrDefault("root", "message");
        if (!root.matches("[A-Za-z_][A-Za-z0-9._-]*") || root.toLowerCase().startsWith("xml"))
        {
            throw new IllegalArgumentException("transformer " + NAME + ": parameter root '" + root +
                "' is not an XML element name");
        }
        return (message) -> apply(message, root);
    }

    private static TransformResult apply(final MessageView message, final String root)
    {
        if (!message.hasTextBody())
        {
            return TransformResult.invalid(NAME + ": a " + message.bodyType() + " body is not JSON text");
        }
        try
        {
            final JsonNode tree = Mappers.JSON.readTree(message.text());
            if (null == tree || tree.isMissingNode())
            {
                return TransformResult.invalid(NAME + ": the body is empty");
            }
            return TransformResult.of(message.withText(Mappers.XML.writer().withRootName(root)
                .writeValueAsString(tree)));
        }
        catch (final JacksonException ex)
        {
            return TransformResult.invalid(NAME + ": the body is not valid JSON: " + Mappers.brief(ex));
        }
    }
}
