package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the broker wakes its embedded media driver after a duty cycle: after work, whether its clients are on IPC or
 * UDP, never after an idle cycle (an unpark then is a futex call and a runnable thread for nothing).
 */
@Timeout(60)
class DriverWakeUpTest
{
    @Test
    void shouldWakeTheDriverAfterWorkOnlyWithIpcAndUdpClients() throws Exception
    {
        try (ConductorHarness harness = new ConductorHarness(EngineSettings.defaults(),
            ConductorHarness.START_EPOCH_MS, TimeUnit.SECONDS.toNanos(3)))
        {
            harness.connect();
            harness.connectOn("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort());
            harness.settle();

            assertTrue(harness.conductor().needsDriverAfter(1), "work: the driver carries it on");
            assertFalse(harness.conductor().needsDriverAfter(0), "nothing done, nothing to carry");

            // Both clients stay silent past the liveness timeout: the conductor closes them.
            harness.advanceMs(4_000);
            harness.advanceMs(4_000);
            assertEquals(0, harness.conductor().connectionCount());
            assertFalse(harness.conductor().needsDriverAfter(0));
        }
    }

    private static int freeUdpPort() throws SocketException, UnknownHostException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1")))
        {
            return socket.getLocalPort();
        }
    }
}
