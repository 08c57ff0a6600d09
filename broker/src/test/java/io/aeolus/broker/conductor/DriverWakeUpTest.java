package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.transport.codecs.AckMode;
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
 * When the broker wakes its embedded media driver after a duty cycle: only after frames were offered to a client's
 * egress over UDP (over IPC the driver moves no frames, and waking it for nothing slowed every round trip on a small
 * host; woken after every cycle with work, it never parked long with an idle UDP client).
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
    void shouldWakeTheDriverOnlyAfterFramesOfferedToAUdpClient() throws Exception
    {
        try (ConductorHarness harness = new ConductorHarness(EngineSettings.defaults(),
            ConductorHarness.START_EPOCH_MS, TimeUnit.SECONDS.toNanos(3)))
        {
            final TestClientPeer ipc = harness.connect();
            harness.settle();
            assertEquals(0, harness.driverWakeUps(), "an IPC client needs no driver");

            // The answer to the UDP client's connect goes out through the driver: it is woken for that frame, not
            // after every cycle with work.
            harness.connectOn("aeron:udp?endpoint=127.0.0.1:" + freeUdpPort());
            harness.settle();
            final int afterConnect = harness.driverWakeUps();
            assertTrue(afterConnect > 0, "frames to a UDP client go out through the driver");
            for (int i = 0; i < 10; i++)
            {
                harness.doWork();
            }
            assertEquals(afterConnect, harness.driverWakeUps(), "cycles without frames for it wake nobody");
            ipc.createSession(1, AckMode.AUTO);
            assertEquals(afterConnect, harness.driverWakeUps(), "nor does work for an IPC client");
            harness.advanceMs(1_000);
            assertTrue(harness.driverWakeUps() > afterConnect, "the heartbeat to the UDP client needs the driver");

            // Both clients stay silent past the liveness timeout: the conductor closes them.
            harness.advanceMs(4_000);
            harness.advanceMs(4_000);
            assertTrue(harness.conductor().connectionCount() == 0, "connections left: " +
                harness.conductor().connectionCount());
            harness.doWork();
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
