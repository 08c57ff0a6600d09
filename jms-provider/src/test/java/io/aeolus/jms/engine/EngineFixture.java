package io.aeolus.jms.engine;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * What the engine's integration tests share: a broker per test, started with the configuration the test needs,
 * connections closed after each test, and polled waits with deadlines instead of sleeps.
 */
abstract class EngineFixture
{
    /** Time within which an expected message must arrive. */
    static final long RECEIVE_MS = 10_000;

    @TempDir
    Path dataDir;

    EmbeddedBroker broker;
    private final List<Connection> connections = new ArrayList<>();

    /**
     * @return a context for an isolated broker, to configure before {@link #start(Broker.Context)}.
     */
    Broker.Context context()
    {
        return EmbeddedBroker.isolatedContext(dataDir);
    }

    void start(final Broker.Context context)
    {
        broker = EmbeddedBroker.start(context);
    }

    @AfterEach
    void stop() throws JMSException
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        connections.clear();
        if (null != broker)
        {
            broker.close();
        }
    }

    /**
     * @param options URL options such as "prefetch=1"; empty for none.
     * @return a new connection, not started, closed after the test.
     */
    Connection connect(final String options) throws JMSException
    {
        final String base = broker.ipcUrl();
        final String url = options.isEmpty() ? base : base + (base.contains("?") ? "&" : "?") + options;
        final Connection connection = new AeolusConnectionFactory(url).createConnection();
        connections.add(connection);
        return connection;
    }

    static void awaitCondition(final String what, final BooleanSupplier condition, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
