package io.aeolus.jms.foundation;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mixed soak (#22, part 6): a broker process under persistent traffic (synchronous sends and transactions to a
 * queue, synchronous sends to a topic with two durable subscriptions) and non-persistent traffic, consumers that come
 * and go at random (seeded) intervals, and a {@code kill -9} of the broker every interval, restarted at once on the
 * same data and Aeron directories, as a supervisor would. At the end: no confirmed persistent message lost, none
 * consumed twice, none delivered twice on one broker without {@code JMSRedelivered}, each producer's order kept;
 * non-persistent loss only counted. Figures per minute (sent, received, broker heap from {@code aeolus.metrics},
 * send and commit latency p50/p99/max) and the recovery time after each kill go to {@code target/soak/}.
 * <p>
 * Without {@code aeolus.soak.minutes} the normal build runs a short version: 24 s of load with one kill at 12 s.
 * The full run: {@code -Daeolus.soak.minutes=60} (the kill interval, {@code aeolus.soak.kill.minutes}, is 10 by
 * default); TESTING.md gives the command and the figures.
 */
class SoakIT
{
    private static final String MINUTES_PROPERTY = "aeolus.soak.minutes";
    private static final String KILL_PROPERTY = "aeolus.soak.kill.minutes";
    private static final String RATE_PROPERTY = "aeolus.soak.rate";
    private static final int BODY_BYTES = 256;
    private static final int MAX_BATCH = 20;

    @TempDir
    Path dataDir;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger brokerEpoch = new AtomicInteger(1);
    private final AtomicLong firstSendAfterKillNs = new AtomicLong(-1);
    private final AtomicLong sendsInDoubt = new AtomicLong();
    private final AtomicLong connectionFailures = new AtomicLong();
    private final AtomicLong nonPersistentSent = new AtomicLong();
    private final AtomicLong nonPersistentDuplicates = new AtomicLong();
    private final Set<String> nonPersistentReceived = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmedQueue = ConcurrentHashMap.newKeySet();
    private final Set<String> confirmedTopic = ConcurrentHashMap.newKeySet();
    private final SoakStream queueStream = new SoakStream("queue soak.q");
    private final SoakStream durable1 = new SoakStream("durable soak-d1 on topic soak.t");
    private final SoakStream durable2 = new SoakStream("durable soak-d2 on topic soak.t");
    private volatile Throwable failure;
    private SoakFigures figures;
    private String url;
    private long periodNs;

    @Test
    @Timeout(value = 6, unit = TimeUnit.HOURS)
    void shouldLoseNoConfirmedMessageUnderMixedTrafficAndPeriodicKills() throws Exception
    {
        final String minutes = System.getProperty(MINUTES_PROPERTY);
        final long durationMs = null == minutes ? 24_000 : SoakFigures.minutes(MINUTES_PROPERTY, minutes);
        final long killIntervalMs = null == minutes ? 12_000 :
            SoakFigures.minutes(KILL_PROPERTY, System.getProperty(KILL_PROPERTY, "10"));
        final int rate = (int)SoakFigures.positive(RATE_PROPERTY, System.getProperty(RATE_PROPERTY, "100"));
        if (null == minutes)
        {
            System.out.println("soak: the short version (24 s, one kill at 12 s); the full run is " +
                "-D" + MINUTES_PROPERTY + "=60 (TESTING.md)");
        }
        periodNs = TimeUnit.SECONDS.toNanos(1) / rate;
        assertTimeoutPreemptively(Duration.ofMillis(durationMs).plusMinutes(10),
            () -> soak(durationMs, killIntervalMs, rate));
    }

