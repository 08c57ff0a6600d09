package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;

/**
 * Minimal encoded messages for the destination package's unit tests.
 */
final class TestMessages
{
    private static long nextId = 1;

    private TestMessages()
    {
    }

    static BrokerMessage message(final String text, final int priority)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final JmsMessageEncoder encoder = new JmsMessageEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .bodyType(BodyType.TEXT)
            .deliveryMode(DeliveryMode.NON_PERSISTENT)
            .priority((short)priority)
            .destinationType(DestinationType.QUEUE)
            .replyToType(DestinationType.NONE)
            .timestamp(0)
            .expiration(0)
            .deliveryTime(0)
            .producerConnectionId(0);
        encoder.flags().clear();
        encoder.messageId("ID:" + text).destination("q").replyTo("").putCorrelationId(new byte[0], 0, 0)
            .jmsType("").putProperties(new byte[0], 0, 0).putBody(text.getBytes(), 0, text.length());
        return BrokerMessage.decode(nextId++, buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
