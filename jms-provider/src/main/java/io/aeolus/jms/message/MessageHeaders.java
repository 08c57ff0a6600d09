package io.aeolus.jms.message;

import io.aeolus.jms.AeolusDestination;
import jakarta.jms.Message;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * The JMS header fields of one message, and the producing connection's id. A plain holder: {@link AeolusMessage}
 * applies the JMS rules when the application sets them, and {@link MessageFrameCodec} maps them to and from the wire.
 * The message id is kept as bytes until someone asks for it as text: a producer's generated id (its connection's
 * prefix and a sequence number) and a received id (its bytes in the frame) would otherwise cost a string and its
 * bytes per message on each side. Not thread-safe.
 */
final class MessageHeaders
{
    private static final int MAX_SEQUENCE_DIGITS = 19;

    private String messageId;
    private byte[] messageIdPrefix;
    private long messageIdSequence;
    private DirectBuffer messageIdFrame;
    private int messageIdOffset;
    private int messageIdLength;
    long timestamp;
    /** Set when the correlation id is a string; never set together with {@link #correlationIdBytes}. */
    String correlationId;
    /** Set when the correlation id was given as bytes (non-portable in JMS). */
    byte[] correlationIdBytes;
    AeolusDestination destination;
    AeolusDestination replyTo;
    int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
    boolean redelivered;
    String type;
    long expiration;
    int priority = Message.DEFAULT_PRIORITY;
    long deliveryTime;
    long producerConnectionId;

    /**
     * @return the message id, as text (made from its bytes on first call), or null if it has none.
     */
    String messageId()
    {
        if (null == messageId)
        {
            if (null != messageIdPrefix)
            {
                messageId = new String(messageIdPrefix, StandardCharsets.UTF_8) + messageIdSequence;
                messageIdPrefix = null;
            }
            else if (null != messageIdFrame)
            {
                messageId = messageIdFrame.getStringWithoutLengthUtf8(messageIdOffset, messageIdLength);
                messageIdFrame = null;
            }
        }
        return messageId;
    }

    /**
     * @param id the message id, or null for none.
     */
    void messageId(final String id)
    {
        messageId = id;
        messageIdPrefix = null;
        messageIdFrame = null;
    }

    /**
     * A producer's generated id: the prefix followed by the sequence number in decimal.
     *
     * @param prefixUtf8 the connection's prefix, UTF-8; never changed afterwards.
     * @param sequence   the number, not negative.
     */
    void generatedMessageId(final byte[] prefixUtf8, final long sequence)
    {
        messageId = null;
        messageIdPrefix = prefixUtf8;
        messageIdSequence = sequence;
        messageIdFrame = null;
    }

    /**
     * A received id: UTF-8 bytes in the message's own copy of its frame; none if the length is 0.
     *
     * @param frame  the frame copy, kept by the message.
     * @param offset of the id's bytes.
     * @param length of the id's bytes.
     */
    void receivedMessageId(final DirectBuffer frame, final int offset, final int length)
    {
        messageId = null;
        messageIdPrefix = null;
        messageIdFrame = 0 == length ? null : frame;
        messageIdOffset = offset;
        messageIdLength = length;
    }

    /**
     * Copies every header of another instance, for a message that shares a received frame with the one the source
     * was decoded for: strings, destinations and the frame are immutable, so sharing them is safe.
     *
     * @param source the headers to copy.
     */
    void copyFrom(final MessageHeaders source)
    {
        messageId = source.messageId;
        messageIdPrefix = source.messageIdPrefix;
        messageIdSequence = source.messageIdSequence;
        messageIdFrame = source.messageIdFrame;
        messageIdOffset = source.messageIdOffset;
        messageIdLength = source.messageIdLength;
        timestamp = source.timestamp;
        correlationId = source.correlationId;
        correlationIdBytes = source.correlationIdBytes;
        destination = source.destination;
        replyTo = source.replyTo;
        deliveryMode = source.deliveryMode;
        redelivered = source.redelivered;
        type = source.type;
        expiration = source.expiration;
        priority = source.priority;
        deliveryTime = source.deliveryTime;
        producerConnectionId = source.producerConnectionId;
    }

    /**
     * @return true if the message has an id.
     */
    boolean hasMessageId()
    {
        return null != messageId || null != messageIdPrefix || null != messageIdFrame;
    }

    /**
     * Puts the id on the wire without making its text: a generated id is written into {@code scratch} (a larger
     * array if it does not fit), a received one copied from its frame.
     *
     * @param encoder the message's encoder, positioned at the message id.
     * @param scratch a buffer of the encoding thread's own.
     */
    void encodeMessageId(final JmsMessageEncoder encoder, final byte[] scratch)
    {
        if (null != messageIdPrefix)
        {
            final int prefixLength = messageIdPrefix.length;
            final byte[] out = scratch.length >= prefixLength + MAX_SEQUENCE_DIGITS ? scratch :
                new byte[prefixLength + MAX_SEQUENCE_DIGITS];
            System.arraycopy(messageIdPrefix, 0, out, 0, prefixLength);
            encoder.putMessageId(out, 0, prefixLength + putDecimal(out, prefixLength, messageIdSequence));
        }
        else if (null == messageId && null != messageIdFrame)
        {
            encoder.putMessageId(messageIdFrame, messageIdOffset, messageIdLength);
        }
        else
        {
            encoder.messageId(messageId);
        }
    }

    private static int putDecimal(final byte[] out, final int offset, final long value)
    {
        long rest = value;
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10)
        {
            digits++;
        }
        for (int i = offset + digits - 1; i >= offset; i--)
        {
            out[i] = (byte)('0' + (rest % 10));
            rest /= 10;
        }
        return digits;
    }
}
