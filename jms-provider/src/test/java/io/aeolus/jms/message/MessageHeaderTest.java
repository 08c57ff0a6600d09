package io.aeolus.jms.message;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.aeolus.jms.AeolusQueue;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Jakarta Messaging 3.1, section 3.4: header fields, and {@code acknowledge}.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class MessageHeaderTest
{
    private final AeolusMessage message = new AeolusMessage();

    @Test
    void shouldStartWithTheDefaultHeaderValues() throws JMSException
    {
        assertNull(message.getJMSMessageID());
        assertEquals(0L, message.getJMSTimestamp());
        assertNull(message.getJMSCorrelationID());
        assertNull(message.getJMSCorrelationIDAsBytes());
        assertNull(message.getJMSReplyTo());
        assertNull(message.getJMSDestination());
        assertEquals(Message.DEFAULT_DELIVERY_MODE, message.getJMSDeliveryMode());
        assertFalse(message.getJMSRedelivered());
        assertNull(message.getJMSType());
        assertEquals(0L, message.getJMSExpiration());
        assertEquals(Message.DEFAULT_PRIORITY, message.getJMSPriority());
        assertEquals(0L, message.getJMSDeliveryTime());
    }

    @Test
    void shouldReadAStringCorrelationIdAsItsUtf8Bytes() throws JMSException
    {
        message.setJMSCorrelationID("corr-é");

        assertArrayEquals("corr-é".getBytes(StandardCharsets.UTF_8), message.getJMSCorrelationIDAsBytes());
    }

    @Test
    void shouldCopyACorrelationIdGivenAsBytes() throws JMSException
    {
        final byte[] id = { 1, 2, 3 };
        message.setJMSCorrelationIDAsBytes(id);
        id[0] = 9;

        assertArrayEquals(new byte[]{ 1, 2, 3 }, message.getJMSCorrelationIDAsBytes());
    }

    @Test
    void shouldReplaceABytesCorrelationIdWithAStringOne() throws JMSException
    {
        message.setJMSCorrelationIDAsBytes(new byte[]{ 1 });

        message.setJMSCorrelationID("text");

        assertEquals("text", message.getJMSCorrelationID());
    }

    @Test
    void shouldRejectAnUnknownDeliveryMode()
    {
        assertThrows(JMSException.class, () -> message.setJMSDeliveryMode(3));
    }

    @Test
    void shouldAcceptBothDeliveryModes() throws JMSException
    {
        message.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);

        assertEquals(DeliveryMode.NON_PERSISTENT, message.getJMSDeliveryMode());
    }

    @Test
    void shouldRejectAPriorityOutsideZeroToNine() throws JMSException
    {
        message.setJMSPriority(0);
        message.setJMSPriority(9);

        assertThrows(JMSException.class, () -> message.setJMSPriority(10));
        assertThrows(JMSException.class, () -> message.setJMSPriority(-1));
        assertEquals(9, message.getJMSPriority());
    }

    @Test
    void shouldConvertAForeignReplyToQueueToAnAeolusQueue() throws JMSException
    {
        final Queue foreign = (Queue)Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{ Queue.class }, (proxy, method, args) -> "replies");

        message.setJMSReplyTo(foreign);

        assertEquals(new AeolusQueue("replies"), message.getJMSReplyTo());
    }

    @Test
    void shouldIgnoreAcknowledgeOnALocallyCreatedMessage() throws JMSException
    {
        message.acknowledge();
    }

    @Test
    void shouldDelegateAcknowledgeToTheCallbackOfTheDelivery() throws JMSException
    {
        final AtomicInteger acknowledgements = new AtomicInteger();
        message.setAcknowledgeCallback(acknowledgements::incrementAndGet);

        message.acknowledge();

        assertEquals(1, acknowledgements.get());
    }

    @Test
    void shouldPassOnTheCallbacksException()
    {
        message.setAcknowledgeCallback(() ->
        {
            throw new jakarta.jms.IllegalStateException("session closed");
        });

        assertThrows(jakarta.jms.IllegalStateException.class, message::acknowledge);
    }
}
