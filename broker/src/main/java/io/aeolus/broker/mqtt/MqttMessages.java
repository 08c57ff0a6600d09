package io.aeolus.broker.mqtt;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.transport.codecs.BodyType;
import io.aeolus.transport.codecs.DeliveryMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.codecs.JmsMessageDecoder;
import io.aeolus.transport.codecs.JmsMessageEncoder;
import io.aeolus.transport.codecs.MessageHeaderDecoder;
import io.aeolus.transport.codecs.MessageHeaderEncoder;
import io.aeolus.transport.message.PropertiesCodec;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MQTT PUBLISH packets and JMS messages, both ways: the payload is a {@code BytesMessage}'s body, or a
 * {@code TextMessage}'s when the payload format indicator says UTF-8; user properties are JMS string properties;
 * the content type is the property {@value #CONTENT_TYPE_PROPERTY}; the message expiry interval is the JMS
 * expiration; the response topic and correlation data are {@code JMSReplyTo} and {@code JMSCorrelationID}; QoS 1
 * and 2 are persistent messages (the QoS is kept in {@value #QOS_PROPERTY}). Not thread-safe: one instance per
 * thread.
 */
final class MqttMessages
{
    /** The QoS an MQTT publisher gave. */
    static final String QOS_PROPERTY = "MQTT_QOS";
    /** An MQTT 5 content type. */
    static final String CONTENT_TYPE_PROPERTY = "MQTT_CONTENT_TYPE";
    /** True on a message an MQTT client published with the retain flag (for retain-as-published). */
    static final String RETAIN_PROPERTY = "MQTT_RETAIN";
    /** The MQTT topic of a retained message in the retained messages' queue. */
    static final String RETAIN_TOPIC_PROPERTY = "MQTT_RETAIN_TOPIC";

    private static final byte NULL_TEXT_MARKER = (byte)0xFF;
    private static final int SLACK = 512;

    private final JmsMessageEncoder encoder = new JmsMessageEncoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final ExpandableArrayBuffer properties = new ExpandableArrayBuffer(SLACK);
    private final MqttTopics topics;

    MqttMessages(final MqttTopics topics)
    {
        this.topics = topics;
    }

    /**
     * Encodes an MQTT publish as the JmsMessage frame a JMS producer would send.
     *
     * @param publish              what the client published.
     * @param messageId            the JMS message id to give it.
     * @param producerConnectionId the engine's id for the publisher's connection (noLocal).
     * @param nowMs                the time, for the timestamp and the expiration.
     * @param target               where to encode.
     * @return the frame's length.
     */
    int encode(final MqttCommand.Publish publish, final String messageId, final long producerConnectionId,
        final long nowMs, final ExpandableArrayBuffer target)
    {
        return encode(publish, messageId, producerConnectionId, nowMs, target, DestinationType.TOPIC,
            topics.toJms(publish.topic()), publish.qos() > 0, null);
    }

    /**
     * Encodes a retained publish as the persistent message the retained messages' queue keeps (whatever its QoS:
     * a retained message is kept until replaced), its topic in {@value #RETAIN_TOPIC_PROPERTY}.
     *
     * @param publish   what the client published, with the retain flag.
     * @param messageId the JMS message id to give it.
     * @param nowMs     the time, for the timestamp and the expiration.
     * @param target    where to encode.
     * @return the frame's length.
     */
    int encodeRetained(final MqttCommand.Publish publish, final String messageId, final long nowMs,
        final ExpandableArrayBuffer target)
    {
        return encode(publish, messageId, 0, nowMs, target, DestinationType.QUEUE, MqttRetained.QUEUE, true,
            publish.topic());
    }

    /**
     * Encodes a persistent, empty message for one of the gateway's own queues, its content in properties.
     *
     * @param queue      the queue.
     * @param properties what it says.
     * @param messageId  the JMS message id to give it.
     * @param nowMs      the time, for the timestamp.
     * @param target     where to encode.
     * @return the frame's length.
     */
    int encodeState(final String queue, final Map<String, Object> properties, final String messageId,
        final long nowMs, final ExpandableArrayBuffer target)
    {
        final MqttCommand.Publish state = new MqttCommand.Publish(0, 0, 1, "", false, new byte[0], false, null, 0,
            properties, null, null);
        return encode(state, messageId, 0, nowMs, target, DestinationType.QUEUE, queue, true, null);
    }

    private int encode(final MqttCommand.Publish publish, final String messageId, final long producerConnectionId,
        final long nowMs, final ExpandableArrayBuffer target, final DestinationType destinationType,
        final String destination, final boolean persistent, final String retainTopic)
    {
        encoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .bodyType(publish.utf8() ? BodyType.TEXT : BodyType.BYTES)
            .deliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT)
            .priority((short)4);
        final boolean hasCorrelation = null != publish.correlationData();
        encoder.flags().clear().correlationIdIsBytes(hasCorrelation);
        encoder
            .destinationType(destinationType)
            .replyToType(null == publish.responseTopic() ? DestinationType.NONE : DestinationType.TOPIC)
            .timestamp(nowMs)
            .expiration(publish.expiryIntervalS() > 0 ? nowMs + publish.expiryIntervalS() * 1000L : 0)
            .deliveryTime(nowMs)
            .producerConnectionId(producerConnectionId);
        encoder.messageId(messageId);
        encoder.destination(destination);
        encoder.replyTo(null == publish.responseTopic() ? "" : topics.toJms(publish.responseTopic()));
        final byte[] correlation = hasCorrelation ? publish.correlationData() : new byte[0];
        encoder.putCorrelationId(correlation, 0, correlation.length);
        encoder.jmsType("");
        final Map<String, Object> values = new java.util.LinkedHashMap<>(publish.userProperties());
        values.put(QOS_PROPERTY, publish.qos());
        if (publish.retain())
        {
            values.put(RETAIN_PROPERTY, Boolean.TRUE);
        }
        if (null != retainTopic)
        {
            values.put(RETAIN_TOPIC_PROPERTY, retainTopic);
        }
        if (null != publish.contentType())
        {
            values.put(CONTENT_TYPE_PROPERTY, publish.contentType());
        }
        final int propertiesLength = PropertiesCodec.encode(values, properties, 0);
        encoder.putProperties(properties, 0, propertiesLength);
        encoder.putBody(publish.payload(), 0, publish.payload().length);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Builds the PUBLISH for a JMS message delivered to an MQTT subscriber.
     *
     * @param message  the message.
     * @param topic    the MQTT topic to give it, or null for the message's destination's.
     * @param qos      the QoS to deliver it with.
     * @param packetId its packet id, 0 for QoS 0.
     * @param dup      true if it may have been delivered before.
     * @param retain   the retain flag to set.
     * @param isV5     whether the client speaks MQTT 5 (properties).
     * @param nowMs    the time, for the remaining expiry interval.
     * @return the packet.
     */
    MqttPublishMessage toPublish(final BrokerMessage message, final String topic, final int qos, final int packetId,
        final boolean dup, final boolean retain, final boolean isV5, final long nowMs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message.encodedBytes());
        headerDecoder.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final BodyType bodyType = decoder.bodyType();
        final DestinationType replyToType = decoder.replyToType();
        final boolean correlationIsBytes = decoder.flags().correlationIdIsBytes();
        decoder.skipMessageId();
        decoder.skipDestination();
        final String replyTo = decoder.replyTo();
        final byte[] correlation = new byte[decoder.correlationIdLength()];
        decoder.getCorrelationId(correlation, 0, correlation.length);
        decoder.skipJmsType();
        final int propertiesLength = decoder.propertiesLength();
        final int propertiesOffset = decoder.limit() + JmsMessageDecoder.propertiesHeaderLength();
        decoder.skipProperties();
        byte[] body = new byte[decoder.bodyLength()];
        decoder.getBody(body, 0, body.length);
        if (bodyType == BodyType.TEXT && body.length == 1 && body[0] == NULL_TEXT_MARKER)
        {
            body = new byte[0];
        }
        final MqttProperties mqttProperties = new MqttProperties();
        if (isV5)
        {
            if (bodyType == BodyType.TEXT)
            {
                mqttProperties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PAYLOAD_FORMAT_INDICATOR, 1));
            }
            if (message.expirationMs() > 0)
            {
                mqttProperties.add(new MqttProperties.IntegerProperty(
                    MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
                    (int)Math.max(1, (message.expirationMs() - nowMs + 999) / 1000)));
            }
            if (!replyTo.isEmpty() && (replyToType == DestinationType.TOPIC))
            {
                mqttProperties.add(new MqttProperties.StringProperty(
                    MqttProperties.RESPONSE_TOPIC, topics.toMqtt(replyTo)));
            }
            if (correlation.length > 0)
            {
                mqttProperties.add(new MqttProperties.BinaryProperty(
                    MqttProperties.CORRELATION_DATA, correlationIsBytes ? correlation :
                    new String(correlation, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8)));
            }
            addProperties(mqttProperties, propertiesLength == 0 ? Map.of() :
                PropertiesCodec.decode(buffer, propertiesOffset, propertiesLength));
        }
        final MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain,
            0);
        return new MqttPublishMessage(header, new MqttPublishVariableHeader(
            null != topic ? topic : topics.toMqtt(message.destination()), qos > 0 ? packetId : -1, mqttProperties),
            Unpooled.wrappedBuffer(body));
    }

    private static void addProperties(final MqttProperties mqttProperties, final Map<String, Object> values)
    {
        final List<MqttProperties.StringPair> pairs = new ArrayList<>();
        for (final Map.Entry<String, Object> entry : values.entrySet())
        {
            if (QOS_PROPERTY.equals(entry.getKey()) || RETAIN_PROPERTY.equals(entry.getKey()) ||
                RETAIN_TOPIC_PROPERTY.equals(entry.getKey()))
            {
                continue;
            }
            if (CONTENT_TYPE_PROPERTY.equals(entry.getKey()))
            {
                mqttProperties.add(new MqttProperties.StringProperty(
                    MqttProperties.CONTENT_TYPE, String.valueOf(entry.getValue())));
                continue;
            }
            if (null != entry.getValue() && !(entry.getValue() instanceof byte[]))
            {
                pairs.add(new MqttProperties.StringPair(entry.getKey(), String.valueOf(entry.getValue())));
            }
        }
        if (!pairs.isEmpty())
        {
            mqttProperties.add(new MqttProperties.UserProperties(pairs));
        }
    }

    /**
     * @param message a message.
     * @return true if an MQTT client published it with the retain flag.
     */
    static boolean isRetained(final BrokerMessage message)
    {
        return Boolean.TRUE.equals(PropertiesCodec.find(message.encoded(), message.propertiesOffset(),
            message.propertiesLength(), RETAIN_PROPERTY));
    }

    /**
     * @param message a message.
     * @return true if its body is empty (an empty retained publish clears its topic).
     */
    static boolean isEmpty(final BrokerMessage message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message.encodedBytes());
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, 0);
        final JmsMessageDecoder body = new JmsMessageDecoder().wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        body.skipMessageId();
        body.skipDestination();
        body.skipReplyTo();
        body.skipCorrelationId();
        body.skipJmsType();
        body.skipProperties();
        return body.bodyLength() == 0;
    }

    /**
     * @param message a JMS message.
     * @return the QoS its MQTT publisher gave, or 1 for a persistent and 0 for a non-persistent JMS message.
     */
    static int publishedQos(final BrokerMessage message)
    {
        final Object qos = PropertiesCodec.find(message.encoded(), message.propertiesOffset(),
            message.propertiesLength(), QOS_PROPERTY);
        if (qos instanceof Integer)
        {
            return Math.max(0, Math.min(2, (Integer)qos));
        }
        return message.isPersistent() ? 1 : 0;
    }
}
