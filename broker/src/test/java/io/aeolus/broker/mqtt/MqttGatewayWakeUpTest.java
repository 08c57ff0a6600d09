package io.aeolus.broker.mqtt;

import io.aeolus.broker.engine.TopicWildcards;
import io.aeolus.broker.security.BrokerSecurity;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command the event loop queues for the conductor wakes the conductor (which may be parked: nothing else tells it
 * an MQTT packet waits); a command the full queue refuses does not.
 */
@Timeout(10)
class MqttGatewayWakeUpTest
{
    private static final int CAPACITY = 16;

    @Test
    void shouldWakeTheConductorForEveryCommandQueued()
    {
        final MqttGateway gateway = new MqttGateway(new MqttSettings(new InetSocketAddress("127.0.0.1", 0), 4096, 16,
            CAPACITY, false, TopicWildcards.DEFAULT), BrokerSecurity.development(new CachedEpochClock()));
        final AtomicInteger wakeUps = new AtomicInteger();
        gateway.conductorWaker(wakeUps::incrementAndGet);

        for (int i = 1; i <= CAPACITY; i++)
        {
            assertTrue(gateway.offer(new MqttCommand.Ack(1, i, MqttCommand.AckKind.PUBACK)));
        }
        final boolean refused = !gateway.offer(new MqttCommand.Ack(1, 99, MqttCommand.AckKind.PUBACK));

        assertTrue(refused, "the queue is full");
        assertEquals(CAPACITY, wakeUps.get(), "one wake-up per queued command, none for the refused one");
        assertEquals(CAPACITY, gateway.drainCommands((command) -> { }, Integer.MAX_VALUE));
        assertFalse(gateway.drainCommands((command) -> { }, Integer.MAX_VALUE) > 0);
    }
}
