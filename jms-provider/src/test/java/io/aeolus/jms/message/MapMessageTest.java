package io.aeolus.jms.message;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 3.11 and the {@code MapMessage} Javadoc: conversions, names, read-only state and
 * {@code getBody}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MapMessageTest
{
    private final AeolusMapMessage message = new AeolusMapMessage();

    @Test
    void shouldReadEveryTypeBackAfterTheWire() throws JMSException
    {
        message.setBoolean("bool", true);
        message.setByte("byte", (byte)1);
        message.setShort("short", (short)2);
        message.setChar("char", 'c');
        message.setInt("int", 3);
        message.setLong("long", 4L);
        message.setFloat("float", 5f);
        message.setDouble("double", 6d);
        message.setString("string", "seven");
        message.setBytes("bytes", new byte[]{ 8 });
        message.setBytes("part", new byte[]{ 0, 9, 10, 0 }, 1, 2);

        final AeolusMapMessage received = TestMessages.received(message);

        assertTrue(received.getBoolean("bool"));
        assertEquals((byte)1, received.getByte("byte"));
        assertEquals((short)2, received.getShort("short"));
        assertEquals('c', received.getChar("char"));
        assertEquals(3, received.getInt("int"));
        assertEquals(4L, received.getLong("long"));
        assertEquals(5f, received.getFloat("float"));
        assertEquals(6d, received.getDouble("double"));
        assertEquals("seven", received.getString("string"));
        assertArrayEquals(new byte[]{ 8 }, received.getBytes("bytes"));
        assertArrayEquals(new byte[]{ 9, 10 }, received.getBytes("part"));
    }

    @Test
    void shouldApplyTheConversionTable() throws JMSException
    {
        message.setByte("byte", (byte)1);
        message.setChar("char", 'c');
        message.setFloat("float", 2f);
        message.setString("string", "3");
        message.setBytes("bytes", new byte[]{ 1 });

        assertEquals(1L, message.getLong("byte"));
        assertEquals("c", message.getString("char"));
        assertEquals(2d, message.getDouble("float"));
        assertEquals(3, message.getInt("string"));
        assertThrows(MessageFormatException.class, () -> message.getChar("string"));
        assertThrows(MessageFormatException.class, () -> message.getInt("char"));
        assertThrows(MessageFormatException.class, () -> message.getString("bytes"));
        assertThrows(MessageFormatException.class, () -> message.getBytes("string"));
        assertThrows(MessageFormatException.class, () -> message.getFloat("byte"));
        assertThrows(MessageFormatException.class, () -> message.getBoolean("float"));
    }

    @Test
    void shouldReadAnAbsentNameAsNull() throws JMSException
    {
        assertNull(message.getString("absent"));
        assertNull(message.getObject("absent"));
        assertNull(message.getBytes("absent"));
        assertFalse(message.getBoolean("absent"));
        assertThrows(NumberFormatException.class, () -> message.getInt("absent"));
        assertThrows(NullPointerException.class, () -> message.getChar("absent"));
        assertThrows(NullPointerException.class, () -> message.getFloat("absent"));
    }

    @Test
    void shouldEnumerateNamesAndReportItemsThatExist() throws JMSException
    {
        message.setInt("a", 1);
        message.setString("b", null);

        assertEquals(List.of("a", "b"), Collections.list(message.getMapNames()));
        assertTrue(message.itemExists("b"));
        assertFalse(message.itemExists("c"));
    }

    @Test
    void shouldRejectNullAndEmptyNames()
    {
        assertThrows(IllegalArgumentException.class, () -> message.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> message.setString("", "x"));
    }

    @Test
    void shouldCopyByteArraysInAndOut() throws JMSException
    {
        final byte[] value = { 1 };
        message.setBytes("b", value);
        value[0] = 2;

        message.getBytes("b")[0] = 3;

        assertArrayEquals(new byte[]{ 1 }, message.getBytes("b"));
    }

    @Test
    void shouldAcceptOnlyPrimitiveWrappersStringsAndByteArraysInSetObject() throws JMSException
    {
        message.setObject("c", 'c');
        message.setObject("b", new byte[]{ 1 });

        assertEquals('c', message.getObject("c"));
        assertThrows(MessageFormatException.class, () -> message.setObject("o", new Object()));
        assertThrows(MessageFormatException.class, () -> message.setObject("l", List.of(1)));
    }

    @Test
    void shouldMakeAReceivedBodyReadOnlyUntilClearBody() throws JMSException
    {
        message.setInt("a", 1);
        final AeolusMapMessage received = TestMessages.received(message);

        assertThrows(MessageNotWriteableException.class, () -> received.setInt("a", 2));
        received.clearBody();
        received.setInt("b", 2);

        assertFalse(received.itemExists("a"));
        assertEquals(2, received.getInt("b"));
    }

    @Test
    void shouldReturnTheBodyAsAMapCopy() throws JMSException
    {
        message.setInt("a", 1);
        message.setString("b", "two");

        final Map<?, ?> body = message.getBody(Map.class);

        assertEquals(Map.of("a", 1, "b", "two"), body);
        assertTrue(message.isBodyAssignableTo(Map.class));
        assertTrue(message.isBodyAssignableTo(Object.class));
        assertFalse(message.isBodyAssignableTo(HashMap.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(HashMap.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(String.class));
    }

    @Test
    void shouldTreatAnEmptyMapAsNoBody() throws JMSException
    {
        assertNull(message.getBody(String.class));
        assertTrue(message.isBodyAssignableTo(String.class));
    }
}
