package io.aeolus.transport;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.net.DatagramSocket;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code aeolus.client.driver.threading=receiver} a UDP client's embedded media driver runs on the client's
 * receive thread (Aeron's {@code INVOKER} mode): it has no thread of its own, still carries datagrams both ways, is
 * closed with its client, and a client acquired afterwards gets a fresh one that works as well. The default
 * ({@code thread}) and a driver idle strategy set apart keep a thread of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvokedClientDriverTest
{
    private static final int STREAM_ID = 4811;

    @AfterEach
    void clearProperty()
    {
        System.clearProperty(TransportConfiguration.CLIENT_DRIVER_THREADING_PROP_NAME);
    }

    @Test
    void shouldCarryUdpOnTheReceiveThreadWithoutADriverThreadAndAgainAfterARelease() throws Exception
    {
        System.setProperty(TransportConfiguration.CLIENT_DRIVER_THREADING_PROP_NAME, "receiver");
        for (int round = 0; round < 2; round++)
        {
            final SharedAeronClient client = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024,
                "backoff", "backoff");
            final String dir = client.aeron().context().aeronDirectoryName();
            try
            {
                assertEquals(Set.of(), driverThreads(dir), "no thread of the driver's own");
                assertEquals(3, roundTrip(client.aeron(), freeUdpPort(), 3), "datagrams sent and received");
            }
            finally
            {
                client.release();
            }
            assertFalse(new File(dir).exists(), "the driver closed with its client and removed " + dir);
        }
    }

    @Test
    void shouldKeepADriverThreadByDefaultOrWhenTheDriverIdlesApart() throws Exception
    {
        assertDriverThread("backoff", "backoff");
        System.setProperty(TransportConfiguration.CLIENT_DRIVER_THREADING_PROP_NAME, "receiver");
        assertDriverThread("backoff", "yield");
    }

    @Test
    void shouldNameTheThreadingPropertyWhenItsValueIsUnknown()
    {
        System.setProperty(TransportConfiguration.CLIENT_DRIVER_THREADING_PROP_NAME, "invoker");
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024, "backoff", "backoff"));
        assertTrue(refused.getMessage().contains(TransportConfiguration.CLIENT_DRIVER_THREADING_PROP_NAME) &&
            refused.getMessage().contains("'invoker'"), refused.getMessage());
    }

    @Test
    void shouldRefuseInvokerOperationsOnADriverWithAThread()
    {
        final String dir = "/dev/shm/aeolus-test-invoked-" + System.nanoTime();
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(dir, 64 * 1024, true, (t) -> { }))
        {
            assertFalse(driver.isInvoked());
            final IllegalStateException refused = assertThrows(IllegalStateException.class, driver::dutyCycle);
            assertTrue(refused.getMessage().contains(dir), refused.getMessage());
        }
    }

    private static void assertDriverThread(final String idleStrategy, final String driverIdleStrategy)
        throws Exception
    {
        final SharedAeronClient client = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024,
            idleStrategy, driverIdleStrategy);
        try
        {
            final String dir = client.aeron().context().aeronDirectoryName();
            assertFalse(driverThreads(dir).isEmpty(), "a thread of the driver's own");
            assertEquals(2, roundTrip(client.aeron(), freeUdpPort(), 2));
        }
        finally
        {
            client.release();
        }
    }

    /**
     * Sends {@code count} messages over UDP from a publication of this client to a subscription of this client (out
     * through the driver's sender, in through its receiver) and counts what arrives before a deadline.
     */
    private static int roundTrip(final Aeron aeron, final int port, final int count)
    {
        final String channel = "aeron:udp?endpoint=127.0.0.1:" + port;
        try (Subscription subscription = aeron.addSubscription(channel, STREAM_ID);
            Publication publication = aeron.addPublication(channel, STREAM_ID))
        {
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
            final AtomicInteger received = new AtomicInteger();
            final FragmentHandler handler = (buffer, offset, length, header) -> received.incrementAndGet();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int sent = 0;
            while (received.get() < count && System.nanoTime() - deadlineNs < 0)
            {
                if (sent < count && publication.offer(message, 0, message.capacity()) > 0)
                {
                    sent++;
                }
                if (0 == subscription.poll(handler, 10))
                {
                    Thread.yield();
                }
            }
            return received.get();
        }
    }

    private static Set<String> driverThreads(final String aeronDir)
    {
        // Aeron names a driver's threads after its directory; its name-resolution executor exists in either mode.
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
            .filter((name) -> name.contains(aeronDir) && !name.startsWith("async-task-executor"))
            .collect(Collectors.toSet());
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }
}
