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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One producer to a topic with N non-durable subscribers, each on its own connection and thread: deliveries per
 * second (messages times subscribers) from the first send to the last delivery to the slowest subscriber.
 */
final class JmsFanout
{
    private JmsFanout()
    {
    }

    static List<Result> run(final JmsProvider provider, final WorkloadSettings settings) throws JMSException
    {
        final List<Result> results = new ArrayList<>();
        for (final int subscribers : settings.fanoutSubscribers())
        {
            results.add(runOnce(provider, settings, subscribers));
        }
        return results;
    }

    private static Result runOnce(final JmsProvider provider, final WorkloadSettings settings, final int subscribers)
        throws JMSException
    {
        final String topicName = Messages.uniqueName("fanout");
        final long messages = Math.max(1, settings.fanoutDeliveries() / subscribers);
        final long warmupMessages = Math.max(1, messages / 10);
        final List<JmsReceiver> receivers = new ArrayList<>();
        Connection producerConnection = null;
        try
        {
            for (int i = 0; i < subscribers; i++)
            {
                receivers.add(JmsReceiver.start(provider.factory(), true, topicName, "perf-subscriber-" + i, null, 0));
            }
            producerConnection = provider.factory().createConnection();
            final Session session = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createTopic(topicName));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            final BytesMessage message = Messages.bytes(session, settings.fanoutSize());

            final long warmup = JmsThroughput.send(producer, message, warmupMessages, settings.maxWarmupNs());
            if (!Receiver.awaitAll(receivers, warmup, settings.timeoutNs(), System.nanoTime() +
                settings.maxMeasureNs()))
            {
                throw new JMSException("fan-out warm-up did not complete in time");
            }

            final long startNs = System.nanoTime();
            final long sent = JmsThroughput.send(producer, message, messages, settings.maxMeasureNs());
            final boolean complete = Receiver.awaitAll(
                receivers, warmup + sent, settings.timeoutNs(), startNs + 2 * settings.maxMeasureNs());
            long delivered = 0;
            long lastNs = startNs;
            for (final JmsReceiver receiver : receivers)
            {
                delivered += receiver.received() - warmup;
                lastNs = Math.max(lastNs, receiver.lastReceiveNs());
            }

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("subscribers", Integer.toString(subscribers));
            params.put("size", Integer.toString(settings.fanoutSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            figures.put("deliveries_per_s", Latencies.perSecond(delivered, lastNs - startNs));
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("messages", Long.toString(sent));
            info.put("deliveries", Long.toString(delivered));
            info.put("status", complete ? "ok" : "incomplete");
            return provider.result(Workload.FANOUT, params, figures, info);
        }
        finally
        {
            Messages.closeQuietly(producerConnection);
            for (final JmsReceiver receiver : receivers)
            {
                receiver.stop();
            }
            for (final JmsReceiver receiver : receivers)
            {
                receiver.close();
            }
        }
    }
}
