package io.aeolus.broker;

import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.EndpointUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code aeolus.broker.driver.threading=conductor} and the default {@code backoff} strategy the broker's conductor
 * runs its embedded media driver (Aeron's INVOKER mode): the driver has no thread of its own, UDP
 * and IPC clients are served, a duty cycle that stalls longer than the Aeron client's driver timeout is covered by
 * the keeper, and the driver's directory goes with the broker. {@code thread}, the default, keeps the driver's own
 * thread.
 */
@Timeout(90)
class BrokerInvokedDriverIT
{
    @TempDir
    Path dataDir;

    @Test
    void shouldServeUdpAndIpcClientsWithTheDriverOnTheConductor()
    {
        final Broker.Context ctx = onConductor();
        final String aeronDir;
        try (Broker broker = Broker.launch(ctx))
        {
            aeronDir = ctx.aeronDirectoryName();
            assertEquals(Set.of(), driverThreads(aeronDir), "no thread of the driver's own");
            assertConnects(broker.udpUrl());
            assertConnects(broker.ipcUrl());
        }
        assertFalse(new File(aeronDir).exists(), "the driver closed with the broker and removed " + aeronDir);
    }

    @Test
    void shouldKeepServingUdpClientsWhenADutyCycleOutlastsTheDriverTimeout() throws Exception
    {
        try (Broker broker = Broker.launch(onConductor()))
        {
            assertConnects(broker.udpUrl());
            // The broker's Aeron client fails for good when the driver has not run for 10 s (its driver timeout):
            // nobody but the keeper runs the driver while the conductor stalls.
            final CountDownLatch stalled = broker.aeronClient().stallNextDutyCycleForTest(TimeUnit.SECONDS.toNanos(11));

            assertTrue(stalled.await(30, TimeUnit.SECONDS), "the conductor did not stall");

            assertNull(broker.aeronClient().fatalCause());
            assertFalse(broker.isClosed());
            assertConnects(broker.udpUrl());
        }
    }

    @Test
    void shouldKeepTheDriversThreadByDefault()
    {
        final Broker.Context ctx = EmbeddedBroker.isolatedContext(dataDir);
        try (Broker broker = Broker.launch(ctx))
        {
            assertFalse(driverThreads(ctx.aeronDirectoryName()).isEmpty(), "a thread of the driver's own");
            assertConnects(broker.udpUrl());
        }
    }

    private Broker.Context onConductor()
    {
        return EmbeddedBroker.isolatedContext(dataDir).set(BrokerConfiguration.DRIVER_THREADING, "conductor");
    }

    private static void assertConnects(final String url)
    {
        try (ClientEndpoint client = connect(url))
        {
            assertTrue(client.connectionId() > 0, url);
        }
    }

    private static ClientEndpoint connect(final String url)
    {
        return ClientEndpoint.connect(new ClientEndpointContext(EndpointUri.parse(url)));
    }

    private static Set<String> driverThreads(final String aeronDir)
    {
        // Aeron names a driver's threads after its directory; its name-resolution executor exists in either mode.
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
            .filter((name) -> name.contains(aeronDir) && !name.startsWith("async-task-executor"))
            .collect(Collectors.toSet());
    }
}
