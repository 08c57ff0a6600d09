package io.aeolus.jms.message;

import org.agrona.ExpandableArrayBuffer;

import jakarta.jms.JMSException;

/**
 * Test helpers: send a message through its wire form, as a consumer would receive it.
 */
final class TestMessages
{
    private TestMessages()
    {
    }

    static AeolusMessage roundTrip(final AeolusMessage message, final DeserializationPolicy policy)
        throws JMSException
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final int length = message.encode(buffer, 0);
        return AeolusMessage.decode(buffer, 0, length, policy);
    }

    @SuppressWarnings("unchecked")
    static <T extends AeolusMessage> T received(final T message) throws JMSException
    {
        final AeolusMessage decoded = roundTrip(message, DeserializationPolicy.secureDefault());
        decoded.markReceived(1, false);
        return (T)decoded;
    }
}
