package io.aeolus.broker.bridge;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance test of the JMS bridge against a crash: ActiveMQ Artemis runs as a process of its own
 * ({@link ArtemisServerMain}), one bridge each way, and the Artemis process is killed with {@code SIGKILL} while a
 * producer keeps sending into the Aeolus source, then started again on the same journal. Nothing is lost, and nothing
 * arrives twice: by the README's list, duplicates reach a target only when the bridge's own process restarts, when a
 * send fails in doubt to a target that does not de-duplicate, or beyond the duplicate window. Here the bridge's
 * process (this JVM) stays up, the in-doubt sends go to Artemis, which drops them by {@code _AMQ_DUPL_ID} (its
 * duplicate-id cache is journaled with the message, so it survives the kill), and a message Artemis delivers again
 * because the kill took its commit is dropped by the bridge's window ({@code duplicatesDropped}).
 */
@Timeout(150)
class ArtemisKillBridgeIT
{
    private static final int FROM_ARTEMIS_PER_PHASE = 200;
    private static final int MIN_TO_ARTEMIS_AFTER_RESTART = 50;
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path dir;

    private EmbeddedBroker aeolus;
    private ArtemisProcess artemis;
    private int artemisPort;
    private Bridges bridges;

    @BeforeEach
    void start() throws Exception
    {
        aeolus = EmbeddedBroker.startIsolated(dir.resolve("aeolus"));
        try (ServerSocket socket = new ServerSocket(0))
        {
            artemisPort = socket.getLocalPort();
        }
        artemis = ArtemisProcess.start(dir.resolve("artemis"), artemisPort, dir.resolve("artemis.log"));
    }

    @AfterEach
    void stop() throws Exception
    {
        if (null != bridges)
        {
            bridges.close();
        }
        if (null != artemis)
        {
            artemis.close();
        }
        if (null != aeolus)
        {
            aeolus.close();
        }
    }

    @Test
    void shouldLoseAndRepeatNothingWhenArtemisIsKilledMidStream() throws Exception
    {
        final long killedPid;
        final long forwardedToAeolusAtKill;
        final int sentAtKill;
        bridges = new Bridges();
        bridges.create(BridgeConfig.parse("to-artemis", toArtemisOptions()));
        bridges.create(BridgeConfig.parse("to-aeolus", toAeolusOptions()));
        final AeolusConnectionFactory aeolusFactory = new AeolusConnectionFactory(aeolus.ipcUrl());
        try (Connection connection = aeolusFactory.createConnection();
            ContinuousProducer producer = new ContinuousProducer(connection, "to.artemis"))
        {
            try (Connection artemisConnection = artemisFactory().createConnection())
            {
                send(artemisConnection, "to.aeolus", 0, FROM_ARTEMIS_PER_PHASE);
            }
            await(() -> bridges.metrics("to-artemis").forwarded() >= 20 &&
                bridges.metrics("to-aeolus").forwarded() >= 20, "both bridges forwarding");

            killedPid = artemis.pid();
            artemis.kill();
            forwardedToAeolusAtKill = bridges.metrics("to-aeolus").forwarded();
            await(() -> bridges.metrics("to-artemis").failures() >= 1 &&
                bridges.metrics("to-aeolus").failures() >= 1, "both bridges seeing Artemis gone");
            sentAtKill = producer.sent();

            artemis = ArtemisProcess.start(dir.resolve("artemis"), artemisPort, dir.resolve("artemis.log"));
            await(() -> bridges.metrics("to-artemis").state() == BridgeState.RUNNING &&
                bridges.metrics("to-aeolus").state() == BridgeState.RUNNING, "both bridges running again");
            try (Connection artemisConnection = artemisFactory().createConnection())
            {
                send(artemisConnection, "to.aeolus", FROM_ARTEMIS_PER_PHASE, 2 * FROM_ARTEMIS_PER_PHASE);
            }
            await(() -> producer.sent() >= sentAtKill + MIN_TO_ARTEMIS_AFTER_RESTART, "sends after the restart");
            final int sent = producer.finish();

            try (Connection artemisConnection = artemisFactory().createConnection())
            {
                assertExactlyOnce(artemisConnection, "from.aeolus", sent, "_AMQ_DUPL_ID");
            }
            assertExactlyOnce(connection, "from.artemis", 2 * FROM_ARTEMIS_PER_PHASE,
                BridgeConfig.DEFAULT_ID_PROPERTY);
        }
        System.out.println("killed Artemis (pid " + killedPid + ") with " + forwardedToAeolusAtKill + " of " +
            2 * FROM_ARTEMIS_PER_PHASE + " forwarded from it and " + sentAtKill + " sent to Aeolus; after: " +
            bridges.list());
        for (final BridgeMetrics metrics : bridges.list())
        {
            assertTrue(metrics.failures() >= 1, metrics.toString());
            assertTrue(metrics.reconnects() >= 1, metrics.toString());
            assertEquals(BridgeState.RUNNING, metrics.state(), metrics.toString());
        }
        // Aeolus stays up, so every send to it succeeds once: a redelivery from Artemis is dropped, not sent again.
        assertEquals(2 * FROM_ARTEMIS_PER_PHASE, bridges.metrics("to-aeolus").forwarded(),
            bridges.metrics("to-aeolus").toString());
    }

