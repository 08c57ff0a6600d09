package io.aeolus.jms.server;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the connection consumer tests share: one isolated broker per class (three delivery attempts before a message
 * is dead-lettered), names unique to the running test, and connections and pools closed after each test.
 */
abstract class ConnectionConsumerFixture
{
    static final int MAX_ATTEMPTS = 3;
    static final long RECEIVE_MS = 10_000;
    static final long ABSENT_MS = 300;
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    static EmbeddedBroker broker;

    private final List<Connection> connections = new ArrayList<>();
    private final List<TestServerSessionPool> pools = new ArrayList<>();
    AeolusConnectionFactory factory;
    String name;

    @BeforeAll
    static void startBroker()
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MAX_DELIVERY_ATTEMPTS, Integer.toString(MAX_ATTEMPTS)));
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @BeforeEach
    void nameTest(final TestInfo info)
    {
        name = info.getTestClass().orElseThrow().getSimpleName() + "." + info.getTestMethod().orElseThrow().getName();
        factory = new AeolusConnectionFactory(broker.ipcUrl());
    }

    @AfterEach
    void closeAll() throws Exception
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        connections.clear();
        for (final TestServerSessionPool pool : pools)
        {
            pool.close();
        }
        pools.clear();
    }

    /**
     * @return a new connection, not started, closed after the test.
     */
    Connection connect() throws JMSException
    {
        return track(factory.createConnection());
    }

    <C extends Connection> C track(final C connection)
    {
        connections.add(connection);
        return connection;
    }

    TestServerSessionPool pool(final Connection connection, final TestServerSessionPool.Mode mode, final int size,
        final MessageListener listener) throws JMSException
    {
        final TestServerSessionPool pool = new TestServerSessionPool(connection, mode, size, listener);
        pools.add(pool);
        return pool;
    }

    /**
     * Sends text messages "prefix-0" ... from a connection and session of their own.
     */
    void send(final Destination destination, final String prefix, final int count) throws JMSException
    {
        try (Connection connection = factory.createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(destination);
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage(prefix + "-" + i));
            }
        }
    }

    /**
     * @return the texts left on a queue, received until nothing more comes within {@link #ABSENT_MS}.
     */
    List<String> drain(final Destination destination) throws JMSException
    {
        final List<String> texts = new ArrayList<>();
        try (Connection connection = factory.createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(destination);
            Message message;
            while (null != (message = consumer.receive(ABSENT_MS)))
            {
                texts.add(((TextMessage)message).getText());
            }
        }
        return texts;
    }

    static void assertPoolHealthy(final TestServerSessionPool pool)
    {
        assertNull(pool.failure(), () -> "a pool thread failed: " + pool.failure());
    }

    static String text(final Message message)
    {
        try
        {
            return ((TextMessage)message).getText();
        }
        catch (final JMSException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static void awaitCondition(final String what, final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within " + WAIT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
