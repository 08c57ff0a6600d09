package io.aeolus.jms.message;

import java.util.concurrent.TimeUnit;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aeolus.jms.AeolusQueue;
import io.aeolus.jms.AeolusTopic;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.TextMessage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A message delivered to several subscribers of one connection is decoded once: the copies share the received bytes
 * and decoded headers, yet each is its own message (JMS: what one consumer does to its message is not seen by
 * another's), and a different message is never mistaken for the previous one.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedFrameDecoderTest
{
    private final SharedFrameDecoder decoder = new SharedFrameDecoder();
    private final ExpandableArrayBuffer receive = new ExpandableArrayBuffer(512);

    private static AeolusTextMessage text(final String body, final int n) throws JMSException
    {
        final AeolusTextMessage message = new AeolusTextMessage();
        message.setJMSMessageID("ID:aeolus-7-" + n);
        message.setJMSDestination(new AeolusTopic("prices"));
        message.setJMSReplyTo(new AeolusQueue("replies"));
        message.setJMSCorrelationID("corr-" + n);
        message.setJMSType("quote");
        message.setJMSPriority(7);
        message.setJMSTimestamp(1_700_000_000_000L + n);
        message.setStringProperty("symbol", "EURUSD");
        message.setIntProperty("n", n);
        message.setText(body);
        return message;
    }

    /**
     * Puts a message's frame at an offset of the receive buffer, as a Deliver frame of a subscriber copy would hold it.
     */
    private int frame(final AeolusMessage message, final int offset)
    {
        return message.encode(receive, offset);
    }

    private AeolusMessage deliver(final int offset, final int length) throws JMSException
    {
        final AeolusMessage message = decoder.decode(receive, offset, length, DeserializationPolicy.secureDefault());
        message.markReceived(1, false);
        return message;
    }

    @Test
    void copiesOfOneMessageAreDecodedOnceAndReadTheSame() throws JMSException
    {
        final int length = frame(text("bid 1.0842", 1), 0);
        final AeolusMessage first = deliver(0, length);
        final AeolusMessage second = deliver(0, length);
        final AeolusMessage third = deliver(0, length);

        assertEquals(2, decoder.sharedDecodes());
        assertNotSame(first, second);
        assertNotSame(second, third);
        for (final AeolusMessage copy : new AeolusMessage[] {first, second, third})
        {
            assertEquals("ID:aeolus-7-1", copy.getJMSMessageID());
            assertEquals(new AeolusTopic("prices"), copy.getJMSDestination());
            assertEquals(new AeolusQueue("replies"), copy.getJMSReplyTo());
            assertEquals("corr-1", copy.getJMSCorrelationID());
            assertEquals("quote", copy.getJMSType());
            assertEquals(7, copy.getJMSPriority());
            assertEquals(1_700_000_000_001L, copy.getJMSTimestamp());
            assertEquals("EURUSD", copy.getStringProperty("symbol"));
            assertEquals(1, copy.getIntProperty("n"));
            assertEquals("bid 1.0842", ((TextMessage)copy).getText());
        }
    }

    @Test
    void copiesShareTheDecodedTextAndPropertiesYetWriteTheirOwn() throws JMSException
    {
        final int length = frame(text("shared text", 4), 0);
        final AeolusTextMessage first = (AeolusTextMessage)deliver(0, length);
        final AeolusTextMessage second = (AeolusTextMessage)deliver(0, length);
        final AeolusTextMessage third = (AeolusTextMessage)deliver(0, length);

        assertEquals("shared text", first.getText());
        assertSame(second.getText(), third.getText(), "decoded once for the second and later copies");
        assertEquals("EURUSD", second.getStringProperty("symbol"));
        assertSame(second.getStringProperty("symbol"), third.getStringProperty("symbol"), "one property map");

        second.clearProperties();
        second.setStringProperty("symbol", "GBPUSD");
        second.clearBody();
        second.setText("second's own");
        assertEquals("EURUSD", first.getStringProperty("symbol"));
        assertEquals("EURUSD", third.getStringProperty("symbol"));
        assertEquals(4, third.getIntProperty("n"));
        assertEquals("shared text", third.getText());
        assertEquals("GBPUSD", second.getStringProperty("symbol"));
        assertThrows(MessageNotWriteableException.class, () -> third.setStringProperty("symbol", "no"));

        // Re-sent as received, a copy carries the properties as they came.
        final ExpandableArrayBuffer resend = new ExpandableArrayBuffer(256);
        final int resent = third.encode(resend, 0);
        final AeolusMessage again = AeolusMessage.decode(resend, 0, resent, null);
        assertEquals("EURUSD", again.getStringProperty("symbol"));
        assertEquals("shared text", ((TextMessage)again).getText());
    }

    @Test
    void theSameBytesAtAnotherOffsetAreShared() throws JMSException
    {
        final int length = frame(text("x", 3), 0);
        frame(text("x", 3), 300);
        deliver(0, length);
        final AeolusMessage other = deliver(300, length);

        assertEquals(1, decoder.sharedDecodes());
        assertEquals("x", ((TextMessage)other).getText());
    }

    @Test
    void aDifferentMessageOfTheSameLengthIsDecodedAfresh() throws JMSException
    {
        final int length = frame(text("bid 1.0842", 1), 0);
        final AeolusMessage first = deliver(0, length);
        assertEquals(length, frame(text("bid 1.0843", 2), 0));
        final AeolusMessage second = deliver(0, length);

        assertEquals(0, decoder.sharedDecodes());
        assertEquals("bid 1.0842", ((TextMessage)first).getText());
        assertEquals("bid 1.0843", ((TextMessage)second).getText());
        assertEquals("ID:aeolus-7-2", second.getJMSMessageID());
        assertEquals(2, second.getIntProperty("n"));
    }

    @Test
    void aConsumerThatRewritesItsCopyLeavesTheOthersAsReceived() throws JMSException
    {
        final int length = frame(text("original", 5), 0);
        final AeolusTextMessage first = (AeolusTextMessage)deliver(0, length);
        final AeolusTextMessage second = (AeolusTextMessage)deliver(0, length);

        assertThrows(MessageNotWriteableException.class, () -> first.setText("changed"));
        assertThrows(MessageNotWriteableException.class, () -> first.setIntProperty("n", 9));
        first.clearBody();
        first.setText("changed");
        first.clearProperties();
        first.setIntProperty("n", 9);
        first.setJMSCorrelationID("mine");
        first.setJMSType("other");

        assertEquals("original", second.getText());
        assertEquals(5, second.getIntProperty("n"));
        assertEquals("EURUSD", second.getStringProperty("symbol"));
        assertEquals("corr-5", second.getJMSCorrelationID());
        assertEquals("quote", second.getJMSType());
        assertThrows(MessageNotWriteableException.class, () -> second.setText("no"));
        assertThrows(MessageNotWriteableException.class, () -> second.setStringProperty("symbol", "no"));

        // A third copy after the first was rewritten is still the message as sent.
        final AeolusTextMessage third = (AeolusTextMessage)deliver(0, length);
        assertEquals(1 + 1, decoder.sharedDecodes());
        assertEquals("original", third.getText());
        assertEquals(5, third.getIntProperty("n"));
        assertNull(first.getStringProperty("symbol"));
        assertEquals("changed", first.getText());
    }

    @Test
    void bytesCopiesReadTheirBodyIndependently() throws JMSException
    {
        final AeolusBytesMessage sent = new AeolusBytesMessage();
        sent.writeBytes(new byte[] {1, 2, 3, 4});
        sent.setJMSMessageID("ID:aeolus-7-9");
        final int length = frame(sent, 0);
        final BytesMessage first = (BytesMessage)deliver(0, length);
        final BytesMessage second = (BytesMessage)deliver(0, length);

        assertEquals(1, decoder.sharedDecodes());
        assertEquals(1, first.readByte());
        assertEquals(2, first.readByte());
        final byte[] all = new byte[4];
        assertEquals(4, second.readBytes(all));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, all);
        first.clearBody();
        first.writeByte((byte)9);
        second.reset();
        assertEquals(4, second.readBytes(all));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, all);
    }

    @Test
    void aFrameAboveTheLimitIsNotRemembered() throws JMSException
    {
        final String big = "x".repeat(SharedFrameDecoder.MAX_SHARED_LENGTH);
        final AeolusTextMessage sent = new AeolusTextMessage();
        sent.setText(big);
        final ExpandableArrayBuffer large = new ExpandableArrayBuffer(SharedFrameDecoder.MAX_SHARED_LENGTH * 2);
        final int length = sent.encode(large, 0);
        final TextMessage first = (TextMessage)decoder.decode(large, 0, length, null);
        final TextMessage second = (TextMessage)decoder.decode(large, 0, length, null);

        assertEquals(0, decoder.sharedDecodes());
        assertEquals(big, first.getText());
        assertEquals(big, second.getText());
    }

    @Test
    void aMalformedFrameAfterAGoodOneIsStillRefused() throws JMSException
    {
        final int length = frame(text("ok", 1), 0);
        deliver(0, length);
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[length]);
        assertThrows(jakarta.jms.MessageFormatException.class, () -> decoder.decode(garbage, 0, length, null));
        assertFalse(decoder.sharedDecodes() > 0);
        assertEquals("ok", ((TextMessage)deliver(0, length)).getText());
    }
}
