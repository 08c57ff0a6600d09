package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the broker wakes its embedded media driver after a duty cycle: only while a client's egress goes over UDP
 * (over IPC the driver moves no frames, and waking it for nothing slowed every round trip on a small host).
 */
@Timeout(60)
class DriverWakeUpTest
{
    @Test
    void shouldNotWakeTheDriverForIpcClients()
    {
        try (ConductorHarness harness = new ConductorHarness())
        {
            harness.connect();
            harness.settle();

            assertFalse(harness.conductor().needsDriverAfter(1), "an IPC client needs no driver");
            assertFalse(harness.conductor().needsDriverAfter(0));
        }
    }

    @Test
    void shouldWakeTheDriverAfterWorkWhileAUdpClientIsConnected() throws Exception
    {
        try (ConductorHarness harness = new ConductorHarness(EngineSettings.defaults(),
            ConductorHarness.START_EPOCH_MS, TimeUnit.SECONDS.toNanos(3)))
        {
            harness.connect();
            harness.connectOn("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort());
            harness.settle();

            assertTrue(harness.conductor().needsDriverAfter(1), "frames to a UDP client go out through the driver");
            assertFalse(harness.conductor().needsDriverAfter(0), "nothing done, nothing to send");

            // Both clients stay silent past the liveness timeout: the conductor closes them.
            harness.advanceMs(4_000);
            harness.advanceMs(4_000);
            assertTrue(harness.conductor().connectionCount() == 0, "connections left: " +
                harness.conductor().connectionCount());
            assertFalse(harness.conductor().needsDriverAfter(1), "the UDP client is gone");
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
