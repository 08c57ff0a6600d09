package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Receiver;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A consumer on its own connection and thread, receiving synchronously and counting. Optionally it reads each
 * message's sequence number and intended send time and records the one-way latency of every message from a given
 * sequence on. The histogram is written by the receiver's thread only; read it after {@link #close()}.
 */
final class JmsReceiver implements Receiver, AutoCloseable
{
    private static final long POLL_MS = 100;

    private final Connection connection;
    private final MessageConsumer consumer;
    private final Histogram latencies;
    private final long recordFromSequence;
    private final AtomicLong received = new AtomicLong();
    private final Thread thread;
    private volatile long lastReceiveNs;
    private volatile boolean running = true;
    private volatile Exception failure;

    private JmsReceiver(
        final Connection connection,
        final MessageConsumer consumer,
        final Histogram latencies,
        final long recordFromSequence,
        final String threadName)
    {
        this.connection = connection;
        this.consumer = consumer;
        this.latencies = latencies;
        this.recordFromSequence = recordFromSequence;
        this.thread = new Thread(this::receiveLoop, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * Connects, subscribes and starts receiving.
     *
     * @param factory            the provider.
     * @param topic              subscribe to a topic rather than consume from a queue.
     * @param destinationName    the destination.
     * @param threadName         the receiving thread's name.
     * @param latencies          where to record one-way latency, or null to only count.
     * @param recordFromSequence the first sequence number whose latency is recorded (warm-up before it).
     * @return the running receiver.
     * @throws JMSException if the provider fails.
     */
    static JmsReceiver start(
        final ConnectionFactory factory,
        final boolean topic,
        final String destinationName,
        final String threadName,
        final Histogram latencies,
        final long recordFromSequence) throws JMSException
    {
        final Connection connection = factory.createConnection();
        try
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Destination destination = topic ?
                session.createTopic(destinationName) : session.createQueue(destinationName);
            final MessageConsumer consumer = session.createConsumer(destination);
            connection.start();
            final JmsReceiver receiver = new JmsReceiver(
                connection, consumer, latencies, recordFromSequence, threadName);
            receiver.thread.start();
            return receiver;
        }
        catch (final JMSException | RuntimeException ex)
        {
            Messages.closeQuietly(connection);
            throw ex;
        }
    }

    @Override
    public long received()
    {
        return received.get();
    }

    @Override
    public long lastReceiveNs()
    {
        return lastReceiveNs;
    }

    @Override
    public Exception failure()
    {
        return failure;
    }

    /**
     * Asks the receiving thread to stop, without waiting: lets a caller stop many receivers at once.
     */
    void stop()
    {
        running = false;
    }

    /**
     * Stops receiving and closes the connection.
     */
    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        Messages.closeQuietly(connection);
    }

    private void receiveLoop()
    {
        try
        {
            while (running)
            {
                final Message message = consumer.receive(POLL_MS);
                if (null == message)
                {
                    continue;
                }
                final long nowNs = System.nanoTime();
                if (null != latencies)
                {
                    final BytesMessage timed = (BytesMessage)message;
                    final long sequence = timed.readLong();
                    final long stampNs = timed.readLong();
                    if (sequence >= recordFromSequence)
                    {
                        Latencies.record(latencies, nowNs - stampNs);
                    }
                }
                lastReceiveNs = nowNs;
                received.incrementAndGet();
            }
        }
        catch (final JMSException | RuntimeException ex)
        {
            if (running)
            {
                failure = ex;
            }
        }
    }
}
