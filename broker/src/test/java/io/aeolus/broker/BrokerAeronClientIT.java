package io.aeolus.broker;

import io.aeolus.transport.ClientEndpoint;
import io.aeolus.transport.ClientEndpointContext;
import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.EndpointUri;
import io.aeolus.transport.TransportConfiguration;
import io.aeron.exceptions.ClientTimeoutException;
import io.aeron.exceptions.ConductorServiceTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's Aeron client runs its conductor on the broker conductor's thread, a keeper thread covers for a
 * conductor that does not run it (start, a long duty cycle), and a client that fails for good closes the broker
 * with one fatal log line rather than leave a zombie.
 */
@Timeout(60)
class BrokerAeronClientIT
{
    private static final String AERON_CLIENT_CONDUCTOR = "aeron-client-conductor";

    @TempDir
    Path dataDir;

    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler()
    {
        public void publish(final LogRecord record)
        {
            logged.add(record);
        }

        public void flush()
        {
        }

        public void close()
        {
        }
    };

    @BeforeEach
    void attach()
    {
        Logger.getLogger("io.aeolus.broker").addHandler(capture);
    }

    @AfterEach
    void detach()
    {
        Logger.getLogger("io.aeolus.broker").removeHandler(capture);
    }

    @Test
    void shouldRunTheAeronClientConductorOnTheBrokerConductorThread()
    {
        final long before = threadsNamed(AERON_CLIENT_CONDUCTOR);
        final long keepersBefore = threadsNamed(BrokerAeronClient.KEEPER_THREAD_NAME);

        try (Broker broker = Broker.launch(EmbeddedBroker.isolatedContext(dataDir)))
        {
            assertTrue(broker.aeronClient().isOnConductor());
            assertEquals(before, threadsNamed(AERON_CLIENT_CONDUCTOR), "a thread of Aeron's own for the client");
            assertEquals(keepersBefore + 1, threadsNamed(BrokerAeronClient.KEEPER_THREAD_NAME));
            try (ClientEndpoint client = connect(broker.ipcUrl()))
            {
                assertTrue(client.connectionId() > 0);
            }
        }
    }

    @Test
    void shouldKeepAeronsThreadForTheLowLatencyStrategies()
    {
        final long before = threadsNamed(AERON_CLIENT_CONDUCTOR);

        try (Broker broker = Broker.launch(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.IDLE_STRATEGY, "yield")))
        {
            assertFalse(broker.aeronClient().isOnConductor());
            assertEquals(before + 1, threadsNamed(AERON_CLIENT_CONDUCTOR));
        }
    }

    @Test
    void shouldKeepServingWhenADutyCycleOutlastsTheDriversClientLivenessTimeout() throws Exception
    {
        final String aeronDir = aeronDirectory();
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, true, (t) -> { },
            TransportConfiguration.driverIdleStrategy("driver", "backoff"), TimeUnit.SECONDS.toNanos(4));
            Broker broker = Broker.launch(externalDriverContext(aeronDir)))
        {
            final CountDownLatch stalled = broker.aeronClient().stallNextDutyCycleForTest(TimeUnit.SECONDS.toNanos(6));

            assertTrue(stalled.await(30, TimeUnit.SECONDS), "the conductor did not stall");

            assertNull(broker.aeronClient().fatalCause());
            assertFalse(broker.isClosed());
            try (ClientEndpoint client = connect(broker.ipcUrl()))
            {
                assertTrue(client.connectionId() > 0);
            }
            assertTrue(fatalLines().isEmpty(), fatalLines().toString());
        }
    }

    @Test
    void shouldCloseItselfWithOneFatalLineWhenItsAeronClientTimesOut() throws Exception
    {
        final String aeronDir = aeronDirectory();
        final CountDownLatch fatal = new CountDownLatch(1);
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, true, (t) -> { },
            TransportConfiguration.driverIdleStrategy("driver", "backoff"), TimeUnit.SECONDS.toNanos(2));
            Broker broker = Broker.launch(externalDriverContext(aeronDir).fatalListener(fatal::countDown)))
        {
            // As in a JVM stalled longer than the driver's client liveness timeout: nobody runs the client conductor.
            broker.aeronClient().pauseInvocationForTest(TimeUnit.SECONDS.toNanos(3));

            assertTrue(fatal.await(30, TimeUnit.SECONDS), "the broker did not close itself");

            assertTrue(broker.isClosed());
            final Throwable cause = broker.aeronClient().fatalCause();
            assertTrue(cause instanceof ConductorServiceTimeoutException || cause instanceof ClientTimeoutException,
                String.valueOf(cause));
            final List<String> lines = fatalLines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains(cause.getClass().getSimpleName()), lines.get(0));
        }
    }

    private List<String> fatalLines()
    {
        return logged.stream().filter((record) -> record.getLevel().intValue() >= Level.SEVERE.intValue() &&
            record.getMessage().startsWith("FATAL")).map(LogRecord::getMessage).toList();
    }

    private Broker.Context externalDriverContext(final String aeronDir)
    {
        return EmbeddedBroker.isolatedContext(dataDir)
            .aeronDirectoryName(aeronDir)
            .udpEndpoint("none")
            .set(BrokerConfiguration.EMBEDDED_DRIVER, "false");
    }

    private static String aeronDirectory()
    {
        return "/dev/shm/aeolus-test-" + UUID.randomUUID();
    }

    private static ClientEndpoint connect(final String url)
    {
        return ClientEndpoint.connect(new ClientEndpointContext(EndpointUri.parse(url)));
    }

    private static long threadsNamed(final String name)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .filter((thread) -> thread.isAlive() && thread.getName().equals(name)).count();
    }
}
