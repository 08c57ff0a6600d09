package io.aeolus.console.browser;

import java.io.StringReader;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Re-indents well-formed XML for display, streaming it through StAX with two-space indentation. It never resolves
 * anything outside the text: DTDs are not supported, external entities are off, a resolver refuses any
 * lookup, and a document with a DOCTYPE is refused outright (so no XXE, no entity expansion bombs). Text,
 * attribute values and comments are kept, with the five predefined entities re-escaped. Stateless and thread-safe;
 * allocates one reader and one {@link StringBuilder} per call.
 */
public final class XmlPrettyPrinter
{
    private static final String INDENT = "  ";

    private XmlPrettyPrinter()
    {
    }

    /**
     * Pretty-prints XML.
     *
     * @param text candidate XML text.
     * @return the indented text, or empty when it is not well-formed XML or carries a DOCTYPE.
     */
    public static Optional<String> prettyPrint(final String text)
    {
        try
        {
            final XMLStreamReader reader = safeFactory().createXMLStreamReader(new StringReader(text));
            try
            {
                return Optional.of(new Writer(text.length()).write(reader));
            }
            finally
            {
                reader.close();
            }
        }
        catch (final XMLStreamException | RuntimeException ex)
        {
            return Optional.empty();
        }
    }

    /**
     * Whether the text looks like XML at first glance (cheap; does not validate).
     *
     * @param text candidate text.
     * @return true when the first non-blank character is '&lt;'.
     */
    public static boolean looksLikeXml(final String text)
    {
        return text.stripLeading().startsWith("<");
    }

    static XMLInputFactory safeFactory()
    {
        final XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) ->
        {
            throw new XMLStreamException("external resources are never loaded: " + systemId);
        });
        return factory;
    }

    /**
     * One pass over one document.
     */
    private static final class Writer
    {
        private final StringBuilder out;
        private int depth;
        private boolean openTag;
        private boolean textInElement;

        private Writer(final int length)
        {
            out = new StringBuilder(length + (length >> 1));
        }

        private String write(final XMLStreamReader reader) throws XMLStreamException
        {
            if (null != reader.getVersion())
            {
                out.append("<?xml version=\"").append(reader.getVersion()).append('"');
                if (null != reader.getCharacterEncodingScheme())
                {
                    out.append(" encoding=\"").append(reader.getCharacterEncodingScheme()).append('"');
                }
                out.append("?>");
            }
            while (reader.hasNext())
            {
                onEvent(reader, reader.next());
            }
            return out.toString();
        }

        private void onEvent(final XMLStreamReader reader, final int event) throws XMLStreamException
        {
            switch (event)
            {
                case XMLStreamConstants.DTD:
                case XMLStreamConstants.ENTITY_REFERENCE:
                    throw new XMLStreamException("DTDs and entity references are not processed");
                case XMLStreamConstants.START_ELEMENT:
                    startElement(reader);
                    break;
                case XMLStreamConstants.END_ELEMENT:
                    endElement(reader);
                    break;
                case XMLStreamConstants.CHARACTERS:
                case XMLStreamConstants.SPACE:
                    text(reader.getText(), false);
                    break;
                case XMLStreamConstants.CDATA:
                    text(reader.getText(), true);
                    break;
                case XMLStreamConstants.COMMENT:
                    closeOpenTag();
                    newline(depth);
                    out.append("<!--").append(reader.getText()).append("-->");
                    break;
                case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    closeOpenTag();
                    newline(depth);
                    out.append("<?").append(reader.getPITarget());
                    if (null != reader.getPIData() && !reader.getPIData().isEmpty())
                    {
                        out.append(' ').append(reader.getPIData());
                    }
                    out.append("?>");
                    break;
                default:
                    break;
            }
        }

        private void startElement(final XMLStreamReader reader)
        {
            closeOpenTag();
            newline(depth);
            out.append('<').append(qualified(reader.getPrefix(), reader.getLocalName()));
            for (int i = 0; i < reader.getNamespaceCount(); i++)
            {
                final String prefix = reader.getNamespacePrefix(i);
                out.append(null == prefix || prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("=\"");
                escape(reader.getNamespaceURI(i), true);
                out.append('"');
            }
            for (int i = 0; i < reader.getAttributeCount(); i++)
            {
                out.append(' ').append(qualified(reader.getAttributePrefix(i), reader.getAttributeLocalName(i)))
                    .append("=\"");
                escape(reader.getAttributeValue(i), true);
                out.append('"');
            }
            openTag = true;
            textInElement = false;
            depth++;
        }

        private void endElement(final XMLStreamReader reader)
        {
            depth--;
            if (openTag)
            {
                out.append("/>");
                openTag = false;
            }
            else
            {
                if (!textInElement)
                {
                    newline(depth);
                }
                out.append("</").append(qualified(reader.getPrefix(), reader.getLocalName())).append('>');
            }
            textInElement = false;
        }

        private void text(final String text, final boolean cdata)
        {
            if (!cdata && text.isBlank())
            {
                return;
            }
            closeOpenTag();
            if (cdata)
            {
                out.append("<![CDATA[").append(text).append("]]>");
            }
            else
            {
                escape(text, false);
            }
            textInElement = true;
        }

        private void closeOpenTag()
        {
            if (openTag)
            {
                out.append('>');
                openTag = false;
            }
        }

        private void newline(final int level)
        {
            if (out.length() > 0)
            {
                out.append('\n');
            }
            for (int i = 0; i < level; i++)
            {
                out.append(INDENT);
            }
        }

        private void escape(final String text, final boolean attribute)
        {
            for (int i = 0; i < text.length(); i++)
            {
                final char c = text.charAt(i);
                switch (c)
                {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    case '"' -> out.append(attribute ? "&quot;" : "\"");
                    default -> out.append(c);
                }
            }
        }

        private static String qualified(final String prefix, final String localName)
        {
            return null == prefix || prefix.isEmpty() ? localName : prefix + ":" + localName;
        }
    }
}
