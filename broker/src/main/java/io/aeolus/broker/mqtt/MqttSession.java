package io.aeolus.broker.mqtt;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.security.Principal;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayDeque;

/**
 * One MQTT client's connection as the conductor sees it: its engine connection, its subscriptions (one engine
 * consumer each), its QoS 1 and 2 deliveries waiting for the client's acknowledgement (by packet id), and its QoS 2
 * publishes received but not yet released. Conductor thread only.
 */
final class MqttSession
{
    final long connectionId;
    final Channel channel;
    final String clientId;
    final Principal principal;
    final boolean isV5;
    final long sessionExpiryS;
    final int receiveMaximum;
    final MqttCommand.Will will;
    final Long2ObjectHashMap<Subscription> subscriptionsByConsumer = new Long2ObjectHashMap<>();
    final Int2ObjectHashMap<InFlight> inFlight = new Int2ObjectHashMap<>();
    final IntHashSet releasePending = new IntHashSet();
    /** Retained messages for new subscriptions, waiting for room under the client's receive maximum. */
    final ArrayDeque<RetainedDelivery> retainedBacklog = new ArrayDeque<>();
    /** The topic aliases given to this connection's PUBLISH packets (MQTT 5, if the client takes any). */
    final MqttTopicAliases topicAliases;
    /** Written to since the last flush of the duty cycle ({@link MqttFlusher}). */
    boolean flushPending;
    private final MqttFlusher flusher;
    boolean closed;
    long nextConsumerId = 1;
    private int nextPacketId = 1;

    MqttSession(final MqttCommand.Connect connect, final Principal principal, final MqttFlusher flusher)
    {
        this.flusher = flusher;
        this.connectionId = connect.connectionId();
        this.channel = connect.channel();
        this.clientId = connect.clientId();
        this.principal = principal;
        this.isV5 = connect.isV5();
        this.sessionExpiryS = connect.sessionExpiryS();
        this.receiveMaximum = connect.receiveMaximum();
        this.will = connect.will();
        this.topicAliases = new MqttTopicAliases(connect.isV5() ? connect.topicAliasMaximum() : 0);
    }

    /**
     * Writes a PUBLISH to the client, with a topic alias where the client takes them; flushed at the end of the duty
     * cycle.
     *
     * @param publish the packet.
     */
    void writePublish(final MqttPublishMessage publish)
    {
        flusher.write(this, topicAliases.apply(publish));
    }

    /**
     * Writes a packet to the client; flushed at the end of the duty cycle.
     *
     * @param packet the packet.
     */
    void write(final Object packet)
    {
        flusher.write(this, packet);
    }

    /**
     * @return true if the session outlives the connection: its subscriptions are durable.
     */
    boolean isPersistent()
    {
        return 0 != sessionExpiryS;
    }

    /**
     * @return a packet id not in use by a delivery waiting for its acknowledgement.
     */
    int nextPacketId()
    {
        for (int i = 0; i < 65535; i++)
        {
            final int packetId = nextPacketId;
            nextPacketId = nextPacketId == 65535 ? 1 : nextPacketId + 1;
            if (!inFlight.containsKey(packetId))
            {
                return packetId;
            }
        }
        throw new IllegalStateException("no free packet id");
    }

    /**
     * Flow control: a client whose destination is over its memory limit is not read until it is below. The handler
     * owns auto-read (its inbound back-pressure too), so it is told on its event loop.
     *
     * @param blocked whether to stop reading the client.
     */
    void flowControl(final boolean blocked)
    {
        final ChannelHandlerContext ctx = channel.pipeline().context(MqttChannelHandler.class);
        if (null != ctx)
        {
            final MqttChannelHandler handler = (MqttChannelHandler)ctx.handler();
            channel.eventLoop().execute(() -> handler.flowControl(ctx, blocked));
        }
    }

    Subscription subscription(final String filter)
    {
        for (final Subscription subscription : subscriptionsByConsumer.values())
        {
            if (subscription.filter.equals(filter))
            {
                return subscription;
            }
        }
        return null;
    }

    /**
     * A retained message to send to a new subscription.
     *
     * @param topic   its MQTT topic.
     * @param message the message.
     * @param qos     the QoS to send it with.
     */
    record RetainedDelivery(String topic, BrokerMessage message, int qos)
    {
    }

    /**
     * A subscription: one engine consumer.
     */
    static final class Subscription
    {
        final long consumerId;
        final String filter;
        final int qos;
        final String durableName;
        final boolean retainAsPublished;

        Subscription(final long consumerId, final String filter, final int qos, final String durableName,
            final boolean retainAsPublished)
        {
            this.consumerId = consumerId;
            this.filter = filter;
            this.qos = qos;
            this.durableName = durableName;
            this.retainAsPublished = retainAsPublished;
        }
    }

    /**
     * A QoS 1 or 2 delivery the client has not acknowledged yet; consumer id 0 for a retained message sent at
     * subscribe, which nothing in the engine waits for.
     */
    static final class InFlight
    {
        final long consumerId;
        final long deliveryId;
        final int qos;
        final String filter;
        final long messageId;
        /** QoS 2: PUBREC came (and, in a persistent session, its packet id is being journaled). */
        boolean received;

        InFlight(final long consumerId, final long deliveryId, final int qos)
        {
            this(consumerId, deliveryId, qos, "", 0);
        }

        InFlight(final long consumerId, final long deliveryId, final int qos, final String filter,
            final long messageId)
        {
            this.consumerId = consumerId;
            this.deliveryId = deliveryId;
            this.qos = qos;
            this.filter = filter;
            this.messageId = messageId;
        }
    }
}
