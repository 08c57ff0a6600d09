package io.aeolus.jms.message;

import java.io.Serializable;
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
 * Jakarta Messaging 3.1, sections 3.11 and 3.12 for {@code TextMessage}: body, read-only state, {@code getBody}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TextMessageTest
{
    @Test
    void shouldHaveANullTextWhenCreated()
    {
        assertNull(new AeolusTextMessage().getText());
    }

    @Test
    void shouldKeepNullAndEmptyTextDistinctAcrossTheWire() throws JMSException
    {
        final AeolusTextMessage nullText = TestMessages.received(new AeolusTextMessage(null));
        final AeolusTextMessage emptyText = TestMessages.received(new AeolusTextMessage(""));

        assertNull(nullText.getText());
        assertEquals("", emptyText.getText());
    }

    @Test
    void shouldCarryAnyUnicodeTextAcrossTheWire() throws JMSException
    {
        final String text = "Grüße, 東京 🎐 \u0000 end";

        final AeolusTextMessage received = TestMessages.received(new AeolusTextMessage(text));

        assertEquals(text, received.getText());
    }

    @Test
    void shouldMakeTheBodyOfAReceivedMessageReadOnly() throws JMSException
    {
        final AeolusTextMessage received = TestMessages.received(new AeolusTextMessage("hello"));

        assertThrows(MessageNotWriteableException.class, () -> received.setText("changed"));
        assertEquals("hello", received.getText());
    }

    @Test
    void shouldEmptyTheBodyAndMakeItWritableOnClearBody() throws JMSException
    {
        final AeolusTextMessage received = TestMessages.received(new AeolusTextMessage("hello"));

        received.clearBody();

        assertNull(received.getText());
        received.setText("again");
        assertEquals("again", received.getText());
    }

    @Test
    void shouldNotClearPropertiesOnClearBody() throws JMSException
    {
        final AeolusTextMessage message = new AeolusTextMessage("hello");
        message.setIntProperty("kept", 1);

        message.clearBody();

        assertEquals(1, message.getIntProperty("kept"));
    }

    @Test
    void shouldReturnTheBodyAsAStringOrASupertypeOfString() throws JMSException
    {
        final AeolusTextMessage message = new AeolusTextMessage("hello");

        assertEquals("hello", message.getBody(String.class));
        assertEquals("hello", message.getBody(CharSequence.class));
        assertEquals("hello", message.getBody(Object.class));
        assertEquals("hello", message.getBody(Serializable.class));
        assertTrue(message.isBodyAssignableTo(String.class));
        assertTrue(message.isBodyAssignableTo(Comparable.class));
    }

    @Test
    void shouldRefuseToReturnTheBodyAsAnUnrelatedType() throws JMSException
    {
        final AeolusTextMessage message = new AeolusTextMessage("hello");

        assertThrows(MessageFormatException.class, () -> message.getBody(Integer.class));
        assertThrows(MessageFormatException.class, () -> message.getBody(byte[].class));
        assertFalse(message.isBodyAssignableTo(Integer.class));
    }

    @Test
    void shouldReturnNullForAnyTypeWhenThereIsNoBody() throws JMSException
    {
        final AeolusTextMessage message = new AeolusTextMessage();

        assertNull(message.getBody(Integer.class));
        assertTrue(message.isBodyAssignableTo(Integer.class));
    }

    @Test
    void shouldReturnNullBodyForAMessageWithoutBodyType() throws JMSException
    {
        final AeolusMessage message = TestMessages.received(new AeolusMessage());

        assertNull(message.getBody(String.class));
        assertNull(message.getBody(Long.class));
        assertTrue(message.isBodyAssignableTo(java.util.Map.class));
        message.clearBody();
    }
}
