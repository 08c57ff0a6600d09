package io.aeolus.jms.message;

import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import io.aeolus.jms.AeolusDestination;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

/**
 * A JMS message with no body, and the base of every Aeolus message type: headers, properties, the read-only state of a
 * received message, acknowledgement, and the wire form (an SBE {@code JmsMessage} frame).
 * <p>
 * A received message is built by {@link #decode(DirectBuffer, int, int, DeserializationPolicy)}, which copies the
 * frame once and decodes only the headers; properties and body are decoded when the application first reads them,
 * and are copied back untouched if the message is sent on unchanged.
 * <p>
 * Not thread-safe: JMS gives a message to one session thread at a time. Header setters other than those the
 * application may use are called by the provider when a message is sent ({@code JMSMessageID}, {@code JMSTimestamp},
 * {@code JMSDestination}, ...), as JMS requires them to be public.
 */
public class AeolusMessage implements Message
{
    private static final byte[] NO_BYTES = new byte[0];

    private final MessageProperties properties = new MessageProperties();
    private final MessageHeaders headers = new MessageHeaders();
    private boolean bodyReadOnly;
    private AcknowledgeCallback acknowledgeCallback;
    private long deliveryId;

    /**
     * Creates an empty, writable message with no body, as {@code Session.createMessage()} does.
     */
    public AeolusMessage()
    {
    }

    /**
     * Decodes a message received from the broker. The frame bytes are copied once; properties and body are decoded
     * lazily from that copy. The result has read-only properties and body; the consumer then calls
     * {@link #markReceived(int, boolean)} with the delivery's count and flag.
     *
     * @param buffer holding the frame.
     * @param offset of the frame's SBE message header.
     * @param length of the frame in bytes.
     * @param policy deserialization policy for an {@code ObjectMessage} body; null means
     *               {@link DeserializationPolicy#secureDefault()}.
     * @return a message of the subtype the frame's body type names.
     * @throws MessageFormatException if the frame is not a well-formed {@code JmsMessage}.
     */
    public static AeolusMessage decode(
        final DirectBuffer buffer, final int offset, final int length, final DeserializationPolicy policy)
        throws MessageFormatException
    {
        return MessageFrameCodec.decode(buffer, offset, length, policy);
    }

    /**
     * Copies any JMS message, typically another provider's, into a new writable Aeolus message of the same kind, so
     * it can be sent (JMS requires providers to accept foreign messages). Headers, properties and body are copied;
     * {@code JMSXDeliveryCount} is not. A {@code BytesMessage} or {@code StreamMessage} source is left reset to the
     * start of its body. A reply-to destination that is neither a queue nor a topic is dropped, which JMS allows.
     *
     * @param foreign the message to copy.
     * @return the copy.
     * @throws JMSException if the source cannot be read.
     */
    public static AeolusMessage copyOf(final Message foreign) throws JMSException
    {
        return ForeignMessageCopier.copy(foreign);
    }

