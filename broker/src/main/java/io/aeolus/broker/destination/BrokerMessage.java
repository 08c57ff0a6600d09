package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A message held by the broker: its encoded {@code JmsMessage} frame, forwarded to consumers untouched, and the few
 * header fields routing and dispatch need, read once when it arrives. Properties are read from the encoded bytes
 * only when a selector or a group asks for them. Immutable after creation; owned by the conductor thread.
 */
public final class BrokerMessage
{
    /** The property that puts a message in a message group. */
    public static final String GROUP_ID_PROPERTY = "JMSXGroupID";
    /** The property giving a message's place in its group; -1 closes the group. */
    public static final String GROUP_SEQUENCE_PROPERTY = "JMSXGroupSeq";

    /** The JmsMessage template's {@code data} fields: messageId, destination, replyTo, correlationId, jmsType,
     *  properties and body. */
    private static final int VAR_DATA_FIELDS = 7;
    private static final int VAR_LENGTH_HEADER = 4;
    private static final byte[] GROUP_ID_UTF8 = GROUP_ID_PROPERTY.getBytes(StandardCharsets.UTF_8);
    private static final byte[] GROUP_SEQUENCE_UTF8 = GROUP_SEQUENCE_PROPERTY.getBytes(StandardCharsets.UTF_8);

    private static final byte[] NO_BYTES = new byte[0];

    private final long messageId;
    private final byte[] bytes;
    /** A view of {@link #bytes}, made when first asked for: a message only delivered never needs one. */
    private volatile UnsafeBuffer encoded;
    private final String destination;
    private final DestinationType destinationType;
    private final int priority;
    private final boolean persistent;
    private final long expirationMs;
    private final long deliveryTimeMs;
    private final long timestampMs;
    private final long producerConnectionId;
    private boolean stored;
    private final int propertiesOffset;
    private final int propertiesLength;
    private boolean groupRead;
    private String groupId;
    private boolean closesGroup;

    private BrokerMessage(
        final long messageId,
        final byte[] bytes,
        final JmsMessageDecoder decoder,
        final String destination,
        final int propertiesOffset,
        final int propertiesLength)
    {
        this.messageId = messageId;
        this.bytes = bytes;
        this.destination = destination;
        this.destinationType = decoder.destinationType();
        this.priority = Math.max(0, Math.min(9, decoder.priority()));
        this.persistent = decoder.deliveryMode() == DeliveryMode.PERSISTENT;
        this.expirationMs = decoder.expiration();
        this.deliveryTimeMs = decoder.deliveryTime();
        this.timestampMs = decoder.timestamp();
        this.producerConnectionId = decoder.producerConnectionId();
        this.propertiesOffset = propertiesOffset;
        this.propertiesLength = propertiesLength;
    }

