package io.aeolus.jms.message;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A message whose body is a stream of uninterpreted bytes, written and read as {@link java.io.DataOutputStream} and
 * {@link java.io.DataInputStream} would (big-endian, {@code writeUTF} in modified UTF-8).
 * <p>
 * A new or cleared message is write-only; {@link #reset()} makes it read-only and rewinds. Writes go to an
 * expandable buffer (bodies of 100 MiB and more are fine); a received body is read in place from the frame copy. A
 * read that fails for lack of bytes throws {@link MessageEOFException} and leaves the position unchanged. Wire body:
 * the raw bytes. Not thread-safe.
 */
public final class AeolusBytesMessage extends AeolusMessage implements BytesMessage
{
    private static final int INITIAL_CAPACITY = 256;
    private static final DirectBuffer EMPTY = new UnsafeBuffer(new byte[0]);

    /** The body: the write buffer, or a received body's frame copy, read from {@code start}. */
    private DirectBuffer data = EMPTY;
    private int start;
    private ExpandableArrayBuffer writeBuffer;
    private int length;
    private int position;

    /**
     * Creates an empty, write-only bytes message.
     */
    public AeolusBytesMessage()
    {
    }

    @Override
    public long getBodyLength() throws JMSException
    {
        checkBodyReadable();
        return length;
    }

    @Override
    public boolean readBoolean() throws JMSException
    {
        return 0 != readByte();
    }

    @Override
    public byte readByte() throws JMSException
    {
        require(1);
        return data.getByte(start + position++);
    }

    @Override
    public int readUnsignedByte() throws JMSException
    {
        return readByte() & 0xFF;
    }

    @Override
    public short readShort() throws JMSException
    {
        require(2);
        final short value = data.getShort(start + position, BIG_ENDIAN);
        position += 2;
        return value;
    }

    @Override
    public int readUnsignedShort() throws JMSException
    {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws JMSException
    {
        require(2);
        final char value = data.getChar(start + position, BIG_ENDIAN);
        position += 2;
        return value;
    }

    @Override
    public int readInt() throws JMSException
    {
        require(4);
        final int value = data.getInt(start + position, BIG_ENDIAN);
        position += 4;
        return value;
    }

    @Override
    public long readLong() throws JMSException
    {
        require(8);
        final long value = data.getLong(start + position, BIG_ENDIAN);
        position += 8;
        return value;
    }

    @Override
    public float readFloat() throws JMSException
    {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws JMSException
    {
        return Double.longBitsToDouble(readLong());
    }

    @Override
    public String readUTF() throws JMSException
    {
        require(2);
        final int utfLength = 2 + (data.getShort(start + position, BIG_ENDIAN) & 0xFFFF);
        require(utfLength);
        final byte[] bytes = new byte[utfLength];
        data.getBytes(start + position, bytes);
        try
        {
            final String value = new DataInputStream(new ByteArrayInputStream(bytes)).readUTF();
            position += utfLength;
            return value;
        }
        catch (final IOException ex)
        {
            throw TypeConversion.messageFormat("malformed modified UTF-8 string: " + ex.getMessage(), ex);
        }
    }

    @Override
    public int readBytes(final byte[] value) throws JMSException
    {
        return readBytes(value, value.length);
    }

    @Override
    public int readBytes(final byte[] value, final int length) throws JMSException
    {
        checkBodyReadable();
        if (length < 0 || length > value.length)
        {
            throw new IndexOutOfBoundsException("length " + length + " is outside [0, " + value.length + "]");
        }

        final int remaining = this.length - position;
        if (0 == remaining)
        {
            return -1;
        }

        final int count = Math.min(length, remaining);
        data.getBytes(start + position, value, 0, count);
        position += count;
        return count;
    }

    @Override
    public void writeBoolean(final boolean value) throws JMSException
    {
        writeByte((byte)(value ? 1 : 0));
    }

    @Override
    public void writeByte(final byte value) throws JMSException
    {
        writable().putByte(length, value);
        length += 1;
    }

    @Override
    public void writeShort(final short value) throws JMSException
    {
        writable().putShort(length, value, BIG_ENDIAN);
        length += 2;
    }

    @Override
    public void writeChar(final char value) throws JMSException
    {
        writable().putChar(length, value, BIG_ENDIAN);
        length += 2;
    }

    @Override
    public void writeInt(final int value) throws JMSException
    {
        writable().putInt(length, value, BIG_ENDIAN);
        length += 4;
    }

    @Override
    public void writeLong(final long value) throws JMSException
    {
        writable().putLong(length, value, BIG_ENDIAN);
        length += 8;
    }

    @Override
    public void writeFloat(final float value) throws JMSException
    {
        writeInt(Float.floatToIntBits(value));
    }

    @Override
    public void writeDouble(final double value) throws JMSException
    {
        writeLong(Double.doubleToLongBits(value));
    }

    @Override
    public void writeUTF(final String value) throws JMSException
    {
        checkBodyWritable();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length() + 2);
        try
        {
            new DataOutputStream(bytes).writeUTF(value);
        }
        catch (final IOException ex)
        {
            throw TypeConversion.messageFormat("string too long for modified UTF-8: " + ex.getMessage(), ex);
        }
        writeBytes(bytes.toByteArray());
    }

    @Override
    public void writeBytes(final byte[] value) throws JMSException
    {
        writeBytes(value, 0, value.length);
    }

    @Override
    public void writeBytes(final byte[] value, final int offset, final int length) throws JMSException
    {
        if (offset < 0 || length < 0 || offset > value.length - length)
        {
            throw new IndexOutOfBoundsException("offset " + offset + " and length " + length +
                " do not fit an array of " + value.length);
        }
        writable().putBytes(this.length, value, offset, length);
        this.length += length;
    }

    @Override
    public void writeObject(final Object value) throws JMSException
    {
        if (null == value)
        {
            throw new NullPointerException("BytesMessage.writeObject does not accept null");
        }
        else if (value instanceof Boolean)
        {
            writeBoolean((Boolean)value);
        }
        else if (value instanceof Byte)
        {
            writeByte((Byte)value);
        }
        else if (value instanceof Short)
        {
            writeShort((Short)value);
        }
        else if (value instanceof Character)
        {
            writeChar((Character)value);
        }
        else if (value instanceof Integer)
        {
            writeInt((Integer)value);
        }
        else if (value instanceof Long)
        {
            writeLong((Long)value);
        }
        else if (value instanceof Float)
        {
            writeFloat((Float)value);
        }
        else if (value instanceof Double)
        {
            writeDouble((Double)value);
        }
        else if (value instanceof String)
        {
            writeUTF((String)value);
        }
        else if (value instanceof byte[])
        {
            writeBytes((byte[])value);
        }
        else
        {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName());
        }
    }

    @Override
    public void reset()
    {
        bodyReadOnly(true);
        position = 0;
    }

    @Override
    public void clearBody() throws JMSException
    {
        super.clearBody();
        data = EMPTY;
        start = 0;
        writeBuffer = null;
        length = 0;
        position = 0;
    }

    /**
     * {@inheritDoc}
     * <p>
     * JMS: the message is reset before and after, so it is left read-only at the start of its body.
     */
    @Override
    public <T> T getBody(final Class<T> c) throws JMSException
    {
        reset();
        if (0 == length)
        {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class))
        {
            throw new MessageFormatException("a BytesMessage body cannot be assigned to " + c.getName());
        }

        final byte[] body = new byte[length];
        data.getBytes(start, body);
        return c.cast(body);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(final Class c)
    {
        final Class<?> target = c;
        return 0 == length || target.isAssignableFrom(byte[].class);
    }

    @Override
    BodyType bodyType()
    {
        return BodyType.BYTES;
    }

    @Override
    void encodeBody(final JmsMessageEncoder encoder)
    {
        encoder.putBody(data, start, length);
    }

    @Override
    void onReceivedBody(final DirectBuffer frame, final int offset, final int length)
    {
        data = frame;
        start = offset;
        writeBuffer = null;
        this.length = length;
        position = 0;
    }

    @Override
    void onReceived()
    {
        position = 0;
    }

    @Override
    void copyBodyFrom(final Message foreign) throws JMSException
    {
        final BytesMessage source = (BytesMessage)foreign;
        source.reset();
        final byte[] chunk = new byte[(int)Math.min(source.getBodyLength(), 64 * 1024)];
        int read;
        while ((read = source.readBytes(chunk)) > 0)
        {
            writeBytes(chunk, 0, read);
        }
        source.reset();
    }

    private ExpandableArrayBuffer writable() throws JMSException
    {
        checkBodyWritable();
        if (null == writeBuffer)
        {
            // After clearBody() or on a new message: a received body is never written into.
            writeBuffer = new ExpandableArrayBuffer(INITIAL_CAPACITY);
            data = writeBuffer;
            start = 0;
        }

        return writeBuffer;
    }

    private void require(final int count) throws JMSException
    {
        checkBodyReadable();
        if (count > length - position)
        {
            throw new MessageEOFException("end of the bytes message: " + count + " bytes wanted, " +
                (length - position) + " left");
        }
    }
}
