package io.aeolus.broker.transform;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;

/**
 * The Jackson mappers the built-ins share: configured once, thread-safe afterwards (Jackson's mappers are, once
 * configured). XML input reads no DTD and no external entity.
 */
final class Mappers
{
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final XMLInputFactory XML_INPUT = safeInput();
    static final XmlMapper XML = new XmlMapper(XmlFactory.builder().xmlInputFactory(safeInput()).build());

    private Mappers()
    {
    }

    private static XMLInputFactory safeInput()
    {
        final XMLInputFactory input = XMLInputFactory.newFactory();
        input.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        input.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return input;
    }

    /**
     * @return the local name of the document's root element, read with the same safe factory as the mapper.
     * @throws XMLStreamException if the document does not start well-formed.
     */
    static String rootName(final String xml) throws XMLStreamException
    {
        final XMLStreamReader reader = XML_INPUT.createXMLStreamReader(new StringReader(xml));
        try
        {
            reader.nextTag();
            return reader.getLocalName();
        }
        finally
        {
            reader.close();
        }
    }

    /**
     * @return a parse error's message without the source excerpt Jackson appends, with line and column.
     */
    static String brief(final JacksonException ex)
    {
        final JsonLocation location = ex.getLocation();
        final String message = ex.getOriginalMessage();
        return null == location ? message : message + " (line " + location.getLineNr() + ", column " +
            location.getColumnNr() + ")";
    }
}
