package io.aeolus.transport;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedded driver that receives over UDP waits on its sockets once it parks a millisecond or more, so a datagram
 * wakes it, and wakes the threads registered as readers of its images after it received data (not for heartbeats).
 */
@Timeout(60)
class SocketWakeUpsTest
{
    private final String senderDir = "/dev/shm/aeolus-test-wake-s-" + UUID.randomUUID();
    private final String receiverDir = "/dev/shm/aeolus-test-wake-r-" + UUID.randomUUID();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(resources.get(i));
        }
        for (final String dir : List.of(senderDir, receiverDir))
        {
            IoUtil.delete(new File(dir), true);
            Files.deleteIfExists(DriverDirectoryOwner.lockFile(dir));
        }
    }

    @Test
    void shouldWakeReadersForDataAndBeWokenByArrivingDatagrams() throws Exception
    {
        final EmbeddedMediaDriver receiverDriver = open(EmbeddedMediaDriver.launch(receiverDir, 64 * 1024, true,
            (t) -> { }));
        final EmbeddedMediaDriver senderDriver = open(EmbeddedMediaDriver.launch(senderDir, 64 * 1024, true,
            (t) -> { }));
        final AtomicInteger readerWakeUps = new AtomicInteger();
        open(receiverDriver.wakeOnReceive(readerWakeUps::incrementAndGet));

        final String channel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final Aeron receiver = open(Aeron.connect(new Aeron.Context().aeronDirectoryName(receiverDir)));
        final Aeron sender = open(Aeron.connect(new Aeron.Context().aeronDirectoryName(senderDir)));
        final Subscription subscription = open(receiver.addSubscription(channel, 4242));
        final Publication publication = open(sender.addPublication(channel, 4242));
        await(publication::isConnected, "publication connected");
        await(() -> receiverDriver.socketWakeUps() > 0, "the receiving driver woken by a datagram (setup, heartbeat)");
        assertEquals(0, readerWakeUps.get(), "no reader wake-up for setup and heartbeats");

        final UnsafeBuffer message = new UnsafeBuffer("hello".getBytes(StandardCharsets.US_ASCII));
        await(() -> publication.offer(message) > 0, "message offered");
        senderDriver.wake();
        final List<String> received = new ArrayList<>();
        await(() -> subscription.poll((buffer, offset, length, header) ->
            received.add(buffer.getStringWithoutLengthAscii(offset, length)), 1) > 0, "message received");
        assertEquals(List.of("hello"), received);
        await(() -> readerWakeUps.get() > 0, "readers woken after the data arrived");
    }

    private <T extends AutoCloseable> T open(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "timed out waiting for: " + what);
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}
