package io.aeolus.jms.spec;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What the specification tests share: one isolated broker per test class, destination and client id names unique
 * to the running test, connections closed after each test, and the waits (receive timeouts, polled conditions with
 * a deadline) the tests use instead of sleeping.
 */
abstract class SpecFixture
{
    /** Time within which an expected message must arrive. */
    static final long RECEIVE_MS = 5_000;
    /** Time a receive waits to show that a message does not arrive. */
    static final long ABSENT_MS = 300;

    @TempDir
    static Path dataDir;

    static EmbeddedBroker broker;

    private final List<Connection> connections = new ArrayList<>();
    String name;

    @BeforeAll
    static void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
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
    }

    @AfterEach
    void closeConnections() throws JMSException
    {
        for (final Connection connection : connections)
        {
            connection.close();
        }
        connections.clear();
    }

    /**
     * @return a new connection to the broker, not started, closed after the test.
     */
    Connection connect() throws JMSException
    {
        return connect("");
    }

    /**
     * @param options URL options to add, such as "prefetch=0"; empty for none.
     * @return a new connection to the broker, not started, closed after the test.
     */
    Connection connect(final String options) throws JMSException
    {
        final String url = options.isEmpty() ? broker.ipcUrl() : broker.ipcUrl() + "&" + options;
        final Connection connection = new AeolusConnectionFactory(url).createConnection();
        connections.add(connection);
        return connection;
    }

    /**
     * @return a new started connection.
     */
    Connection started() throws JMSException
    {
        final Connection connection = connect();
        connection.start();
        return connection;
    }

    /**
     * @param suffix distinguishes several client ids within one test.
     * @return a client id unique to the running test.
     */
    String clientId(final String suffix)
    {
        return name + "-" + suffix;
    }

    /**
     * Sends text messages, each with an int property "seq" counting from 0, from a session of its own.
     */
    void sendTexts(final Connection connection, final Destination destination, final String... texts)
        throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try
        {
            final MessageProducer producer = session.createProducer(destination);
            for (int i = 0; i < texts.length; i++)
            {
                final TextMessage message = session.createTextMessage(texts[i]);
                message.setIntProperty("seq", i);
                producer.send(message);
            }
        }
        finally
        {
            session.close();
        }
    }

    /**
     * Receives the next message and checks its text.
     *
     * @return the message.
     */
    static TextMessage receiveText(final MessageConsumer consumer, final String expected) throws JMSException
    {
        final Message message = consumer.receive(RECEIVE_MS);
        assertNotNull(message, "expected '" + expected + "' within " + RECEIVE_MS + " ms, got nothing");
        final TextMessage text = (TextMessage)message;
        assertEquals(expected, text.getText());
        return text;
    }

    /**
     * Receives whatever arrives until nothing more does within {@link #ABSENT_MS}.
     *
     * @return the texts received, in order.
     */
    static List<String> drain(final MessageConsumer consumer) throws JMSException
    {
        final List<String> texts = new ArrayList<>();
        Message message;
        while (null != (message = consumer.receive(ABSENT_MS)))
        {
            texts.add(((TextMessage)message).getText());
        }
        return texts;
    }

    /**
     * Polls a condition until it holds, failing after the timeout.
     */
    static void awaitCondition(final String what, final BooleanSupplier condition, final Duration timeout)
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError(what + ": not within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Waits until the wall clock has passed a time, such as a message's expiration.
     */
    static void awaitClockPast(final long epochMs)
    {
        awaitCondition("clock past " + epochMs, () -> System.currentTimeMillis() > epochMs, Duration.ofSeconds(30));
    }
}
