package io.aeolus.broker.mqtt;

import io.netty.channel.Channel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an MQTT client did, read on Netty's event loop and handed to the conductor through the gateway's bounded
 * queue. Immutable.
 */
sealed interface MqttCommand
{
    /**
     * @return the engine's id for the client's connection.
     */
    long connectionId();

    /**
     * A client connected and logged in.
     *
     * @param connectionId   the connection.
     * @param channel        its channel, written to from the conductor.
     * @param clientId       the MQTT client id (assigned by the broker if the client gave none).
     * @param user           the user name, empty for anonymous.
     * @param roles          the user's roles; null for an anonymous client (development mode).
     * @param source         host:port of the client.
     * @param isV5           MQTT 5 (else 3.1.1).
     * @param cleanStart     discard any previous session.
     * @param sessionExpiryS seconds the session outlives the connection; -1: forever (3.1.1 persistent).
     * @param receiveMaximum most unacknowledged QoS 1 and 2 deliveries the client takes.
     * @param topicAliasMaximum the highest topic alias the client accepts from the broker (MQTT 5), 0 for none.
     * @param assignedId     true if the broker chose the client id.
     * @param will           the will message, or null.
     */
    record Connect(long connectionId, Channel channel, String clientId, String user, Set<String> roles,
        String source, boolean isV5, boolean cleanStart, long sessionExpiryS, int receiveMaximum,
        int topicAliasMaximum, boolean assignedId, Will will) implements MqttCommand
    {
    }

    /**
     * A message published by the client (also the form of a will).
     *
     * @param connectionId    the connection.
     * @param packetId        its packet id, 0 for QoS 0.
     * @param qos             0, 1 or 2.
     * @param topic           the MQTT topic name (an alias already resolved).
     * @param retain          the retain flag.
     * @param payload         the payload.
     * @param utf8            the payload format indicator says UTF-8.
     * @param contentType     the MQTT 5 content type, or null.
     * @param expiryIntervalS the message expiry interval in seconds, 0 for none.
     * @param userProperties  the user properties (the last value of a repeated name).
     * @param responseTopic   the response topic, or null.
     * @param correlationData the correlation data, or null.
     */
    record Publish(long connectionId, int packetId, int qos, String topic, boolean retain, byte[] payload,
        boolean utf8, String contentType, long expiryIntervalS, Map<String, Object> userProperties,
        String responseTopic, byte[] correlationData) implements MqttCommand
    {
    }

    /**
     * A will, published when the connection ends without a normal DISCONNECT.
     *
     * @param message the message.
     * @param delayS  the MQTT 5 will delay, in seconds.
     */
    record Will(Publish message, long delayS)
    {
    }

    /**
     * The client acknowledged a delivery: PUBACK for QoS 1, PUBCOMP ends a QoS 2 one, PUBREC records it.
     *
     * @param connectionId the connection.
     * @param packetId     the delivery's packet id.
     * @param kind         which acknowledgement.
     */
    record Ack(long connectionId, int packetId, AckKind kind) implements MqttCommand
    {
    }

    /** The acknowledgements a client sends for deliveries, and PUBREL for its own QoS 2 publish. */
    enum AckKind
    {
        /** QoS 1 delivery done. */
        PUBACK,
        /** QoS 2 delivery received. */
        PUBREC,
        /** QoS 2 delivery done. */
        PUBCOMP,
        /** The client releases its QoS 2 publish. */
        PUBREL
    }

    /**
     * One filter of a SUBSCRIBE.
     *
     * @param filter  the MQTT filter (with a {@code $share/group/} prefix for a shared subscription).
     * @param qos     the highest QoS the client wants.
     * @param noLocal           MQTT 5: not its own messages.
     * @param retainHandling    MQTT 5: retained messages at subscribe: 0 always, 1 only for a new subscription,
     *                          2 never.
     * @param retainAsPublished MQTT 5: deliveries keep the publisher's retain flag.
     * @param problem           why the filter is refused, or null.
     */
    record Filter(String filter, int qos, boolean noLocal, int retainHandling, boolean retainAsPublished,
        String problem)
    {
    }

    /**
     * A SUBSCRIBE.
     *
     * @param connectionId the connection.
     * @param packetId     its packet id.
     * @param filters      its filters.
     */
    record Subscribe(long connectionId, int packetId, List<Filter> filters) implements MqttCommand
    {
    }

    /**
     * An UNSUBSCRIBE.
     *
     * @param connectionId the connection.
     * @param packetId     its packet id.
     * @param filters      its filters.
     */
    record Unsubscribe(long connectionId, int packetId, List<String> filters) implements MqttCommand
    {
    }

    /**
     * The connection ended.
     *
     * @param connectionId   the connection.
     * @param publishWill    true unless the client sent a normal DISCONNECT.
     * @param sessionExpiryS an MQTT 5 DISCONNECT's new session expiry, or -2 to keep the one of CONNECT.
     */
    record Closed(long connectionId, boolean publishWill, long sessionExpiryS) implements MqttCommand
    {
    }
}
