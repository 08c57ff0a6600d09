package io.aeolus.management;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message read whole, or a slice of its body: the answer to {@link Operation#GET_MESSAGE}. A long body is read in
 * slices: ask again from {@code bodyOffset + body.length} until {@link #isLastSlice()}.
 *
 * @param messageId          its JMSMessageID.
 * @param destination        the destination it was sent to.
 * @param correlationId      its JMSCorrelationID as text, empty if none.
 * @param correlationIdBytes its JMSCorrelationID as bytes when it was set as bytes, else null.
 * @param type               its JMSType.
 * @param replyTo            its JMSReplyTo destination's name.
 * @param replyToType        that destination's type ({@code NONE} if none).
 * @param timestamp          its JMSTimestamp.
 * @param expiration         its JMSExpiration.
 * @param deliveryTime       its JMSDeliveryTime.
 * @param priority           its priority.
 * @param persistent         true if persistent.
 * @param deliveryCount      how often it has been delivered.
 * @param scheduled          true if it waits for its delivery time.
 * @param bodyType           TEXT, BYTES, MAP, STREAM, OBJECT or MESSAGE.
 * @param bodySize           the whole body's size in bytes.
 * @param bodyOffset         where this slice starts in the body.
 * @param body               the slice, in the body's encoding.
 * @param className          an object message's class, empty otherwise.
 * @param properties         its properties.
 */
public record MessageDetail(String messageId, String destination, String correlationId, byte[] correlationIdBytes,
    String type, String replyTo, String replyToType, long timestamp, long expiration, long deliveryTime, int priority,
    boolean persistent, int deliveryCount, boolean scheduled, String bodyType, int bodySize, long bodyOffset,
    byte[] body, String className, Map<String, Object> properties)
{
    private static final String DESTINATION = "destination";
    private static final String CORRELATION_ID_BYTES = "correlationIdBytes";
    private static final String REPLY_TO_TYPE = "replyToType";
    private static final String DELIVERY_TIME = "deliveryTime";
    private static final String SCHEDULED = "scheduled";
    private static final String BODY_OFFSET = "bodyOffset";
    private static final String CLASS_NAME = "className";
    private static final byte NULL_TEXT_MARKER = (byte)0xFF;

    /**
     * @return true if this slice reaches the end of the body.
     */
    public boolean isLastSlice()
    {
        return bodyOffset + body.length >= bodySize;
    }

    /**
     * @return true if this slice is the whole body.
     */
    public boolean isWholeBody()
    {
        return 0 == bodyOffset && body.length == bodySize;
    }

    /**
     * @return a whole text body, null for a text message without text.
     * @throws IllegalStateException if the body is not text or not whole.
     */
    public String text()
    {
        requireWhole("TEXT");
        return 1 == body.length && NULL_TEXT_MARKER == body[0] ? null : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @param expectedType the body type a caller needs.
     * @throws IllegalStateException if the body is of another type or this slice is not all of it.
     */
    public void requireWhole(final String expectedType)
    {
        if (!expectedType.equals(bodyType))
        {
            throw new IllegalStateException("a " + bodyType + " body, not " + expectedType);
        }
        if (!isWholeBody())
        {
            throw new IllegalStateException("this slice holds bytes " + bodyOffset + " to " +
                (bodyOffset + body.length) + " of a body of " + bodySize + ": read the rest first");
        }
    }

    /**
     * @param out a reply body.
     */
    public void write(final Map<String, Object> out)
    {
        out.put(MessageInfo.MESSAGE_ID, messageId);
        out.put(DESTINATION, destination);
        out.put(MessageInfo.CORRELATION_ID, correlationId);
        if (null != correlationIdBytes)
        {
            out.put(CORRELATION_ID_BYTES, correlationIdBytes);
        }
        out.put(MessageInfo.TYPE, type);
        out.put(MessageInfo.REPLY_TO, replyTo);
        out.put(REPLY_TO_TYPE, replyToType);
        out.put(MessageInfo.TIMESTAMP, timestamp);
        out.put(MessageInfo.EXPIRATION, expiration);
        out.put(DELIVERY_TIME, deliveryTime);
        out.put(MessageInfo.PRIORITY, priority);
        out.put(MessageInfo.PERSISTENT, persistent);
        out.put(MessageInfo.DELIVERY_COUNT, deliveryCount);
        out.put(SCHEDULED, scheduled);
        out.put(MessageInfo.BODY_TYPE, bodyType);
        out.put(MessageInfo.BODY_SIZE, bodySize);
        out.put(BODY_OFFSET, bodyOffset);
        out.put(MessageInfo.BODY, body);
        if (!className.isEmpty())
        {
            out.put(CLASS_NAME, className);
        }
        MessageInfo.writeProperties(properties, out, "");
    }

    /**
     * @param in a reply body.
     * @return the message written there.
     */
    public static MessageDetail read(final Map<String, Object> in)
    {
        final byte[] body = Reply.bytes(in, MessageInfo.BODY);
        return new MessageDetail(Reply.string(in, MessageInfo.MESSAGE_ID), Reply.string(in, DESTINATION),
            Reply.string(in, MessageInfo.CORRELATION_ID), Reply.bytes(in, CORRELATION_ID_BYTES),
            Reply.string(in, MessageInfo.TYPE), Reply.string(in, MessageInfo.REPLY_TO), Reply.string(in, REPLY_TO_TYPE),
            Reply.longValue(in, MessageInfo.TIMESTAMP), Reply.longValue(in, MessageInfo.EXPIRATION),
            Reply.longValue(in, DELIVERY_TIME), Reply.intValue(in, MessageInfo.PRIORITY),
            Reply.booleanValue(in, MessageInfo.PERSISTENT), Reply.intValue(in, MessageInfo.DELIVERY_COUNT),
            Reply.booleanValue(in, SCHEDULED), Reply.string(in, MessageInfo.BODY_TYPE),
            Reply.intValue(in, MessageInfo.BODY_SIZE), Reply.longValue(in, BODY_OFFSET),
            null == body ? new byte[0] : body, Reply.string(in, CLASS_NAME),
            MessageInfo.readProperties(in, ""));
    }
}
