package io.aeolus.jms.message;

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
 * Jakarta Messaging 3.1, section 3.11.3 and the {@code StreamMessage} Javadoc: the conversion table, null values,
 * failed reads that do not advance, and the partial {@code readBytes} rule.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StreamMessageTest
{
    private final AeolusStreamMessage message = new AeolusStreamMessage();

    @Test
    void shouldBeWriteOnlyUntilResetThenReadOnly() throws JMSException
    {
        message.writeInt(1);

        assertThrows(MessageNotReadableException.class, message::readInt);
        message.reset();
        assertThrows(MessageNotWriteableException.class, () -> message.writeInt(2));
        assertEquals(1, message.readInt());
    }

    @Test
    void shouldReadEveryTypeBackAsWritten() throws JMSException
    {
        message.writeBoolean(true);
        message.writeByte((byte)1);
        message.writeShort((short)2);
        message.writeChar('c');
        message.writeInt(3);
        message.writeLong(4L);
        message.writeFloat(5f);
        message.writeDouble(6d);
        message.writeString("seven");
        message.writeBytes(new byte[]{ 8 });
        final AeolusStreamMessage received = TestMessages.received(message);

        assertTrue(received.readBoolean());
        assertEquals((byte)1, received.readByte());
        assertEquals((short)2, received.readShort());
        assertEquals('c', received.readChar());
        assertEquals(3, received.readInt());
        assertEquals(4L, received.readLong());
        assertEquals(5f, received.readFloat());
        assertEquals(6d, received.readDouble());
        assertEquals("seven", received.readString());
        assertArrayEquals(new byte[]{ 8 }, (byte[])received.readObject());
        assertThrows(MessageEOFException.class, received::readObject);
    }

    @Test
    void shouldWidenIntegralValuesAndReadEveryValueButBytesAsString() throws JMSException
    {
        message.writeByte((byte)1);
        message.writeShort((short)2);
        message.writeInt(3);
        message.writeFloat(4f);
        message.writeChar('x');
        message.writeBoolean(false);
        message.reset();

        assertEquals(1L, message.readLong());
        assertEquals(2, message.readInt());
        assertEquals("3", message.readString());
        assertEquals(4d, message.readDouble());
        assertEquals("x", message.readString());
        assertEquals("false", message.readString());
    }

    @Test
    void shouldRejectUnsupportedConversionsWithMessageFormatException() throws JMSException
    {
        message.writeInt(1);
        message.writeChar('c');
        message.writeString("s");
        message.writeBytes(new byte[]{ 1 });
        message.writeDouble(1d);
        message.reset();

        assertThrows(MessageFormatException.class, message::readShort);
        assertThrows(MessageFormatException.class, message::readBoolean);
        assertThrows(MessageFormatException.class, message::readFloat);
        message.readInt();
        assertThrows(MessageFormatException.class, message::readInt);
        message.readChar();
        assertThrows(MessageFormatException.class, message::readChar);
        message.readString();
        assertThrows(MessageFormatException.class, message::readString);
        message.readObject();
        assertThrows(MessageFormatException.class, message::readFloat);
    }

    @Test
    void shouldParseStringsIntoPrimitives() throws JMSException
    {
        message.writeString("true");
        message.writeString("12");
        message.writeString("1.5");
        message.reset();

        assertTrue(message.readBoolean());
        assertEquals((byte)12, message.readByte());
        assertEquals(1.5f, message.readFloat());
    }

    @Test
    void shouldNotAdvanceWhenAReadFailsSoTheValueCanBeReadAsAnotherType() throws JMSException
    {
        message.writeString("not a number");
        message.writeLong(9L);
        message.reset();

        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(MessageFormatException.class, message::readChar);
        assertEquals("not a number", message.readString());
        assertThrows(MessageFormatException.class, message::readInt);
        assertEquals(9L, message.readLong());
    }

    @Test
    void shouldReadANullValueAsValueOfNull() throws JMSException
    {
        for (int i = 0; i < 6; i++)
        {
            message.writeObject(null);
        }
        message.reset();

        assertNull(message.readString());
        assertNull(message.readObject());
        assertFalse(message.readBoolean());
        assertThrows(NumberFormatException.class, message::readInt);
        assertThrows(NullPointerException.class, message::readDouble);
        assertThrows(NullPointerException.class, message::readChar);
        assertEquals(-1, message.readBytes(new byte[4]));
    }

    @Test
    void shouldReadAByteArrayFieldInPiecesUntilAShortRead() throws JMSException
    {
        message.writeBytes(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        message.writeInt(11);
        message.reset();
        final byte[] buffer = new byte[4];

        assertEquals(4, message.readBytes(buffer));
        assertEquals(4, message.readBytes(buffer));
        assertEquals(2, message.readBytes(buffer));
        assertArrayEquals(new byte[]{ 9, 10 }, new byte[]{ buffer[0], buffer[1] });
        assertEquals(11, message.readInt());
    }

    @Test
    void shouldReturnMinusOneAfterAFieldThatFillsTheBufferExactly() throws JMSException
    {
        message.writeBytes(new byte[]{ 1, 2, 3, 4, 5, 6, 7, 8 });
        message.writeBytes(new byte[]{ 9 });
        message.reset();
        final byte[] buffer = new byte[4];

        assertEquals(4, message.readBytes(buffer));
        assertEquals(4, message.readBytes(buffer));
        assertEquals(-1, message.readBytes(buffer));
        assertEquals(1, message.readBytes(buffer));
        assertEquals(9, buffer[0]);
    }

    @Test
    void shouldReturnZeroForAnEmptyByteArrayField() throws JMSException
    {
        message.writeBytes(new byte[0]);
        message.writeString("next");
        message.reset();

        assertEquals(0, message.readBytes(new byte[4]));
        assertEquals("next", message.readString());
    }

    @Test
    void shouldRefuseToReadTheNextFieldBeforeAByteArrayFieldIsFinished() throws JMSException
    {
        message.writeBytes(new byte[]{ 1, 2, 3, 4, 5 });
        message.writeInt(6);
        message.reset();

        assertEquals(2, message.readBytes(new byte[2]));

        assertThrows(MessageFormatException.class, message::readInt);
        assertThrows(MessageFormatException.class, message::readObject);
        assertEquals(2, message.readBytes(new byte[2]));
        assertEquals(1, message.readBytes(new byte[2]));
        assertEquals(6, message.readInt());
    }

    @Test
    void shouldRefuseReadBytesOnAFieldThatIsNotAByteArray() throws JMSException
    {
        message.writeString("s");
        message.reset();

        assertThrows(MessageFormatException.class, () -> message.readBytes(new byte[1]));
        assertEquals("s", message.readString());
    }

    @Test
    void shouldThrowEofAfterTheLastValue() throws JMSException
    {
        message.reset();

        assertThrows(MessageEOFException.class, message::readInt);
        assertThrows(MessageEOFException.class, () -> message.readBytes(new byte[1]));
    }

    @Test
    void shouldCopyByteArraysOnWriteAndOnRead() throws JMSException
    {
        final byte[] value = { 1, 2 };
        message.writeBytes(value);
        value[0] = 9;
        message.reset();

        final byte[] read = (byte[])message.readObject();
        read[1] = 9;
        message.reset();

        assertArrayEquals(new byte[]{ 1, 2 }, (byte[])message.readObject());
    }

    @Test
    void shouldRejectInvalidObjectsInWriteObject()
    {
        assertThrows(MessageFormatException.class, () -> message.writeObject(new Object()));
        assertThrows(MessageFormatException.class, () -> message.writeObject(new java.util.Date()));
    }

    @Test
    void shouldClearToAnEmptyWriteOnlyBody() throws JMSException
    {
        message.writeInt(1);
        final AeolusStreamMessage received = TestMessages.received(message);

        received.clearBody();
        received.writeInt(2);
        received.reset();

        assertEquals(2, received.readInt());
        assertThrows(MessageEOFException.class, received::readInt);
    }

    @Test
    void shouldNotReturnItsBodyAsOneObject() throws JMSException
    {
        message.writeInt(1);

        assertThrows(MessageFormatException.class, () -> message.getBody(Object.class));
        assertFalse(message.isBodyAssignableTo(Object.class));
    }
}
