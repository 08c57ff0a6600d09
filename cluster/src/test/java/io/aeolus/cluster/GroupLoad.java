package io.aeolus.cluster;

import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients of a broker group under load, each on its own connection with an {@code ExceptionListener}: producers
 * sending persistent messages synchronously (each message numbered per producer), one transacted producer committing
 * pairs, and consumers receiving from the same queue; then the checks of issue #15: every confirmed message
 * arrives, none twice unless flagged as redelivered, each producer's order kept, no transaction half applied, no
 * call of an {@code ExceptionListener}.
 */
final class GroupLoad implements AutoCloseable
{
    private static final String QUEUE = "group-load";

    private final int producers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, Set<Long>> confirmed = new ConcurrentHashMap<>();
    private final List<List<long[]>> received = new CopyOnWriteArrayList<>();
    private final AtomicLong confirmedCount = new AtomicLong();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<JMSException> exceptionListenerCalls = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Connection> connections = new ArrayList<>();

    /**
     * Starts the clients.
     *
     * @param factory   connects to the group.
     * @param producers non-transacted producers (a transacted one comes on top).
     * @param consumers consumers.
     */
    GroupLoad(final AeolusConnectionFactory factory, final int producers, final int consumers) throws JMSException
    {
        this.producers = producers;
        for (int c = 0; c < consumers; c++)
        {
            final Connection connection = connect(factory);
            final List<long[]> log = new CopyOnWriteArrayList<>();
            received.add(log);
            start("consumer-" + c, () -> consume(connection, log));
        }
        final Connection transacted = connect(factory);
        confirmed.put(producers, ConcurrentHashMap.newKeySet());
        start("producer-transacted", () -> produceInPairs(transacted, producers));
        for (int p = 0; p < producers; p++)
        {
            final Connection connection = connect(factory);
            final int producer = p;
            confirmed.put(producer, ConcurrentHashMap.newKeySet());
            start("producer-" + p, () -> produce(connection, producer));
        }
    }

    /**
     * @return sends confirmed so far (a committed pair counts two).
     */
    long confirmedCount()
    {
        return confirmedCount.get();
    }

    /**
     * Waits for this many more confirmed sends.
     */
    void awaitProgress(final String what, final long sends, final long timeoutMs)
    {
        final long before = confirmedCount.get();
        ClusterRig.await(what, timeoutMs, () -> confirmedCount.get() >= before + sends);
    }

    /**
     * Stops sending, waits until every confirmed message is received, and checks what arrived.
     */
    void stopAndVerify(final long timeoutMs) throws Exception
    {
        running.set(false);
        final int consumers = received.size();
        for (int t = consumers; t < threads.size(); t++)
        {
            threads.get(t).join(timeoutMs);
        }
        ClusterRig.await("every confirmed message received", timeoutMs, this::allConfirmedReceived);
        close();
        assertTrue(failures.isEmpty(), "failures: " + failures);
        assertTrue(exceptionListenerCalls.isEmpty(), "ExceptionListener called: " + exceptionListenerCalls);
        assertNoUnflaggedDuplicateAndOrderKept();
        assertNoTransactionHalfApplied();
    }

    /**
     * Stops the clients. Idempotent.
     */
    public void close() throws InterruptedException
    {
        running.set(false);
        for (final Thread thread : threads)
        {
            thread.interrupt();
        }
        for (final Connection connection : connections)
        {
            try
            {
                connection.close();
            }
            catch (final JMSException ignore)
            {
                // Closing anyway.
            }
        }
        for (final Thread thread : threads)
        {
            thread.join(30_000);
        }
        connections.clear();
    }

    private Connection connect(final AeolusConnectionFactory factory) throws JMSException
    {
        final Connection connection = factory.createConnection();
        connection.setExceptionListener(exceptionListenerCalls::add);
        connections.add(connection);
        return connection;
    }

    private void start(final String name, final ThrowingRunnable body)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                body.run();
            }
            catch (final Throwable ex)
            {
                if (running.get())
                {
                    failures.add(ex);
                }
            }
        }, name);
        thread.start();
        threads.add(thread);
    }

    private void produce(final Connection connection, final int producerId) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long seq = 0; running.get(); seq++)
        {
            final Message message = session.createTextMessage("p" + producerId + "-" + seq);
            message.setIntProperty("producer", producerId);
            message.setLongProperty("seq", seq);
            producer.send(message);
            confirmed.get(producerId).add(seq);
            confirmedCount.incrementAndGet();
        }
    }

    private void produceInPairs(final Connection connection, final int producerId) throws JMSException
    {
        final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        for (long seq = 0; running.get(); seq += 2)
        {
            for (long half = seq; half < seq + 2; half++)
            {
                final Message message = session.createTextMessage("t" + half);
                message.setIntProperty("producer", producerId);
                message.setLongProperty("seq", half);
                producer.send(message);
            }
            try
            {
                session.commit();
            }
            catch (final TransactionRolledBackException ex)
            {
                continue;
            }
            confirmed.get(producerId).add(seq);
            confirmed.get(producerId).add(seq + 1);
            confirmedCount.addAndGet(2);
        }
    }

    private void consume(final Connection connection, final List<long[]> log) throws JMSException
    {
        final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        final MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
        connection.start();
        while (!Thread.currentThread().isInterrupted())
        {
            final Message message = consumer.receive(200);
            if (null != message)
            {
                log.add(new long[]{message.getIntProperty("producer"), message.getLongProperty("seq"),
                    message.getJMSRedelivered() ? 1 : 0});
            }
        }
    }

    private boolean allConfirmedReceived()
    {
        final Set<Long> seen = new HashSet<>();
        for (final List<long[]> log : received)
        {
            for (final long[] entry : log)
            {
                seen.add(entry[0] * 1_000_000_000L + entry[1]);
            }
        }
        for (final Map.Entry<Integer, Set<Long>> entry : confirmed.entrySet())
        {
            for (final long seq : entry.getValue())
            {
                if (!seen.contains(entry.getKey() * 1_000_000_000L + seq))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private void assertNoUnflaggedDuplicateAndOrderKept()
    {
        final Map<Long, Integer> unflagged = new HashMap<>();
        for (final List<long[]> log : received)
        {
            final Map<Long, Long> lastSeqByProducer = new HashMap<>();
            for (final long[] entry : log)
            {
                final long key = entry[0] * 1_000_000_000L + entry[1];
                if (entry[2] == 0)
                {
                    unflagged.merge(key, 1, Integer::sum);
                    final Long last = lastSeqByProducer.put(entry[0], entry[1]);
                    assertTrue(null == last || last < entry[1], "producer " + entry[0] + ": seq " + entry[1] +
                        " after " + last + " without JMSRedelivered");
                }
            }
        }
        for (final Map.Entry<Long, Integer> entry : unflagged.entrySet())
        {
            assertEquals(1, entry.getValue(), "message " + entry.getKey() + " delivered twice without JMSRedelivered");
        }
    }

    private void assertNoTransactionHalfApplied()
    {
        final Set<Long> seen = new HashSet<>();
        for (final List<long[]> log : received)
        {
            for (final long[] entry : log)
            {
                if (entry[0] == producers)
                {
                    seen.add(entry[1]);
                }
            }
        }
        for (final long seq : seen)
        {
            assertTrue(seen.contains(seq ^ 1), "transaction of messages " + (seq & ~1L) + " and " + (seq | 1L) +
                " half applied: only " + seq + " arrived");
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable
    {
        void run() throws Exception;
    }
}
