package io.aeolus.broker.management;

import io.aeolus.broker.destination.BrokerMessage;
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
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Map;

/**
 * Reads management requests out of encoded {@code JmsMessage} frames and builds the frames of replies and metrics
 * snapshots: non-persistent map messages, never expiring. Allocates per request (off the hot path). Conductor thread
 * only.
 */
public final class ManagementFrames
{
    private static final int SLACK = 512;

    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final JmsMessageDecoder decoder = new JmsMessageDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final JmsMessageEncoder encoder = new JmsMessageEncoder();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);

    /**
     * Decodes a request.
     *
     * @param message the message sent to the management queue.
     * @return the request.
     * @throws ManagementException if it is not a map message with an operation.
     */
    public Request decodeRequest(final BrokerMessage message)
    {
        final DirectBuffer buffer = message.encoded();
        headerDecoder.wrap(buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
        final BodyType bodyType = decoder.bodyType();
        final DestinationType replyToType = decoder.replyToType();
        final boolean correlationIsBytes = decoder.flags().correlationIdIsBytes();
        decoder.skipMessageId();
        decoder.skipDestination();
        final String replyTo = decoder.replyTo();
        final byte[] correlationId = new byte[decoder.correlationIdLength()];
        decoder.getCorrelationId(correlationId, 0, correlationId.length);
        decoder.skipJmsType();
        decoder.skipProperties();
        final int bodyLength = decoder.bodyLength();
        final int bodyOffset = decoder.limit() + JmsMessageDecoder.bodyHeaderLength();
        Map<String, Object> body = Map.of();
        String problem = null;
        if (bodyType != BodyType.MAP)
        {
            problem = "a management request is a MapMessage, not " + bodyType;
        }
        else if (bodyLength > 0)
        {
            try
            {
                body = PropertiesCodec.decode(buffer, bodyOffset, bodyLength);
            }
            catch (final IllegalArgumentException ex)
            {
                problem = "the request's map body cannot be decoded: " + ex.getMessage();
            }
        }
        return new Request(replyTo, replyToType, correlationId, correlationIsBytes, body, problem);
    }

    /**
     * Builds a map message.
     *
     * @param messageId       the broker's id for it.
     * @param destination     where it goes.
     * @param destinationType the destination's type.
     * @param correlationId   JMSCorrelationID bytes, empty for none.
     * @param correlationIsBytes true if they are not UTF-8 text.
     * @param properties      its properties.
     * @param body            its map body.
     * @param nowMs           its JMSTimestamp.
     * @return the message.
     */
    public BrokerMessage mapMessage(
        final long messageId,
        final String destination,
        final DestinationType destinationType,
        final byte[] correlationId,
        final boolean correlationIsBytes,
        final Map<String, Object> properties,
        final Map<String, Object> body,
        final long nowMs)
    {
        final ExpandableArrayBuffer target = new ExpandableArrayBuffer(SLACK);
        encoder.wrapAndApplyHeader(target, 0, headerEncoder)
            .bodyType(BodyType.MAP)
            .deliveryMode(DeliveryMode.NON_PERSISTENT)
            .priority((short)4);
        encoder.flags().clear().correlationIdIsBytes(correlationIsBytes);
        encoder
            .destinationType(destinationType)
            .replyToType(DestinationType.NONE)
            .timestamp(nowMs)
            .expiration(0)
            .deliveryTime(nowMs)
            .producerConnectionId(0);
        encoder.messageId("ID:aeolus-broker-" + messageId);
        encoder.destination(destination);
        encoder.replyTo("");
        encoder.putCorrelationId(correlationId, 0, correlationId.length);
        encoder.jmsType("");
        int length = PropertiesCodec.encode(properties, scratch, 0);
        encoder.putProperties(scratch, 0, length);
        length = body.isEmpty() ? 0 : PropertiesCodec.encode(body, scratch, 0);
        encoder.putBody(scratch, 0, length);
        final int frameLength = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        return BrokerMessage.decode(messageId, new UnsafeBuffer(target.byteArray(), 0, frameLength), 0, frameLength);
    }

    /**
     * A decoded management request.
     *
     * @param replyTo            the reply destination's name, empty if none.
     * @param replyToType        its type.
     * @param correlationId      the JMSCorrelationID bytes to echo.
     * @param correlationIsBytes true if they are not UTF-8 text.
     * @param arguments          the map body: {@code op} and the operation's arguments.
     * @param problem            why the request is malformed, null if it is not.
     */
    public record Request(String replyTo, DestinationType replyToType, byte[] correlationId,
        boolean correlationIsBytes, Map<String, Object> arguments, String problem)
    {
    }
}
