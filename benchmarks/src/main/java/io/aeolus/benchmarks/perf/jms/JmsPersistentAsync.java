package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Persistent sends that do not wait one by one, from one producer: (1) asynchronous sends with a
 * {@link CompletionListener}, at most a window of them unconfirmed; (2) a transacted session committing every batch.
 * Messages per second until the last confirmation or commit.
 */
final class JmsPersistentAsync
{
    private JmsPersistentAsync()
    {
    }

    static List<Result> run(final JmsProvider provider, final WorkloadSettings settings) throws JMSException
    {
        return List.of(windowed(provider, settings), transacted(provider, settings));
    }

    private static Result windowed(final JmsProvider provider, final WorkloadSettings settings) throws JMSException
    {
        final Connection connection = provider.confirmingFactory().createConnection();
        try
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(
                session.createQueue(Messages.uniqueName("persistent-window")));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            final Window window = new Window(settings.asyncWindow());
            final byte[] body = new byte[settings.persistentSize()];

            sendWindowed(session, producer, window, body, settings.persistentWarmup(), settings.maxWarmupNs());
            window.drain(settings.timeoutNs());
            final long startNs = System.nanoTime();
            final long sent = sendWindowed(
                session, producer, window, body, settings.persistentCount(), settings.maxMeasureNs());
            window.drain(settings.timeoutNs());
            final long elapsedNs = System.nanoTime() - startNs;

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("mode", "window");
            params.put("window", Integer.toString(settings.asyncWindow()));
            params.put("size", Integer.toString(settings.persistentSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("msgs_per_s", Latencies.perSecond(sent, elapsedNs));
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("messages", Long.toString(sent));
            info.put("durability", provider.durability());
            return provider.result(Workload.PERSISTENT_ASYNC, params, figures, info);
        }
        finally
        {
            Messages.closeQuietly(connection);
        }
    }

    private static long sendWindowed(
        final Session session,
        final MessageProducer producer,
        final Window window,
        final byte[] body,
        final long count,
        final long capNs) throws JMSException
    {
        final long startNs = System.nanoTime();
        long sent = 0;
        while (sent < count && System.nanoTime() - startNs < capNs)
        {
            window.acquire();
            // JMS 7.3.9: a message in flight must not be touched, so every asynchronous send gets its own.
            final BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            producer.send(message, window);
            sent++;
        }
        return sent;
    }

    private static Result transacted(final JmsProvider provider, final WorkloadSettings settings)
        throws JMSException
    {
        final Connection connection = provider.factory().createConnection();
        try
        {
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageProducer producer = session.createProducer(
                session.createQueue(Messages.uniqueName("persistent-tx")));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            final BytesMessage message = Messages.bytes(session, settings.persistentSize());
            final int batch = settings.transactionBatch();

            sendTransacted(session, producer, message, batch, settings.persistentWarmup(), settings.maxWarmupNs(),
                Latencies.newHistogram());
            final Histogram commits = Latencies.newHistogram();
            final long startNs = System.nanoTime();
            final long sent = sendTransacted(session, producer, message, batch, settings.persistentCount(),
                settings.maxMeasureNs(), commits);
            final long elapsedNs = System.nanoTime() - startNs;

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("mode", "transacted");
            params.put("batch", Integer.toString(batch));
            params.put("size", Integer.toString(settings.persistentSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("msgs_per_s", Latencies.perSecond(sent, elapsedNs));
            figures.put("commit_p50_us", Latencies.micros(commits.getValueAtPercentile(50)));
            figures.put("commit_p99_us", Latencies.micros(commits.getValueAtPercentile(99)));
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("messages", Long.toString(sent));
            info.put("durability", provider.durability());
            return provider.result(Workload.PERSISTENT_ASYNC, params, figures, info);
        }
        finally
        {
            Messages.closeQuietly(connection);
        }
    }

    private static long sendTransacted(
        final Session session,
        final MessageProducer producer,
        final BytesMessage message,
        final int batch,
        final long count,
        final long capNs,
        final Histogram commits) throws JMSException
    {
        final long startNs = System.nanoTime();
        long sent = 0;
        while (sent < count && System.nanoTime() - startNs < capNs)
        {
            final long inBatch = Math.min(batch, count - sent);
            for (long i = 0; i < inBatch; i++)
            {
                producer.send(message);
            }
            final long commitNs = System.nanoTime();
            session.commit();
            Latencies.record(commits, System.nanoTime() - commitNs);
            sent += inBatch;
        }
        return sent;
    }

    /**
     * Bounds the unconfirmed sends: a permit per send, given back by the provider's completion callback.
     */
    private static final class Window implements CompletionListener
    {
        private final int size;
        private final Semaphore permits;
        private volatile Exception failure;

        Window(final int size)
        {
            this.size = size;
            this.permits = new Semaphore(size);
        }

        void acquire() throws JMSException
        {
            throwIfFailed();
            permits.acquireUninterruptibly();
        }

        void drain(final long timeoutNs) throws JMSException
        {
            try
            {
                if (!permits.tryAcquire(size, timeoutNs, TimeUnit.NANOSECONDS))
                {
                    throw new JMSException("sends not confirmed within " +
                        TimeUnit.NANOSECONDS.toMillis(timeoutNs) + " ms");
                }
                permits.release(size);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new JMSException("interrupted while waiting for confirmations");
            }
            throwIfFailed();
        }

        @Override
        public void onCompletion(final Message message)
        {
            permits.release();
        }

        @Override
        public void onException(final Message message, final Exception exception)
        {
            failure = exception;
            permits.release();
        }

        private void throwIfFailed() throws JMSException
        {
            final Exception cause = failure;
            if (null != cause)
            {
                final JMSException ex = new JMSException("asynchronous send failed: " + cause);
                ex.initCause(cause);
                throw ex;
            }
        }
    }
}
