package io.aeolus.jms.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

import org.agrona.DirectBuffer;
import org.agrona.io.DirectBufferInputStream;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

/**
 * A message whose body is a serializable object. {@link #setObject(Serializable)} serializes at once, so the message
 * holds a snapshot (JMS); every {@link #getObject()} deserializes a new copy.
 * <p>
 * A received body is deserialized under the {@link DeserializationPolicy} the message was received with: a class the
 * policy refuses is never loaded, and {@code getObject} throws a {@link MessageFormatException} naming it. A body set
 * in this JVM (by {@code setObject}, also after {@code clearBody} on a received message) came from the application's
 * own object and is deserialized without restriction.
 * <p>
 * Wire body: Java serialization bytes; an empty body is a null object. Not thread-safe.
 */
public final class AeolusObjectMessage extends AeolusMessage implements ObjectMessage
{
    private byte[] serialized;
    /** A received body: a view into the frame copy, from bodyOffset for bodyLength bytes. */
    private DirectBuffer encodedBody;
    private int bodyOffset;
    private int bodyLength;
    private final DeserializationPolicy policy;

    /**
     * Creates a writable object message with a null object.
     */
    public AeolusObjectMessage()
    {
        this.policy = DeserializationPolicy.secureDefault();
    }

    /**
     * Creates a writable object message holding a snapshot of {@code object}.
     *
     * @param object the body, may be null.
     * @throws JMSException {@link MessageFormatException} if the object cannot be serialized.
     */
    public AeolusObjectMessage(final Serializable object) throws JMSException
    {
        this();
        setObject(object);
    }

    AeolusObjectMessage(final DeserializationPolicy policy)
    {
        this.policy = policy;
    }

    /**
     * The policy a received body is deserialized under.
     *
     * @return the policy given when the message was received, or the secure default for a local message.
     */
    public DeserializationPolicy deserializationPolicy()
    {
        return policy;
    }

    @Override
    public void setObject(final Serializable object) throws JMSException
    {
        checkBodyWritable();
        serialized = serialize(object);
        encodedBody = null;
    }

    @Override
    public Serializable getObject() throws JMSException
    {
        if (null != encodedBody)
        {
            if (0 == bodyLength)
            {
                return null;
            }
            return deserialize(new DirectBufferInputStream(encodedBody, bodyOffset, bodyLength), policy);
        }
        if (null == serialized)
        {
            return null;
        }

        return deserialize(new ByteArrayInputStream(serialized), DeserializationPolicy.allowAll());
    }

    @Override
    public void clearBody() throws JMSException
    {
        super.clearBody();
        serialized = null;
        encodedBody = null;
    }

    @Override
    public <T> T getBody(final Class<T> c) throws JMSException
    {
        final Serializable body = getObject();
        if (null == body)
        {
            return null;
        }
        if (!c.isInstance(body))
        {
            throw new MessageFormatException("an ObjectMessage body of class " + body.getClass().getName() +
                " cannot be assigned to " + c.getName());
        }

        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(final Class c)
    {
        if (!hasBody())
        {
            return true;
        }

        try
        {
            final Serializable body = getObject();
            return null == body || c.isInstance(body);
        }
        catch (final JMSException ex)
        {
            // JMS: false when the body cannot be deserialized.
            return false;
        }
    }

    @Override
    BodyType bodyType()
    {
        return BodyType.OBJECT;
    }

    @Override
    void encodeBody(final JmsMessageEncoder encoder)
    {
        if (null != encodedBody)
        {
            encoder.putBody(encodedBody, bodyOffset, bodyLength);
        }
        else if (null != serialized)
        {
            encoder.putBody(serialized, 0, serialized.length);
        }
        else
        {
            encoder.putBody(new byte[0], 0, 0);
        }
    }

    @Override
    void onReceivedBody(final DirectBuffer frame, final int offset, final int length)
    {
        serialized = null;
        encodedBody = frame;
        bodyOffset = offset;
        bodyLength = length;
    }

    @Override
    void copyBodyFrom(final Message foreign) throws JMSException
    {
        serialized = serialize(((ObjectMessage)foreign).getObject());
    }

    private boolean hasBody()
    {
        return null != serialized || (null != encodedBody && bodyLength > 0);
    }

    private static byte[] serialize(final Serializable object) throws MessageFormatException
    {
        if (null == object)
        {
            return null;
        }

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(object);
        }
        catch (final IOException ex)
        {
            throw TypeConversion.messageFormat("cannot serialize the ObjectMessage body: " + ex, ex);
        }

        return bytes.toByteArray();
    }

    private static Serializable deserialize(final InputStream bytes, final DeserializationPolicy policy)
        throws MessageFormatException
    {
        final ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        final ClassLoader loader = null != contextLoader ? contextLoader : AeolusObjectMessage.class.getClassLoader();
        try (ObjectInputStream in = new RestrictedObjectInputStream(bytes, policy, loader))
        {
            final Object object = in.readObject();
            if (null != object && !(object instanceof Serializable))
            {
                throw new MessageFormatException("ObjectMessage body is not Serializable: " + object.getClass());
            }
            return (Serializable)object;
        }
        catch (final RestrictedObjectInputStream.ClassRejectedException ex)
        {
            throw TypeConversion.messageFormat("ObjectMessage body refused: class " + ex.classname +
                " is not allowed by the deserialization policy " + policy, ex);
        }
        catch (final IOException | ClassNotFoundException | RuntimeException ex)
        {
            throw TypeConversion.messageFormat("cannot deserialize the ObjectMessage body: " + ex, ex);
        }
    }
}
