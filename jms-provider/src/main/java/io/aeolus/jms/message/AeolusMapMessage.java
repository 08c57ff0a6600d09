package io.aeolus.jms.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;

/**
 * A message whose body is a set of named, typed values, read with the conversions of the JMS map table (see
 * {@link TypeConversion}); an absent name reads as null. Values are kept in insertion order. {@code byte[]} values
 * are copied in and out. Wire body: {@link PropertiesCodec}'s named form, decoded on first access. An empty map is
 * "no body" for {@link #getBody(Class)}. Not thread-safe.
 */
public final class AeolusMapMessage extends AeolusMessage implements MapMessage
{
    private Map<String, Object> map = new LinkedHashMap<>();
    /** A received body: a view into the frame copy, from bodyOffset for bodyLength bytes. */
    private DirectBuffer encodedBody;
    private int bodyOffset;
    private int bodyLength;

    /**
     * Creates an empty, writable map message.
     */
    public AeolusMapMessage()
    {
    }

    @Override
    public boolean getBoolean(final String name) throws JMSException
    {
        return TypeConversion.toBoolean(map().get(name));
    }

    @Override
    public byte getByte(final String name) throws JMSException
    {
        return TypeConversion.toByte(map().get(name));
    }

    @Override
    public short getShort(final String name) throws JMSException
    {
        return TypeConversion.toShort(map().get(name));
    }

    @Override
    public char getChar(final String name) throws JMSException
    {
        return TypeConversion.toChar(map().get(name));
    }

    @Override
    public int getInt(final String name) throws JMSException
    {
        return TypeConversion.toInt(map().get(name));
    }

    @Override
    public long getLong(final String name) throws JMSException
    {
        return TypeConversion.toLong(map().get(name));
    }

    @Override
    public float getFloat(final String name) throws JMSException
    {
        return TypeConversion.toFloat(map().get(name));
    }

    @Override
    public double getDouble(final String name) throws JMSException
    {
        return TypeConversion.toDouble(map().get(name));
    }

    @Override
    public String getString(final String name) throws JMSException
    {
        return TypeConversion.toText(map().get(name));
    }

    @Override
    public byte[] getBytes(final String name) throws JMSException
    {
        return TypeConversion.toBytes(map().get(name));
    }

    @Override
    public Object getObject(final String name) throws JMSException
    {
        final Object value = map().get(name);
        return value instanceof byte[] ? ((byte[])value).clone() : value;
    }

    @Override
    public Enumeration<String> getMapNames() throws JMSException
    {
        return Collections.enumeration(new ArrayList<>(map().keySet()));
    }

    @Override
    public void setBoolean(final String name, final boolean value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setByte(final String name, final byte value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setShort(final String name, final short value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setChar(final String name, final char value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setInt(final String name, final int value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setLong(final String name, final long value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setFloat(final String name, final float value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setDouble(final String name, final double value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setString(final String name, final String value) throws JMSException
    {
        put(name, value);
    }

    @Override
    public void setBytes(final String name, final byte[] value) throws JMSException
    {
        put(name, null == value ? null : value.clone());
    }

    @Override
    public void setBytes(final String name, final byte[] value, final int offset, final int length)
        throws JMSException
    {
        if (offset < 0 || length < 0 || offset > value.length - length)
        {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length +
                " do not fit an array of " + value.length);
        }
        final byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        put(name, copy);
    }

    @Override
    public void setObject(final String name, final Object value) throws JMSException
    {
        if (!PropertiesCodec.isSupported(value))
        {
            throw new MessageFormatException("MapMessage values must be primitive wrappers, String or byte[], not " +
                value.getClass().getName());
        }
        put(name, value instanceof byte[] ? ((byte[])value).clone() : value);
    }

    @Override
    public boolean itemExists(final String name) throws JMSException
    {
        return map().containsKey(name);
    }

    @Override
    public void clearBody() throws JMSException
    {
        super.clearBody();
        map = new LinkedHashMap<>();
        encodedBody = null;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Returns a copy of the map; an empty map is no body and returns null.
     */
    @Override
    public <T> T getBody(final Class<T> c) throws JMSException
    {
        final Map<String, Object> body = map();
        if (body.isEmpty())
        {
            return null;
        }
        if (!c.isAssignableFrom(Map.class))
        {
            throw new MessageFormatException("a MapMessage body cannot be assigned to " + c.getName());
        }

        final Map<String, Object> copy = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> entry : body.entrySet())
        {
            final Object value = entry.getValue();
            copy.put(entry.getKey(), value instanceof byte[] ? ((byte[])value).clone() : value);
        }
        return c.cast(copy);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(final Class c) throws JMSException
    {
        final Class<?> target = c;
        return map().isEmpty() || target.isAssignableFrom(Map.class);
    }

    @Override
    BodyType bodyType()
    {
        return BodyType.MAP;
    }

    @Override
    void encodeBody(final JmsMessageEncoder encoder)
    {
        if (null != encodedBody)
        {
            encoder.putBody(encodedBody, bodyOffset, bodyLength);
        }
        else
        {
            final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 + 32 * map.size());
            final int length = PropertiesCodec.encode(map, scratch, 0);
            encoder.putBody(scratch, 0, length);
        }
    }

    @Override
    void onReceivedBody(final DirectBuffer frame, final int offset, final int length)
    {
        map = null;
        encodedBody = frame;
        bodyOffset = offset;
        bodyLength = length;
    }

    @Override
    void copyBodyFrom(final Message foreign) throws JMSException
    {
        final MapMessage source = (MapMessage)foreign;
        final Enumeration<?> names = source.getMapNames();
        while (names.hasMoreElements())
        {
            final String name = (String)names.nextElement();
            setObject(name, source.getObject(name));
        }
    }

    private void put(final String name, final Object value) throws JMSException
    {
        if (null == name || name.isEmpty())
        {
            throw new IllegalArgumentException("MapMessage names must not be null or empty");
        }
        MessageProperties.checkNameLength(name);
        checkBodyWritable();
        map().put(name, value);
    }

    private Map<String, Object> map() throws MessageFormatException
    {
        if (null == map)
        {
            try
            {
                map = PropertiesCodec.decode(encodedBody, bodyOffset, bodyLength);
            }
            catch (final IllegalArgumentException ex)
            {
                throw TypeConversion.messageFormat("malformed map message body: " + ex.getMessage(), ex);
            }
            encodedBody = null;
        }

        return map;
    }
}
