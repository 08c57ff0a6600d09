package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Persistent synchronous sends to one queue from P producers, each on its own connection and thread: each send
 * returns when the provider confirms it. Messages per second over all producers, and the send-latency percentiles.
 * Nothing consumes during the measurement: this measures the send path (and the journal, where there is one).
 */
final class JmsPersistentSync
{
    private JmsPersistentSync()
    {
    }

    static List<Result> run(final JmsProvider provider, final WorkloadSettings settings) throws Exception
    {
        final List<Result> results = new ArrayList<>();
        for (final int producers : settings.persistentProducers())
        {
            results.add(runOnce(provider, settings, producers));
        }
        return results;
    }

    private static Result runOnce(final JmsProvider provider, final WorkloadSettings settings, final int producers)
        throws Exception
    {
        final String queueName = Messages.uniqueName("persistent-sync");
        final long[] startNs = new long[1];
        final CyclicBarrier start = new CyclicBarrier(producers, () -> startNs[0] = System.nanoTime());
        final List<Sender> senders = new ArrayList<>();
        try
        {
            for (int i = 0; i < producers; i++)
            {
                senders.add(new Sender(provider, queueName, settings, producers, start, i));
            }
            for (final Sender sender : senders)
            {
                sender.thread.start();
            }
            final Histogram sendLatency = Latencies.newHistogram();
            long sent = 0;
            long endNs = 0;
            for (final Sender sender : senders)
            {
                sender.join();
                sendLatency.add(sender.latency);
                sent += sender.measured;
                endNs = Math.max(endNs, sender.endNs);
            }

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("producers", Integer.toString(producers));
            params.put("size", Integer.toString(settings.persistentSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("msgs_per_s", Latencies.perSecond(sent, endNs - startNs[0]));
            Latencies.putPercentiles("send_", sendLatency, figures);
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("messages", Long.toString(sent));
            info.put("durability", provider.durability());
            return provider.result(Workload.PERSISTENT_SYNC, params, figures, info);
        }
        finally
        {
            for (final Sender sender : senders)
            {
                Messages.closeQuietly(sender.connection);
            }
        }
    }

    /**
     * One producer: warms up, waits for the others at the barrier, then sends its share of the measured count.
     */
    private static final class Sender
    {
        private final Connection connection;
        private final MessageProducer producer;
        private final BytesMessage message;
        private final WorkloadSettings settings;
        private final int producers;
        private final CyclicBarrier start;
        private final Histogram latency = Latencies.newHistogram();
        private final Thread thread;
        private volatile Exception failure;
        private long measured;
        private long endNs;

        Sender(
            final JmsProvider provider,
            final String queueName,
            final WorkloadSettings settings,
            final int producers,
            final CyclicBarrier start,
            final int index) throws JMSException
        {
            this.connection = provider.factory().createConnection();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            this.producer = session.createProducer(session.createQueue(queueName));
            this.producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            this.message = Messages.bytes(session, settings.persistentSize());
            this.settings = settings;
            this.producers = producers;
            this.start = start;
            this.thread = new Thread(this::sendAll, "perf-persistent-producer-" + index);
            this.thread.setDaemon(true);
        }

        void join() throws Exception
        {
            thread.join();
            if (null != failure)
            {
                throw failure;
            }
        }

        private void sendAll()
        {
            try
            {
                final long share = Math.max(1, settings.persistentWarmup() / producers);
                send(share, settings.maxWarmupNs(), null);
                start.await(settings.timeoutNs() + settings.maxWarmupNs(), TimeUnit.NANOSECONDS);
                measured = send(
                    Math.max(1, settings.persistentCount() / producers), settings.maxMeasureNs(), latency);
                endNs = System.nanoTime();
            }
            catch (final JMSException | RuntimeException | InterruptedException | BrokenBarrierException |
                TimeoutException ex)
            {
                failure = ex;
                start.reset();
            }
        }

        private long send(final long count, final long capNs, final Histogram histogram) throws JMSException
        {
            final long beginNs = System.nanoTime();
            long sent = 0;
            while (sent < count && System.nanoTime() - beginNs < capNs)
            {
                final long sendNs = System.nanoTime();
                producer.send(message);
                if (null != histogram)
                {
                    Latencies.record(histogram, System.nanoTime() - sendNs);
                }
                sent++;
            }
            return sent;
        }
    }
}
