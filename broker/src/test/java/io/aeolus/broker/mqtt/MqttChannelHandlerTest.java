package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.TopicWildcards;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event loop side of an MQTT connection: when the conductor's bounded inbound queue is full, a client's commands
 * wait in its handler, in order, and the client is not read until the conductor has taken them; flow control and
 * keep-alive agree with that pause; a connection without CONNECT is closed.
 */
@Timeout(30)
class MqttChannelHandlerTest
{
    private static final int CAPACITY = 16;
    private static final int PUBLISHES = 40;
    private static final long CONNECTION_ID = 7;

    private final MqttGateway gateway = new MqttGateway(new MqttSettings(new InetSocketAddress("127.0.0.1", 0),
        64 * 1024, 100, CAPACITY, false, TopicWildcards.DEFAULT), null);
    private final MqttChannelHandler handler = new MqttChannelHandler(null, gateway, CONNECTION_ID);
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldStopReadingWhileTheQueueIsFullAndKeepEveryCommandInOrder()
    {
        final ChannelHandlerContext ctx = channel.pipeline().context(handler);
        handler.onLoggedIn(ctx, new MqttCommand.Connect(CONNECTION_ID, channel, "bp", "", null, "test", true, true,
            0, 100, 0, false, null), 0);
        assertTrue(channel.config().isAutoRead(), "read while the queue has room");

        for (int i = 0; i < PUBLISHES; i++)
        {
            channel.writeInbound(MqttMessageBuilders.publish().topicName("bp/t").qos(MqttQoS.AT_MOST_ONCE)
                .messageId(0).payload(Unpooled.wrappedBuffer(Integer.toString(i).getBytes(StandardCharsets.UTF_8)))
                .build());
        }

        assertFalse(channel.config().isAutoRead(), "not read while the conductor's queue is full");
        final List<MqttCommand> taken = new ArrayList<>();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taken.size() < PUBLISHES + 1 || !channel.config().isAutoRead())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "taken " + taken.size() + " of " + (PUBLISHES + 1) +
                ", reading " + channel.config().isAutoRead());
            gateway.drainCommands(taken::add, 4);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            channel.runScheduledPendingTasks();
        }
        assertEquals(PUBLISHES + 1, taken.size());
        assertInstanceOf(MqttCommand.Connect.class, taken.get(0));
        for (int i = 0; i < PUBLISHES; i++)
        {
            final MqttCommand.Publish publish = assertInstanceOf(MqttCommand.Publish.class, taken.get(i + 1));
            assertEquals(Integer.toString(i), new String(publish.payload(), StandardCharsets.UTF_8));
            assertEquals("bp/t", publish.topic());
        }
    }
    @Test
    void shouldNotTimeOutAKeepAliveWhileTheBrokerIsNotReading()
    {
        final ChannelHandlerContext ctx = channel.pipeline().context(handler);
        handler.onLoggedIn(ctx, new MqttCommand.Connect(CONNECTION_ID, channel, "bp", "", null, "test", true, true,
            0, 100, 0, false, null), 1);
        fillQueue();
        assertFalse(channel.config().isAutoRead());

        // Silence the broker caused is not the client's: no keep-alive timeout while reading is paused.
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);

        assertTrue(channel.isActive(), "still connected while the broker was not reading");
        channel.config().setAutoRead(true);
        channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertFalse(channel.isActive(), "a silent client the broker was reading is disconnected");
    }

    @Test
    void shouldKeepAFlowControlBlockWhenTheQueueDrains()
    {
        final ChannelHandlerContext ctx = channel.pipeline().context(handler);
        handler.onLoggedIn(ctx, new MqttCommand.Connect(CONNECTION_ID, channel, "bp", "", null, "test", true, true,
            0, 100, 0, false, null), 0);
        fillQueue();
        handler.flowControl(ctx, true);

        final List<MqttCommand> taken = new ArrayList<>();
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (taken.size() < PUBLISHES + 1)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "taken " + taken.size());
            gateway.drainCommands(taken::add, 4);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            channel.runScheduledPendingTasks();
        }
        channel.runPendingTasks();

        assertFalse(channel.config().isAutoRead(), "still blocked by flow control after the queue drained");
        handler.flowControl(ctx, false);
        assertTrue(channel.config().isAutoRead(), "read again once flow control lets it");
    }

    @Test
    void shouldCloseAConnectionThatNeverSendsConnect()
    {
        channel.freezeTime();
        channel.advanceTimeBy(MqttChannelHandler.CONNECT_TIMEOUT_S - 1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isActive(), "open while CONNECT may still come");

        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertFalse(channel.isActive(), "closed: no CONNECT within " + MqttChannelHandler.CONNECT_TIMEOUT_S + " s");
    }

    private void fillQueue()
    {
        for (int i = 0; i < PUBLISHES; i++)
        {
            channel.writeInbound(MqttMessageBuilders.publish().topicName("bp/t").qos(MqttQoS.AT_MOST_ONCE)
                .messageId(0).payload(Unpooled.wrappedBuffer(Integer.toString(i).getBytes(StandardCharsets.UTF_8)))
                .build());
        }
    }
}
