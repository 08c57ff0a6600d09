package io.aeolus.broker.conductor;

import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JMS message as the tests write and read it: a text body, the headers dispatch cares about and properties.
 * Encodes to, and decodes from, the {@code JmsMessage} frame the client library sends.
 */
final class TestMessage
{
    String messageId = "ID:test";
    String destination;
    DestinationType destinationType = DestinationType.QUEUE;
    int priority = 4;
    long timestampMs;
    long expirationMs;
    long deliveryTimeMs;
    String text = "";
    boolean persistent = true;
    final Map<String, Object> properties = new LinkedHashMap<>();

    static TestMessage toQueue(final String queue, final String text)
    {
        final TestMessage message = new TestMessage();
        message.destination = queue;
        message.text = text;
        message.messageId = "ID:" + text;
        return message;
    }

    static TestMessage toTopic(final String topic, final String text)
    {
        final TestMessage message = toQueue(topic, text);
        message.destinationType = DestinationType.TOPIC;
        return message;
    }

    TestMessage priority(final int priority)
    {
        this.priority = priority;
        return this;
    }

    TestMessage nonPersistent()
    {
        this.persistent = false;
        return this;
    }

    TestMessage expiration(final long expirationMs)
    {
        this.expirationMs = expirationMs;
        return this;
    }

    TestMessage deliveryTime(final long deliveryTimeMs)
    {
        this.deliveryTimeMs = deliveryTimeMs;
        return this;
    }

    TestMessage property(final String name, final Object value)
    {
        properties.put(name, value);
        return this;
    }

    String text()
    {
        return text;
    }

    Object property(final String name)
    {
        return properties.get(name);
    }

    int encode(final MutableDirectBuffer buffer, final long producerConnectionId)
    {
        final ExpandableArrayBuffer encodedProperties = new ExpandableArrayBuffer(256);
        final int propertiesLength = properties.isEmpty() ?
            0 : PropertiesCodec.encode(properties, encodedProperties, 0);
        final byte[] body = text.getBytes(StandardCharsets.UTF_8);
        final JmsMessageEncoder encoder = new JmsMessageEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .bodyType(BodyType.TEXT)
            .deliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT)
            .priority((short)priority)
            .destinationType(destinationType)
            .replyToType(DestinationType.NONE)
            .timestamp(timestampMs)
            .expiration(expirationMs)
            .deliveryTime(deliveryTimeMs)
            .producerConnectionId(producerConnectionId);
        encoder.flags().clear();
        encoder.messageId(messageId)
            .destination(destination)
            .replyTo("")
            .putCorrelationId(new byte[0], 0, 0)
            .jmsType("")
            .putProperties(encodedProperties, 0, propertiesLength)
            .putBody(body, 0, body.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    static TestMessage decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final JmsMessageDecoder decoder = new JmsMessageDecoder().wrap(
            buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final TestMessage message = new TestMessage();
        message.priority = decoder.priority();
        message.destinationType = decoder.destinationType();
        message.timestampMs = decoder.timestamp();
        message.expirationMs = decoder.expiration();
        message.deliveryTimeMs = decoder.deliveryTime();
        message.messageId = decoder.messageId();
        message.destination = decoder.destination();
        decoder.skipReplyTo();
        decoder.skipCorrelationId();
        decoder.skipJmsType();
        final int propertiesLength = decoder.propertiesLength();
        message.properties.putAll(PropertiesCodec.decode(
            buffer, decoder.limit() + JmsMessageDecoder.propertiesHeaderLength(), propertiesLength));
        decoder.skipProperties();
        final int bodyLength = decoder.bodyLength();
        final byte[] body = new byte[bodyLength];
        decoder.getBody(body, 0, bodyLength);
        message.text = new String(body, StandardCharsets.UTF_8);
        if (decoder.limit() > offset + length)
        {
            throw new IllegalStateException("message runs past its frame");
        }
        return message;
    }
}
