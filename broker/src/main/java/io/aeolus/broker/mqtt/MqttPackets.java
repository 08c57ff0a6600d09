package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.EngineError;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;

/**
 * The packets the gateway sends, built for the client's protocol version (MQTT 5 reason codes and properties, or
 * MQTT 3.1.1 without them). Any thread; allocates.
 */
final class MqttPackets
{
    /** Topic aliases a client may use towards the broker. */
    static final int TOPIC_ALIAS_MAXIMUM = 16;

    private MqttPackets()
    {
    }

    static MqttConnAckMessage connAck(final MqttSession session, final boolean assignedId,
        final boolean sessionPresent, final MqttSettings settings)
    {
        final MqttProperties properties = new MqttProperties();
        if (session.isV5)
        {
            if (assignedId)
            {
                properties.add(new MqttProperties.StringProperty(
                    MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, session.clientId));
            }
            properties.add(intProperty(MqttProperties.RECEIVE_MAXIMUM, settings.receiveMaximum()));
            properties.add(intProperty(MqttProperties.TOPIC_ALIAS_MAXIMUM, TOPIC_ALIAS_MAXIMUM));
            properties.add(intProperty(MqttProperties.MAXIMUM_PACKET_SIZE,
                settings.maxPacketSize()));
            properties.add(intProperty(MqttProperties.RETAIN_AVAILABLE, 1));
            properties.add(intProperty(MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
            properties.add(intProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 1));
            properties.add(intProperty(MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE,
                settings.wildcards().enabled() ? 1 : 0));
        }
        return MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
            .sessionPresent(sessionPresent).properties(properties).build();
    }

    static MqttConnAckMessage connAckRefused(final MqttConnectReturnCode code)
    {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
    }

    static MqttMessage pubAck(final int packetId, final byte reason, final boolean isV5)
    {
        return reply(MqttMessageType.PUBACK, MqttQoS.AT_MOST_ONCE, packetId, isV5 ? reason : 0);
    }

    static MqttMessage pubRec(final int packetId, final byte reason, final boolean isV5)
    {
        return reply(MqttMessageType.PUBREC, MqttQoS.AT_MOST_ONCE, packetId, isV5 ? reason : 0);
    }

    static MqttMessage pubRel(final int packetId, final boolean known, final boolean isV5)
    {
        return reply(MqttMessageType.PUBREL, MqttQoS.AT_LEAST_ONCE, packetId,
            isV5 && !known ? MqttReasonCodes.PubRel.PACKET_IDENTIFIER_NOT_FOUND.byteValue() : 0);
    }

    static MqttMessage pubComp(final int packetId, final boolean known, final boolean isV5)
    {
        return reply(MqttMessageType.PUBCOMP, MqttQoS.AT_MOST_ONCE, packetId,
            isV5 && !known ? MqttReasonCodes.PubComp.PACKET_IDENTIFIER_NOT_FOUND.byteValue() : 0);
    }

    private static MqttMessage reply(final MqttMessageType type, final MqttQoS qos, final int packetId,
        final byte reason)
    {
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
            new MqttPubReplyMessageVariableHeader(packetId, reason, MqttProperties.NO_PROPERTIES));
    }

    static MqttSubAckMessage subAck(final int packetId, final int[] reasonCodes)
    {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE,
            false, 0), new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
            new MqttSubAckPayload(reasonCodes));
    }

    static MqttUnsubAckMessage unsubAck(final int packetId, final short[] reasonCodes, final boolean isV5)
    {
        final MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE,
            false, 0);
        if (!isV5)
        {
            return new MqttUnsubAckMessage(header, MqttMessageIdVariableHeader.from(packetId));
        }
        return new MqttUnsubAckMessage(header, new MqttMessageIdAndPropertiesVariableHeader(packetId,
            MqttProperties.NO_PROPERTIES), new MqttUnsubAckPayload(reasonCodes));
    }

    static MqttMessage disconnect(final MqttReasonCodes.Disconnect reason)
    {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false,
            0), new MqttReasonCodeAndPropertiesVariableHeader(reason.byteValue(), MqttProperties.NO_PROPERTIES));
    }

    /**
     * @return the MQTT 5 PUBACK / PUBREC reason code for a send the engine refused.
     */
    static byte publishReason(final EngineError error)
    {
        switch (error)
        {
            case SECURITY:
                return MqttReasonCodes.PubAck.NOT_AUTHORIZED.byteValue();
            case INVALID_DESTINATION:
                return MqttReasonCodes.PubAck.TOPIC_NAME_INVALID.byteValue();
            case RESOURCE_ALLOCATION:
            case MESSAGE_TOO_LARGE:
                return MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue();
            default:
                return MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue();
        }
    }

    private static MqttProperties.IntegerProperty intProperty(final int type,
        final int value)
    {
        return new MqttProperties.IntegerProperty(type, value);
    }
}
