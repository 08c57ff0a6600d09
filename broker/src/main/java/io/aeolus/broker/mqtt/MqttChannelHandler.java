package io.aeolus.broker.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT client on Netty's event loop: checks each packet (a malformed or oversized one, a second CONNECT, an
 * invalid topic or filter gets the reason code or disconnect the MQTT specification gives, and ends this connection
 * only), resolves topic aliases, answers PINGREQ, and hands everything else to the conductor as an
 * {@link MqttCommand}. When the conductor's queue is full, the commands wait here and the client is not read until
 * they are taken (back-pressure). Event loop thread only.
 */
final class MqttChannelHandler extends ChannelInboundHandlerAdapter
{
    private static final long RETRY_NS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long a new connection may take to send CONNECT (MQTT 3.1.4: "a reasonable amount of time"). */
    static final long CONNECT_TIMEOUT_S = 10;

    private final MqttServer server;
    private final MqttGateway gateway;
    private final MqttTopics topics;
    private final long connectionId;
    private final ArrayDeque<MqttCommand> backlog = new ArrayDeque<>();
    private final String[] topicAliases = new String[MqttPackets.TOPIC_ALIAS_MAXIMUM + 1];
    private boolean connectReceived;
    private boolean connected;
    private boolean closedSent;
    private boolean isV5;
    private boolean sessionEndsWithConnection;
    private boolean flowBlocked;
    private Throwable unexpectedFailure;

