package io.aeolus.broker.management;

import io.aeolus.management.MessageDetail;
import io.aeolus.management.MessageInfo;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Reads one message's encoded frame for management: {@link #read(QueueEntry)} decodes its headers into this view,
 * and the write methods put what management shows into a reply map under a row prefix.
 * <p>
 * A browse row ({@link #write}) holds the headers, the properties (each as {@code <row>.p.<name>}) and the body as
 * text (a bytes body in base64; a map or stream body as its values; an object body as its class name only, never
 * deserialized); bodies longer than {@link #MAX_BODY_CHARS} are cut and flagged. A detail ({@link #writeDetail})
 * holds the same headers and properties, a few more headers, and a slice of the body's raw bytes: see
 * {@link MessageSearch}. Conductor thread only; allocates.
 */
final class MessageView
{
    static final int MAX_BODY_CHARS = 64 * 1024;
    /** The one-byte body of a TextMessage whose text is null (not valid UTF-8, so never a real text). */
    static final byte NULL_TEXT_MARKER = (byte)0xFF;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();
    private QueueEntry entry;
    private BrokerMessage message;
    private int deliveryCount;
    private DirectBuffer buffer;
    private BodyType bodyType;
    private DestinationType replyToType;
    private boolean correlationIsBytes;
    private String messageId;
    private String destination;
    private String replyTo;
    private byte[] correlationId;
    private String jmsType;
    private int propertiesOffset;
    private int propertiesLength;
    private int bodyOffset;
    private int bodyLength;

    /**
     * @return the message's JMSMessageID, empty if it has none; reads nothing else.
     */
    String messageId(final QueueEntry entry)
    {
        return messageId(entry.message());
    }

    /**
     * @return the JMSMessageID of a message (one read back from the journal too), empty if it has none; reads
     *         nothing else.
     */
    String messageId(final BrokerMessage message)
    {
        wrap(message.encoded());
        return decoder.messageId();
    }

    /**
     * Decodes a message's headers, in the schema's order, into this view.
     *
     * @return this.
     */
    MessageView read(final QueueEntry entry)
    {
        read(entry.message(), entry.deliveryCount());
        this.entry = entry;
        return this;
    }

    /**
     * Decodes the headers of a message that is not in memory (paged out to the journal) into this view, for a
     * browse row ({@link #write}).
     *
     * @param message       the message read back from the journal.
     * @param deliveryCount its delivery count as journaled.
     * @return this.
     */
    MessageView read(final BrokerMessage message, final int deliveryCount)
    {
        this.entry = null;
        this.message = message;
        this.deliveryCount = deliveryCount;
        buffer = message.encoded();
        wrap(buffer);
        bodyType = decoder.bodyType();
        replyToType = decoder.replyToType();
        correlationIsBytes = decoder.flags().correlationIdIsBytes();
        messageId = decoder.messageId();
        destination = decoder.destination();
        replyTo = decoder.replyTo();
        correlationId = new byte[decoder.correlationIdLength()];
        decoder.getCorrelationId(correlationId, 0, correlationId.length);
        jmsType = decoder.jmsType();
        propertiesLength = decoder.propertiesLength();
        propertiesOffset = decoder.limit() + JmsMessageDecoder.propertiesHeaderLength();
        decoder.skipProperties();
        bodyLength = decoder.bodyLength();
        bodyOffset = decoder.limit() + JmsMessageDecoder.bodyHeaderLength();
        return this;
    }

    String messageId()
    {
        return messageId;
    }

    /**
     * @return the JMSCorrelationID as text (bytes ones read as UTF-8).
     */
    String correlationId()
    {
        return new String(correlationId, StandardCharsets.UTF_8);
    }

    String jmsType()
    {
        return jmsType;
    }

    BodyType bodyType()
    {
        return bodyType;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int bodyOffset()
    {
        return bodyOffset;
    }

    int bodyLength()
    {
        return bodyLength;
    }

    /**
     * Writes the message read last as one row of a browse or search: headers, properties and its body as text (cut
     * at {@link #MAX_BODY_CHARS}).
     */
    void write(final String row, final Map<String, Object> reply)
    {
        String body = body(buffer, bodyOffset, bodyLength, bodyType);
        final boolean truncated = null != body && body.length() > MAX_BODY_CHARS;
        if (truncated)
        {
            body = body.substring(0, MAX_BODY_CHARS);
        }
        new MessageInfo(messageId, correlationId(), jmsType, replyTo, message.timestampMs(), message.expirationMs(),
            message.priority(), message.isPersistent(), deliveryCount, bodyType.name(), bodyLength, body,
            truncated, properties()).write(reply, row);
    }

    /**
     * Writes the message read last whole, with a slice of its body from {@code offset}, at most {@code length}
     * bytes.
     */
    void writeDetail(final long offset, final int length, final Map<String, Object> reply)
    {
        writeDetail(offset, length, null != entry && entry.isScheduled(), reply);
    }

    /**
     * As {@link #writeDetail(long, int, Map)}, for a message read with {@link #read(BrokerMessage, int)} (paged out
     * to the journal), which says itself whether it waits for its delivery time.
     */
    void writeDetail(final long offset, final int length, final boolean scheduled, final Map<String, Object> reply)
    {
        final byte[] slice = new byte[(int)Math.min(length, bodyLength - offset)];
        buffer.getBytes(bodyOffset + (int)offset, slice);
        final String className = bodyType == BodyType.OBJECT && bodyLength > 0 ?
            serializedClassName(buffer, bodyOffset, bodyLength) : "";
        new MessageDetail(messageId, destination, correlationId(), correlationIsBytes ? correlationId : null, jmsType,
            replyTo, replyToType.name(), message.timestampMs(), message.expirationMs(), message.deliveryTimeMs(),
            message.priority(), message.isPersistent(), deliveryCount, scheduled, bodyType.name(),
            bodyLength, offset, slice, className, properties()).write(reply);
    }

    private Map<String, Object> properties()
    {
        if (propertiesLength <= 0)
        {
            return Map.of();
        }
        try
        {
            return PropertiesCodec.decode(buffer, propertiesOffset, propertiesLength);
        }
        catch (final IllegalArgumentException ex)
        {
            // A message whose properties cannot be decoded is still shown, without them.
            return Map.of();
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
    static String serializedClassName(final DirectBuffer buffer, final int offset, final int length)
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
