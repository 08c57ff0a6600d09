package io.aeolus.broker.transform;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code properties}: maps properties and the JMSType header. Parameters, applied in this order:
 * <ul>
 * <li>{@code copy-json.<property>=<JSON pointer>}: copies a field of a JSON body (numbers as long or double,
 *     booleans as boolean, strings as string, objects and arrays as their JSON text); a missing field sets
 *     nothing;</li>
 * <li>{@code copy-xml.<property>=<XPath>}: copies the text of the element or attribute an XPath selects in an XML
 *     body, as a string; nothing selected sets nothing;</li>
 * <li>{@code set.<property>=<text>}: sets a string property;</li>
 * <li>{@code rename.<property>=<new name>}: renames a property, if present;</li>
 * <li>{@code remove=<property>,<property>...}: removes properties.</li>
 * </ul>
 * A property name is a Java identifier not starting with {@code JMS}, or {@code JMSType} for the header. A copy from
 * a body that is not JSON (or XML) makes the message invalid, so selectors can rely on the copied property.
 */
final class PropertyMappingTransformer implements MessageTransformer
{
    static final String NAME = "properties";
    private static final String COPY_JSON = "copy-json.";
    private static final String COPY_XML = "copy-xml.";
    private static final String SET = "set.";
    private static final String RENAME = "rename.";
    private static final String REMOVE = "remove";

    public String name()
    {
        return NAME;
    }

    public Transformation configure(final Map<String, String> parameters)
    {
        final Mapping mapping = new Mapping();
        if (parameters.isEmpty())
        {
            throw new IllegalArgumentException("transformer " + NAME + ": no parameters (expected " + COPY_JSON +
                "<property>, " + COPY_XML + "<property>, " + SET + "<property>, " + RENAME + "<property> or " +
                REMOVE + ")");
        }
        for (final Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet())
        {
            mapping.add(parameter.getKey(), parameter.getValue());
        }
        return mapping::apply;
    }

