package io.aeolus.broker.management;

import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Writes what a browse shows of one message into a reply map, under a row prefix: headers, properties (each as
 * {@code <row>.p.<name>}) and the body as text (a bytes body in base64; a map or stream body as its values; an
 * object body as its class name and size only, never deserialized). Bodies longer than {@link #MAX_BODY_CHARS}
 * are cut and flagged. Conductor thread only; allocates.
 */
final class MessageView
{
    static final int MAX_BODY_CHARS = 64 * 1024;
    private static final byte NULL_TEXT_MARKER = (byte)0xFF;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();

    /**
     * @return the message's JMSMessageID, empty if it has none.
     */
    String messageId(final QueueEntry entry)
    {
        wrap(entry.message().encoded());
        return decoder.messageId();
    }

    void write(final QueueEntry entry, final String row, final Map<String, Object> reply)
    {
        final DirectBuffer buffer = entry.message().encoded();
        wrap(buffer);
        final BodyType bodyType = decoder.bodyType();
        reply.put(row + "bodyType", bodyType.name());
        reply.put(row + "persistent", entry.message().isPersistent());
        reply.put(row + "priority", entry.message().priority());
        reply.put(row + "timestamp", entry.message().timestampMs());
        reply.put(row + "expiration", entry.message().expirationMs());
        reply.put(row + "deliveryTime", entry.message().deliveryTimeMs());
        reply.put(row + "deliveryCount", entry.deliveryCount());
        reply.put(row + "messageId", decoder.messageId());
        decoder.skipDestination();
        reply.put(row + "replyTo", decoder.replyTo());
        final byte[] correlation = new byte[decoder.correlationIdLength()];
        decoder.getCorrelationId(correlation, 0, correlation.length);
        reply.put(row + "correlationId", new String(correlation, StandardCharsets.UTF_8));
        reply.put(row + "type", decoder.jmsType());
        final int propertiesLength = decoder.propertiesLength();
        final int propertiesOffset = decoder.limit() + JmsMessageDecoder.propertiesHeaderLength();
        decoder.skipProperties();
        if (propertiesLength > 0)
        {
            try
            {
                for (final Map.Entry<String, Object> property :
                    PropertiesCodec.decode(buffer, propertiesOffset, propertiesLength).entrySet())
                {
                    reply.put(row + "p." + property.getKey(), property.getValue());
                }
            }
            catch (final IllegalArgumentException ex)
            {
                reply.put(row + "propertiesProblem", ex.getMessage());
            }
        }
        final int bodyLength = decoder.bodyLength();
        final int bodyOffset = decoder.limit() + JmsMessageDecoder.bodyHeaderLength();
        reply.put(row + "bodySize", bodyLength);
        String body = body(buffer, bodyOffset, bodyLength, bodyType);
        if (null != body && body.length() > MAX_BODY_CHARS)
        {
            body = body.substring(0, MAX_BODY_CHARS);
            reply.put(row + "truncated", true);
        }
        if (null != body)
        {
            reply.put(row + "body", body);
        }
    }

    private void wrap(final DirectBuffer buffer)
    {
        headerDecoder.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
    }

    private static String body(final DirectBuffer buffer, final int offset, final int length, final BodyType type)
    {
        try
        {
            switch (type)
            {
                case TEXT:
                    return 1 == length && NULL_TEXT_MARKER == buffer.getByte(offset) ?
                        null : buffer.getStringWithoutLengthUtf8(offset, length);
                case BYTES:
                    final byte[] bytes = new byte[Math.min(length, MAX_BODY_CHARS)];
                    buffer.getBytes(offset, bytes);
                    return Base64.getEncoder().encodeToString(bytes);
                case MAP:
                    return 0 == length ? null : PropertiesCodec.decode(buffer, offset, length).toString();
                case STREAM:
                    return 0 == length ? null : PropertiesCodec.decodeValues(buffer, offset, length).toString();
                case OBJECT:
                    return 0 == length ? null : serializedClassName(buffer, offset, length);
                default:
                    return null;
            }
        }
        catch (final IllegalArgumentException | IndexOutOfBoundsException ex)
        {
            return "(undecodable " + type + " body: " + ex.getMessage() + ")";
        }
    }

    /**
     * Reads the class name from the head of a Java serialization stream (magic, version, TC_OBJECT, TC_CLASSDESC,
     * the name in modified UTF-8) without deserializing anything.
     */
    private static String serializedClassName(final DirectBuffer buffer, final int offset, final int length)
    {
        final int nameOffset = offset + 8;
        final boolean isObject = length > 8 && (buffer.getByte(offset) & 0xFF) == 0xAC &&
            (buffer.getByte(offset + 1) & 0xFF) == 0xED && buffer.getByte(offset + 4) == 0x73 &&
            buffer.getByte(offset + 5) == 0x72;
        if (!isObject)
        {
            return "(serialized object)";
        }
        final int nameLength = ((buffer.getByte(offset + 6) & 0xFF) << 8) | (buffer.getByte(offset + 7) & 0xFF);
        if (nameOffset + nameLength > offset + length)
        {
            return "(serialized object)";
        }
        return buffer.getStringWithoutLengthUtf8(nameOffset, nameLength);
    }
}
