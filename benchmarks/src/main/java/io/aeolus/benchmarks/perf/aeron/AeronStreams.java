package io.aeolus.benchmarks.perf.aeron;

import io.aeolus.benchmarks.perf.Latencies;
import io.aeolus.benchmarks.perf.Receiver;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import io.aeron.Publication;
import org.agrona.CloseHelper;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One-way streams on bare Aeron, the shapes of the JMS throughput, fan-out and fixed-rate workloads: a publication
 * on the sending side and one subscription (N for fan-out, each polled by its own thread) on the receiving side.
 */
final class AeronStreams
{
    private static final int CAP_CHECK_MASK = 0x3FF;

    private AeronStreams()
    {
    }

    static Result throughput(final RawAeronProvider provider, final WorkloadSettings settings)
    {
        final Result result = stream(provider, settings, 1, settings.throughputSize(), settings.throughputWarmup(),
            settings.throughputCount());
        final Map<String, String> params = new LinkedHashMap<>();
        params.put("size", Integer.toString(settings.throughputSize()));
        final Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("msgs_per_s", result.figures().get("deliveries_per_s"));
        return provider.result(Workload.THROUGHPUT, params, figures, result.info());
    }

    static List<Result> fanout(final RawAeronProvider provider, final WorkloadSettings settings)
    {
        final List<Result> results = new ArrayList<>();
        for (final int subscribers : settings.fanoutSubscribers())
        {
            final long messages = Math.max(1, settings.fanoutDeliveries() / subscribers);
            results.add(stream(provider, settings, subscribers, settings.fanoutSize(), Math.max(1, messages / 10),
                messages));
        }
        return results;
    }

    static List<Result> latencyAtRate(final RawAeronProvider provider, final WorkloadSettings settings)
    {
        final List<Result> results = new ArrayList<>();
        for (final int rate : settings.rates())
        {
            results.add(atRate(provider, settings, rate));
        }
        return results;
    }

