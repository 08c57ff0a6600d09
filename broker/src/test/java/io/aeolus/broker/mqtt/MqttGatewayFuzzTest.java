package io.aeolus.broker.mqtt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.security.BrokerSecurity;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the MQTT gateway's network side: any bytes from a client, through Netty's MQTT decoder
 * and the gateway's channel handler (login, alias resolution, filter checks, back-pressure), either are served or
 * end that connection; no exception escapes, none ends the connection unexpectedly, nothing hangs. Half the inputs
 * start with a valid CONNECT (MQTT 3.1.1 or 5, anonymous, a development-mode broker, from this host), so the fuzzer
 * reaches the packets of a logged-in client too. Commands for the conductor are taken and dropped.
 */
class MqttGatewayFuzzTest
{
    private static final int MAX_PACKET_SIZE = 4096;
    private static final byte[] CONNECT_V311 = {
        0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3C, 0x00, 0x02, 'f', 'z' };
    private static final byte[] CONNECT_V5 = {
        0x10, 0x0F, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C, 0x00, 0x00, 0x02, 'f', 'z' };

    private static MqttGateway gateway;
    private static MqttServer server;
    private static long nextConnectionId = 1;

    @BeforeAll
    static void startServer()
    {
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        gateway = new MqttGateway(new MqttSettings(new InetSocketAddress("127.0.0.1", 0), MAX_PACKET_SIZE, 16, 1024,
            false, TopicWildcards.DEFAULT), security);
        server = MqttServer.start(gateway, security);
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @FuzzTest(maxDuration = "30m", maxExecutions = 1_000_000)
    void shouldServeOrCloseOnAnyBytes(final FuzzedDataProvider data) throws InterruptedException
    {
        final int prefix = data.consumeInt(0, 2);
        final int cut = data.consumeInt(0, MAX_PACKET_SIZE);
        final byte[] bytes = data.consumeRemainingAsBytes();
        final MqttChannelHandler handler = new MqttChannelHandler(server, gateway, nextConnectionId++);
        final EmbeddedChannel channel = new LocalClientChannel();
        channel.pipeline()
            .addLast("decoder", new MqttDecoder(MAX_PACKET_SIZE, 256))
            .addLast("encoder", MqttEncoder.INSTANCE)
            .addLast("handler", handler);
        try
        {
            if (prefix > 0)
            {
                channel.writeInbound(Unpooled.wrappedBuffer(prefix == 1 ? CONNECT_V311 : CONNECT_V5));
            }
            // In two reads, cut at a fuzzed place: packets split across reads must decode the same.
            final int first = Math.min(cut, bytes.length);
            if (channel.isOpen())
            {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, 0, first));
            }
            if (channel.isOpen())
            {
                channel.writeInbound(Unpooled.wrappedBuffer(bytes, first, bytes.length - first));
            }
            awaitLogins();
            channel.runPendingTasks();
            gateway.drainCommands((command) -> { }, Integer.MAX_VALUE);
            channel.runPendingTasks();
            assertNull(handler.unexpectedFailure(), () -> "connection ended by " + handler.unexpectedFailure());
        }
        finally
        {
            channel.finishAndReleaseAll();
            gateway.drainCommands((command) -> { }, Integer.MAX_VALUE);
        }
    }

    private static void awaitLogins() throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.loginsIdle())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "a password check hangs");
            Thread.sleep(1);
        }
    }

    /**
     * An embedded channel whose client is on this host (the gateway lets anonymous local clients in, in
     * development mode).
     */
    private static final class LocalClientChannel extends EmbeddedChannel
    {
        @Override
        protected SocketAddress remoteAddress0()
        {
            return new InetSocketAddress("127.0.0.1", 40_000);
        }
    }
}
