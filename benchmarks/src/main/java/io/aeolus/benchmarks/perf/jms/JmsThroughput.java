package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Receiver;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One producer to one consumer on a queue, non-persistent, as fast as the producer can send: messages per second
 * from the first send to the last receive. Each side has its own connection.
 */
final class JmsThroughput
{
    /** How often the producer looks at the clock for its time cap. */
    static final int CAP_CHECK_MASK = 0x3FF;

    private JmsThroughput()
    {
    }

    static Result run(final JmsProvider provider, final WorkloadSettings settings) throws JMSException
    {
        final String queueName = Messages.uniqueName("throughput");
        final Connection producerConnection = provider.factory().createConnection();
        try (JmsReceiver receiver = JmsReceiver.start(
            provider.factory(), false, queueName, "perf-consumer", null, 0))
        {
            final Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            final BytesMessage message = Messages.bytes(session, settings.throughputSize());

            final long warmup = send(producer, message, settings.throughputWarmup(), settings.maxWarmupNs());
            awaitOrFail(receiver, warmup, settings, System.nanoTime() + settings.maxMeasureNs());

            final long startNs = System.nanoTime();
            final long sent = send(producer, message, settings.throughputCount(), settings.maxMeasureNs());
            final boolean complete = Receiver.awaitAll(
                List.of(receiver), warmup + sent, settings.timeoutNs(), startNs + 2 * settings.maxMeasureNs());
            final long received = receiver.received() - warmup;
            final long elapsedNs = receiver.lastReceiveNs() - startNs;

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("size", Integer.toString(settings.throughputSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("msgs_per_s", Latencies.perSecond(received, elapsedNs));
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("messages", Long.toString(received));
            info.put("status", complete ? "ok" : "incomplete");
            return provider.result(Workload.THROUGHPUT, params, figures, info);
        }
        finally
        {
            Messages.closeQuietly(producerConnection);
        }
    }

    /**
     * Sends up to {@code count} copies of a message, stopping early at the time cap.
     *
     * @return how many were sent.
     */
    static long send(final MessageProducer producer, final BytesMessage message, final long count, final long capNs)
        throws JMSException
    {
        final long startNs = System.nanoTime();
        long sent = 0;
        while (sent < count)
        {
            if ((sent & CAP_CHECK_MASK) == 0 && System.nanoTime() - startNs > capNs)
            {
                break;
            }
            producer.send(message);
            sent++;
        }
        return sent;
    }

    static void awaitOrFail(
        final JmsReceiver receiver, final long count, final WorkloadSettings settings, final long deadlineNs)
        throws JMSException
    {
        if (!Receiver.awaitAll(List.of(receiver), count, settings.timeoutNs(), deadlineNs))
        {
            throw new JMSException("warm-up did not complete in time: " + receiver.received() + " of " + count);
        }
    }
}
