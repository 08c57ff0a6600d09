package io.aeolus.jms.foundation;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Overload: producers flooding a broker process (small heap) faster than a slow consumer takes, persistent messages
 * paged to the journal and non-persistent ones held back by the memory limit's flow control, so the broker stays
 * within its heap, never runs out of memory, and the consumer eventually gets every message once, in each
 * producer's order; and connection storms that hit the configured limits with errors naming them, on an idle
 * broker and on the flooded one (a storm every minute of the flood, halfway through a short one).
 * <p>
 * The flood lasts {@code aeolus.overload.seconds} (10 in the normal build; TESTING.md gives the 10-minute run). The
 * figures of each minute (messages sent and received so far, the broker heap's peak, the storms) are printed at the
 * end.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class OverloadIT
{
    private static final long FLOOD_SECONDS = Long.getLong("aeolus.overload.seconds", 10);
    /** The flood's broker takes this many connections: its own six and a few of each storm. */
    private static final int FLOOD_MAX_CONNECTIONS = 12;
    private static final int STORM_ATTEMPTS = 16;
    /** A storm every minute of a long flood, once halfway through a short one. */
    private static final long STORM_INTERVAL_NS = TimeUnit.SECONDS.toNanos(Math.min(60, Math.max(1,
        FLOOD_SECONDS / 2)));
    private static final String HEAP = System.getProperty("aeolus.overload.heap", "128m");
    private static final int PERSISTENT_PRODUCERS = 2;
    private static final int BODY_BYTES = 1024;
    private static final int BATCH = 100;
    private static final long CONSUMER_WORK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path dataDir;

    @Test
    void shouldStayWithinItsHeapUnderAProducerFloodAndDeliverEverythingToASlowConsumer() throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        final Path config = dataDir.resolve("broker.properties");
        Files.writeString(config, "aeolus.broker.memory.limit=1m\naeolus.broker.max.connections=" +
            FLOOD_MAX_CONNECTIONS + "\n");
        try (ChildJvm broker = ChildJvm.startJarWithHeap(LivenessIT.brokerJar(), HEAP, "--endpoint",
            "127.0.0.1:" + port, "--aeron-dir", aeronDir, "--data-dir", dataDir.resolve("data").toString(),
            "--config", config.toString(), "--dev"))
        {
            broker.awaitLine("listening on", Duration.ofSeconds(60));
            final String url = "aeolus:udp://127.0.0.1:" + port + "?requestTimeout=120s&sendTimeout=120s";
            final Flood flood = new Flood(new AeolusConnectionFactory(url));

            flood.run();

            System.out.println("overload: " + flood.report() + " with -Xmx" + HEAP + ", load average " +
                SoakFigures.loadAverage());
            System.out.println(flood.minutesTable());
            assertTrue(broker.isAlive(), "the broker died (out of memory?)");
            assertEquals(0, flood.missing(), "messages lost: " + flood.report());
            assertEquals(0, flood.duplicates.get(), flood.report());
            assertEquals(0, flood.outOfOrder.get(), flood.report());
            assertTrue(flood.maxHeapUsed.get() > 0, "no metrics snapshot seen");
            assertTrue(flood.storms > 0, "no connection storm during the flood");
            broker.terminate();
            assertFalse(broker.transcriptContains("OutOfMemoryError"), "the broker ran out of memory");
        }
        finally
        {
            IoUtil.delete(new File(aeronDir), true);
            // The broker's claim on its Aeron directory, beside it (DriverDirectoryOwner).
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
    }

    @Test
    void shouldRefuseAConnectionStormBeyondTheLimitsWithErrorsNamingThem() throws Exception
    {
        final int maxConnections = 8;
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.MAX_CONNECTIONS, String.valueOf(maxConnections))
            .set(BrokerConfiguration.MAX_SESSIONS_PER_CONNECTION, "3")
            .set(BrokerConfiguration.MAX_CONSUMERS_PER_SESSION, "2")))
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(broker.ipcUrl());
            final List<Connection> accepted = new ArrayList<>();
            final List<JMSException> refused = new ArrayList<>();
            storm(factory, 3 * maxConnections, accepted, refused);
            try
            {
                assertTrue(accepted.size() <= maxConnections, accepted.size() + " connections accepted");
                assertTrue(accepted.size() >= maxConnections - 1, "only " + accepted.size() + " accepted");
                assertEquals(3 * maxConnections, accepted.size() + refused.size());
                for (final JMSException ex : refused)
                {
                    assertTrue(ex instanceof ResourceAllocationException, ex.toString());
                    assertTrue(ex.getMessage().contains("aeolus.broker.max.connections=" + maxConnections),
                        ex.getMessage());
                }

                final Connection connection = accepted.get(0);
                final List<Session> sessions = new ArrayList<>();
                for (int i = 0; i < 3; i++)
                {
                    sessions.add(connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
                }
                final JMSException noSession = assertThrowsJms(
                    () -> connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
                assertTrue(noSession instanceof ResourceAllocationException &&
                    noSession.getMessage().contains("aeolus.broker.max.sessions.per.connection=3"),
                    noSession.toString());
                final Session session = sessions.get(0);
                session.createConsumer(session.createQueue("storm"));
                session.createConsumer(session.createQueue("storm"));
                final JMSException noConsumer = assertThrowsJms(
                    () -> session.createConsumer(session.createQueue("storm")));
                assertTrue(noConsumer instanceof ResourceAllocationException &&
                    noConsumer.getMessage().contains("aeolus.broker.max.consumers.per.session=2"),
                    noConsumer.toString());
            }
            finally
            {
                for (final Connection connection : accepted)
                {
                    connection.close();
                }
            }

            try (Connection again = factory.createConnection())
            {
                assertNotNull(again.createSession(false, Session.AUTO_ACKNOWLEDGE), "slots freed on close");
            }
        }
    }

    private static void storm(
        final AeolusConnectionFactory factory,
        final int attempts,
        final List<Connection> accepted,
        final List<JMSException> refused) throws Exception
    {
        final ExecutorService executor = Executors.newFixedThreadPool(attempts);
        try
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<Connection>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++)
            {
                futures.add(executor.submit(() ->
                {
                    start.await();
                    return factory.createConnection();
                }));
            }
            start.countDown();
            for (final Future<Connection> future : futures)
            {
                try
                {
                    accepted.add(future.get(60, TimeUnit.SECONDS));
                }
                catch (final java.util.concurrent.ExecutionException ex)
                {
                    if (!(ex.getCause() instanceof JMSException))
                    {
                        throw ex;
                    }
                    refused.add((JMSException)ex.getCause());
                }
            }
        }
        finally
        {
            executor.shutdownNow();
        }
    }

    private static JMSException assertThrowsJms(final JmsCall call)
    {
        try
        {
            call.run();
        }
        catch (final JMSException ex)
        {
            return ex;
        }
        throw new AssertionError("no JMSException");
    }

    @FunctionalInterface
    private interface JmsCall
    {
        void run() throws JMSException;
    }

    /**
     * Two persistent producers (one queue, paged) and one non-persistent producer (another queue, held back by the
     * memory limit) as fast as they can for the flood's duration, a slow consumer on each queue throughout and until
     * they have everything, and a watcher of the broker's metrics (its heap).
     */
    private static final class Flood
    {
        private final AeolusConnectionFactory factory;
        private final AtomicBoolean flooding = new AtomicBoolean(true);
        private final AtomicLongArray sent = new AtomicLongArray(PERSISTENT_PRODUCERS + 1);
        private final ConcurrentHashMap<Integer, Long> lastReceived = new ConcurrentHashMap<>();
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong duplicates = new AtomicLong();
        private final AtomicLong outOfOrder = new AtomicLong();
        private final AtomicLong maxHeapUsed = new AtomicLong();
        private final AtomicLong heapMax = new AtomicLong();
        private final AtomicLong minuteHeapUsed = new AtomicLong();
        private final List<Minute> minutes = new ArrayList<>();
        private int storms;
        private int stormRefusals;
        private int stormAccepted;
        private volatile Throwable failure;
        private long elapsedMs;

        Flood(final AeolusConnectionFactory factory)
        {
            this.factory = factory;
        }

        void run() throws Exception
        {
            final long startNs = System.nanoTime();
            final List<Thread> producers = new ArrayList<>();
            for (int p = 0; p <= PERSISTENT_PRODUCERS; p++)
            {
                final int producer = p;
                producers.add(start("flood-producer-" + p, () -> produce(producer)));
            }
            final Thread consumer = start("slow-consumer", () -> consume("flood.persistent"));
            final Thread fastConsumer = start("slow-consumer-fast", () -> consume("flood.fast"));
            final Thread watcher = start("metrics-watcher", this::watchMetrics);
            floodWithStorms(startNs);
            flooding.set(false);
            for (final Thread producer : producers)
            {
                producer.join(TimeUnit.MINUTES.toMillis(2));
            }
            final long drainDeadlineNs = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            while ((consumer.isAlive() || fastConsumer.isAlive()) && System.nanoTime() < drainDeadlineNs)
            {
                consumer.join(1_000);
                sampleMinute(startNs, false);
            }
            sampleMinute(startNs, true);
            watcher.interrupt();
            watcher.join(10_000);
            elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            if (null != failure)
            {
                throw new AssertionError("the flood failed", failure);
            }
        }

        /**
         * Waits out the flood's duration (ending early if a thread failed), a connection storm at each storm
         * interval, and the figures of each minute.
         */
        private void floodWithStorms(final long startNs) throws Exception
        {
            final long endNs = startNs + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
            long nextStormNs = startNs + STORM_INTERVAL_NS;
            while (System.nanoTime() - endNs < 0 && null == failure)
            {
                if (System.nanoTime() - nextStormNs >= 0 && nextStormNs - endNs < 0)
                {
                    storm();
                    nextStormNs += STORM_INTERVAL_NS;
                }
                sampleMinute(startNs, false);
                LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(100),
                    Math.max(1, endNs - System.nanoTime())));
            }
        }

        /**
         * Connects {@link #STORM_ATTEMPTS} times at once to the flooded broker, which takes
         * {@link #FLOOD_MAX_CONNECTIONS}: the flood's own connections stay, every refusal is a
         * {@code ResourceAllocationException} naming the limit, and the storm's connections are closed again.
         */
        private void storm() throws Exception
        {
            final List<Connection> accepted = new ArrayList<>();
            final List<JMSException> refused = new ArrayList<>();
            try
            {
                OverloadIT.storm(factory, STORM_ATTEMPTS, accepted, refused);
                assertEquals(STORM_ATTEMPTS, accepted.size() + refused.size());
                assertTrue(accepted.size() <= FLOOD_MAX_CONNECTIONS - 6, accepted.size() + " of the storm accepted");
                for (final JMSException ex : refused)
                {
                    assertTrue(ex instanceof ResourceAllocationException && ex.getMessage().contains(
                        "aeolus.broker.max.connections=" + FLOOD_MAX_CONNECTIONS), ex.toString());
                }
            }
            finally
            {
                for (final Connection connection : accepted)
                {
                    connection.close();
                }
            }
            storms++;
            stormRefusals += refused.size();
            stormAccepted += accepted.size();
        }

        /**
         * At each minute's end (and at the end of the run), notes the messages sent and received so far and the
         * broker heap's peak in that minute.
         */
        private void sampleMinute(final long startNs, final boolean last)
        {
            final long elapsedNs = System.nanoTime() - startNs;
            if (!last && elapsedNs < TimeUnit.MINUTES.toNanos(minutes.size() + 1))
            {
                return;
            }
            minutes.add(new Minute(TimeUnit.NANOSECONDS.toSeconds(elapsedNs), totalSent(), received.get(),
                minuteHeapUsed.getAndSet(0), heapMax.get(), storms, stormRefusals, SoakFigures.loadAverage()));
        }

        String minutesTable()
        {
            final StringBuilder table = new StringBuilder("| s | sent | received | backlog | heap peak MiB | " +
                "storms (refused) | load |\n|---|---|---|---|---|---|---|\n");
            for (final Minute minute : minutes)
            {
                table.append(String.format(java.util.Locale.ROOT, "| %d | %,d | %,d | %,d | %d | %d (%d) | %s |%n",
                    minute.seconds, minute.sent, minute.received, minute.sent - minute.received,
                    minute.heapUsedBytes >> 20, minute.storms, minute.stormRefusals, minute.load));
            }
            return table.toString();
        }

        long totalSent()
        {
            long total = 0;
            for (int i = 0; i < sent.length(); i++)
            {
                total += sent.get(i);
            }
            return total;
        }

        long missing()
        {
            return totalSent() - received.get();
        }

        String report()
        {
            return "sent " + totalSent() + " " + sent + " (" + PERSISTENT_PRODUCERS + " persistent producers, the " +
                "last non-persistent) " +
                "in " + FLOOD_SECONDS + " s, received " + received.get() + " in " + elapsedMs + " ms, broker heap " +
                "used at most " + (maxHeapUsed.get() >> 20) + " MiB of " + (heapMax.get() >> 20) + " MiB; " + storms +
                " connection storms of " + STORM_ATTEMPTS + " during the flood: " + stormAccepted + " accepted, " +
                stormRefusals + " refused naming aeolus.broker.max.connections";
        }

        private Thread start(final String name, final ThrowingRunnable body)
        {
            final Thread thread = new Thread(() ->
            {
                try
                {
                    body.run();
                }
                catch (final Throwable ex)
                {
                    failure = ex;
                    flooding.set(false);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        private void produce(final int producerIndex) throws JMSException
        {
            try (Connection connection = factory.createConnection())
            {
                final boolean persistent = producerIndex < PERSISTENT_PRODUCERS;
                // Persistent sends in transactions of BATCH, as a bulk loader would: one journal sync per batch.
                final Session session = connection.createSession(persistent,
                    persistent ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                // Apart: on one queue the non-persistent flood takes the memory limit's credit and the persistent
                // producers, which wait for the journal, get almost none.
                final MessageProducer producer = session.createProducer(
                    session.createQueue(persistent ? "flood.persistent" : "flood.fast"));
                producer.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                final byte[] body = new byte[BODY_BYTES];
                long n = 0;
                while (flooding.get())
                {
                    final Message message = session.createBytesMessage();
                    ((jakarta.jms.BytesMessage)message).writeBytes(body);
                    message.setIntProperty("producer", producerIndex);
                    message.setLongProperty("n", n);
                    producer.send(message);
                    n++;
                    if (!persistent)
                    {
                        sent.set(producerIndex, n);
                    }
                    else if (n % BATCH == 0)
                    {
                        session.commit();
                        sent.set(producerIndex, n);
                    }
                }
                if (persistent)
                {
                    session.commit();
                    sent.set(producerIndex, n);
                }
            }
        }

        private void consume(final String queue) throws JMSException
        {
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
                connection.start();
                long idleSinceNs = System.nanoTime();
                while (flooding.get() || received.get() < totalSent())
                {
                    final Message message = consumer.receive(1_000);
                    if (null == message)
                    {
                        if (!flooding.get() && System.nanoTime() - idleSinceNs > TimeUnit.SECONDS.toNanos(30))
                        {
                            return;
                        }
                        continue;
                    }
                    idleSinceNs = System.nanoTime();
                    record(message.getIntProperty("producer"), message.getLongProperty("n"));
                    // The consumer's "work": it is slower than the producers, so the backlog grows.
                    LockSupport.parkNanos(CONSUMER_WORK_NS);
                }
            }
        }

        private void record(final int producer, final long n)
        {
            final Long last = lastReceived.get(producer);
            if (null != last && n <= last)
            {
                if (n == last)
                {
                    duplicates.incrementAndGet();
                }
                else
                {
                    outOfOrder.incrementAndGet();
                }
                return;
            }
            if (null != last && n != last + 1)
            {
                outOfOrder.incrementAndGet();
            }
            lastReceived.put(producer, n);
            received.incrementAndGet();
        }

        private void watchMetrics() throws JMSException
        {
            try (Connection connection = factory.createConnection())
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageConsumer metrics = session.createConsumer(session.createTopic("aeolus.metrics"));
                connection.start();
                while (!Thread.currentThread().isInterrupted())
                {
                    final Message message = metrics.receive(2_000);
                    if (message instanceof MapMessage)
                    {
                        final long heapUsed = ((MapMessage)message).getLong("heapUsed");
                        maxHeapUsed.accumulateAndGet(heapUsed, Math::max);
                        minuteHeapUsed.accumulateAndGet(heapUsed, Math::max);
                        heapMax.set(((MapMessage)message).getLong("heapMax"));
                    }
                }
            }
            catch (final JMSException ex)
            {
                if (!Thread.currentThread().isInterrupted())
                {
                    throw ex;
                }
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable
    {
        void run() throws Exception;
    }

    /**
     * The figures at the end of one minute of the run: totals so far, and the heap's peak in that minute.
     */
    private record Minute(long seconds, long sent, long received, long heapUsedBytes, long heapMaxBytes, int storms,
        int stormRefusals, String load)
    {
    }
}
