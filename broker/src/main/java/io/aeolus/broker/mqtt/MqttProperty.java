package io.aeolus.broker.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;

import java.util.List;

/**
 * Reads MQTT 5 properties, with defaults for absent ones (and for MQTT 3.1.1, which has none). Any thread.
 */
final class MqttProperty
{
    private MqttProperty()
    {
    }

    private static MqttProperties.MqttProperty<?> find(final MqttProperties properties,
        final int type)
    {
        return null == properties ? null : properties.getProperty(type);
    }

    static int integer(final MqttProperties properties, final int type,
        final int absent)
    {
        final MqttProperties.MqttProperty<?> property = find(properties, type);
        return null != property && property.value() instanceof Integer ? (Integer)property.value() : absent;
    }

    static String string(final MqttProperties properties, final int type)
    {
        final MqttProperties.MqttProperty<?> property = find(properties, type);
        return null != property && property.value() instanceof String ? (String)property.value() : null;
    }

    static byte[] binary(final MqttProperties properties, final int type)
    {
        final MqttProperties.MqttProperty<?> property = find(properties, type);
        return null != property && property.value() instanceof byte[] ? ((byte[])property.value()).clone() : null;
    }

    static List<MqttProperties.StringPair> userProperties(final MqttProperties properties)
    {
        if (null == properties)
        {
            return List.of();
        }
        final MqttProperties.MqttProperty<?> property =
            properties.getProperty(MqttProperties.USER_PROPERTY);
        if (property instanceof MqttProperties.UserProperties userProperties)
        {
            return userProperties.value();
        }
        return List.of();
    }
}
