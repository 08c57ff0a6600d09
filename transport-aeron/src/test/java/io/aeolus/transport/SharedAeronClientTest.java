package io.aeolus.transport;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import org.agrona.concurrent.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SharedAeronClientTest
{
    private static final int STREAM_ID = 4711;

    @Test
    void shouldRunAeronsConductorOnTheReceiveThreadWhenItBacksOff()
    {
        final SharedAeronClient client = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024,
            "backoff", "backoff");
        try
        {
            final Aeron aeron = client.aeron();
            assertTrue(aeron.context().useConductorAgentInvoker(), "no Aeron conductor thread of its own");
            final Subscription subscription = aeron.addSubscription("aeron:ipc", STREAM_ID);
            // A publication of another client: its image reaches this client only through this client's conductor,
            // which nothing but the receive thread runs now.
            try (Aeron other = Aeron.connect(new Aeron.Context().aeronDirectoryName(
                aeron.context().aeronDirectoryName()));
                Publication publication = other.addPublication("aeron:ipc", STREAM_ID))
            {
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (0 == subscription.imageCount() && System.nanoTime() - deadlineNs < 0)
                {
                    Thread.yield();
                }
                assertTrue(subscription.imageCount() > 0, "the receive thread ran the conductor");
                assertTrue(publication.isConnected());
            }
            subscription.close();
        }
        finally
        {
            client.release();
        }
    }

    @Test
    void shouldKnowItsReceiveThreadWhateverItsName()
    {
        final SharedAeronClient client = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024,
            "backoff", "backoff");
        final CompletableFuture<Boolean> onReceiveThread = new CompletableFuture<>();
        final Agent probe = new Agent()
        {
            public int doWork()
            {
                onReceiveThread.complete(SharedAeronClient.isReceiveThread());
                return 0;
            }

            public String roleName()
            {
                return "probe";
            }
        };
        try
        {
            client.addReceiver(probe);
            assertTrue(onReceiveThread.join(), "the receive thread does not know itself");
            assertFalse(SharedAeronClient.isReceiveThread(), "another thread takes itself for the receive thread");
            client.removeReceiver(probe);
        }
        finally
        {
            client.release();
        }
    }

    @Test
    void shouldKeepAeronsConductorThreadForTheLowLatencyStrategies()
    {
        final SharedAeronClient client = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024,
            "yield", "backoff");
        try
        {
            assertFalse(client.aeron().context().useConductorAgentInvoker());
        }
        finally
        {
            client.release();
        }
    }
}