    private static Result stream(
        final RawAeronProvider provider,
        final WorkloadSettings settings,
        final int subscribers,
        final int size,
        final long warmupMessages,
        final long messages)
    {
        final String channel = provider.newChannel();
        final int streamId = provider.newStreamId();
        final List<AeronReceiver> receivers = new ArrayList<>();
        final Publication publication = provider.senderAeron().addExclusivePublication(channel, streamId);
        try
        {
            for (int i = 0; i < subscribers; i++)
            {
                receivers.add(new AeronReceiver(provider.receiverAeron().addSubscription(channel, streamId),
                    provider.newIdleStrategy(), null, 0, "perf-aeron-subscriber-" + i));
            }
            awaitConnected(publication, receivers, settings.timeoutNs());
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(size));
            final IdleStrategy idle = provider.newIdleStrategy();

            final long warmup = send(publication, buffer, idle, warmupMessages, settings.maxWarmupNs(), settings);
            if (!Receiver.awaitAll(receivers, warmup, settings.timeoutNs(), System.nanoTime() +
                settings.maxMeasureNs()))
            {
                throw new IllegalStateException("warm-up did not complete in time");
            }
            final long startNs = System.nanoTime();
            final long sent = send(publication, buffer, idle, messages, settings.maxMeasureNs(), settings);
            final boolean complete = Receiver.awaitAll(
                receivers, warmup + sent, settings.timeoutNs(), startNs + 2 * settings.maxMeasureNs());
            long delivered = 0;
            long lastNs = startNs;
            for (final AeronReceiver receiver : receivers)
            {
                delivered += receiver.received() - warmup;
                lastNs = Math.max(lastNs, receiver.lastReceiveNs());
            }

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("subscribers", Integer.toString(subscribers));
            params.put("size", Integer.toString(size));
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
            closeAll(receivers);
            CloseHelper.quietClose(publication);
        }
    }

    private static Result atRate(final RawAeronProvider provider, final WorkloadSettings settings, final int rate)
    {
        final long warmup = Math.max(1, rate * settings.rateWarmupNs() / 1_000_000_000L);
        final long measured = Math.max(1, rate * settings.rateDurationNs() / 1_000_000_000L);
        final String channel = provider.newChannel();
        final int streamId = provider.newStreamId();
        final Histogram latency = Latencies.newHistogram();
        final Histogram sendLag = Latencies.newHistogram();
        final Publication publication = provider.senderAeron().addExclusivePublication(channel, streamId);
        final AeronReceiver receiver = new AeronReceiver(provider.receiverAeron().addSubscription(channel, streamId),
            provider.newIdleStrategy(), latency, warmup, "perf-aeron-rate-subscriber");
        try
        {
            awaitConnected(publication, List.of(receiver), settings.timeoutNs());
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(settings.rateSize()));
            final IdleStrategy idle = provider.newIdleStrategy();
            final long total = warmup + measured;
            final long startNs = System.nanoTime() + 1_000_000;
            long measureStartNs = startNs;
            for (long i = 0; i < total; i++)
            {
                final long dueNs = Latencies.intendedSendNs(startNs, i, rate);
                Latencies.awaitNs(dueNs, provider.lowLatency());
                final long sendNs = System.nanoTime();
                if (i == warmup)
                {
                    measureStartNs = sendNs;
                }
                buffer.putLong(0, i);
                buffer.putLong(Long.BYTES, dueNs);
                RawAeronProvider.offer(publication, buffer, buffer.capacity(), idle, settings.timeoutNs());
                if (i >= warmup)
                {
                    Latencies.record(sendLag, sendNs - dueNs);
                }
            }
            final long sendEndNs = System.nanoTime();
            final boolean complete = Receiver.awaitAll(
                List.of(receiver), total, settings.timeoutNs(), sendEndNs + settings.maxMeasureNs());
            receiver.close();

            final Map<String, String> params = new LinkedHashMap<>();
            params.put("rate", Integer.toString(rate));
            params.put("size", Integer.toString(settings.rateSize()));
            final Map<String, Double> figures = new LinkedHashMap<>();
            Latencies.putPercentiles("", latency, figures);
            figures.put("sent_per_s", Latencies.perSecond(measured, sendEndNs - measureStartNs));
            figures.put("send_lag_p99_us", Latencies.micros(sendLag.getValueAtPercentile(99)));
            final Map<String, String> info = new LinkedHashMap<>();
            info.put("messages", Long.toString(measured));
            info.put("received", Long.toString(receiver.received() - warmup));
            info.put("status", complete ? "ok" : "incomplete");
            return provider.result(Workload.LATENCY_AT_RATE, params, figures, info);
        }
        finally
        {
            receiver.close();
            CloseHelper.quietClose(publication);
        }
    }

    private static long send(
        final Publication publication,
        final UnsafeBuffer buffer,
        final IdleStrategy idle,
        final long count,
        final long capNs,
        final WorkloadSettings settings)
    {
        final long startNs = System.nanoTime();
        long sent = 0;
        while (sent < count)
        {
            if ((sent & CAP_CHECK_MASK) == 0 && System.nanoTime() - startNs > capNs)
            {
                break;
            }
            buffer.putLong(0, sent);
            RawAeronProvider.offer(publication, buffer, buffer.capacity(), idle, settings.timeoutNs());
            sent++;
        }
        return sent;
    }

    private static void awaitConnected(
        final Publication publication, final List<AeronReceiver> receivers, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (!connected(publication, receivers))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("Aeron stream did not connect: " + publication.channel());
            }
            Thread.yield();
        }
    }

    private static boolean connected(final Publication publication, final List<AeronReceiver> receivers)
    {
        if (!publication.isConnected())
        {
            return false;
        }
        for (final AeronReceiver receiver : receivers)
        {
            if (!receiver.isConnected())
            {
                return false;
            }
        }
        return true;
    }

    private static void closeAll(final List<AeronReceiver> receivers)
    {
        for (final AeronReceiver receiver : receivers)
        {
            receiver.stop();
        }
        for (final AeronReceiver receiver : receivers)
        {
            receiver.close();
        }
    }
}
