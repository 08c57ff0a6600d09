package io.aeolus.broker.mqtt;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.ConsumerRequest;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.management.SystemDestinations;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.message.PropertiesCodec;
import io.netty.handler.codec.mqtt.MqttMessage;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * QoS 2 exactly once across a broker crash, for persistent sessions. The packet ids in the middle of a QoS 2 exchange
 * are journaled as persistent messages in the system queue {@value #QUEUE}, consumed (and so held) by the gateway's
 * own engine connection and rebuilt from it at start, like the retained messages:
 * <ul>
 * <li>incoming ("in"): a QoS 2 PUBLISH and its packet id go in one engine transaction, and PUBREC is sent once it is
 *     durable, so a PUBLISH sent again after a crash (its PUBREC lost) is recognised and not routed twice; PUBREL
 *     removes the id, and PUBCOMP waits until that removal is durable (else the client could reuse the id for a new
 *     message that the revived id would swallow);</li>
 * <li>outgoing ("out"): when the subscriber's PUBREC arrives, the packet id, the subscription and the broker's id of
 *     the message are journaled before PUBREL is sent; after a crash the broker sends PUBREL again for it when the
 *     session resumes, and the message, which comes back because PUBCOMP had not acknowledged it yet, is taken off
 *     the subscription rather than delivered again under a new packet id.</li>
 * </ul>
 * Conductor thread.
 */
final class MqttExactlyOnce
{
    /** The system queue holding the QoS 2 packet ids. */
    static final String QUEUE = SystemDestinations.MQTT_PREFIX + "qos2";
    /** The transacted session (and its producer) on every persistent MQTT session's engine connection. */
    static final long TX_SESSION_ID = 2;
    static final long TX_PRODUCER_ID = 2;

    private static final long SESSION_ID = 1;
    private static final long PRODUCER_ID = 1;
    private static final long CONSUMER_ID = 2;
    private static final int CREDIT = Integer.MAX_VALUE / 2;
    private static final String CLIENT = "MQTT_QOS2_CLIENT";
    private static final String DIRECTION = "MQTT_QOS2_DIRECTION";
    private static final String PACKET = "MQTT_QOS2_PACKET";
    private static final String MESSAGE = "MQTT_QOS2_MESSAGE";
    private static final String FILTER = "MQTT_QOS2_FILTER";
    private static final String IN = "in";
    private static final String OUT = "out";

    private final MqttGateway gateway;
    private final long connectionId;
    private final MqttMessages messages;
    private final ExpandableArrayBuffer buffer;
    private long nextSequence = 1;
    private final TreeMap<String, Marker> markers = new TreeMap<>();
    private final Set<String> removedEarly = new HashSet<>();
    /**
     * Deliveries released again at resume whose PUBCOMP came before their message came back to the subscription
     * (it comes back after a restart, since only PUBCOMP acknowledges it): client, filter and message id. The message
     * is taken off the subscription when it arrives, not delivered again.
     */
    private final Set<String> completedBeforeReturn = new HashSet<>();
    /** Messages of deliveries released again at resume that came back (and were taken off) before their PUBCOMP. */
    private final Set<String> returnedBeforeCompletion = new HashSet<>();

    MqttExactlyOnce(final MqttGateway gateway, final long connectionId, final MqttMessages messages,
        final ExpandableArrayBuffer buffer)
    {
        this.gateway = gateway;
        this.connectionId = connectionId;
        this.messages = messages;
        this.buffer = buffer;
    }

    /**
     * Opens the consumer of the packet ids' queue and a transacted session for barriers, on the gateway's own
     * connection (already open).
     */
    void open(final MessagingEngine engine)
    {
        engine.onCreateSession(connectionId, gateway.nextCorrelationId(), TX_SESSION_ID, AckMode.TRANSACTED);
        engine.onCreateConsumer(connectionId, new ConsumerRequest(gateway.nextCorrelationId(), SESSION_ID,
            CONSUMER_ID, DestinationType.QUEUE, QUEUE, "", "", CREDIT, false, false, false, false));
    }

    boolean isOwnConsumer(final long consumerId)
    {
        return consumerId == CONSUMER_ID;
    }

    /**
     * Opens the transacted session a persistent MQTT session publishes QoS 2 in.
     */
    static void openClientTransactions(final MessagingEngine engine, final MqttGateway gateway,
        final long clientConnectionId)
    {
        engine.onCreateSession(clientConnectionId, gateway.nextCorrelationId(), TX_SESSION_ID, AckMode.TRANSACTED);
        engine.onCreateProducer(clientConnectionId, gateway.nextCorrelationId(), TX_SESSION_ID, TX_PRODUCER_ID,
            DestinationType.NONE, "");
    }

    /**
     * A packet id reached the gateway's consumer: new, or recovered at start.
     */
    void onDelivery(final long deliveryId, final BrokerMessage message, final List<long[]> acks)
    {
        final Map<String, Object> values = PropertiesCodec.decode(message.encoded(), message.propertiesOffset(),
            message.propertiesLength());
        final Object client = values.get(CLIENT);
        final Object direction = values.get(DIRECTION);
        final Object packet = values.get(PACKET);
        if (!(client instanceof String) || !(direction instanceof String) || !(packet instanceof Integer))
        {
            acks.add(new long[]{ connectionId, CONSUMER_ID, deliveryId });
            return;
        }
        final String key = key((String)client, (String)direction, (Integer)packet);
        final Object messageId = values.get(MESSAGE);
        final Marker marker = new Marker(deliveryId, messageId instanceof Long ? (Long)messageId : 0,
            String.valueOf(values.get(FILTER)));
        final Marker previous = markers.put(key, marker);
        if (null != previous)
        {
            acks.add(new long[]{ connectionId, CONSUMER_ID, previous.deliveryId });
        }
        if (removedEarly.remove(key))
        {
            markers.remove(key);
            acks.add(new long[]{ connectionId, CONSUMER_ID, deliveryId });
        }
    }

    /**
     * @return true if the client's QoS 2 publish with this packet id was received (and journaled) and not released.
     */
    boolean isReceived(final String clientId, final int packetId)
    {
        return markers.containsKey(key(clientId, IN, packetId));
    }

    /**
     * Routes a persistent session's QoS 2 publish and journals its packet id in one transaction; the commit's
     * answer (to {@code correlationId}) is the publish's answer.
     */
    void publish(final MqttSession session, final MqttCommand.Publish publish, final long correlationId)
    {
        final long nowMs = gateway.nowMs();
        int length = messages.encode(publish, "ID:mqtt-" + session.connectionId + "-tx" + nextSequence++,
            session.connectionId, nowMs, buffer);
        gateway.engine().onSend(session.connectionId, 0, TX_SESSION_ID, TX_PRODUCER_ID, buffer, 0, length);
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(CLIENT, session.clientId);
        values.put(DIRECTION, IN);
        values.put(PACKET, publish.packetId());
        length = messages.encodeState(QUEUE, values, "ID:mqtt-state-" + nextSequence++, nowMs, buffer);
        gateway.engine().onSend(session.connectionId, 0, TX_SESSION_ID, TX_PRODUCER_ID, buffer, 0, length);
        gateway.engine().onCommit(session.connectionId, correlationId, TX_SESSION_ID, Map.of());
    }

    /**
     * PUBREL of a persistent session's QoS 2 publish: the packet id goes, and {@code then} (PUBCOMP) runs once that
     * is durable.
     */
    void release(final String clientId, final int packetId, final Runnable then)
    {
        remove(key(clientId, IN, packetId));
        barrier(then);
    }

    /**
     * The subscriber of a persistent session received a QoS 2 delivery (PUBREC): its packet id and message are
     * journaled, then {@code then} (PUBREL) runs.
     */
    void onReceived(final MqttSession session, final int packetId, final String filter, final long messageId,
        final Runnable then)
    {
        final Map<String, Object> values = new LinkedHashMap<>();
        values.put(CLIENT, session.clientId);
        values.put(DIRECTION, OUT);
        values.put(PACKET, packetId);
        values.put(MESSAGE, messageId);
        values.put(FILTER, filter);
        final long correlationId = gateway.nextCorrelationId();
        gateway.whenOk(correlationId, then);
        final int length = messages.encodeState(QUEUE, values, "ID:mqtt-state-" + nextSequence++, gateway.nowMs(),
            buffer);
        gateway.engine().onSend(connectionId, correlationId, SESSION_ID, PRODUCER_ID, buffer, 0, length);
    }

    /**
     * The subscriber completed a QoS 2 delivery (PUBCOMP): its packet id goes.
     */
    void onCompleted(final String clientId, final int packetId)
    {
        remove(key(clientId, OUT, packetId));
    }

    /**
     * The subscriber completed a QoS 2 delivery released again at resume (PUBCOMP): its packet id goes, and its
     * message, should it come back to the subscription after this, is not delivered again.
     */
    private void onCompletedAfterResume(final String clientId, final int packetId)
    {
        final Marker marker = markers.get(key(clientId, OUT, packetId));
        if (null != marker)
        {
            final String returnKey = returnKey(clientId, marker.filter, marker.messageId);
            if (!returnedBeforeCompletion.remove(returnKey))
            {
                completedBeforeReturn.add(returnKey);
            }
        }
        onCompleted(clientId, packetId);
    }

    private static String returnKey(final String clientId, final String filter, final long messageId)
    {
        return clientId + '\0' + filter + '\0' + messageId;
    }

    /**
     * A client's PUBACK, PUBREC, PUBREL or PUBCOMP, with the QoS 2 state journaled for a persistent session.
     */
    void onAck(final MqttSession session, final MqttCommand.Ack ack)
    {
        switch (ack.kind())
        {
            case PUBACK, PUBCOMP ->
            {
                final MqttSession.InFlight delivery = session.inFlight.remove(ack.packetId());
                if (null != delivery && 0 != delivery.consumerId)
                {
                    gateway.acknowledge(session.connectionId, delivery.consumerId, delivery.deliveryId);
                }
                if (null != delivery && delivery.received && session.isPersistent())
                {
                    if (0 == delivery.consumerId)
                    {
                        onCompletedAfterResume(session.clientId, ack.packetId());
                    }
                    else
                    {
                        onCompleted(session.clientId, ack.packetId());
                    }
                }
            }
            case PUBREC ->
            {
                final MqttSession.InFlight delivery = session.inFlight.get(ack.packetId());
                final MqttMessage pubRel = MqttPackets.pubRel(ack.packetId(), null != delivery, session.isV5);
                if (null != delivery && delivery.qos == 2 && 0 != delivery.consumerId && session.isPersistent() &&
                    !delivery.received)
                {
                    // PUBREL only once the packet id is journaled: after a crash it is released again, and the
                    // message, not yet acknowledged, is not delivered a second time under a new packet id.
                    delivery.received = true;
                    onReceived(session, ack.packetId(), delivery.filter, delivery.messageId,
                        () -> session.channel.writeAndFlush(pubRel));
                }
                else
                {
                    session.channel.writeAndFlush(pubRel);
                }
            }
            case PUBREL ->
            {
                final boolean durable = session.isPersistent() &&
                    isReceived(session.clientId, ack.packetId());
                final boolean known = session.releasePending.remove(ack.packetId()) || durable;
                final MqttMessage pubComp = MqttPackets.pubComp(ack.packetId(), known, session.isV5);
                if (known && session.isPersistent())
                {
                    release(session.clientId, ack.packetId(), () -> session.channel.writeAndFlush(pubComp));
                }
                else
                {
                    session.channel.writeAndFlush(pubComp);
                }
            }
            default -> throw new IllegalArgumentException("unknown acknowledgement " + ack.kind());
        }
    }

    /**
     * MQTT 4.4: a resumed session gets the PUBRELs of its unfinished QoS 2 deliveries again; their packet ids stay
     * in use until PUBCOMP.
     */
    void resume(final MqttSession session)
    {
        for (final int packetId : releasesOf(session.clientId))
        {
            final MqttSession.InFlight release = new MqttSession.InFlight(0, 0, 2);
            release.received = true;
            session.inFlight.put(packetId, release);
            session.channel.writeAndFlush(MqttPackets.pubRel(packetId, true, session.isV5));
        }
    }

    /**
     * @return true if this message was delivered to this subscription and received (PUBREC) before a restart: it is
     *         not delivered again; the PUBREL sent at resume completes it.
     */
    boolean wasReceived(final String clientId, final String filter, final long messageId)
    {
        if (completedBeforeReturn.remove(returnKey(clientId, filter, messageId)))
        {
            return true;
        }
        for (final Marker marker : markers.subMap(clientId + '\0' + OUT + '\0', clientId + '\0' + OUT + '\1')
            .values())
        {
            if (marker.messageId == messageId && marker.filter.equals(filter))
            {
                returnedBeforeCompletion.add(returnKey(clientId, filter, messageId));
                return true;
            }
        }
        return false;
    }

    /**
     * @return the packet ids of QoS 2 deliveries waiting for PUBCOMP, to release again when a session resumes.
     */
    List<Integer> releasesOf(final String clientId)
    {
        final List<Integer> packetIds = new ArrayList<>();
        final String prefix = clientId + '\0' + OUT + '\0';
        for (final String key : markers.subMap(prefix, clientId + '\0' + OUT + '\1').keySet())
        {
            packetIds.add(Integer.parseInt(key.substring(prefix.length())));
        }
        return packetIds;
    }

    /**
     * A session ended for good (clean start, expiry): its packet ids go.
     */
    void forget(final String clientId)
    {
        for (final String key : new ArrayList<>(markers.subMap(clientId + '\0', clientId + '\1').keySet()))
        {
            remove(key);
        }
    }

    private void remove(final String key)
    {
        final Marker marker = markers.remove(key);
        if (null != marker)
        {
            gateway.acknowledge(connectionId, CONSUMER_ID, marker.deliveryId);
        }
        else
        {
            // Journaled but not delivered to the gateway's consumer yet: removed when it is.
            removedEarly.add(key);
        }
    }

    /**
     * Runs {@code then} once everything journaled so far is durable: an empty commit waits for the last position.
     */
    private void barrier(final Runnable then)
    {
        final long correlationId = gateway.nextCorrelationId();
        gateway.whenOk(correlationId, then);
        gateway.engine().onCommit(connectionId, correlationId, TX_SESSION_ID, Map.of());
    }

    private static String key(final String clientId, final String direction, final int packetId)
    {
        return clientId + '\0' + direction + '\0' + packetId;
    }

    private record Marker(long deliveryId, long messageId, String filter)
    {
    }
}
