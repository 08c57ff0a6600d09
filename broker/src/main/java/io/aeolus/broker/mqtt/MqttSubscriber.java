package io.aeolus.broker.mqtt;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.engine.ConsumerRequest;
import io.aeolus.broker.engine.EngineError;
import io.aeolus.broker.engine.MessagingEngine;
import io.aeolus.transport.codecs.DestinationType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

import java.util.List;

/**
 * A session's SUBSCRIBE and UNSUBSCRIBE as engine consumers: a filter is a consumer of its JMS topic or pattern;
 * in a persistent session a durable subscription named {@code mqtt:<client id>:<filter>|q<qos>}; a
 * {@code $share/group/filter} the JMS shared subscription named {@code group} (durable in a persistent session).
 * Conductor thread; one instance per operation.
 */
final class MqttSubscriber
{
    private static final long SESSION_ID = 1;
    private static final String SHARED_KEY_PREFIX = "shared||";

    private final MqttGateway gateway;
    private final MessagingEngine engine;
    private final MqttSession session;

    MqttSubscriber(final MqttGateway gateway, final MessagingEngine engine, final MqttSession session)
    {
        this.gateway = gateway;
        this.engine = engine;
        this.session = session;
    }

    void onSubscribe(final MqttCommand.Subscribe subscribe)
    {
        final List<MqttCommand.Filter> filters = subscribe.filters();
        final int[] reasons = new int[filters.size()];
        final boolean[] existed = new boolean[filters.size()];
        for (int i = 0; i < reasons.length; i++)
        {
            existed[i] = null != session.subscription(filters.get(i).filter());
            reasons[i] = subscribe(filters.get(i));
        }
        session.channel.writeAndFlush(MqttPackets.subAck(subscribe.packetId(), reasons));
        for (int i = 0; i < reasons.length; i++)
        {
            final MqttCommand.Filter filter = filters.get(i);
            // MQTT 3.3.1-9, 3.3.1-10, 3.3.1-11 and 4.8.2: retained messages go to a new subscription (retain
            // handling 0, or 1 if it did not exist), never to a shared one.
            final boolean sendRetained = reasons[i] < 0x80 && !filter.filter().startsWith(MqttTopics.SHARE_PREFIX) &&
                (filter.retainHandling() == 0 || filter.retainHandling() == 1 && !existed[i]);
            if (sendRetained)
            {
                gateway.deliverRetained(session, filter.filter(), reasons[i]);
            }
        }
    }

    /**
     * @return the granted QoS, or a failure reason code.
     */
    int subscribe(final MqttCommand.Filter filter)
    {
        if (null != filter.problem())
        {
            return failure(MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID);
        }
        String group = null;
        String mqttFilter = filter.filter();
        if (mqttFilter.startsWith(MqttTopics.SHARE_PREFIX))
        {
            final int slash = mqttFilter.indexOf('/', MqttTopics.SHARE_PREFIX.length());
            group = mqttFilter.substring(MqttTopics.SHARE_PREFIX.length(), slash);
            mqttFilter = mqttFilter.substring(slash + 1);
        }
        final String jmsTopic = gateway.topics().toJms(mqttFilter);
        if (!gateway.settings().wildcards().enabled() && (mqttFilter.indexOf('+') >= 0 || mqttFilter.indexOf('#') >= 0))
        {
            return failure(MqttReasonCodes.SubAck.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED);
        }
        final boolean durable = session.isPersistent();
        // The options that outlive a restart are in the durable name: "|q<qos>", then "p" for retain as published.
        final String name = null != group ? group :
            durable ? MqttGateway.SUBSCRIPTION_PREFIX + session.clientId + ":" + filter.filter() + "|q" + filter.qos() +
            (filter.retainAsPublished() ? "p" : "") : "";
        final MqttSession.Subscription existing = session.subscription(filter.filter());
        if (null != existing)
        {
            // MQTT 3.8.4: a subscription to the same filter replaces the existing one.
            closeConsumer(existing);
            if (null != existing.durableName && !existing.durableName.equals(name))
            {
                engine.onUnsubscribe(session.connectionId, gateway.nextCorrelationId(), existing.durableName);
            }
        }
        final long consumerId = session.nextConsumerId++;
        final int prefetch = Math.max(1, Math.min(session.receiveMaximum, gateway.settings().receiveMaximum()));
        final EngineError error = gateway.createConsumer(session, new ConsumerRequest(gateway.nextCorrelationId(),
            SESSION_ID, consumerId, DestinationType.TOPIC, jmsTopic, "", name, prefetch, filter.noLocal(), durable,
            durable || null != group, false));
        if (null != error)
        {
            return failure(error == EngineError.SECURITY ? MqttReasonCodes.SubAck.NOT_AUTHORIZED :
                error == EngineError.INVALID_DESTINATION ? MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID :
                MqttReasonCodes.SubAck.UNSPECIFIED_ERROR);
        }
        session.subscriptionsByConsumer.put(consumerId, new MqttSession.Subscription(consumerId, filter.filter(),
            filter.qos(), durable && null == group ? name : null, filter.retainAsPublished()));
        return filter.qos();
    }

