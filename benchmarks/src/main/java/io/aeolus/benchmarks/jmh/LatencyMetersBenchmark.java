package io.aeolus.benchmarks.jmh;

import io.aeolus.broker.metrics.LatencyMeters;
import io.aeolus.broker.metrics.MetricsEndpoint;
import io.aeolus.transport.codecs.DestinationType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What the latency histograms cost the broker per value while the metrics endpoint is on: one
 * {@link LatencyMeters#onSendConfirmed} per confirmed send and one {@link LatencyMeters#onAcknowledged} per message
 * finally acknowledged (a per-destination timer found by name among several) on the conductor thread, one
 * {@link LatencyMeters#onJournalBatch} (two histograms) per batch on the journal thread. Run with {@code -prof gc} to
 * see that recording allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.base/java.util.zip=ALL-UNNAMED"})
public class LatencyMetersBenchmark
{
    private static final String[] DESTINATIONS = {"orders", "payments", "prices.eu", "prices.us", "audit.events",
        "jobs", "invoices", "shipments"};

    private LatencyMeters meters;
    private long value;
    private int destination;

    /**
     * Registers the meters in a Prometheus registry, as the broker does.
     */
    @Setup
    public void setUp()
    {
        meters = new LatencyMeters(MetricsEndpoint.newRegistry());
        for (final String name : DESTINATIONS)
        {
            meters.onAcknowledged(name, DestinationType.QUEUE, 1, 2);
        }
    }

    /**
     * One send-to-confirm latency between 20 µs and 10 ms.
     */
    @Benchmark
    public void sendConfirmed()
    {
        value = (value + 7919) & 0x3FF;
        meters.onSendConfirmed(20_000 + value * 10_000);
    }

    /**
     * One enqueue-to-acknowledge latency between 0 and 1 s, on one of eight destinations in turn.
     */
    @Benchmark
    public void acknowledged()
    {
        value = (value + 7919) & 0x3FF;
        destination = (destination + 1) & 7;
        meters.onAcknowledged(DESTINATIONS[destination], DestinationType.QUEUE, 1_000_000, 1_000_000 + value);
    }

    /**
     * One journal batch: its commit time and its size.
     */
    @Benchmark
    public void journalBatch()
    {
        value = (value + 7919) & 0x3FF;
        meters.onJournalBatch(1 + (int)(value & 63), 100_000 + value * 1_000);
    }
}
