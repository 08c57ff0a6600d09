package io.aeolus.jms.message;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 3.11 and the {@code BytesMessage} Javadoc: write-only and read-only modes, the
 * {@code DataOutputStream} layout, {@code readBytes} and {@code getBodyLength}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BytesMessageTest
{
    private final AeolusBytesMessage message = new AeolusBytesMessage();

    @Test
    void shouldBeWriteOnlyWhenCreated()
    {
        assertThrows(MessageNotReadableException.class, message::readByte);
        assertThrows(MessageNotReadableException.class, message::getBodyLength);
        assertThrows(MessageNotReadableException.class, () -> message.readBytes(new byte[1]));
    }

    @Test
    void shouldBeReadOnlyAfterReset() throws JMSException
    {
        message.writeInt(1);

        message.reset();

        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        assertEquals(1, message.readInt());
    }

    @Test
    void shouldReadBackEveryTypeInTheOrderWritten() throws JMSException
    {
        message.writeBoolean(true);
        message.writeByte((byte)-2);
        message.writeShort((short)-3);
        message.writeChar('ü');
        message.writeInt(Integer.MAX_VALUE);
        message.writeLong(Long.MIN_VALUE);
        message.writeFloat(1.5f);
        message.writeDouble(-2.5d);
        message.writeUTF("grüße");
        message.writeBytes(new byte[]{ 9, 8, 7 });
        message.writeBytes(new byte[]{ 0, 6, 5, 0 }, 1, 2);

        message.reset();

        assertTrue(message.readBoolean());
        assertEquals((byte)-2, message.readByte());
        assertEquals((short)-3, message.readShort());
        assertEquals('ü', message.readChar());
        assertEquals(Integer.MAX_VALUE, message.readInt());
        assertEquals(Long.MIN_VALUE, message.readLong());
        assertEquals(1.5f, message.readFloat());
        assertEquals(-2.5d, message.readDouble());
        assertEquals("grüße", message.readUTF());
        final byte[] tail = new byte[5];
        assertEquals(5, message.readBytes(tail));
        assertArrayEquals(new byte[]{ 9, 8, 7, 6, 5 }, tail);
        assertEquals(-1, message.readBytes(tail));
    }

    @Test
    void shouldWriteTheSameBytesAsDataOutputStream() throws JMSException, IOException
    {
        final ByteArrayOutputStream expected = new ByteArrayOutputStream();
        final DataOutputStream out = new DataOutputStream(expected);
        out.writeShort(0x0102);
        out.writeInt(0x03040506);
        out.writeUTF("ä");
        out.writeDouble(Math.PI);

        message.writeShort((short)0x0102);
        message.writeInt(0x03040506);
        message.writeUTF("ä");
        message.writeDouble(Math.PI);

        assertArrayEquals(expected.toByteArray(), message.getBody(byte[].class));
    }

    @Test
    void shouldReadUnsignedValues() throws JMSException
    {
        message.writeByte((byte)0xFE);
        message.writeShort((short)0xFFFE);
        message.reset();

        assertEquals(0xFE, message.readUnsignedByte());
        assertEquals(0xFFFE, message.readUnsignedShort());
    }

    @Test
    void shouldFillTheArrayThenReturnTheRestThenMinusOne() throws JMSException
    {
        message.writeBytes(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        message.reset();
        final byte[] buffer = new byte[4];

        assertEquals(4, message.readBytes(buffer));
        assertEquals(4, message.readBytes(buffer));
        assertEquals(2, message.readBytes(buffer));
        assertEquals(-1, message.readBytes(buffer));
        assertArrayEquals(new byte[]{ 9, 10 }, new byte[]{ buffer[0], buffer[1] });
    }

    @Test
    void shouldReadAtMostLengthBytesWithReadBytesOfLength() throws JMSException
    {
        message.writeBytes(new byte[]{ 1, 2, 3 });
        message.reset();
        final byte[] buffer = new byte[8];

        assertEquals(2, message.readBytes(buffer, 2));
        assertEquals(1, message.readBytes(buffer, 2));
        assertEquals(-1, message.readBytes(buffer, 2));
    }

    @Test
    void shouldThrowIndexOutOfBoundsWhenLengthExceedsTheArrayAndReadNothing() throws JMSException
    {
        message.writeByte((byte)1);
        message.reset();

        assertThrows(IndexOutOfBoundsException.class, () -> message.readBytes(new byte[2], 3));
        assertThrows(IndexOutOfBoundsException.class, () -> message.readBytes(new byte[2], -1));
        assertEquals(1, message.readByte());
    }

    @Test
    void shouldThrowEofAtTheEndAndNotMoveOnAShortRead() throws JMSException
    {
        message.writeShort((short)7);
        message.reset();

        assertThrows(MessageEOFException.class, message::readInt);
        assertEquals((short)7, message.readShort());
        assertThrows(MessageEOFException.class, message::readByte);
        assertThrows(MessageEOFException.class, message::readUTF);
    }

    @Test
    void shouldReportTheWholeBodyLengthWhereverTheReadPositionIs() throws JMSException
    {
        message.writeLong(1L);
        message.reset();
        message.readInt();

        assertEquals(8L, message.getBodyLength());
    }

    @Test
    void shouldWriteObjectsOfTheObjectifiedPrimitiveTypesStringsAndByteArrays() throws JMSException
    {
        message.writeObject(7);
        message.writeObject('c');
        message.writeObject("s");
        message.writeObject(new byte[]{ 1 });
        message.reset();

        assertEquals(7, message.readInt());
        assertEquals('c', message.readChar());
        assertEquals("s", message.readUTF());
        assertEquals(1, message.readByte());
    }

    @Test
    void shouldRejectNullAndOtherClassesInWriteObject()
    {
        assertThrows(NullPointerException.class, () -> message.writeObject(null));
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
    }

    @Test
    void shouldGoBackToAnEmptyWriteOnlyBodyOnClearBody() throws JMSException
    {
        final AeolusBytesMessage received = receivedWith(new byte[]{ 1, 2 });

        received.clearBody();

        assertThrows(MessageNotReadableException.class, received::readByte);
        received.writeByte((byte)3);
        received.reset();
        assertEquals(1L, received.getBodyLength());
        assertEquals(3, received.readByte());
    }

    @Test
    void shouldDeliverTheBodyReadOnlyAndPositionedAtTheStart() throws JMSException
    {
        final AeolusBytesMessage received = receivedWith(new byte[]{ 4, 5 });

        assertEquals(2L, received.getBodyLength());
        assertEquals(4, received.readByte());
        assertThrows(MessageNotWriteableException.class, () -> received.writeByte((byte)1));
    }

    @Test
    void shouldReturnTheBodyAsByteArrayAndResetBeforeAndAfter() throws JMSException
    {
        message.writeBytes(new byte[]{ 1, 2, 3 });

        final byte[] body = message.getBody(byte[].class);

        assertArrayEquals(new byte[]{ 1, 2, 3 }, body);
        assertEquals(1, message.readByte());
        assertArrayEquals(new byte[]{ 1, 2, 3 }, (byte[])message.getBody(Object.class));
        assertTrue(message.isBodyAssignableTo(byte[].class));
        assertFalse(message.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void shouldReturnNullBodyForAnEmptyBytesMessage() throws JMSException
    {
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(String.class));
    }

    @Test
    void shouldRejectReadingMalformedModifiedUtf8() throws JMSException
    {
        message.writeShort((short)2);
        message.writeByte((byte)0xC0);
        message.writeByte((byte)0x00);
        message.reset();

        assertThrows(MessageFormatException.class, message::readUTF);
        assertEquals((short)2, message.readShort());
    }

    private static AeolusBytesMessage receivedWith(final byte[] body) throws JMSException
    {
        final AeolusBytesMessage message = new AeolusBytesMessage();
        message.writeBytes(body);
        return TestMessages.received(message);
    }
}