    private int failure(final MqttReasonCodes.SubAck reason)
    {
        // MQTT 3.1.1 knows one failure code, 0x80, which is also MQTT 5's "unspecified error".
        return session.isV5 ? reason.byteValue() & 0xFF : 0x80;
    }

    void onUnsubscribe(final MqttCommand.Unsubscribe unsubscribe)
    {
        final List<String> filters = unsubscribe.filters();
        final short[] reasons = new short[filters.size()];
        for (int i = 0; i < reasons.length; i++)
        {
            final MqttSession.Subscription subscription = session.subscription(filters.get(i));
            if (null == subscription)
            {
                reasons[i] = MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue();
                continue;
            }
            closeConsumer(subscription);
            if (null != subscription.durableName)
            {
                engine.onUnsubscribe(session.connectionId, gateway.nextCorrelationId(), subscription.durableName);
            }
            reasons[i] = MqttReasonCodes.UnsubAck.SUCCESS.byteValue();
        }
        session.channel.writeAndFlush(MqttPackets.unsubAck(unsubscribe.packetId(), reasons, session.isV5));
    }

    private void closeConsumer(final MqttSession.Subscription subscription)
    {
        session.subscriptionsByConsumer.remove(subscription.consumerId);
        // Deliveries not yet acknowledged by the client come back, counted as delivered (MQTT DUP).
        engine.onCloseConsumer(session.connectionId, gateway.nextCorrelationId(), subscription.consumerId,
            Long.MAX_VALUE);
        session.inFlight.values().removeIf((delivery) -> delivery.consumerId == subscription.consumerId);
    }

    /**
     * Clean start: the session's durable subscriptions from before go.
     */
    void deleteDurableSubscriptions()
    {
        for (final MessageQueue subscription : gateway.durableSubscriptions(session.clientId))
        {
            engine.onUnsubscribe(session.connectionId, gateway.nextCorrelationId(), nameOf(subscription));
        }
    }

    /**
     * A persistent session resumed: its durable subscriptions get their consumers back.
     *
     * @return true if it had any.
     */
    boolean resumeDurableSubscriptions()
    {
        final List<MessageQueue> subscriptions = gateway.durableSubscriptions(session.clientId);
        final String prefix = MqttGateway.SUBSCRIPTION_PREFIX + session.clientId + ":";
        for (final MessageQueue subscription : subscriptions)
        {
            final String name = nameOf(subscription);
            final int qosAt = name.lastIndexOf("|q");
            if (qosAt < prefix.length())
            {
                continue;
            }
            final String filter = name.substring(prefix.length(), qosAt);
            final int qos = qosAt + 2 < name.length() ? Character.digit(name.charAt(qosAt + 2), 10) : 0;
            final boolean retainAsPublished = name.endsWith("p");
            subscribe(new MqttCommand.Filter(filter, Math.max(0, qos), subscription.isNoLocal(), 2, retainAsPublished,
                null));
        }
        return !subscriptions.isEmpty();
    }

    /**
     * The session ends with its connection: its consumers close and its durable subscriptions go.
     */
    void closeAndDeleteDurable()
    {
        for (final MqttSession.Subscription subscription : List.copyOf(session.subscriptionsByConsumer.values()))
        {
            closeConsumer(subscription);
            if (null != subscription.durableName)
            {
                engine.onUnsubscribe(session.connectionId, gateway.nextCorrelationId(), subscription.durableName);
            }
        }
    }

    static String nameOf(final MessageQueue subscription)
    {
        final String key = subscription.name();
        return key.startsWith(SHARED_KEY_PREFIX) ? key.substring(SHARED_KEY_PREFIX.length()) : key;
    }
}
