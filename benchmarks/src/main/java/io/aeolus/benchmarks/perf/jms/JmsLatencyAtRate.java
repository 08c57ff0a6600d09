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
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-persistent messages to a queue at a fixed rate, one-way latency measured without coordinated omission: every
 * message carries the time the schedule intended to send it, and the consumer measures from that time, so a
 * sender held up by the provider (or by the machine) is charged for every message it sends late.
 */
final class JmsLatencyAtRate
{
    private JmsLatencyAtRate()
    {
    }

    static List<Result> run(final JmsProvider provider, final WorkloadSettings settings) throws JMSException
    {
        final List<Result> results = new ArrayList<>();
        for (final int rate : settings.rates())
        {
            results.add(runOnce(provider, settings, rate));
        }
        return results;
    }

    private static Result runOnce(final JmsProvider provider, final WorkloadSettings settings, final int rate)
        throws JMSException
    {
        final String queueName = Messages.uniqueName("rate");
        final long warmup = Math.max(1, rate * settings.rateWarmupNs() / 1_000_000_000L);
        final long measured = Math.max(1, rate * settings.rateDurationNs() / 1_000_000_000L);
        final Histogram latency = Latencies.newHistogram();
        final Histogram sendLag = Latencies.newHistogram();
        final Connection producerConnection = provider.factory().createConnection();
        try (JmsReceiver receiver = JmsReceiver.start(
            provider.factory(), false, queueName, "perf-rate-consumer", latency, warmup))
        {
            final Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            final BytesMessage message = session.createBytesMessage();
            final byte[] padding = new byte[settings.rateSize() - WorkloadSettings.MIN_TIMED_SIZE];

            final long total = warmup + measured;
            final long startNs = System.nanoTime() + 1_000_000;
            long measureStartNs = startNs;
            for (long i = 0; i < total; i++)
            {
                final long dueNs = Latencies.intendedSendNs(startNs, i, rate);
                Latencies.awaitNs(dueNs, settings.lowLatency());
                final long sendNs = System.nanoTime();
                if (i == warmup)
                {
                    measureStartNs = sendNs;
                }
                Messages.stamp(message, padding, i, dueNs);
                producer.send(message);
                if (i >= warmup)
                {
                    Latencies.record(sendLag, sendNs - dueNs);
                }
            }
            final long sendEndNs = System.nanoTime();
            final boolean complete = Receiver.awaitAll(
                List.of(receiver), total, settings.timeoutNs(), sendEndNs + settings.maxMeasureNs());
            receiver.close();

            return result(provider, settings, rate, latency, sendLag, measured,
                Latencies.perSecond(measured, sendEndNs - measureStartNs), complete, receiver.received() - warmup);
        }
        finally
        {
            Messages.closeQuietly(producerConnection);
        }
    }

    static Result result(
        final JmsProvider provider,
        final WorkloadSettings settings,
        final int rate,
        final Histogram latency,
        final Histogram sendLag,
        final long measured,
        final double achievedRate,
        final boolean complete,
        final long received)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("rate", Integer.toString(rate));
        params.put("size", Integer.toString(settings.rateSize()));
        final Map<String, Double> figures = new LinkedHashMap<>();
        Latencies.putPercentiles("", latency, figures);
        figures.put("sent_per_s", achievedRate);
        figures.put("send_lag_p99_us", Latencies.micros(sendLag.getValueAtPercentile(99)));
        final Map<String, String> info = new LinkedHashMap<>();
        info.put("messages", Long.toString(measured));
        info.put("received", Long.toString(received));
        info.put("status", complete ? "ok" : "incomplete");
        return provider.result(Workload.LATENCY_AT_RATE, params, figures, info);
    }
}
