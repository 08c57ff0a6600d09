package io.aeolus.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The driver's counters tell how far a publication's data has been carried: sent over UDP, read by an IPC
 * subscriber; a subscriber that does not read holds it back.
 */
@Timeout(60)
class EgressProgressTest
{
    @Test
    void shouldFollowTheUdpSenderAndTheIpcSubscriber() throws Exception
    {
        final String dir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(dir, 64 * 1024, true, (t) -> { });
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir)))
        {
            final String udp = "aeron:udp?endpoint=127.0.0.1:" + port;
            try (Subscription subscription = aeron.addSubscription(udp, 7);
                ExclusivePublication publication = aeron.addExclusivePublication(udp, 7))
            {
                awaitConnected(publication);
                offer(publication);
                awaitCarried(aeron, publication);
            }
            try (Subscription subscription = aeron.addSubscription("aeron:ipc", 8);
                ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", 8))
            {
                awaitConnected(publication);
                offer(publication);
                assertTrue(EgressProgress.carriedPosition(aeron.countersReader(), publication) < publication.position(),
                    "an IPC subscriber that has not read holds the position back");
                final long deadlineNs = System.nanoTime() + 10_000_000_000L;
                while (subscription.poll((buffer, offset, length, header) -> { }, 10) == 0 &&
                    System.nanoTime() < deadlineNs)
                {
                    LockSupport.parkNanos(1_000_000);
                }
                awaitCarried(aeron, publication);
            }
        }
    }

    private static void offer(final ExclusivePublication publication)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        while (publication.offer(message) < 0)
        {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void awaitConnected(final ExclusivePublication publication)
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (!publication.isConnected())
        {
            assertTrue(System.nanoTime() < deadlineNs, "publication never connected");
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void awaitCarried(final Aeron aeron, final ExclusivePublication publication)
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        long carried;
        while ((carried = EgressProgress.carriedPosition(aeron.countersReader(), publication)) < publication.position())
        {
            assertTrue(System.nanoTime() < deadlineNs, "never carried: " + carried + " < " + publication.position());
            LockSupport.parkNanos(1_000_000);
        }
        assertEquals(publication.position(), carried, "a position, not 'nothing to wait for'");
    }
}
