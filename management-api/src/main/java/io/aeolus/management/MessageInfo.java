package io.aeolus.management;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of a browse or search.
 *
 * @param messageId     its JMSMessageID.
 * @param correlationId its JMSCorrelationID, empty if none.
 * @param type          its JMSType, empty if none.
 * @param replyTo       its JMSReplyTo destination's name, empty if none.
 * @param timestamp     its JMSTimestamp, ms since the epoch.
 * @param expiration    its JMSExpiration, 0 for never.
 * @param priority      its priority.
 * @param persistent    true if persistent.
 * @param deliveryCount how often it has been delivered.
 * @param bodyType      TEXT, BYTES, MAP, STREAM, OBJECT or MESSAGE.
 * @param bodySize      its body's size in bytes.
 * @param body          its body as text (bytes as base64, a map or stream as {@code toString}, an object as its
 *                      class), empty for none.
 * @param truncated     true if the text was cut.
 * @param properties    its properties.
 */
public record MessageInfo(String messageId, String correlationId, String type, String replyTo, long timestamp,
    long expiration, int priority, boolean persistent, int deliveryCount, String bodyType, int bodySize, String body,
    boolean truncated, Map<String, Object> properties)
{
    static final String MESSAGE_ID = "messageId";
    static final String CORRELATION_ID = "correlationId";
    static final String TYPE = "type";
    static final String REPLY_TO = "replyTo";
    static final String TIMESTAMP = "timestamp";
    static final String EXPIRATION = "expiration";
    static final String PRIORITY = "priority";
    static final String PERSISTENT = "persistent";
    static final String DELIVERY_COUNT = "deliveryCount";
    static final String BODY_TYPE = "bodyType";
    static final String BODY_SIZE = "bodySize";
    static final String BODY = "body";
    static final String PROPERTY_PREFIX = "p.";
    private static final String TRUNCATED = "truncated";

    /**
     * @param out    a reply body.
     * @param prefix the row prefix.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + MESSAGE_ID, messageId);
        out.put(prefix + CORRELATION_ID, correlationId);
        out.put(prefix + TYPE, type);
        out.put(prefix + REPLY_TO, replyTo);
        out.put(prefix + TIMESTAMP, timestamp);
        out.put(prefix + EXPIRATION, expiration);
        out.put(prefix + PRIORITY, priority);
        out.put(prefix + PERSISTENT, persistent);
        out.put(prefix + DELIVERY_COUNT, deliveryCount);
        out.put(prefix + BODY_TYPE, bodyType);
        out.put(prefix + BODY_SIZE, bodySize);
        if (null != body)
        {
            out.put(prefix + BODY, body);
        }
        if (truncated)
        {
            out.put(prefix + TRUNCATED, true);
        }
        writeProperties(properties, out, prefix);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix.
     * @return the message written there.
     */
    public static MessageInfo read(final Map<String, Object> in, final String prefix)
    {
        return new MessageInfo(Reply.string(in, prefix + MESSAGE_ID), Reply.string(in, prefix + CORRELATION_ID),
            Reply.string(in, prefix + TYPE), Reply.string(in, prefix + REPLY_TO),
            Reply.longValue(in, prefix + TIMESTAMP), Reply.longValue(in, prefix + EXPIRATION),
            Reply.intValue(in, prefix + PRIORITY), Reply.booleanValue(in, prefix + PERSISTENT),
            Reply.intValue(in, prefix + DELIVERY_COUNT), Reply.string(in, prefix + BODY_TYPE),
            Reply.intValue(in, prefix + BODY_SIZE), Reply.string(in, prefix + BODY),
            Reply.booleanValue(in, prefix + TRUNCATED), readProperties(in, prefix));
    }

    static void writeProperties(final Map<String, Object> properties, final Map<String, Object> out,
        final String prefix)
    {
        for (final Map.Entry<String, Object> property : properties.entrySet())
        {
            out.put(prefix + PROPERTY_PREFIX + property.getKey(), property.getValue());
        }
    }

    static Map<String, Object> readProperties(final Map<String, Object> in, final String prefix)
    {
        final Map<String, Object> properties = new LinkedHashMap<>();
        final String propertyPrefix = prefix + PROPERTY_PREFIX;
        for (final Map.Entry<String, Object> entry : in.entrySet())
        {
            if (entry.getKey().startsWith(propertyPrefix))
            {
                properties.put(entry.getKey().substring(propertyPrefix.length()), entry.getValue());
            }
        }
        return properties;
    }
}
