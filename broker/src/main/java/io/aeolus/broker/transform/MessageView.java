package io.aeolus.broker.transform;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transformer's view of a message: its body type and body, its properties and its JMSType header (the one
 * free-form header; the others are the broker's to keep). Immutable; the "with" methods make changed copies.
 *
 * @param bodyType   the JMS body type: {@code MESSAGE}, {@code TEXT}, {@code BYTES}, {@code MAP}, {@code STREAM} or
 *                   {@code OBJECT}. Transformers of text (XML, JSON) read {@code TEXT} and {@code BYTES} bodies as
 *                   UTF-8.
 * @param body       the body's bytes: UTF-8 text for {@code TEXT}, the bytes for {@code BYTES}, the client's
 *                   encoding for the others. Not copied: do not change the array.
 * @param properties the properties (String, Boolean, Byte, Short, Integer, Long, Float or Double values), in the
 *                   order the producer set them.
 * @param jmsType    the JMSType header, or null.
 */
public record MessageView(String bodyType, byte[] body, Map<String, Object> properties, String jmsType)
{
    /** The body type of a text message. */
    public static final String TEXT = "TEXT";
    /** The body type of a bytes message. */
    public static final String BYTES = "BYTES";
    /** The header a property mapping may read or write besides properties. */
    public static final String JMS_TYPE = "JMSType";

    /**
     * Copies the properties into an unmodifiable map.
     */
    public MessageView
    {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        body = null == body ? new byte[0] : body;
    }

    /**
     * @return true if the body is text a text transformer may read: a TEXT or BYTES body.
     */
    public boolean hasTextBody()
    {
        return TEXT.equals(bodyType) || BYTES.equals(bodyType);
    }

    /**
     * @return the body as UTF-8 text.
     */
    public String text()
    {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param text the new body, as UTF-8 text; the body type stays (a BYTES message stays a BYTES message).
     * @return a copy with that body.
     */
    public MessageView withText(final String text)
    {
        return new MessageView(bodyType, text.getBytes(StandardCharsets.UTF_8), properties, jmsType);
    }

    /**
     * @param newProperties the new properties (all of them).
     * @param newJmsType    the new JMSType, or null for none.
     * @return a copy with those properties and that header.
     */
    public MessageView withProperties(final Map<String, Object> newProperties, final String newJmsType)
    {
        return new MessageView(bodyType, body, newProperties, newJmsType);
    }
}