    private Map<String, String> toArtemisOptions()
    {
        final Map<String, String> options = new HashMap<>();
        aeolusSide(options, "source.", "queue:to.artemis");
        artemisSide(options, "target.", "queue:from.aeolus");
        options.put("id.property", "_AMQ_DUPL_ID");
        options.put("reconnect.delay", "50ms");
        options.put("reconnect.max.delay", "500ms");
        return options;
    }

    private Map<String, String> toAeolusOptions()
    {
        final Map<String, String> options = new HashMap<>();
        artemisSide(options, "source.", "queue:to.aeolus");
        aeolusSide(options, "target.", "queue:from.artemis");
        options.put("reconnect.delay", "50ms");
        options.put("reconnect.max.delay", "500ms");
        return options;
    }

    private void aeolusSide(final Map<String, String> options, final String prefix, final String destination)
    {
        options.put(prefix + "jndi.java.naming.factory.initial", "io.aeolus.jms.jndi.AeolusInitialContextFactory");
        options.put(prefix + "jndi.connectionFactory.ConnectionFactory", aeolus.ipcUrl());
        options.put(prefix + "destination", destination);
    }

    private void artemisSide(final Map<String, String> options, final String prefix, final String destination)
    {
        options.put(prefix + "jndi.java.naming.factory.initial",
            "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory");
        options.put(prefix + "jndi.connectionFactory.Artemis",
            "tcp://127.0.0.1:" + artemisPort + ArtemisServerMain.NO_EPOLL);
        options.put(prefix + "connection.factory", "Artemis");
        options.put(prefix + "destination", destination);
    }

    private ActiveMQConnectionFactory artemisFactory()
    {
        return new ActiveMQConnectionFactory(false, new TransportConfiguration(NettyConnectorFactory.class.getName(),
            Map.of("host", "127.0.0.1", "port", artemisPort, "useEpoll", false)));
    }

    private static void send(final Connection connection, final String queue, final int from, final int to)
        throws JMSException
    {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = from; i < to; i++)
            {
                final Message message = session.createTextMessage("message " + i);
                message.setIntProperty("seq", i);
                producer.send(message);
            }
        }
    }

    private static void assertExactlyOnce(final Connection connection, final String queue, final int count,
        final String idProperty) throws JMSException
    {
        connection.start();
        final List<Integer> received = new ArrayList<>();
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
        {
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            final long deadline = System.currentTimeMillis() + WAIT_MS;
            while (received.size() < count && System.currentTimeMillis() < deadline)
            {
                final Message message = consumer.receive(1000);
                if (null != message)
                {
                    received.add(message.getIntProperty("seq"));
                    assertNotNull(message.getStringProperty(idProperty), "the original id is set");
                }
            }
            final Message extra = consumer.receive(2000);
            assertNull(extra, () -> queue + ": a message more than sent");
        }
        final List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            expected.add(i);
        }
        final List<Integer> sorted = new ArrayList<>(received);
        sorted.sort(Integer::compare);
        assertEquals(expected, sorted, queue + ": every message once (received " + received.size() + ")");
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean())
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("timed out waiting for: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /**
     * Sends persistent messages numbered from 0 into an Aeolus queue, one every 5 ms or so, until finished:
     * the stream the bridge is in the middle of when Artemis is killed.
     */
    private static final class ContinuousProducer implements AutoCloseable
    {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        ContinuousProducer(final Connection connection, final String queue)
        {
            thread = new Thread(() -> run(connection, queue), "kill-it-producer");
            thread.setDaemon(true);
            thread.start();
        }

        int sent()
        {
            return sent.get();
        }

        int finish() throws InterruptedException
        {
            running.set(false);
            thread.join(WAIT_MS);
            assertTrue(!thread.isAlive(), "the producer ended");
            assertNull(failure.get(), "the producer failed");
            return sent.get();
        }

        @Override
        public void close() throws InterruptedException
        {
            running.set(false);
            thread.join(WAIT_MS);
        }

        private void run(final Connection connection, final String queue)
        {
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE))
            {
                final MessageProducer producer = session.createProducer(session.createQueue(queue));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                while (running.get())
                {
                    final int seq = sent.get();
                    final Message message = session.createTextMessage("message " + seq);
                    message.setIntProperty("seq", seq);
                    producer.send(message);
                    sent.incrementAndGet();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
            }
            catch (final JMSException | RuntimeException ex)
            {
                failure.set(ex);
            }
        }
    }
}