    private void soak(final long durationMs, final long killIntervalMs, final int rate) throws Exception
    {
        final long seed = Long.getLong("aeolus.soak.seed", System.nanoTime());
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        final int port = LivenessIT.freeUdpPort();
        url = "aeolus:udp://127.0.0.1:" + port + "?livenessTimeout=2s&requestTimeout=10s";
        final Path data = Files.createDirectories(dataDir.resolve("data"));
        final String heap = System.getProperty("aeolus.soak.heap", "256m");
        final List<Thread> threads = new ArrayList<>();
        int kills = 0;
        ChildJvm broker = startBroker(aeronDir, port, data, heap);
        try
        {
            subscribeDurables();
            final long startNs = System.nanoTime();
            figures = new SoakFigures(startNs);
            startWorkload(new Random(seed), threads);

            final long endNs = startNs + TimeUnit.MILLISECONDS.toNanos(durationMs);
            final long intervalNs = TimeUnit.MILLISECONDS.toNanos(killIntervalMs);
            long lastKillNs = 0;
            long lastRestartMs = 0;
            for (long killNs = startNs + intervalNs; killNs < endNs; killNs += intervalNs)
            {
                awaitTime(killNs);
                recordRecovery(kills, lastKillNs, lastRestartMs);
                broker.kill();
                lastKillNs = System.nanoTime();
                firstSendAfterKillNs.set(0);
                figures.kill();
                kills++;
                broker = startBroker(aeronDir, port, data, heap);
                lastRestartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastKillNs);
                brokerEpoch.incrementAndGet();
            }
            awaitTime(endNs);
            recordRecovery(kills, lastKillNs, lastRestartMs);
            running.set(false);
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
            if (null != failure)
            {
                throw new AssertionError("seed " + seed + ": the workload failed", failure);
            }
            drain();
            broker.terminate();
        }
        finally
        {
            running.set(false);
            broker.close();
            IoUtil.delete(new File(aeronDir), true);
            Files.deleteIfExists(Path.of(aeronDir + ".lock"));
        }
        check(seed, kills, durationMs, killIntervalMs, rate);
    }

    private void startWorkload(final Random seeds, final List<Thread> threads)
    {
        threads.add(start("soak-sync", () -> produceSync("P0", false)));
        threads.add(start("soak-tx", () -> produceTransacted("P1", new Random(seeds.nextLong()))));
        threads.add(start("soak-topic", () -> produceSync("T0", true)));
        threads.add(start("soak-np", this::produceNonPersistent));
        threads.add(start("soak-queue-consumer", visits(queueStream, null, new Random(seeds.nextLong()))));
        threads.add(start("soak-d1", visits(durable1, "soak-d1", new Random(seeds.nextLong()))));
        threads.add(start("soak-d2", visits(durable2, "soak-d2", new Random(seeds.nextLong()))));
        threads.add(start("soak-np-consumer", visits(null, null, new Random(seeds.nextLong()))));
        threads.add(start("soak-metrics", this::watchHeap));
    }

    private void check(final long seed, final int kills, final long durationMs, final long killIntervalMs,
        final int rate) throws Exception
    {
        final long npLost = nonPersistentSent.get() - nonPersistentReceived.size();
        final String summary = String.format(java.util.Locale.ROOT,
            "Soak of %.1f min, kill -9 every %.1f min (%d kills), %d msg/s per producer, seed %d, load average %s." +
            "%nConfirmed persistent sends: %d to the queue, %d to the topic (%d sends in doubt at a kill); " +
            "connection failures seen by the clients: %d.%n%s%n%s%n%s%nNon-persistent: %d sent, %d received, " +
            "%d lost (%.2f %%), %d duplicates. Broker heap used at most %d MiB.",
            durationMs / 60_000.0, killIntervalMs / 60_000.0, kills, rate, seed, SoakFigures.loadAverage(),
            confirmedQueue.size(), confirmedTopic.size(), sendsInDoubt.get(), connectionFailures.get(),
            queueStream.report(), durable1.report(), durable2.report(), nonPersistentSent.get(),
            nonPersistentReceived.size(), npLost, 100.0 * npLost / Math.max(1, nonPersistentSent.get()),
            nonPersistentDuplicates.get(), figures.maxHeapUsed() >> 20);
        final String name = "soak-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        System.out.println(figures.write(Path.of("target", "soak"), name, summary));

        assertTrue(kills >= 1, "no kill happened");
        for (final SoakStream stream : List.of(queueStream, durable1, durable2))
        {
            final Set<String> lost = stream.lost(stream == queueStream ? confirmedQueue : confirmedTopic);
            assertEquals(Set.of(), lost, "seed " + seed + ": " + stream.name + " lost confirmed messages");
            assertEquals(0, stream.duplicates(), "seed " + seed + ": " + stream.examples());
            assertEquals(0, stream.outOfOrder(), "seed " + seed + ": " + stream.examples());
            assertEquals(0, stream.unflaggedSameBroker(), "seed " + seed + ": " + stream.examples());
        }
        assertEquals(0, nonPersistentDuplicates.get(), "non-persistent messages received twice");
        assertTrue(confirmedQueue.size() > 100 * kills && confirmedTopic.size() > 50 * kills,
            "too little load to prove anything: " + summary);
        assertTrue(figures.minutesWithHeapFigure() > 0, "no heap figure from aeolus.metrics");
    }

    private void recordRecovery(final int kills, final long killNs, final long restartMs)
    {
        if (kills > 0)
        {
            final long first = firstSendAfterKillNs.get();
            figures.recovery(kills, restartMs, first <= 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(first - killNs));
        }
    }

    private ChildJvm startBroker(final String aeronDir, final int port, final Path data, final String heap)
        throws Exception
    {
        final ChildJvm broker = ChildJvm.startJarWithHeap(LivenessIT.brokerJar(), heap, "--endpoint",
            "127.0.0.1:" + port, "--aeron-dir", aeronDir, "--data-dir", data.toString(), "--dev");
        broker.awaitLine("listening on", Duration.ofSeconds(120));
        return broker;
    }

    private void subscribeDurables() throws JMSException
    {
        for (final String clientId : List.of("soak-d1", "soak-d2"))
        {
            try (Connection connection = connect(clientId))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                session.createDurableConsumer(session.createTopic("soak.t"), "soak").close();
            }
        }
    }

    private Connection connect(final String clientId) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(url).createConnection();
        if (null != clientId)
        {
            try
            {
                connection.setClientID(clientId);
            }
            catch (final JMSException | RuntimeException ex)
            {
                connection.close();
                throw ex;
            }
        }
        return connection;
    }

    private void produceSync(final String producerId, final boolean toTopic) throws JMSException
    {
        final AtomicLong seq = new AtomicLong();
        reconnecting(() ->
        {
            try (Connection connection = connect(null))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final Destination destination = toTopic ? session.createTopic("soak.t") :
                    session.createQueue("soak.q");
                final MessageProducer producer = session.createProducer(destination);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                long nextNs = System.nanoTime();
                while (running.get())
                {
                    nextNs = pace(nextNs);
                    final long n = seq.getAndIncrement();
                    final Message message = message(session, producerId, n);
                    final long sendNs = System.nanoTime();
                    try
                    {
                        producer.send(message);
                    }
                    catch (final JMSException | JMSRuntimeException ex)
                    {
                        sendsInDoubt.incrementAndGet();
                        throw ex;
                    }
                    final long doneNs = System.nanoTime();
                    (toTopic ? confirmedTopic : confirmedQueue).add(producerId + ":" + n);
                    figures.sendLatency(doneNs - sendNs);
                    figures.sent(true, 1);
                    firstSendAfterKillNs.compareAndSet(0, doneNs);
                }
            }
        });
    }

    private void produceTransacted(final String producerId, final Random random) throws JMSException
    {
        final AtomicLong seq = new AtomicLong();
        reconnecting(() ->
        {
            try (Connection connection = connect(null))
            {
                final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                final MessageProducer producer = session.createProducer(session.createQueue("soak.q"));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                long nextNs = System.nanoTime();
                while (running.get())
                {
                    final int batch = 1 + random.nextInt(MAX_BATCH);
                    final List<String> keys = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++)
                    {
                        nextNs = pace(nextNs);
                        final long n = seq.getAndIncrement();
                        producer.send(message(session, producerId, n));
                        keys.add(producerId + ":" + n);
                    }
                    final long commitNs = System.nanoTime();
                    try
                    {
                        session.commit();
                    }
                    catch (final JMSException | JMSRuntimeException ex)
                    {
                        sendsInDoubt.addAndGet(batch);
                        throw ex;
                    }
                    figures.commitLatency(System.nanoTime() - commitNs);
                    confirmedQueue.addAll(keys);
                    figures.sent(true, batch);
                }
            }
        });
    }

    private void produceNonPersistent() throws JMSException
    {
        final AtomicLong seq = new AtomicLong();
        reconnecting(() ->
        {
            try (Connection connection = connect(null))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageProducer producer = session.createProducer(session.createQueue("soak.np"));
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                long nextNs = System.nanoTime();
                while (running.get())
                {
                    nextNs = pace(nextNs);
                    producer.send(message(session, "N0", seq.getAndIncrement()));
                    nonPersistentSent.incrementAndGet();
                    figures.sent(false, 1);
                }
            }
        });
    }

    /**
     * A consumer that comes and goes: on a stream (a queue or a durable subscription, transacted, a batch per
     * commit) or, for a null stream, on the non-persistent queue; present for 2–16 s, away for 0.5–5 s, and its
     * connection closed too after one visit in four.
     */
    private ThrowingRunnable visits(final SoakStream stream, final String clientId, final Random random)
    {
        return () -> reconnecting(() ->
        {
            try (Connection connection = connect(clientId))
            {
                final Session session = null == stream ? connection.createSession(false, Session.AUTO_ACKNOWLEDGE) :
                    connection.createSession(true, Session.SESSION_TRANSACTED);
                connection.start();
                boolean keepConnection = true;
                while (running.get() && keepConnection)
                {
                    final long leaveNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_000 +
                        random.nextInt(14_000));
                    try (MessageConsumer consumer = open(session, stream))
                    {
                        while (running.get() && System.nanoTime() < leaveNs)
                        {
                            consume(session, consumer, stream, 1 + random.nextInt(MAX_BATCH), 200);
                        }
                    }
                    keepConnection = random.nextInt(4) != 0;
                    awaitAway(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(4_500)));
                }
            }
        });
    }

    private static MessageConsumer open(final Session session, final SoakStream stream) throws JMSException
    {
        if (null == stream)
        {
            return session.createConsumer(session.createQueue("soak.np"));
        }
        return stream.name.startsWith("durable") ? session.createDurableConsumer(session.createTopic("soak.t"),
            "soak") : session.createConsumer(session.createQueue("soak.q"));
    }

    /**
     * Receives up to a batch and, on a stream, commits it.
     *
     * @return the number received.
     */
    private int consume(final Session session, final MessageConsumer consumer, final SoakStream stream,
        final int batchSize, final long waitMs) throws JMSException
    {
        final List<SoakStream.Delivery> batch = new ArrayList<>();
        int received = 0;
        Message message;
        while (received < batchSize && null != (message = consumer.receive(waitMs)))
        {
            final SoakStream.Delivery delivery = SoakStream.Delivery.of(message);
            received++;
            if (null == stream)
            {
                if (!nonPersistentReceived.add(delivery.key()))
                {
                    nonPersistentDuplicates.incrementAndGet();
                }
                figures.received(false, 1);
                continue;
            }
            stream.delivered(delivery, brokerEpoch.get());
            batch.add(delivery);
        }
        if (!batch.isEmpty())
        {
            try
            {
                session.commit();
            }
            catch (final JMSException | JMSRuntimeException ex)
            {
                // Killed during the commit: it may or may not have happened.
                stream.inDoubt(batch);
                throw ex;
            }
            stream.committed(batch);
            figures.received(true, batch.size());
        }
        return received;
    }

    /**
     * After the run, on the last broker: takes what is left on every stream until nothing came for 3 s.
     */
    private void drain() throws JMSException
    {
        for (final SoakStream stream : new SoakStream[]{queueStream, durable1, durable2, null})
        {
            final String clientId = stream == durable1 ? "soak-d1" : stream == durable2 ? "soak-d2" : null;
            try (Connection connection = connect(clientId))
            {
                final Session session = null == stream ? connection.createSession(false, Session.AUTO_ACKNOWLEDGE) :
                    connection.createSession(true, Session.SESSION_TRANSACTED);
                connection.start();
                try (MessageConsumer consumer = open(session, stream))
                {
                    while (0 < consume(session, consumer, stream, 100, 3_000))
                    {
                        // Until nothing came for 3 s.
                    }
                }
            }
        }
    }

    private void watchHeap() throws JMSException
    {
        reconnecting(() ->
        {
            try (Connection connection = connect(null))
            {
                final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                final MessageConsumer metrics = session.createConsumer(session.createTopic("aeolus.metrics"));
                connection.start();
                while (running.get())
                {
                    final Message message = metrics.receive(500);
                    if (message instanceof MapMessage)
                    {
                        figures.heapUsed(((MapMessage)message).getLong("heapUsed"));
                    }
                }
            }
        });
    }

    private static Message message(final Session session, final String producer, final long seq)
        throws JMSException
    {
        final Message message = session.createTextMessage("x".repeat(BODY_BYTES));
        message.setStringProperty("producer", producer);
        message.setLongProperty("seq", seq);
        return message;
    }

    /**
     * Runs the body again after each connection failure (the broker killed under it) until the run ends.
     */
    private void reconnecting(final ThrowingRunnable body) throws JMSException
    {
        while (running.get())
        {
            try
            {
                body.run();
            }
            catch (final JMSException | JMSRuntimeException ex)
            {
                connectionFailures.incrementAndGet();
                awaitAway(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(250));
            }
            catch (final RuntimeException | Error ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }
    }

    private long pace(final long nextNs)
    {
        final long nowNs = System.nanoTime();
        if (nextNs > nowNs)
        {
            LockSupport.parkNanos(nextNs - nowNs);
            return nextNs + periodNs;
        }
        // Behind (a kill, a slow send): no burst to catch up.
        return Math.max(nextNs, nowNs - TimeUnit.SECONDS.toNanos(1)) + periodNs;
    }

    private void awaitAway(final long untilNs)
    {
        while (running.get() && System.nanoTime() < untilNs)
        {
            LockSupport.parkNanos(Math.min(untilNs - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private void awaitTime(final long untilNs)
    {
        while (System.nanoTime() < untilNs)
        {
            if (null != failure)
            {
                throw new AssertionError("the workload failed", failure);
            }
            LockSupport.parkNanos(Math.min(untilNs - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        }
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
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @FunctionalInterface
    private interface ThrowingRunnable
    {
        void run() throws Exception;
    }
}