    MqttChannelHandler(final MqttServer server, final MqttGateway gateway, final long connectionId)
    {
        this.server = server;
        this.gateway = gateway;
        this.topics = gateway.topics();
        this.connectionId = connectionId;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx)
    {
        // A connection that never sends CONNECT is closed rather than held open for ever.
        ctx.executor().schedule(() ->
        {
            if (!connectReceived)
            {
                ctx.close();
            }
        }, CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            onPacket(ctx, (MqttMessage)msg);
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onPacket(final ChannelHandlerContext ctx, final MqttMessage packet)
    {
        if (packet.decoderResult().isFailure())
        {
            onDecodeFailure(ctx, packet.decoderResult().cause());
            return;
        }
        switch (packet.fixedHeader().messageType())
        {
            case CONNECT ->
            {
                if (connectReceived)
                {
                    // MQTT 3.1.0-2: a second CONNECT is a protocol error.
                    disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
                    return;
                }
                connectReceived = true;
                new MqttLogin(server, this, ctx, connectionId).onConnect((MqttConnectMessage)packet);
            }
            case PUBLISH -> ifConnected(ctx, () -> onPublish(ctx, (MqttPublishMessage)packet));
            case PUBACK -> ifConnected(ctx, () -> onAck(ctx, packet, MqttCommand.AckKind.PUBACK));
            case PUBREC -> ifConnected(ctx, () -> onAck(ctx, packet, MqttCommand.AckKind.PUBREC));
            case PUBREL -> ifConnected(ctx, () -> onAck(ctx, packet, MqttCommand.AckKind.PUBREL));
            case PUBCOMP -> ifConnected(ctx, () -> onAck(ctx, packet, MqttCommand.AckKind.PUBCOMP));
            case SUBSCRIBE -> ifConnected(ctx, () -> onSubscribe(ctx, (MqttSubscribeMessage)packet));
            case UNSUBSCRIBE -> ifConnected(ctx, () -> offer(ctx, new MqttCommand.Unsubscribe(connectionId,
                ((MqttUnsubscribeMessage)packet).variableHeader().messageId(),
                ((MqttUnsubscribeMessage)packet).payload().topics())));
            case PINGREQ -> ifConnected(ctx, () -> ctx.writeAndFlush(MqttMessage.PINGRESP));
            case DISCONNECT -> ifConnected(ctx, () -> onDisconnect(ctx, packet));
            default -> disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
        }
    }

    private void ifConnected(final ChannelHandlerContext ctx, final Runnable action)
    {
        if (!connected)
        {
            // MQTT 3.1.0-1: the first packet must be CONNECT; nothing is read before the login is done.
            ctx.close();
            return;
        }
        action.run();
    }

    private void onDecodeFailure(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof MqttUnacceptableProtocolVersionException)
        {
            ctx.writeAndFlush(MqttPackets.connAckRefused(
                MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
            ctx.close();
        }
        else if (cause instanceof MqttIdentifierRejectedException && !connectReceived)
        {
            ctx.writeAndFlush(MqttPackets.connAckRefused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED));
            ctx.close();
        }
        else if (cause instanceof TooLongFrameException)
        {
            disconnect(ctx, MqttReasonCodes.Disconnect.PACKET_TOO_LARGE);
        }
        else
        {
            disconnect(ctx, MqttReasonCodes.Disconnect.MALFORMED_PACKET);
        }
    }

    /**
     * Ends the connection: an MQTT 5 client is told why first (MQTT 3.1.1 has no server DISCONNECT).
     */
    void disconnect(final ChannelHandlerContext ctx, final MqttReasonCodes.Disconnect reason)
    {
        if (connected && isV5)
        {
            ctx.writeAndFlush(MqttPackets.disconnect(reason));
        }
        ctx.close();
    }

    /**
     * The login succeeded: from now on the client's packets go to the conductor.
     */
    void onLoggedIn(final ChannelHandlerContext ctx, final MqttCommand.Connect connect, final int keepAliveS)
    {
        connected = true;
        isV5 = connect.isV5();
        sessionEndsWithConnection = 0 == connect.sessionExpiryS();
        if (keepAliveS > 0)
        {
            // MQTT 3.1.2-24: a client silent for one and a half keep-alive periods is disconnected.
            ctx.pipeline().addFirst("keep-alive", new io.netty.handler.timeout.IdleStateHandler(
                keepAliveS * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        offer(ctx, connect);
        if (backlog.isEmpty())
        {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void onPublish(final ChannelHandlerContext ctx, final MqttPublishMessage packet)
    {
        final MqttProperties properties = packet.variableHeader().properties();
        String topic = packet.variableHeader().topicName();
        final int alias = MqttProperty.integer(properties, MqttProperties.TOPIC_ALIAS, -1);
        if (alias != -1)
        {
            if (alias == 0 || alias > MqttPackets.TOPIC_ALIAS_MAXIMUM)
            {
                // MQTT 3.3.2-8 and 3.3.2-9: an alias of 0 or over the advertised maximum is invalid.
                disconnect(ctx, MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID);
                return;
            }
            if (topic.isEmpty())
            {
                topic = topicAliases[alias];
                if (null == topic)
                {
                    disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
                    return;
                }
            }
            else
            {
                topicAliases[alias] = topic;
            }
        }
        if (null != topics.nameProblem(topic))
        {
            disconnect(ctx, MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID);
            return;
        }
        final ByteBuf content = packet.content();
        final byte[] payload = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), payload);
        offer(ctx, publish(connectionId, packet.variableHeader().packetId(),
            packet.fixedHeader().qosLevel().value(), topic, packet.fixedHeader().isRetain(), payload, properties));
    }

    /**
     * @return a publish (or a will) with what its MQTT 5 properties say.
     */
    static MqttCommand.Publish publish(final long connectionId, final int packetId, final int qos, final String topic,
        final boolean retain, final byte[] payload, final MqttProperties properties)
    {
        final Map<String, Object> userProperties = new LinkedHashMap<>();
        for (final MqttProperties.StringPair pair : MqttProperty.userProperties(properties))
        {
            userProperties.put(pair.key, pair.value);
        }
        return new MqttCommand.Publish(connectionId, Math.max(0, packetId), qos, topic, retain, payload,
            MqttProperty.integer(properties, MqttProperties.PAYLOAD_FORMAT_INDICATOR, 0) == 1,
            MqttProperty.string(properties, MqttProperties.CONTENT_TYPE),
            MqttProperty.integer(properties, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 0) &
            0xFFFF_FFFFL, userProperties, MqttProperty.string(properties,
            MqttProperties.RESPONSE_TOPIC),
            MqttProperty.binary(properties, MqttProperties.CORRELATION_DATA));
    }

    private void onAck(final ChannelHandlerContext ctx, final MqttMessage packet, final MqttCommand.AckKind kind)
    {
        final int packetId = ((MqttMessageIdVariableHeader)packet.variableHeader()).messageId();
        offer(ctx, new MqttCommand.Ack(connectionId, packetId, kind));
    }

    private void onSubscribe(final ChannelHandlerContext ctx, final MqttSubscribeMessage packet)
    {
        final List<MqttTopicSubscription> subscriptions = packet.payload().topicSubscriptions();
        if (subscriptions.isEmpty())
        {
            // MQTT 3.8.3-2: a SUBSCRIBE without a filter is a protocol error.
            disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
            return;
        }
        final List<MqttCommand.Filter> filters = new ArrayList<>(subscriptions.size());
        for (final MqttTopicSubscription subscription : subscriptions)
        {
            final String filter = subscription.topicFilter();
            final boolean noLocal = subscription.option().isNoLocal();
            filters.add(new MqttCommand.Filter(filter, subscription.option().qos().value(), noLocal,
                subscription.option().retainHandling().value(), subscription.option().isRetainAsPublished(),
                filterProblem(filter, noLocal)));
        }
        offer(ctx, new MqttCommand.Subscribe(connectionId, packet.variableHeader().messageId(), filters));
    }

    private String filterProblem(final String filter, final boolean noLocal)
    {
        if (!filter.startsWith(MqttTopics.SHARE_PREFIX))
        {
            return topics.filterProblem(filter);
        }
        final int slash = filter.indexOf('/', MqttTopics.SHARE_PREFIX.length());
        if (slash <= MqttTopics.SHARE_PREFIX.length())
        {
            return "shared subscription '" + filter + "' has no group or no filter";
        }
        final String group = filter.substring(MqttTopics.SHARE_PREFIX.length(), slash);
        if (group.indexOf('+') >= 0 || group.indexOf('#') >= 0)
        {
            return "shared subscription group '" + group + "' contains a wildcard";
        }
        if (noLocal)
        {
            return "a shared subscription cannot be noLocal (MQTT 3.8.3-4)";
        }
        return topics.filterProblem(filter.substring(slash + 1));
    }

    private void onDisconnect(final ChannelHandlerContext ctx, final MqttMessage packet)
    {
        boolean publishWill = false;
        long sessionExpiryS = -2;
        if (packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header)
        {
            publishWill = header.reasonCode() == MqttReasonCodes.Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue();
            final int expiry = MqttProperty.integer(header.properties(),
                MqttProperties.SESSION_EXPIRY_INTERVAL, -1);
            sessionExpiryS = expiry == -1 ? -2 : expiry & 0xFFFF_FFFFL;
            if (sessionExpiryS > 0 && sessionEndsWithConnection)
            {
                // MQTT 3.14.2-2: a session that had no expiry cannot be given one by DISCONNECT.
                disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR);
                return;
            }
        }
        closedSent = true;
        offer(ctx, new MqttCommand.Closed(connectionId, publishWill, sessionExpiryS));
        ctx.close();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (connected && !closedSent)
        {
            closedSent = true;
            offer(ctx, new MqttCommand.Closed(connectionId, true, -2));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event instanceof IdleStateEvent)
        {
            if (ctx.channel().config().isAutoRead())
            {
                disconnect(ctx, MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT);
            }
            // Else the broker is not reading (back-pressure, flow control): the silence is not the client's.
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        // I/O errors (a reset connection) and TLS failures end a connection normally; anything else is a bug in
        // handling what the client sent, kept for tests (the fuzz test fails on it). Either way only this
        // connection ends.
        final boolean tlsFailure = cause instanceof io.netty.handler.codec.DecoderException &&
            cause.getCause() instanceof javax.net.ssl.SSLException;
        if (!(cause instanceof java.io.IOException) && !tlsFailure && null == unexpectedFailure)
        {
            unexpectedFailure = cause;
        }
        ctx.close();
    }

    /**
     * @return the first exception other than an I/O or TLS failure that ended this connection, or null.
     */
    Throwable unexpectedFailure()
    {
        return unexpectedFailure;
    }

    /**
     * Hands a command to the conductor, in order; while its queue is full, stops reading the client.
     */
    void offer(final ChannelHandlerContext ctx, final MqttCommand command)
    {
        if (backlog.isEmpty() && gateway.offer(command))
        {
            return;
        }
        backlog.add(command);
        if (backlog.size() == 1)
        {
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> retry(ctx), RETRY_NS, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The conductor's flow control (a destination over its memory limit): the client is not read while blocked,
     * whatever the inbound queue does.
     */
    void flowControl(final ChannelHandlerContext ctx, final boolean blocked)
    {
        flowBlocked = blocked;
        if (connected)
        {
            ctx.channel().config().setAutoRead(!blocked && backlog.isEmpty());
        }
    }

    private void retry(final ChannelHandlerContext ctx)
    {
        while (!backlog.isEmpty() && gateway.offer(backlog.peek()))
        {
            backlog.poll();
        }
        if (backlog.isEmpty())
        {
            if (connected && !flowBlocked)
            {
                ctx.channel().config().setAutoRead(true);
            }
        }
        else
        {
            ctx.executor().schedule(() -> retry(ctx), RETRY_NS, TimeUnit.NANOSECONDS);
        }
    }

    static String utf8(final byte[] bytes)
    {
        return null == bytes ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