    static String propertyProblem(final String name)
    {
        if (MessageView.JMS_TYPE.equals(name))
        {
            return null;
        }
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) ||
            !name.chars().skip(1).allMatch(Character::isJavaIdentifierPart))
        {
            return "'" + name + "' is not a property name (a Java identifier)";
        }
        if (name.startsWith("JMS"))
        {
            return "'" + name + "': names starting with JMS are reserved (JMSType is the one header it may map)";
        }
        return null;
    }

    private static final class Mapping
    {
        private final TreeMap<String, JsonPointer> jsonCopies = new TreeMap<>();
        private final TreeMap<String, XPathExpression> xmlCopies = new TreeMap<>();
        private final TreeMap<String, String> sets = new TreeMap<>();
        private final TreeMap<String, String> renames = new TreeMap<>();
        private final List<String> removes = new ArrayList<>();
        private DocumentBuilder documents;

        void add(final String key, final String value)
        {
            if (REMOVE.equals(key))
            {
                for (final String name : value.split(",", -1))
                {
                    removes.add(property(key, name.strip()));
                }
            }
            else if (key.startsWith(COPY_JSON))
            {
                try
                {
                    jsonCopies.put(property(key, key.substring(COPY_JSON.length())), JsonPointer.compile(value));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("transformer " + NAME + ": " + key + ": '" + value +
                        "' is not a JSON pointer (like /order/region): " + ex.getMessage(), ex);
                }
            }
            else if (key.startsWith(COPY_XML))
            {
                xmlCopies.put(property(key, key.substring(COPY_XML.length())), xpath(key, value));
            }
            else if (key.startsWith(SET))
            {
                sets.put(property(key, key.substring(SET.length())), value);
            }
            else if (key.startsWith(RENAME))
            {
                renames.put(property(key, key.substring(RENAME.length())), property(key, value.strip()));
            }
            else
            {
                throw new IllegalArgumentException("transformer " + NAME + ": unknown parameter '" + key +
                    "' (expected " + COPY_JSON + "<property>, " + COPY_XML + "<property>, " + SET + "<property>, " +
                    RENAME + "<property> or " + REMOVE + ")");
            }
        }

        TransformResult apply(final MessageView message)
        {
            final Map<String, Object> properties = new LinkedHashMap<>(message.properties());
            if (null != message.jmsType())
            {
                properties.put(MessageView.JMS_TYPE, message.jmsType());
            }
            if (!jsonCopies.isEmpty())
            {
                final String problem = copyJson(message, properties);
                if (null != problem)
                {
                    return TransformResult.invalid(problem);
                }
            }
            if (!xmlCopies.isEmpty())
            {
                final String problem = copyXml(message, properties);
                if (null != problem)
                {
                    return TransformResult.invalid(problem);
                }
            }
            properties.putAll(sets);
            for (final Map.Entry<String, String> rename : renames.entrySet())
            {
                if (properties.containsKey(rename.getKey()))
                {
                    properties.put(rename.getValue(), properties.remove(rename.getKey()));
                }
            }
            removes.forEach(properties::remove);
            final Object jmsType = properties.remove(MessageView.JMS_TYPE);
            return TransformResult.of(message.withProperties(properties, null == jmsType ? null :
                jmsType.toString()));
        }

        private String copyJson(final MessageView message, final Map<String, Object> properties)
        {
            final JsonNode tree;
            try
            {
                tree = message.hasTextBody() ? Mappers.JSON.readTree(message.text()) : null;
            }
            catch (final JacksonException ex)
            {
                return NAME + ": the body is not valid JSON: " + Mappers.brief(ex);
            }
            if (null == tree || tree.isMissingNode())
            {
                return NAME + ": the message has no JSON body to copy fields from";
            }
            for (final Map.Entry<String, JsonPointer> copy : jsonCopies.entrySet())
            {
                final JsonNode field = tree.at(copy.getValue());
                if (field.isIntegralNumber() && field.canConvertToLong())
                {
                    properties.put(copy.getKey(), field.longValue());
                }
                else if (field.isNumber())
                {
                    properties.put(copy.getKey(), field.doubleValue());
                }
                else if (field.isBoolean())
                {
                    properties.put(copy.getKey(), field.booleanValue());
                }
                else if (field.isTextual())
                {
                    properties.put(copy.getKey(), field.textValue());
                }
                else if (field.isContainerNode())
                {
                    properties.put(copy.getKey(), field.toString());
                }
            }
            return null;
        }

        private String copyXml(final MessageView message, final Map<String, Object> properties)
        {
            try
            {
                if (!message.hasTextBody())
                {
                    return NAME + ": a " + message.bodyType() + " body is not XML text";
                }
                documents.reset();
                final Document document = documents.parse(new InputSource(new StringReader(message.text())));
                for (final Map.Entry<String, XPathExpression> copy : xmlCopies.entrySet())
                {
                    final Node node = (Node)copy.getValue().evaluate(document, XPathConstants.NODE);
                    if (null != node)
                    {
                        properties.put(copy.getKey(), node.getTextContent());
                    }
                }
                return null;
            }
            catch (final SAXException | IOException ex)
            {
                return NAME + ": the body is not well-formed XML: " + ex.getMessage();
            }
            catch (final XPathExpressionException ex)
            {
                return NAME + ": an XPath failed on the body: " + ex.getMessage();
            }
        }

        private XPathExpression xpath(final String key, final String value)
        {
            try
            {
                if (null == documents)
                {
                    documents = safeDocuments();
                }
                return XPathFactory.newInstance().newXPath().compile(value);
            }
            catch (final XPathExpressionException ex)
            {
                throw new IllegalArgumentException("transformer " + NAME + ": " + key + ": '" + value +
                    "' is not an XPath: " + ex.getMessage(), ex);
            }
        }

        private static String property(final String key, final String name)
        {
            final String problem = propertyProblem(name);
            if (null != problem)
            {
                throw new IllegalArgumentException("transformer " + NAME + ": " + key + ": " + problem);
            }
            return name;
        }
    }

    private static DocumentBuilder safeDocuments()
    {
        try
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            final DocumentBuilder builder = factory.newDocumentBuilder();
            // Parse errors become the invalid result, not output on stderr.
            builder.setErrorHandler(null);
            return builder;
        }
        catch (final ParserConfigurationException ex)
        {
            throw new IllegalStateException("the JDK's XML parser cannot be configured safely: " + ex, ex);
        }
    }
}
