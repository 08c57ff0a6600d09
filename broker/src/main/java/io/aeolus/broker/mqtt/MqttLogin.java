package io.aeolus.broker.mqtt;

import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.SourceAddress;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

/**
 * The CONNECT of one client: the client id (assigned when empty), the session expiry, the will, and the login.
 * A user name and password are checked against the broker's users (the login module's PLAIN check: the users
 * file's SCRAM credential is derived from the password) on the gateway's login thread, since the derivation takes a
 * fraction of a second; over plain TCP passwords arrive in clear, so they are taken from the broker's own host only
 * unless {@code aeolus.broker.mqtt.remote.passwords} says otherwise; over TLS from anywhere. Without a user name, a
 * client of the broker's host is anonymous in development mode only. Event loop thread, except the password check.
 */
final class MqttLogin
{
    private final MqttServer server;
    private final MqttChannelHandler handler;
    private final ChannelHandlerContext ctx;
    private final long connectionId;

    MqttLogin(final MqttServer server, final MqttChannelHandler handler, final ChannelHandlerContext ctx,
        final long connectionId)
    {
        this.server = server;
        this.handler = handler;
        this.ctx = ctx;
        this.connectionId = connectionId;
    }

    void onConnect(final MqttConnectMessage packet)
    {
        final MqttConnectVariableHeader header = packet.variableHeader();
        final MqttConnectPayload payload = packet.payload();
        final boolean isV5 = header.version() == 5;
        final boolean cleanStart = header.isCleanSession();
        String clientId = null == payload.clientIdentifier() ? "" : payload.clientIdentifier();
        final boolean assignedId = clientId.isEmpty();
        if (assignedId)
        {
            if (!isV5 && !cleanStart)
            {
                // MQTT 3.1.3-8: an empty client id needs a clean session.
                refuse(isV5, MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
                    MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
                return;
            }
            clientId = "aeolus-" + Long.toHexString(connectionId);
        }
        final MqttProperties properties = header.properties();
        final long expiryProperty =
            MqttProperty.integer(properties, MqttProperties.SESSION_EXPIRY_INTERVAL, 0) & 0xFFFF_FFFFL;
        final long sessionExpiryS = !isV5 ? (cleanStart ? 0 : -1) : expiryProperty;
        final int receiveMaximum = isV5 ?
            MqttProperty.integer(properties, MqttProperties.RECEIVE_MAXIMUM, 65535) : 65535;
        final int topicAliasMaximum = isV5 ?
            MqttProperty.integer(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM, 0) : 0;
        final MqttCommand.Will will = header.isWillFlag() ? will(header, payload) : null;
        if (header.isWillFlag() && null == will)
        {
            refuse(isV5, MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID,
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        final String source = source(ctx.channel().remoteAddress());
        final String user = header.hasUserName() && null != payload.userName() ? payload.userName() : "";
        final MqttCommand.Connect connect = new MqttCommand.Connect(connectionId, ctx.channel(), clientId, user, null,
            source, isV5, cleanStart, sessionExpiryS, Math.max(1, receiveMaximum), topicAliasMaximum, assignedId,
            will);
        login(connect, header.keepAliveTimeSeconds(), null == payload.passwordInBytes() ? new byte[0] :
            payload.passwordInBytes());
    }

    private void login(final MqttCommand.Connect connect, final int keepAliveS, final byte[] password)
    {
        final String user = connect.user();
        final String source = connect.source();
        final boolean isV5 = connect.isV5();
        final boolean local = SourceAddress.isLocal(source);
        if (user.isEmpty())
        {
            if (server.security().mode() == SecurityMode.DEV && local)
            {
                handler.onLoggedIn(ctx, connect, keepAliveS);
                return;
            }
            server.security().audit().authenticationFailed("anonymous", source, "MQTT", "no user name");
            refuse(isV5, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        final boolean tls = null != ctx.pipeline().get(MqttServer.TLS_HANDLER);
        if (!local && !tls && !server.gateway().settings().remotePasswords())
        {
            server.security().audit().authenticationFailed(user, source, "MQTT",
                "password over plain TCP from another host (aeolus.broker.mqtt.remote.passwords=false)");
            refuse(isV5, MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5,
                MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        // Nothing more is read from the client until its password is checked.
        ctx.channel().config().setAutoRead(false);
        final boolean submitted = server.checkPassword(user, MqttChannelHandler.utf8(password),
            (roles) -> ctx.executor().execute(() -> onChecked(connect, roles, keepAliveS)));
        if (!submitted)
        {
            refuse(isV5, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY,
                MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
        }
    }

    /**
     * @return the will, or null if its topic is invalid.
     */
    private MqttCommand.Will will(final MqttConnectVariableHeader header, final MqttConnectPayload payload)
    {
        if (null != server.gateway().topics().nameProblem(payload.willTopic()))
        {
            return null;
        }
        final MqttProperties willProperties = payload.willProperties();
        return new MqttCommand.Will(MqttChannelHandler.publish(connectionId, 0, header.willQos(),
            payload.willTopic(), header.isWillRetain(), null == payload.willMessageInBytes() ? new byte[0] :
            payload.willMessageInBytes(), willProperties), MqttProperty.integer(willProperties,
            MqttProperties.WILL_DELAY_INTERVAL, 0) & 0xFFFF_FFFFL);
    }

    private void onChecked(final MqttCommand.Connect connect, final Set<String> roles, final int keepAliveS)
    {
        if (null == roles)
        {
            server.security().audit().authenticationFailed(connect.user(), connect.source(), "MQTT",
                "wrong password or unknown user");
            refuse(connect.isV5(), MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD,
                MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return;
        }
        handler.onLoggedIn(ctx, new MqttCommand.Connect(connect.connectionId(), connect.channel(), connect.clientId(),
            connect.user(), Set.copyOf(roles), connect.source(), connect.isV5(), connect.cleanStart(),
            connect.sessionExpiryS(), connect.receiveMaximum(), connect.topicAliasMaximum(), connect.assignedId(),
            connect.will()), keepAliveS);
    }

    private void refuse(final boolean isV5, final MqttConnectReturnCode v5Code, final MqttConnectReturnCode v3Code)
    {
        ctx.writeAndFlush(MqttPackets.connAckRefused(isV5 ? v5Code : v3Code));
        ctx.close();
    }

    private static String source(final SocketAddress address)
    {
        if (address instanceof InetSocketAddress inet && null != inet.getAddress())
        {
            final String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
