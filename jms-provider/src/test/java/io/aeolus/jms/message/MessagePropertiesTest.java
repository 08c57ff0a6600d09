package io.aeolus.jms.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Jakarta Messaging 3.1, section 3.5: property names, read-only properties of received messages, the property name
 * enumeration and the JMSX properties.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessagePropertiesTest
{
    private final AeolusMessage message = new AeolusTextMessage("body");

    private static List<String> names(final AeolusMessage message) throws JMSException
    {
        return Collections.list(message.getPropertyNames());
    }

    @Test
    void shouldRejectNullAndEmptyNamesWithIllegalArgumentException()
    {
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty(null, "v"));
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> message.setObjectProperty("", 1));
    }

    @Test
    void shouldRejectNamesThatAreNotSelectorIdentifiers()
    {
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("1st", 1));
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("a-b", 1));
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("with space", 1));
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("a.b", 1));
    }

    @Test
    void shouldAcceptIdentifiersWithUnderscoreDollarDigitsAndLetters() throws JMSException
    {
        message.setIntProperty("_x", 1);
        message.setIntProperty("$y2", 2);
        message.setIntProperty("größe", 3);

        assertEquals(3, message.getIntProperty("größe"));
        assertTrue(message.propertyExists("$y2"));
    }

    @Test
    void shouldRejectSelectorReservedWordsInAnyCase()
    {
        for (final String word : List.of("NULL", "true", "False", "NOT", "and", "OR", "between", "LIKE", "in", "IS",
            "Escape"))
        {
            assertThrows(IllegalArgumentException.class, () -> message.setBooleanProperty(word, true), word);
        }
    }

    @Test
    void shouldRejectReservedJmsPrefixesExceptTheGroupProperties() throws JMSException
    {
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty("JMSXUserID", "me"));
        assertThrows(IllegalArgumentException.class, () -> message.setIntProperty("JMSXDeliveryCount", 5));
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty("JMS_Vendor", "x"));
        assertThrows(IllegalArgumentException.class, () -> message.setStringProperty("JMSType", "x"));

        message.setStringProperty("JMSXGroupID", "orders");
        message.setIntProperty("JMSXGroupSeq", 3);

        assertEquals("orders", message.getStringProperty("JMSXGroupID"));
        assertEquals(3, message.getIntProperty("JMSXGroupSeq"));
    }

    @Test
    void shouldRequireTheSpecifiedTypesForTheGroupProperties()
    {
        assertThrows(MessageFormatException.class, () -> message.setLongProperty("JMSXGroupSeq", 3L));
        assertThrows(MessageFormatException.class, () -> message.setIntProperty("JMSXGroupID", 3));
    }

    @Test
    void shouldEnumeratePropertyNamesButNotHeaderFields() throws JMSException
    {
        message.setJMSType("t");
        message.setJMSCorrelationID("c");
        message.setIntProperty("a", 1);
        message.setStringProperty("b", "2");

        assertEquals(List.of("a", "b"), names(message));
    }

    @Test
    void shouldReportWhetherAPropertyExists() throws JMSException
    {
        message.setStringProperty("present", null);

        assertTrue(message.propertyExists("present"));
        assertFalse(message.propertyExists("absent"));
        assertNull(message.getStringProperty("present"));
    }

    @Test
    void shouldMakePropertiesOfAReceivedMessageReadOnly() throws JMSException
    {
        message.setIntProperty("a", 1);
        final AeolusMessage received = TestMessages.received(message);

        assertThrows(MessageNotWriteableException.class, () -> received.setIntProperty("a", 2));
        assertThrows(MessageNotWriteableException.class, () -> received.setObjectProperty("b", "x"));
        assertEquals(1, received.getIntProperty("a"));
    }

    @Test
    void shouldMakePropertiesWritableAndEmptyAfterClearProperties() throws JMSException
    {
        message.setIntProperty("a", 1);
        final AeolusMessage received = TestMessages.received(message);

        received.clearProperties();
        received.setIntProperty("b", 2);

        assertFalse(received.propertyExists("a"));
        assertEquals(2, received.getIntProperty("b"));
    }

    @Test
    void shouldKeepHeaderFieldsWritableOnAReceivedMessage() throws JMSException
    {
        final AeolusMessage received = TestMessages.received(message);

        received.setJMSType("changed");
        received.setJMSCorrelationID("changed");

        assertEquals("changed", received.getJMSType());
        assertEquals("changed", received.getJMSCorrelationID());
    }

    @Test
    void shouldExposeTheDeliveryCountAsAnIntPropertyOfAReceivedMessage() throws JMSException
    {
        message.setIntProperty("a", 1);
        final AeolusMessage received = TestMessages.roundTrip(message, DeserializationPolicy.secureDefault());

        received.markReceived(3, true);

        assertEquals(3, received.getIntProperty("JMSXDeliveryCount"));
        assertEquals(3, received.getObjectProperty("JMSXDeliveryCount"));
        assertEquals("3", received.getStringProperty("JMSXDeliveryCount"));
        assertTrue(received.propertyExists("JMSXDeliveryCount"));
        assertTrue(received.getJMSRedelivered());
        assertEquals(new ArrayList<>(List.of("a", "JMSXDeliveryCount")), names(received));
    }

    @Test
    void shouldNotHaveADeliveryCountBeforeTheMessageIsReceived() throws JMSException
    {
        assertFalse(message.propertyExists("JMSXDeliveryCount"));
        assertNull(message.getObjectProperty("JMSXDeliveryCount"));
        assertTrue(names(message).isEmpty());
    }

    @Test
    void shouldReturnAPropertyNamesSnapshotThatIsNotAffectedByLaterChanges() throws JMSException
    {
        message.setIntProperty("a", 1);
        final List<String> before = names(message);

        message.setIntProperty("b", 2);

        assertEquals(List.of("a"), before);
    }
}
