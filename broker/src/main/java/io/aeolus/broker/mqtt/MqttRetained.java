package io.aeolus.broker.mqtt;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.ConsumerRequest;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.broker.security.Principal;
import io.aeolus.management.SystemDestinations;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import io.aeolus.transport.message.PropertiesCodec;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * MQTT retained messages: the last retained publish of each topic, kept as a persistent message in the broker's
 * system queue {@value #QUEUE} (the topic in the property {@value MqttMessages.RETAIN_TOPIC_PROPERTY}), so that a
 * confirmed retained message survives a crash without a journal schema of its own. The gateway holds one consumer
 * on that queue, on its own engine connection, with credit for every message: each retained message stays
 * delivered to it and unacknowledged; a newer retained publish on the same topic, or an empty one, acknowledges
 * (removes) the one it replaces. At start the engine recovers the queue in order and delivers it to that consumer,
 * which rebuilds the topic index: the older message of a topic comes first and is replaced again. Conductor thread.
 */
final class MqttRetained
{
    /** The system queue holding the retained messages. */
    static final String QUEUE = SystemDestinations.MQTT_PREFIX + "retained";

    private static final long SESSION_ID = 1;
    private static final long PRODUCER_ID = 1;
    private static final long CONSUMER_ID = 1;
    /** Credit for the store's consumer: every retained message stays delivered to it. */
    private static final int CREDIT = Integer.MAX_VALUE / 2;

    private final MqttGateway gateway;
    private final long connectionId;
    private final MqttMessages messages;
    private final ExpandableArrayBuffer buffer;
    private long nextSequence = 1;
    private final TreeMap<String, Retained> byTopic = new TreeMap<>();
    private boolean isOpen;

    MqttRetained(final MqttGateway gateway, final long connectionId, final MqttMessages messages,
        final ExpandableArrayBuffer buffer)
    {
        this.gateway = gateway;
        this.connectionId = connectionId;
        this.messages = messages;
        this.buffer = buffer;
    }

    /**
     * Sends a retained publish to the store's queue; the engine answers {@code correlationId} once it is durable.
     */
    void store(final MessagingEngine engine, final MqttCommand.Publish publish, final long correlationId,
        final long nowMs)
    {
        final int length = messages.encodeRetained(publish, "ID:mqtt-retained-" + nextSequence++, nowMs, buffer);
        engine.onSend(connectionId, correlationId, SESSION_ID, PRODUCER_ID, buffer, 0, length);
    }

    /**
     * Sends a new subscription the retained messages its filter matches, with the retain flag, at the lower of the
     * granted QoS and the publisher's; nothing in the engine waits for their acknowledgements. Those beyond the
     * client's receive maximum wait in the session's backlog until acknowledgements make room.
     */
    void deliver(final MqttSession session, final String filter, final int grantedQos, final long nowMs,
        final List<long[]> acks)
    {
        for (final Retained message : matching(filter, nowMs, acks))
        {
            session.retainedBacklog.add(new MqttSession.RetainedDelivery(message.topic(), message.message(),
                Math.min(grantedQos, MqttMessages.publishedQos(message.message()))));
        }
        drainBacklog(session, nowMs);
    }

    /**
     * Sends what of a session's retained backlog its receive maximum allows now, in order.
     */
    void drainBacklog(final MqttSession session, final long nowMs)
    {
        while (!session.retainedBacklog.isEmpty() && !session.closed)
        {
            final MqttSession.RetainedDelivery next = session.retainedBacklog.peek();
            if (next.qos() > 0 && session.inFlight.size() >= session.receiveMaximum)
            {
                return;
            }
            session.retainedBacklog.poll();
            final int packetId = next.qos() > 0 ? session.nextPacketId() : 0;
            session.writePublish(messages.toPublish(next.message(), next.topic(), next.qos(), packetId,
                false, true, session.isV5, nowMs));
            if (next.qos() > 0)
            {
                session.inFlight.put(packetId, new MqttSession.InFlight(0, 0, next.qos()));
            }
        }
    }

    long connectionId()
    {
        return connectionId;
    }

    /**
     * Opens the store's engine connection and its consumer, once, on the first duty cycle: the engine then delivers
     * the recovered retained messages.
     */
    void open(final MessagingEngine engine, final Principal principal)
    {
        if (isOpen)
        {
            return;
        }
        isOpen = true;
        engine.onConnected(connectionId, "", principal, "broker");
        engine.onCreateSession(connectionId, gateway.nextCorrelationId(), SESSION_ID, AckMode.CLIENT);
        engine.onCreateProducer(connectionId, gateway.nextCorrelationId(), SESSION_ID, PRODUCER_ID,
            DestinationType.NONE, "");
        engine.onCreateConsumer(connectionId, new ConsumerRequest(gateway.nextCorrelationId(), SESSION_ID,
            CONSUMER_ID, DestinationType.QUEUE, QUEUE, "", "", CREDIT, false, false, false, false));
    }

    /**
     * A retained message reached the store's consumer (a new one, or a recovered one at start): it becomes its
     * topic's retained message, or, empty, clears the topic.
     *
     * @param acks where to put the deliveries to acknowledge (done at the next duty cycle, not during dispatch).
     */
    void onDelivery(final long deliveryId, final BrokerMessage message, final List<long[]> acks)
    {
        final Object topic = PropertiesCodec.find(message.encoded(), message.propertiesOffset(),
            message.propertiesLength(), MqttMessages.RETAIN_TOPIC_PROPERTY);
        if (!(topic instanceof String name))
        {
            acks.add(new long[]{ connectionId, CONSUMER_ID, deliveryId });
            return;
        }
        final Retained previous = MqttMessages.isEmpty(message) ? byTopic.remove(name) :
            byTopic.put(name, new Retained(name, deliveryId, message));
        if (null != previous)
        {
            acks.add(new long[]{ connectionId, CONSUMER_ID, previous.deliveryId });
        }
        if (MqttMessages.isEmpty(message))
        {
            acks.add(new long[]{ connectionId, CONSUMER_ID, deliveryId });
        }
    }

    /**
     * @param filter an MQTT topic filter (not shared).
     * @param nowMs  the time: expired messages are dropped, not returned.
     * @param acks   where expired messages' deliveries go to be acknowledged.
     * @return the retained messages whose topic matches, in topic order.
     */
    List<Retained> matching(final String filter, final long nowMs, final List<long[]> acks)
    {
        final List<Retained> found = new ArrayList<>();
        final List<String> expired = new ArrayList<>();
        final boolean wildcard = filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
        final Iterable<Retained> candidates = wildcard ? byTopic.values() :
            null == byTopic.get(filter) ? List.of() : List.of(byTopic.get(filter));
        for (final Retained retained : candidates)
        {
            if (retained.message.isExpired(nowMs))
            {
                expired.add(retained.topic);
            }
            else if (MqttTopics.matches(filter, retained.topic))
            {
                found.add(retained);
            }
        }
        for (final String topic : expired)
        {
            acks.add(new long[]{ connectionId, CONSUMER_ID, byTopic.remove(topic).deliveryId });
        }
        return found;
    }

    /**
     * A topic's retained message and its delivery to the store's consumer.
     *
     * @param topic      the MQTT topic.
     * @param deliveryId the delivery, acknowledged when the message is replaced.
     * @param message    the message.
     */
    record Retained(String topic, long deliveryId, BrokerMessage message)
    {
    }
}
