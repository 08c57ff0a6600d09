package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

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
        final int length = encode(buffer, 0, "ID:" + text, "q", text, priority);
        return BrokerMessage.decode(nextId++, buffer, 0, length);
    }

    /**
     * Encodes a non-persistent text message for a queue.
     *
     * @return its encoded length, header included.
     */
    static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final String messageId,
        final String destination,
        final String body,
        final int priority)
    {
        final JmsMessageEncoder encoder = new JmsMessageEncoder()
            .wrapAndApplyHeader(buffer, offset, new MessageHeaderEncoder())
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
        final byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        encoder.messageId(messageId).destination(destination).replyTo("").putCorrelationId(new byte[0], 0, 0)
            .jmsType("").putProperties(new byte[0], 0, 0).putBody(bodyBytes, 0, bodyBytes.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