    /**
     * Encodes this message as a whole SBE frame ({@code MessageHeader} then {@code JmsMessage}). Does not change the
     * message's state. Allocates small codec objects and, for map and stream bodies and changed properties, a scratch
     * buffer.
     *
     * @param buffer to write to; an {@link org.agrona.ExpandableArrayBuffer} grows to fit bodies of any size.
     * @param offset at which the frame starts.
     * @return the frame's length in bytes.
     */
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        return MessageFrameCodec.encode(this, buffer, offset);
    }

    /**
     * Puts the message in the state JMS defines for a received message: read-only properties and body, the stream of
     * a bytes or stream message positioned at its start, and the delivery's redelivered flag and count.
     *
     * @param deliveryCount {@code JMSXDeliveryCount}, 1 on first delivery; 0 leaves the property absent.
     * @param redelivered   {@code JMSRedelivered}.
     */
    public void markReceived(final int deliveryCount, final boolean redelivered)
    {
        markReceived(0, deliveryCount, redelivered);
    }

    /**
     * As {@link #markReceived(int, boolean)}, and notes the broker's number for this delivery, so that the consumer
     * can buffer the message itself rather than a holder of message and number. Receive thread, before the message is
     * handed on.
     *
     * @param deliveryId    the broker's number for this delivery to its consumer.
     * @param deliveryCount {@code JMSXDeliveryCount}, 1 on first delivery; 0 leaves the property absent.
     * @param redelivered   {@code JMSRedelivered}.
     */
    public void markReceived(final long deliveryId, final int deliveryCount, final boolean redelivered)
    {
        this.deliveryId = deliveryId;
        headers.redelivered = redelivered;
        properties.deliveryCount(deliveryCount);
        makeReadOnly();
    }

    /**
     * @return the broker's number for the delivery that brought this message, 0 for a message not received.
     */
    public long deliveryId()
    {
        return deliveryId;
    }

    /**
     * Installs what {@link #acknowledge()} does; the session sets it when it delivers the message.
     *
     * @param callback to run on acknowledge, or null to make acknowledge do nothing.
     */
    public void setAcknowledgeCallback(final AcknowledgeCallback callback)
    {
        this.acknowledgeCallback = callback;
    }

    /**
     * The broker-assigned id of the connection that sent this message, so a {@code noLocal} consumer can skip it.
     *
     * @return the producing connection's id, 0 if not yet sent.
     */
    public long producerConnectionId()
    {
        return headers.producerConnectionId;
    }

    /**
     * Sets the producing connection's id; called by the producer on send.
     *
     * @param producerConnectionId the broker-assigned connection id.
     */
    public void producerConnectionId(final long producerConnectionId)
    {
        headers.producerConnectionId = producerConnectionId;
    }

    @Override
    public String getJMSMessageID()
    {
        return headers.messageId();
    }

    @Override
    public void setJMSMessageID(final String id)
    {
        headers.messageId(id);
    }

    /**
     * Gives the message the id a producer generated for its send, kept as bytes until someone reads it as text
     * ({@link #getJMSMessageID()}).
     *
     * @param prefixUtf8 the producing connection's id prefix, UTF-8; never changed afterwards.
     * @param sequence   the connection's sequence number of the send.
     */
    public void assignMessageId(final byte[] prefixUtf8, final long sequence)
    {
        headers.generatedMessageId(prefixUtf8, sequence);
    }

    @Override
    public long getJMSTimestamp()
    {
        return headers.timestamp;
    }

    @Override
    public void setJMSTimestamp(final long timestamp)
    {
        headers.timestamp = timestamp;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes()
    {
        if (null != headers.correlationIdBytes)
        {
            return headers.correlationIdBytes.clone();
        }

        return null == headers.correlationId ? null : headers.correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(final byte[] correlationId)
    {
        headers.correlationIdBytes = null == correlationId ? null : correlationId.clone();
        headers.correlationId = null;
    }

    @Override
    public void setJMSCorrelationID(final String correlationId)
    {
        headers.correlationId = correlationId;
        headers.correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID()
    {
        if (null != headers.correlationIdBytes)
        {
            return new String(headers.correlationIdBytes, StandardCharsets.UTF_8);
        }

        return headers.correlationId;
    }

    @Override
    public Destination getJMSReplyTo()
    {
        return headers.replyTo;
    }

    @Override
    public void setJMSReplyTo(final Destination replyTo) throws JMSException
    {
        headers.replyTo = AeolusDestination.toAeolus(replyTo);
    }

    @Override
    public Destination getJMSDestination()
    {
        return headers.destination;
    }

    @Override
    public void setJMSDestination(final Destination destination) throws JMSException
    {
        headers.destination = AeolusDestination.toAeolus(destination);
    }

    @Override
    public int getJMSDeliveryMode()
    {
        return headers.deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(final int deliveryMode) throws JMSException
    {
        if (DeliveryMode.PERSISTENT != deliveryMode && DeliveryMode.NON_PERSISTENT != deliveryMode)
        {
            throw new JMSException("delivery mode must be DeliveryMode.PERSISTENT or NON_PERSISTENT: " + deliveryMode);
        }
        headers.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered()
    {
        return headers.redelivered;
    }

    @Override
    public void setJMSRedelivered(final boolean redelivered)
    {
        headers.redelivered = redelivered;
    }

    @Override
    public String getJMSType()
    {
        return headers.type;
    }

    @Override
    public void setJMSType(final String type)
    {
        headers.type = type;
    }

    @Override
    public long getJMSExpiration()
    {
        return headers.expiration;
    }

    @Override
    public void setJMSExpiration(final long expiration)
    {
        headers.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime()
    {
        return headers.deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(final long deliveryTime)
    {
        headers.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority()
    {
        return headers.priority;
    }

    @Override
    public void setJMSPriority(final int priority) throws JMSException
    {
        if (priority < 0 || priority > 9)
        {
            throw new JMSException("priority must be between 0 and 9: " + priority);
        }
        headers.priority = priority;
    }

    @Override
    public void clearProperties()
    {
        properties.clear();
    }

    @Override
    public boolean propertyExists(final String name) throws JMSException
    {
        return properties.exists(name);
    }

    @Override
    public boolean getBooleanProperty(final String name) throws JMSException
    {
        return TypeConversion.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(final String name) throws JMSException
    {
        return TypeConversion.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(final String name) throws JMSException
    {
        return TypeConversion.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(final String name) throws JMSException
    {
        return TypeConversion.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(final String name) throws JMSException
    {
        return TypeConversion.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(final String name) throws JMSException
    {
        return TypeConversion.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(final String name) throws JMSException
    {
        return TypeConversion.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(final String name) throws JMSException
    {
        return TypeConversion.toText(properties.get(name));
    }

    @Override
    public Object getObjectProperty(final String name) throws JMSException
    {
        final Object value = properties.get(name);
        return value instanceof byte[] ? ((byte[])value).clone() : value;
    }

    @Override
    public Enumeration<String> getPropertyNames() throws JMSException
    {
        return properties.names();
    }

    @Override
    public void setBooleanProperty(final String name, final boolean value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setByteProperty(final String name, final byte value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setShortProperty(final String name, final short value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setIntProperty(final String name, final int value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setLongProperty(final String name, final long value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setFloatProperty(final String name, final float value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setDoubleProperty(final String name, final double value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setStringProperty(final String name, final String value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void setObjectProperty(final String name, final Object value) throws JMSException
    {
        properties.set(name, value);
    }

    @Override
    public void acknowledge() throws JMSException
    {
        final AcknowledgeCallback callback = acknowledgeCallback;
        if (null != callback)
        {
            callback.acknowledge();
        }
    }

    @Override
    public void clearBody() throws JMSException
    {
        bodyReadOnly = false;
    }

    @Override
    public <T> T getBody(final Class<T> c) throws JMSException
    {
        return null;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(final Class c) throws JMSException
    {
        return true;
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{messageId=" + headers.messageId() + ", destination=" +
            headers.destination + ", deliveryMode=" + headers.deliveryMode + ", priority=" + headers.priority +
            ", redelivered=" + headers.redelivered + '}';
    }

    /**
     * The wire body type of this class of message.
     */
    BodyType bodyType()
    {
        return BodyType.MESSAGE;
    }

    /**
     * Writes the body var-data field; subclasses write their body format.
     */
    void encodeBody(final JmsMessageEncoder encoder)
    {
        encoder.putBody(NO_BYTES, 0, 0);
    }

    /**
     * Takes the encoded body of a received message, {@code length} bytes at {@code offset} of the frame copy, to
     * decode it lazily; the frame is never written into.
     */
    void onReceivedBody(final DirectBuffer frame, final int offset, final int length)
    {
    }

    /**
     * Shares what the subscriber copies of one received frame decode once between them; a {@code TextMessage} also
     * shares its text.
     *
     * @param shared the frame's shared decodes.
     */
    void shareDecodes(final SharedDecodes shared)
    {
        properties.shared(shared);
    }

    /**
     * Called when the message becomes a received message; stream-like bodies go to the start of read mode.
     */
    void onReceived()
    {
    }

    /**
     * Copies the body of a message of the same JMS kind; see {@link #copyOf(Message)}.
     */
    void copyBodyFrom(final Message foreign) throws JMSException
    {
    }

    final MessageProperties properties()
    {
        return properties;
    }

    final MessageHeaders headers()
    {
        return headers;
    }

    final void copyPropertiesFrom(final Message foreign) throws JMSException
    {
        final Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements())
        {
            final String name = (String)names.nextElement();
            properties.setCopied(name, foreign.getObjectProperty(name));
        }
    }

    final void makeReadOnly()
    {
        properties.readOnly(true);
        bodyReadOnly = true;
        onReceived();
    }

    final boolean isBodyReadOnly()
    {
        return bodyReadOnly;
    }

    final void bodyReadOnly(final boolean bodyReadOnly)
    {
        this.bodyReadOnly = bodyReadOnly;
    }

    final void checkBodyWritable() throws MessageNotWriteableException
    {
        if (bodyReadOnly)
        {
            throw new MessageNotWriteableException("the message body is read-only (received, or reset() was " +
                "called); clearBody() makes it writable");
        }
    }

    final void checkBodyReadable() throws MessageNotReadableException
    {
        if (!bodyReadOnly)
        {
            throw new MessageNotReadableException("the message body is write-only; call reset() to read it");
        }
    }
}
