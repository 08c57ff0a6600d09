package io.aeolus.broker.mqtt;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class MqttFlusherTest
{
    private final EmbeddedChannel first = new EmbeddedChannel();
    private final EmbeddedChannel second = new EmbeddedChannel();
    private final MqttFlusher flusher = new MqttFlusher();

    @AfterEach
    void close()
    {
        first.finishAndReleaseAll();
        second.finishAndReleaseAll();
    }

    @Test
    void shouldSendTheCyclesPacketsInOrderAtTheFlushOnly()
    {
        final MqttSession one = session(first, 1);
        final MqttSession two = session(second, 2);
        one.write(MqttPackets.pubAck(1, (byte)0, false));
        two.write(MqttPackets.pubAck(7, (byte)0, false));
        one.write(MqttPackets.pubAck(2, (byte)0, false));
        assertNull(first.readOutbound(), "nothing goes out before the flush");

        final int flushed = flusher.flush();

        assertEquals(2, flushed, "one flush per channel written to");
        assertEquals(1, packetId(first.readOutbound()));
        assertEquals(2, packetId(first.readOutbound()));
        assertEquals(7, packetId(second.readOutbound()));
        assertEquals(0, flusher.flush(), "nothing left to flush");
    }

    private MqttSession session(final EmbeddedChannel channel, final long connectionId)
    {
        return new MqttSession(new MqttCommand.Connect(connectionId, channel, "c" + connectionId, "", null, "test",
            false, true, 0, 10, 0, false, null), null, flusher);
    }

    private static int packetId(final Object packet)
    {
        return ((MqttMessageIdVariableHeader)((MqttMessage)packet).variableHeader()).messageId();
    }
}
