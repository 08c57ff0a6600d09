package io.aeolus.jms.admin;

import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message as {@link AdminClient#getMessage} shows it: its headers, its properties, and a slice of its body's raw
 * bytes, which a client reads in pieces ({@link #bodyOffset()}, {@link #bodySize()}) so that a 100 MiB body never
 * has to travel in one reply. The raw bytes are the UTF-8 text of a text body (the single byte {@code 0xFF} for a
 * null text), the bytes themselves for a bytes body, the broker's encoding of a map or stream body (see
 * {@link #map()}), and the Java serialization stream of an object body, which is never deserialized: its class name
 * is read from the stream's head into {@link #className()}.
 *
 * @param messageId          JMSMessageID.
 * @param destination        the queue it waits in, as it was sent (the topic, for a subscription's message).
 * @param correlationId      JMSCorrelationID as text, empty if none.
 * @param correlationIdBytes JMSCorrelationID's bytes if it was set as bytes, else null.
 * @param type               JMSType, empty if none.
 * @param replyTo            the JMSReplyTo destination's name, empty if none.
 * @param replyToType        its type: QUEUE, TOPIC, TEMPORARY_QUEUE, TEMPORARY_TOPIC, or NONE.
 * @param timestamp          JMSTimestamp, ms since the epoch.
 * @param expiration         JMSExpiration, ms since the epoch, 0 for never.
 * @param deliveryTime       JMSDeliveryTime, ms since the epoch.
 * @param priority           JMSPriority.
 * @param persistent         true for JMSDeliveryMode PERSISTENT.
 * @param deliveryCount      deliveries so far.
 * @param scheduled          true while it waits for its delivery time or a redelivery delay.
 * @param bodyType           MESSAGE, TEXT, BYTES, MAP, STREAM or OBJECT.
 * @param bodySize           the whole body's size in bytes.
 * @param bodyOffset         where this slice of the body starts.
 * @param body               this slice of the body's raw bytes.
 * @param className          for an object body, the class name read from the serialization stream; else null.
 * @param properties         the message's properties.
 */
public record MessageDetail(String messageId, String destination, String correlationId, byte[] correlationIdBytes,
    String type, String replyTo, String replyToType, long timestamp, long expiration, long deliveryTime, int priority,
    boolean persistent, int deliveryCount, boolean scheduled, String bodyType, int bodySize, long bodyOffset,
    byte[] body, String className, Map<String, Object> properties)
{
    /**
     * @return true if this slice ends where the body ends.
     */
    public boolean isLastSlice()
    {
        return bodyOffset + body.length >= bodySize;
    }

    /**
     * @return true if this slice holds the whole body.
     */
    public boolean isWholeBody()
    {
        return 0 == bodyOffset && body.length == bodySize;
    }

    /**
     * @return the text of a text message whose whole body is in this slice, null for a null text.
     * @throws IllegalStateException if it is not a text message or the slice does not hold the whole body.
     */
    public String text()
    {
        requireWhole("TEXT");
        return 1 == body.length && (byte)0xFF == body[0] ? null : new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @return the entries of a map message whose whole body is in this slice, in the order they were set.
     * @throws IllegalStateException if it is not a map message or the slice does not hold the whole body.
     * @throws IllegalArgumentException if the body cannot be decoded.
     */
    public Map<String, Object> map()
    {
        requireWhole("MAP");
        return PropertiesCodec.decode(new UnsafeBuffer(body), 0, body.length);
    }

    private void requireWhole(final String expectedType)
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
}
