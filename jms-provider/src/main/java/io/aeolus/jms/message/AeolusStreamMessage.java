package io.aeolus.jms.message;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.StreamMessage;

/**
 * A message whose body is a sequence of typed values, read back in order with the conversions of the JMS stream
 * table (see {@link TypeConversion}).
 * <p>
 * A new or cleared message is write-only; {@link #reset()} makes it read-only and rewinds. A read that fails with
 * {@link MessageFormatException}, {@link NumberFormatException} or {@link NullPointerException} does not move the
 * position, so the value can be read again as another type (JMS 3.11.3). A {@code byte[]} field read in pieces with
 * {@link #readBytes(byte[])} must be read to its end before the next field; the piece that drains it, or the call
 * after a full buffer, tells the end as JMS describes.
 * <p>
 * Wire body: {@link PropertiesCodec}'s unnamed form, decoded on the first read. Not thread-safe.
 */
public final class AeolusStreamMessage extends AeolusMessage implements StreamMessage
{
    private static final int NOT_IN_BYTES_FIELD = -1;

    private List<Object> values = new ArrayList<>();
    /** A received body: a view into the frame copy, from bodyOffset for bodyLength bytes. */
    private DirectBuffer encodedBody;
    private int bodyOffset;
    private int bodyLength;
    private int index;
    private int bytesFieldOffset = NOT_IN_BYTES_FIELD;

    /**
     * Creates an empty, write-only stream message.
     */
    public AeolusStreamMessage()
    {
    }

    @Override
    public boolean readBoolean() throws JMSException
    {
        final boolean value = TypeConversion.toBoolean(peek());
        index++;
        return value;
    }

    @Override
    public byte readByte() throws JMSException
    {
        final byte value = TypeConversion.toByte(peek());
        index++;
        return value;
    }

    @Override
    public short readShort() throws JMSException
    {
        final short value = TypeConversion.toShort(peek());
        index++;
        return value;
    }

    @Override
    public char readChar() throws JMSException
    {
        final char value = TypeConversion.toChar(peek());
        index++;
        return value;
    }

    @Override
    public int readInt() throws JMSException
    {
        final int value = TypeConversion.toInt(peek());
        index++;
        return value;
    }

    @Override
    public long readLong() throws JMSException
    {
        final long value = TypeConversion.toLong(peek());
        index++;
        return value;
    }

    @Override
    public float readFloat() throws JMSException
    {
        final float value = TypeConversion.toFloat(peek());
        index++;
        return value;
    }

    @Override
    public double readDouble() throws JMSException
    {
        final double value = TypeConversion.toDouble(peek());
        index++;
        return value;
    }

    @Override
    public String readString() throws JMSException
    {
        final String value = TypeConversion.toText(peek());
        index++;
        return value;
    }

    @Override
    public Object readObject() throws JMSException
    {
        final Object value = peek();
        index++;
        return value instanceof byte[] ? ((byte[])value).clone() : value;
    }

    @Override
    public int readBytes(final byte[] value) throws JMSException
    {
        checkBodyReadable();
        if (NOT_IN_BYTES_FIELD == bytesFieldOffset)
        {
            final Object field = peek();
            if (null == field)
            {
                index++;
                return -1;
            }
            if (!(field instanceof byte[]))
            {
                throw new MessageFormatException("a " + field.getClass().getSimpleName() +
                    " value cannot be read as byte[]");
            }
            bytesFieldOffset = 0;
        }
        else if (bytesFieldOffset == currentBytesField().length)
        {
            endBytesField();
            return -1;
        }

        final byte[] field = currentBytesField();
        final int count = Math.min(value.length, field.length - bytesFieldOffset);
        System.arraycopy(field, bytesFieldOffset, value, 0, count);
        bytesFieldOffset += count;
        return count;
    }

