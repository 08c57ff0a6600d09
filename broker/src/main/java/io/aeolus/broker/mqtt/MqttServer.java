package io.aeolus.broker.mqtt;

import io.aeolus.broker.conductor.ProtocolGateway;
import io.aeolus.broker.security.BrokerSecurity;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslHandler;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The MQTT server: one Netty event loop thread reads and writes every MQTT connection (plain TCP, TLS), and one login
 * thread checks passwords. What clients do goes to the {@link MqttGateway} on the conductor. Started and closed by
 * the broker; close from any thread.
 */
public final class MqttServer implements AutoCloseable
{
    private static final int LOGIN_QUEUE = 256;
    private static final int CLIENT_ID_MAX_LENGTH = 256;
    /** The name of the TLS handler in a TLS connection's pipeline. */
    static final String TLS_HANDLER = "tls";

    private final MqttGateway gateway;
    private final BrokerSecurity security;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor logins;
    private final AtomicLong nextConnectionId = new AtomicLong(ProtocolGateway.CONNECTION_ID_BASE);
    private final Channel serverChannel;
    private final Channel tlsServerChannel;

    private MqttServer(final MqttGateway gateway, final BrokerSecurity security)
    {
        this.gateway = gateway;
        this.security = security;
        final MqttSettings settings = gateway.settings();
        group = new MultiThreadIoEventLoopGroup(1, (Runnable task) -> daemon(task, "aeolus-mqtt"),
            NioIoHandler.newFactory());
        logins = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(LOGIN_QUEUE),
            (Runnable task) -> daemon(task, "aeolus-mqtt-login"));
        Channel plain = null;
        String option = "aeolus.broker.mqtt.endpoint";
        InetSocketAddress endpoint = settings.endpoint();
        try
        {
            plain = null == endpoint ? null : bind(settings, endpoint, null);
            option = MqttTls.ENDPOINT;
            endpoint = settings.tlsEndpoint();
            tlsServerChannel = null == endpoint ? null : bind(settings, endpoint, settings.tls());
            serverChannel = plain;
        }
        catch (final RuntimeException ex)
        {
            if (null != plain)
            {
                plain.close().syncUninterruptibly();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            logins.shutdownNow();
            throw new IllegalStateException(option + ": cannot listen on " + endpoint + ": " + ex.getMessage(), ex);
        }
    }

    private Channel bind(final MqttSettings settings, final InetSocketAddress endpoint, final MqttTls tls)
    {
        return new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
            .childHandler(new ChannelInitializer<SocketChannel>()
            {
                @Override
                protected void initChannel(final SocketChannel channel)
                {
                    if (null != tls)
                    {
                        // The JDK's SSLEngine; a failed handshake closes the connection before any MQTT is read.
                        channel.pipeline().addLast(TLS_HANDLER, new SslHandler(tls.newEngine()));
                    }
                    channel.pipeline()
                        .addLast("decoder", new MqttDecoder(settings.maxPacketSize(), CLIENT_ID_MAX_LENGTH))
                        .addLast("encoder", MqttEncoder.INSTANCE)
                        .addLast("handler", new MqttChannelHandler(MqttServer.this, gateway,
                            nextConnectionId.incrementAndGet()));
                }
            })
            .bind(endpoint).syncUninterruptibly().channel();
    }

    /**
     * Listens on the settings' endpoint.
     *
     * @param gateway  the conductor side, already attached to the conductor.
     * @param security the broker's security.
     * @return the running server.
     * @throws IllegalStateException if the endpoint cannot be bound.
     */
    public static MqttServer start(final MqttGateway gateway, final BrokerSecurity security)
    {
        return new MqttServer(gateway, security);
    }

    private static Thread daemon(final Runnable task, final String name)
    {
        final Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * @return the address the server listens on with plain TCP (with the port the OS chose for port 0), or null.
     */
    public InetSocketAddress address()
    {
        return null == serverChannel ? null : (InetSocketAddress)serverChannel.localAddress();
    }

    /**
     * @return the address the server listens on with TLS (with the port the OS chose for port 0), or null.
     */
    public InetSocketAddress tlsAddress()
    {
        return null == tlsServerChannel ? null : (InetSocketAddress)tlsServerChannel.localAddress();
    }

    MqttGateway gateway()
    {
        return gateway;
    }

    BrokerSecurity security()
    {
        return security;
    }

    /**
     * Checks a password on the login thread. Event loop thread.
     *
     * @return false if too many checks are waiting: the client is refused as busy.
     */
    boolean checkPassword(final String user, final String password, final Consumer<Set<String>> onResult)
    {
        try
        {
            logins.execute(() -> onResult.accept(security.authenticator().checkPassword(user, password)));
            return true;
        }
        catch (final RejectedExecutionException ex)
        {
            return false;
        }
    }

    /**
     * @return true if no password check is running or waiting (for tests).
     */
    boolean loginsIdle()
    {
        return logins.getActiveCount() == 0 && logins.getQueue().isEmpty();
    }

    /**
     * Stops listening and closes every MQTT connection; their clients see the connection end (wills are the
     * conductor's to publish until it stops).
     */
    public void close()
    {
        if (null != serverChannel)
        {
            serverChannel.close().syncUninterruptibly();
        }
        if (null != tlsServerChannel)
        {
            tlsServerChannel.close().syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        logins.shutdownNow();
    }
}
