package io.aeolus.jms.message;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 3.5.4 and the {@code Message} Javadoc: the property conversion table, and null
 * handling for absent properties.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessagePropertyConversionTest
{
    private final AeolusMessage message = new AeolusMessage();

    @Test
    void shouldReadABooleanAsBooleanOrStringOnly() throws JMSException
    {
        message.setBooleanProperty("p", true);

        assertTrue(message.getBooleanProperty("p"));
        assertEquals("true", message.getStringProperty("p"));
        assertEquals(Boolean.TRUE, message.getObjectProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getByteProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getShortProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getLongProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getDoubleProperty("p"));
    }

    @Test
    void shouldWidenAByteToShortIntLongAndString() throws JMSException
    {
        message.setByteProperty("p", (byte)-5);

        assertEquals((byte)-5, message.getByteProperty("p"));
        assertEquals((short)-5, message.getShortProperty("p"));
        assertEquals(-5, message.getIntProperty("p"));
        assertEquals(-5L, message.getLongProperty("p"));
        assertEquals("-5", message.getStringProperty("p"));
        assertEquals(Byte.valueOf((byte)-5), message.getObjectProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getBooleanProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getDoubleProperty("p"));
    }

    @Test
    void shouldWidenAShortToIntLongAndStringButNotNarrowIt() throws JMSException
    {
        message.setShortProperty("p", (short)300);

        assertEquals((short)300, message.getShortProperty("p"));
        assertEquals(300, message.getIntProperty("p"));
        assertEquals(300L, message.getLongProperty("p"));
        assertEquals("300", message.getStringProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getByteProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getBooleanProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("p"));
    }

    @Test
    void shouldWidenAnIntToLongAndStringButNotNarrowIt() throws JMSException
    {
        message.setIntProperty("p", 70000);

        assertEquals(70000, message.getIntProperty("p"));
        assertEquals(70000L, message.getLongProperty("p"));
        assertEquals("70000", message.getStringProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getShortProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getByteProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getDoubleProperty("p"));
    }

    @Test
    void shouldReadALongAsLongOrStringOnly() throws JMSException
    {
        message.setLongProperty("p", Long.MIN_VALUE);

        assertEquals(Long.MIN_VALUE, message.getLongProperty("p"));
        assertEquals(Long.toString(Long.MIN_VALUE), message.getStringProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getDoubleProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("p"));
    }

    @Test
    void shouldWidenAFloatToDoubleAndString() throws JMSException
    {
        message.setFloatProperty("p", 1.25f);

        assertEquals(1.25f, message.getFloatProperty("p"));
        assertEquals(1.25d, message.getDoubleProperty("p"));
        assertEquals("1.25", message.getStringProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getIntProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getLongProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getBooleanProperty("p"));
    }

    @Test
    void shouldReadADoubleAsDoubleOrStringOnly() throws JMSException
    {
        message.setDoubleProperty("p", -0.5d);

        assertEquals(-0.5d, message.getDoubleProperty("p"));
        assertEquals("-0.5", message.getStringProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getFloatProperty("p"));
        assertThrows(MessageFormatException.class, () -> message.getLongProperty("p"));
    }

    @Test
    void shouldParseAStringAsEveryPropertyType() throws JMSException
    {
        message.setStringProperty("bool", "TRUE");
        message.setStringProperty("num", "42");
        message.setStringProperty("real", "2.5");

        assertTrue(message.getBooleanProperty("bool"));
        assertEquals((byte)42, message.getByteProperty("num"));
        assertEquals((short)42, message.getShortProperty("num"));
        assertEquals(42, message.getIntProperty("num"));
        assertEquals(42L, message.getLongProperty("num"));
        assertEquals(2.5f, message.getFloatProperty("real"));
        assertEquals(2.5d, message.getDoubleProperty("real"));
        assertEquals("42", message.getStringProperty("num"));
    }

    @Test
    void shouldThrowNumberFormatExceptionForAStringThatIsNotANumber() throws JMSException
    {
        message.setStringProperty("p", "forty-two");

        assertThrows(NumberFormatException.class, () -> message.getIntProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("p"));
        assertThrows(NumberFormatException.class, () -> message.getDoubleProperty("p"));
        assertFalse(message.getBooleanProperty("p"));
    }

    @Test
    void shouldThrowNumberFormatExceptionForAStringOutOfRange() throws JMSException
    {
        message.setStringProperty("p", "300");

        assertThrows(NumberFormatException.class, () -> message.getByteProperty("p"));
        assertEquals((short)300, message.getShortProperty("p"));
    }

    @Test
    void shouldTreatAnAbsentPropertyAsNullConvertedByValueOf() throws JMSException
    {
        assertNull(message.getStringProperty("absent"));
        assertNull(message.getObjectProperty("absent"));
        assertFalse(message.getBooleanProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getByteProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getShortProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getIntProperty("absent"));
        assertThrows(NumberFormatException.class, () -> message.getLongProperty("absent"));
        assertThrows(NullPointerException.class, () -> message.getFloatProperty("absent"));
        assertThrows(NullPointerException.class, () -> message.getDoubleProperty("absent"));
    }

    @Test
    void shouldAcceptEveryObjectifiedPrimitiveAndStringInSetObjectProperty() throws JMSException
    {
        message.setObjectProperty("b", Boolean.FALSE);
        message.setObjectProperty("y", (byte)1);
        message.setObjectProperty("s", (short)2);
        message.setObjectProperty("i", 3);
        message.setObjectProperty("l", 4L);
        message.setObjectProperty("f", 5f);
        message.setObjectProperty("d", 6d);
        message.setObjectProperty("t", "seven");

        assertEquals(Boolean.FALSE, message.getObjectProperty("b"));
        assertEquals(Byte.valueOf((byte)1), message.getObjectProperty("y"));
        assertEquals(Short.valueOf((short)2), message.getObjectProperty("s"));
        assertEquals(3, message.getObjectProperty("i"));
        assertEquals(4L, message.getObjectProperty("l"));
        assertEquals(5f, message.getObjectProperty("f"));
        assertEquals(6d, message.getObjectProperty("d"));
        assertEquals("seven", message.getObjectProperty("t"));
        assertEquals(3L, message.getLongProperty("i"));
    }

    @Test
    void shouldRejectOtherClassesInSetObjectPropertyWithMessageFormatException()
    {
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("c", 'c'));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("a", new byte[1]));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("o", new Object()));
        assertThrows(MessageFormatException.class, () -> message.setObjectProperty("n", new StringBuilder("x")));
    }

    @Test
    void shouldKeepPropertyTypesAndConversionsAcrossTheWire() throws JMSException
    {
        message.setShortProperty("s", (short)7);
        message.setFloatProperty("f", 0.75f);
        message.setStringProperty("t", "12");

        final AeolusMessage received = TestMessages.received(message);

        assertEquals(Short.valueOf((short)7), received.getObjectProperty("s"));
        assertEquals(7L, received.getLongProperty("s"));
        assertEquals(0.75d, received.getDoubleProperty("f"));
        assertEquals(12, received.getIntProperty("t"));
        assertThrows(MessageFormatException.class, () -> received.getByteProperty("s"));
    }
}
