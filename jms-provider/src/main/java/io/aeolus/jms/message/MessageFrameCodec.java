package io.aeolus.jms.message;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeolus.jms.AeolusDestination;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageFormatException;

/**
 * Frames messages as {@code MessageHeader} + {@code JmsMessage} and back. Decoding treats the bytes as untrusted: it
 * checks the header, the block length and every var-data length against the frame before reading any field, so a
 * malformed frame becomes a {@link MessageFormatException} rather than a read outside the frame. Stateless.
 */
final class MessageFrameCodec
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int VAR_LENGTH_FIELD = 4;
    private static final byte[] NO_BYTES = new byte[0];

    private MessageFrameCodec()
    {
    }

    static int encode(final AeolusMessage message, final MutableDirectBuffer buffer, final int offset)
    {
        final Scratch scratch = SCRATCH.get();
        final JmsMessageEncoder encoder = scratch.encoder.wrapAndApplyHeader(buffer, offset, scratch.headerEncoder);
        encodeHeaders(message.bodyType(), message.headers(), encoder, scratch);
        message.properties().encode(encoder);
        message.encodeBody(encoder);

        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static AeolusMessage decode(
        final DirectBuffer buffer, final int offset, final int length, final DeserializationPolicy policy)
        throws MessageFormatException
    {
        return decode(buffer, offset, length, policy, null);
    }

    /**
     * Decodes a frame, and if {@code shared} is given hands it the copy and its layout, so that later deliveries of
     * the same bytes can share them ({@link SharedFrameDecoder}).
     */
    static AeolusMessage decode(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final DeserializationPolicy policy,
        final SharedFrameDecoder shared)
        throws MessageFormatException
    {
        if (offset < 0 || length < HEADER_LENGTH || (long)offset + length > buffer.capacity())
        {
            throw new MessageFormatException("frame [offset=" + offset + ", length=" + length +
                "] is shorter than a message header or lies outside the buffer");
        }

        // The one copy: the message outlives the receive buffer, and its lazy parts are views into this copy.
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        final UnsafeBuffer frame = new UnsafeBuffer(bytes);
        final JmsMessageDecoder decoder = wrap(frame, length);
        checkVarData(decoder, length);
        decoder.sbeRewind();

        final short bodyTypeRaw = decoder.bodyTypeRaw();
        final AeolusMessage message = newMessage(bodyTypeRaw, policy);
        decodeHeaders(decoder, message.headers());

        final int propertiesOffset = decoder.limit() + VAR_LENGTH_FIELD;
        final int propertiesLength = decoder.propertiesLength();
        message.properties().wrapEncoded(frame, propertiesOffset, propertiesLength);
        decoder.skipProperties();

        final int bodyOffset = decoder.limit() + VAR_LENGTH_FIELD;
        final int bodyLength = decoder.bodyLength();
        // The body is read through the frame's one wrapper, at its offset: no second wrapper object per message.
        message.onReceivedBody(frame, bodyOffset, bodyLength);
        decoder.skipBody();

        if (null != shared)
        {
            // Before the message is handed out: its headers are still exactly what the frame says.
            shared.remember(frame, bodyTypeRaw, message.headers(), propertiesOffset, propertiesLength, bodyOffset,
                bodyLength, policy);
        }
        message.makeReadOnly();
        return message;
    }

    /**
     * A new message over a frame that was decoded before: its headers copied from the first decode's, its
     * properties and body views into the same copy (never written into: a received message's body and properties
     * are replaced, not written over, after {@code clearBody}/{@code clearProperties}).
     */
    static AeolusMessage decodeShared(
        final short bodyTypeRaw,
        final MessageHeaders headers,
        final DirectBuffer frame,
        final int propertiesOffset,
        final int propertiesLength,
        final int bodyOffset,
        final int bodyLength,
        final DeserializationPolicy policy,
        final SharedDecodes decodes)
        throws MessageFormatException
    {
        final AeolusMessage message = newMessage(bodyTypeRaw, policy);
        message.headers().copyFrom(headers);
        message.shareDecodes(decodes);
        message.properties().wrapEncoded(frame, propertiesOffset, propertiesLength);
        message.onReceivedBody(frame, bodyOffset, bodyLength);
        message.makeReadOnly();
        return message;
    }

    private static void encodeHeaders(
        final BodyType bodyType, final MessageHeaders headers, final JmsMessageEncoder encoder, final Scratch scratch)
    {
        encoder
            .bodyType(bodyType)
            .deliveryMode(io.aeolus.transport.codecs.DeliveryMode.get((short)headers.deliveryMode))
            .priority((short)headers.priority);
        encoder.flags()
            .clear()
            .correlationIdIsBytes(null != headers.correlationIdBytes)
            .messageIdDisabled(!headers.hasMessageId())
            .timestampDisabled(0 == headers.timestamp);
        encoder
            .destinationType(typeOf(headers.destination))
            .replyToType(typeOf(headers.replyTo))
            .timestamp(headers.timestamp)
            .expiration(headers.expiration)
            .deliveryTime(headers.deliveryTime)
            .producerConnectionId(headers.producerConnectionId);

        headers.encodeMessageId(encoder, scratch.messageId);
        final byte[] destination = scratch.destinationBytes(headers.destination);
        encoder.putDestination(destination, 0, destination.length);
        encoder.replyTo(null == headers.replyTo ? null : headers.replyTo.name());
        final byte[] correlation = null != headers.correlationIdBytes ? headers.correlationIdBytes :
            null != headers.correlationId ? headers.correlationId.getBytes(StandardCharsets.UTF_8) : NO_BYTES;
        encoder.putCorrelationId(correlation, 0, correlation.length);
        encoder.jmsType(headers.type);
    }

    /**
     * Reads the block fields and the header var-data fields (messageId to jmsType), after {@link #checkVarData}
     * proved every length. Empty strings on the wire read as null: SBE var data cannot tell them apart.
     */
    private static void decodeHeaders(final JmsMessageDecoder decoder, final MessageHeaders headers)
        throws MessageFormatException
    {
        headers.deliveryMode = decoder.deliveryModeRaw();
        if (DeliveryMode.PERSISTENT != headers.deliveryMode && DeliveryMode.NON_PERSISTENT != headers.deliveryMode)
        {
            throw new MessageFormatException("invalid delivery mode on the wire: " + headers.deliveryMode);
        }
        headers.priority = decoder.priority();
        if (headers.priority > 9)
        {
            throw new MessageFormatException("invalid priority on the wire: " + headers.priority);
        }
        final boolean correlationIsBytes = decoder.flags().correlationIdIsBytes();
        final DestinationType destinationType = destinationType(decoder.destinationTypeRaw());
        final DestinationType replyToType = destinationType(decoder.replyToTypeRaw());
        headers.timestamp = decoder.timestamp();
        headers.expiration = decoder.expiration();
        headers.deliveryTime = decoder.deliveryTime();
        headers.producerConnectionId = decoder.producerConnectionId();

        headers.receivedMessageId(decoder.buffer(), decoder.limit() + JmsMessageDecoder.messageIdHeaderLength(),
            decoder.messageIdLength());
        decoder.skipMessageId();
        headers.destination = SCRATCH.get().destination(decoder, destinationType);
        headers.replyTo = AeolusDestination.of(replyToType, decoder.replyTo());
        final int correlationLength = decoder.correlationIdLength();
        if (0 == correlationLength)
        {
            decoder.skipCorrelationId();
        }
        else
        {
            final byte[] correlation = new byte[correlationLength];
            decoder.getCorrelationId(correlation, 0, correlationLength);
            headers.correlationIdBytes = correlationIsBytes ? correlation : null;
            headers.correlationId = correlationIsBytes ? null : new String(correlation, StandardCharsets.UTF_8);
        }
        headers.type = emptyToNull(decoder.jmsType());
    }

    private static DestinationType typeOf(final AeolusDestination destination)
    {
        return null == destination ? DestinationType.NONE : destination.destinationType();
    }

    private static DestinationType destinationType(final short raw) throws MessageFormatException
    {
        try
        {
            final DestinationType type = DestinationType.get(raw);
            if (DestinationType.NULL_VAL != type)
            {
                return type;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // Reported below, as for the null value.
        }

        throw new MessageFormatException("invalid destination type on the wire: " + raw);
    }

    private static String emptyToNull(final String value)
    {
        return null == value || value.isEmpty() ? null : value;
    }

    private static JmsMessageDecoder wrap(final UnsafeBuffer frame, final int length) throws MessageFormatException
    {
        final Scratch scratch = SCRATCH.get();
        final MessageHeaderDecoder header = scratch.header.wrap(frame, 0);
        if (JmsMessageDecoder.SCHEMA_ID != header.schemaId() || JmsMessageDecoder.TEMPLATE_ID != header.templateId())
        {
            throw new MessageFormatException("not a JmsMessage frame: schemaId=" + header.schemaId() +
                ", templateId=" + header.templateId());
        }

        final int blockLength = header.blockLength();
        if (blockLength < JmsMessageDecoder.BLOCK_LENGTH || HEADER_LENGTH + blockLength > length)
        {
            throw new MessageFormatException("invalid block length " + blockLength + " in a frame of " + length +
                " bytes");
        }

        return scratch.message.wrap(frame, HEADER_LENGTH, blockLength, header.version());
    }

    /**
     * Walks the var-data fields, in schema order, proving that each length header and each value lies inside the
     * frame.
     */
    private static void checkVarData(final JmsMessageDecoder decoder, final int end) throws MessageFormatException
    {
        checkLengthHeader(decoder, end, "messageId");
        checkValue(decoder, end, decoder.messageIdLength(), "messageId");
        decoder.skipMessageId();
        checkLengthHeader(decoder, end, "destination");
        checkValue(decoder, end, decoder.destinationLength(), "destination");
        decoder.skipDestination();
        checkLengthHeader(decoder, end, "replyTo");
        checkValue(decoder, end, decoder.replyToLength(), "replyTo");
        decoder.skipReplyTo();
        checkLengthHeader(decoder, end, "correlationId");
        checkValue(decoder, end, decoder.correlationIdLength(), "correlationId");
        decoder.skipCorrelationId();
        checkLengthHeader(decoder, end, "jmsType");
        checkValue(decoder, end, decoder.jmsTypeLength(), "jmsType");
        decoder.skipJmsType();
        checkLengthHeader(decoder, end, "properties");
        checkValue(decoder, end, decoder.propertiesLength(), "properties");
        decoder.skipProperties();
        checkLengthHeader(decoder, end, "body");
        checkValue(decoder, end, decoder.bodyLength(), "body");
        decoder.skipBody();
    }

    private static void checkLengthHeader(final JmsMessageDecoder decoder, final int end, final String field)
        throws MessageFormatException
    {
        if (decoder.limit() + VAR_LENGTH_FIELD > end)
        {
            throw new MessageFormatException("frame truncated before the length of " + field);
        }
    }

    private static void checkValue(final JmsMessageDecoder decoder, final int end, final int length, final String field)
        throws MessageFormatException
    {
        // The length is a uint32 that the decoder returns as an int: above 2^31 it is negative.
        if (length < 0 || length > end - decoder.limit() - VAR_LENGTH_FIELD)
        {
            throw new MessageFormatException(field + " length " + Integer.toUnsignedString(length) +
                " runs past the end of the " + end + "-byte frame");
        }
    }

    private static AeolusMessage newMessage(final short rawBodyType, final DeserializationPolicy policy)
        throws MessageFormatException
    {
        final BodyType bodyType;
        try
        {
            bodyType = BodyType.get(rawBodyType);
        }
        catch (final IllegalArgumentException ex)
        {
            throw TypeConversion.messageFormat("unknown body type on the wire: " + rawBodyType, ex);
        }

        switch (bodyType)
        {
            case MESSAGE:
                return new AeolusMessage();
            case TEXT:
                return new AeolusTextMessage();
            case BYTES:
                return new AeolusBytesMessage();
            case MAP:
                return new AeolusMapMessage();
            case STREAM:
                return new AeolusStreamMessage();
            case OBJECT:
                return new AeolusObjectMessage(null == policy ? DeserializationPolicy.secureDefault() : policy);
            default:
                throw new MessageFormatException("unknown body type on the wire: " + rawBodyType);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * Per thread (the client's receive thread, in practice): the flyweights a decode needs, and the last destination,
     * which consecutive deliveries usually share, so that decoding allocates neither codecs nor a destination each
     * time. Destinations are immutable values, so messages may share one. A sending thread keeps its encoders here
     * too (an encode never nests another).
     */
    private static final class Scratch
    {
        final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
        final JmsMessageEncoder encoder = new JmsMessageEncoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final JmsMessageDecoder message = new JmsMessageDecoder();
        final byte[] messageId = new byte[96];
        byte[] lastBytes = new byte[0];
        DestinationType lastType;
        AeolusDestination lastDestination;
        String lastEncodedName;
        byte[] lastEncodedBytes = NO_BYTES;

        /**
         * The UTF-8 bytes of the destination a message is sent to, kept from the last send when the name is the same
         * (a producer usually sends to one destination), so that encoding does not convert the name every time.
         */
        byte[] destinationBytes(final AeolusDestination destination)
        {
            final String name = null == destination ? null : destination.name();
            if (null == name || name.isEmpty())
            {
                return NO_BYTES;
            }
            if (!name.equals(lastEncodedName))
            {
                lastEncodedBytes = name.getBytes(StandardCharsets.UTF_8);
                lastEncodedName = name;
            }
            return lastEncodedBytes;
        }

        AeolusDestination destination(final JmsMessageDecoder decoder, final DestinationType type)
        {
            final int length = decoder.destinationLength();
            final int offset = decoder.limit() + JmsMessageDecoder.destinationHeaderLength();
            if (null != lastDestination && type == lastType && length == lastBytes.length &&
                sameBytes(decoder.buffer(), offset, lastBytes))
            {
                decoder.skipDestination();
                return lastDestination;
            }
            final String name = decoder.destination();
            final AeolusDestination destination = AeolusDestination.of(type, name);
            if (null != destination)
            {
                lastType = type;
                lastBytes = name.getBytes(StandardCharsets.UTF_8);
                lastDestination = destination;
            }
            return destination;
        }

        private static boolean sameBytes(final org.agrona.DirectBuffer buffer, final int offset, final byte[] bytes)
        {
            for (int i = 0; i < bytes.length; i++)
            {
                if (buffer.getByte(offset + i) != bytes[i])
                {
                    return false;
                }
            }
            return true;
        }
    }
}