    @Override
    public void writeBoolean(final boolean value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeByte(final byte value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeShort(final short value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeChar(final char value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeInt(final int value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeLong(final long value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeFloat(final float value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeDouble(final double value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeString(final String value) throws JMSException
    {
        write(value);
    }

    @Override
    public void writeBytes(final byte[] value) throws JMSException
    {
        write(null == value ? null : value.clone());
    }

    @Override
    public void writeBytes(final byte[] value, final int offset, final int length) throws JMSException
    {
        if (offset < 0 || length < 0 || offset > value.length - length)
        {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length +
                " do not fit an array of " + value.length);
        }
        final byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        write(copy);
    }

    @Override
    public void writeObject(final Object value) throws JMSException
    {
        if (!PropertiesCodec.isSupported(value))
        {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName());
        }
        write(value instanceof byte[] ? ((byte[])value).clone() : value);
    }

    @Override
    public void reset() throws JMSException
    {
        values();
        bodyReadOnly(true);
        index = 0;
        bytesFieldOffset = NOT_IN_BYTES_FIELD;
    }

    @Override
    public void clearBody() throws JMSException
    {
        super.clearBody();
        values = new ArrayList<>();
        encodedBody = null;
        index = 0;
        bytesFieldOffset = NOT_IN_BYTES_FIELD;
    }

    /**
     * JMS: a stream message body cannot be returned as one object.
     *
     * @throws MessageFormatException always.
     */
    @Override
    public <T> T getBody(final Class<T> c) throws JMSException
    {
        throw new MessageFormatException("getBody is not supported for a StreamMessage");
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(final Class c)
    {
        return false;
    }

    @Override
    BodyType bodyType()
    {
        return BodyType.STREAM;
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
            final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(64 + 16 * values.size());
            final int length = PropertiesCodec.encodeValues(values, scratch, 0);
            encoder.putBody(scratch, 0, length);
        }
    }

    @Override
    void onReceivedBody(final DirectBuffer frame, final int offset, final int length)
    {
        values = null;
        encodedBody = frame;
        bodyOffset = offset;
        bodyLength = length;
    }

    @Override
    void onReceived()
    {
        index = 0;
        bytesFieldOffset = NOT_IN_BYTES_FIELD;
    }

    @Override
    void copyBodyFrom(final Message foreign) throws JMSException
    {
        final StreamMessage source = (StreamMessage)foreign;
        source.reset();
        final List<Object> copied = new ArrayList<>();
        try
        {
            while (true)
            {
                final Object value = source.readObject();
                if (!PropertiesCodec.isSupported(value))
                {
                    throw new MessageFormatException(
                        "cannot copy a stream value of type " + value.getClass().getName());
                }
                copied.add(value);
            }
        }
        catch (final MessageEOFException ex)
        {
            // JMS signals the end of a stream message only by this exception.
        }
        source.reset();
        values = copied;
    }

    private void write(final Object value) throws JMSException
    {
        checkBodyWritable();
        values.add(value);
    }

    /**
     * The next value, without consuming it. Ends a fully read {@code byte[]} field first; refuses to move on from
     * one that is only partly read.
     */
    private Object peek() throws JMSException
    {
        checkBodyReadable();
        if (NOT_IN_BYTES_FIELD != bytesFieldOffset)
        {
            if (bytesFieldOffset < currentBytesField().length)
            {
                throw new MessageFormatException("the byte[] field being read with readBytes must be read to its " +
                    "end before the next field");
            }
            endBytesField();
        }

        final List<Object> decoded = values();
        if (index >= decoded.size())
        {
            throw new MessageEOFException("end of the stream message: " + decoded.size() + " values");
        }

        return decoded.get(index);
    }

    private byte[] currentBytesField() throws JMSException
    {
        return (byte[])values().get(index);
    }

    private void endBytesField()
    {
        bytesFieldOffset = NOT_IN_BYTES_FIELD;
        index++;
    }

    private List<Object> values() throws MessageFormatException
    {
        if (null == values)
        {
            try
            {
                values = PropertiesCodec.decodeValues(encodedBody, bodyOffset, bodyLength);
            }
            catch (final IllegalArgumentException ex)
            {
                throw TypeConversion.messageFormat("malformed stream message body: " + ex.getMessage(), ex);
            }
            encodedBody = null;
        }

        return values;
    }
}