    /**
     * Decodes a message read back from the journal, or says it cannot: a payload this broker never wrote in that form
     * is passed by (paging, scans and management reads all skip it alike).
     *
     * @param messageId the broker's id of the message.
     * @param payload   its encoded bytes as stored.
     * @return the message, or null if the bytes are no message this broker can read.
     */
    public static BrokerMessage decodeStored(final long messageId, final byte[] payload)
    {
        try
        {
            return decode(messageId, new org.agrona.concurrent.UnsafeBuffer(payload), 0, payload.length);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    /**
     * Copies and validates an encoded {@code JmsMessage} frame.
     *
     * @param messageId the broker's id for the message.
     * @param buffer    holds the frame (header included).
     * @param offset    of the frame.
     * @param length    of the frame.
     * @return the message.
     * @throws IllegalArgumentException naming what is malformed.
     */
    public static BrokerMessage decode(
        final long messageId, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + JmsMessageDecoder.BLOCK_LENGTH)
        {
            throw new IllegalArgumentException("message too short: " + length + " bytes");
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        final Decoders decoders = DECODERS.get();
        // Decoded through the thread's own wrapper: the message keeps only the array.
        final UnsafeBuffer encoded = decoders.frame;
        encoded.wrap(copy);
        try
        {
            return decode(messageId, copy, encoded, decoders, length);
        }
        finally
        {
            encoded.wrap(NO_BYTES);
        }
    }

    private static BrokerMessage decode(
        final long messageId, final byte[] copy, final UnsafeBuffer encoded, final Decoders decoders, final int length)
    {
        final MessageHeaderDecoder header = decoders.header.wrap(encoded, 0);
        if (header.schemaId() != JmsMessageDecoder.SCHEMA_ID || header.templateId() != JmsMessageDecoder.TEMPLATE_ID ||
            header.blockLength() < JmsMessageDecoder.BLOCK_LENGTH)
        {
            throw new IllegalArgumentException("not a JmsMessage (schema " + header.schemaId() + ", template " +
                header.templateId() + ")");
        }
        checkVarData(encoded, MessageHeaderDecoder.ENCODED_LENGTH + header.blockLength(), length);
        final JmsMessageDecoder decoder = decoders.message
            .wrap(encoded, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        try
        {
            final DestinationType type = decoder.destinationType();
            if (type == DestinationType.NULL_VAL || type == DestinationType.NONE)
            {
                throw new IllegalArgumentException("message has no destination type");
            }
            decoder.skipMessageId();
            final String destination = decoders.destination(decoder, encoded);
            decoder.skipReplyTo();
            decoder.skipCorrelationId();
            decoder.skipJmsType();
            final int propertiesLength = decoder.propertiesLength();
            final int propertiesOffset = decoder.limit() + JmsMessageDecoder.propertiesHeaderLength();
            decoder.skipProperties();
            decoder.skipBody();
            if (decoder.limit() > length)
            {
                throw new IllegalArgumentException("message fields run past its end");
            }
            return new BrokerMessage(messageId, copy, decoder, destination, propertiesOffset, propertiesLength);
        }
        catch (final IndexOutOfBoundsException ex)
        {
            throw new IllegalArgumentException("message fields run past its end", ex);
        }
    }

    /**
     * Checks every variable-length field's length before any is read: the generated decoder turns a uint32 length
     * above 2 GiB into a negative int, which would make it allocate a negative array instead of failing.
     */
    private static void checkVarData(final UnsafeBuffer encoded, final int blockEnd, final int length)
    {
        long position = blockEnd;
        for (int i = 0; i < VAR_DATA_FIELDS; i++)
        {
            if (position + VAR_LENGTH_HEADER > length)
            {
                throw new IllegalArgumentException("message fields run past its end");
            }
            position += VAR_LENGTH_HEADER + (encoded.getInt((int)position, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL);
        }
        if (position > length)
        {
            throw new IllegalArgumentException("message fields run past its end");
        }
    }

    /**
     * @return true once the message itself has been handed to the journal (a topic message is stored once for all
     *         the durable subscriptions that hold it).
     */
    public boolean isStored()
    {
        return stored;
    }

    /**
     * Marks the message as handed to the journal.
     */
    public void markStored()
    {
        stored = true;
    }

    /**
     * @return the encoded frame as an array, for the journal; the array is the message's own, not a copy.
     */
    public byte[] encodedBytes()
    {
        return bytes;
    }

    /**
     * @return the broker's id for the message, increasing in arrival order.
     */
    public long messageId()
    {
        return messageId;
    }

    /**
     * @return the encoded frame, as the producer sent it.
     */
    public DirectBuffer encoded()
    {
        UnsafeBuffer view = encoded;
        if (null == view)
        {
            // Racing threads may each make one; every view shows the same immutable bytes.
            view = new UnsafeBuffer(bytes);
            encoded = view;
        }
        return view;
    }

    /**
     * @return length of the encoded frame.
     */
    public int encodedLength()
    {
        return bytes.length;
    }

    /**
     * @return the destination name the producer addressed.
     */
    public String destination()
    {
        return destination;
    }

    /**
     * @return queue, topic or a temporary one.
     */
    public DestinationType destinationType()
    {
        return destinationType;
    }

    /**
     * @return JMSPriority clamped to 0-9.
     */
    public int priority()
    {
        return priority;
    }

    /**
     * @return true for JMSDeliveryMode PERSISTENT.
     */
    public boolean isPersistent()
    {
        return persistent;
    }

    /**
     * @return JMSExpiration in ms since the epoch, 0 for never.
     */
    public long expirationMs()
    {
        return expirationMs;
    }

    /**
     * @param nowMs the current time in ms since the epoch.
     * @return true if the message expired at or before nowMs.
     */
    public boolean isExpired(final long nowMs)
    {
        return expirationMs != 0 && nowMs - expirationMs >= 0;
    }

    /**
     * @return JMSDeliveryTime in ms since the epoch.
     */
    public long deliveryTimeMs()
    {
        return deliveryTimeMs;
    }

    /**
     * @return JMSTimestamp in ms since the epoch.
     */
    public long timestampMs()
    {
        return timestampMs;
    }

    /**
     * @return the id of the connection that sent it, for noLocal.
     */
    public long producerConnectionId()
    {
        return producerConnectionId;
    }

    /**
     * @return offset of the encoded properties within {@link #encoded()}.
     */
    public int propertiesOffset()
    {
        return propertiesOffset;
    }

    /**
     * @return length of the encoded properties.
     */
    public int propertiesLength()
    {
        return propertiesLength;
    }

    /**
     * The message's group, read from its properties the first time it is asked for and then kept.
     *
     * @return the JMSXGroupID property if it is a non-empty string, else null.
     */
    public String groupId()
    {
        readGroup();
        return groupId;
    }

    /**
     * @return true if the message is the last of its group (JMSXGroupSeq = -1): the group's consumer is forgotten.
     */
    public boolean closesGroup()
    {
        readGroup();
        return closesGroup;
    }

    private void readGroup()
    {
        if (groupRead)
        {
            return;
        }
        groupRead = true;
        if (0 == propertiesLength)
        {
            return;
        }
        try
        {
            final DirectBuffer encoded = encoded();
            final Object group = PropertiesCodec.find(encoded, propertiesOffset, propertiesLength, GROUP_ID_UTF8);
            if (group instanceof String && !((String)group).isEmpty())
            {
                groupId = (String)group;
                final Object sequence = PropertiesCodec.find(
                    encoded, propertiesOffset, propertiesLength, GROUP_SEQUENCE_UTF8);
                closesGroup = sequence instanceof Integer && (Integer)sequence == -1;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            // Malformed properties cannot name a group: the message is dispatched as an ungrouped one.
            groupId = null;
        }
    }

    private static final ThreadLocal<Decoders> DECODERS = ThreadLocal.withInitial(Decoders::new);

    /**
     * Per thread (the conductor, in practice): the flyweights a decode needs, and the last destination name, which
     * consecutive messages usually share, so that decoding neither allocates codecs nor a new name each time.
     */
    private static final class Decoders
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final JmsMessageDecoder message = new JmsMessageDecoder();
        final UnsafeBuffer frame = new UnsafeBuffer(NO_BYTES);
        byte[] lastDestinationBytes = new byte[0];
        String lastDestination = "";

        /**
         * Reads the destination the decoder is at, reusing the last name when the bytes are the same.
         */
        String destination(final JmsMessageDecoder decoder, final UnsafeBuffer buffer)
        {
            final int length = decoder.destinationLength();
            final int offset = decoder.limit() + JmsMessageDecoder.destinationHeaderLength();
            if (length == lastDestinationBytes.length && offset + length <= buffer.capacity() &&
                sameBytes(buffer, offset, lastDestinationBytes))
            {
                decoder.skipDestination();
                return lastDestination;
            }
            final String destination = decoder.destination();
            lastDestination = destination;
            lastDestinationBytes = destination.getBytes(StandardCharsets.UTF_8);
            return destination;
        }

        private static boolean sameBytes(final UnsafeBuffer buffer, final int offset, final byte[] bytes)
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
