package io.aeolus.benchmarks.perf;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The command-line options that size the workloads, with defaults chosen so that {@code --compare} over every
 * workload and the four providers finishes in well under 15 minutes on a 2-core machine. {@code --scale} multiplies
 * every count and duration (not the caps), with floors that keep each measurement meaningful.
 */
public final class WorkloadOptions
{
    @Option(names = "--pingpong-warmup", defaultValue = "10000", description = "round trips before measuring")
    private int pingpongWarmup;

    @Option(names = "--pingpong-count", defaultValue = "30000", description = "round trips measured")
    private int pingpongCount;

    @Option(names = "--pingpong-size", defaultValue = "64", description = "request and reply size, bytes")
    private int pingpongSize;

    @Option(names = "--throughput-warmup", defaultValue = "20000", description = "messages before measuring")
    private int throughputWarmup;

    @Option(names = "--throughput-count", defaultValue = "200000", description = "messages measured")
    private int throughputCount;

    @Option(names = "--throughput-size", defaultValue = "100", description = "message size, bytes")
    private int throughputSize;

    @Option(names = "--subscribers", defaultValue = "1,4,16", split = ",",
        description = "fan-out subscriber counts")
    private List<Integer> fanoutSubscribers;

    @Option(names = "--fanout-deliveries", defaultValue = "200000",
        description = "deliveries measured per subscriber count (messages sent = deliveries / subscribers)")
    private int fanoutDeliveries;

    @Option(names = "--fanout-size", defaultValue = "100", description = "fan-out message size, bytes")
    private int fanoutSize;

    @Option(names = "--producers", defaultValue = "1,8", split = ",",
        description = "persistent-sync producer counts")
    private List<Integer> persistentProducers;

    @Option(names = "--persistent-warmup", defaultValue = "500", description = "persistent sends before measuring")
    private int persistentWarmup;

    @Option(names = "--persistent-count", defaultValue = "5000",
        description = "persistent sends measured (shared by the producers)")
    private int persistentCount;

    @Option(names = "--persistent-size", defaultValue = "1024", description = "persistent message size, bytes")
    private int persistentSize;

    @Option(names = "--async-window", defaultValue = "256",
        description = "unconfirmed asynchronous sends allowed (CompletionListener)")
    private int asyncWindow;

    @Option(names = "--transaction-batch", defaultValue = "100", description = "sends per commit, transacted")
    private int transactionBatch;

    @Option(names = "--rates", defaultValue = "10000,50000,100000", split = ",",
        description = "latency-at-rate send rates, msgs/s")
    private List<Integer> rates;

    @Option(names = "--rate-seconds", defaultValue = "2", description = "measured time per rate, seconds")
    private double rateSeconds;

    @Option(names = "--rate-warmup-seconds", defaultValue = "0.5", description = "warm-up per rate, seconds")
    private double rateWarmupSeconds;

    @Option(names = "--rate-size", defaultValue = "64", description = "latency-at-rate message size, bytes")
    private int rateSize;

    @Option(names = "--xa-threads", defaultValue = "1,8", split = ",",
        description = "xa thread counts, each thread on its own XA connection and session")
    private List<Integer> xaThreads;

    @Option(names = "--xa-warmup", defaultValue = "200", description = "XA transactions before measuring")
    private int xaWarmup;

    @Option(names = "--xa-count", defaultValue = "2000",
        description = "XA transactions measured (shared by the threads); each sends one --persistent-size message")
    private int xaCount;

    @Option(names = "--xa-receive",
        description = "each xa transaction also receives one message (from a queue filled beforehand) in its branch " +
            "before it sends, as a message-driven bean that forwards")
    private boolean xaReceive;

    @Option(names = "--max-seconds", defaultValue = "5",
        description = "cap on any measured phase, seconds: a slow provider measures fewer messages")
    private double maxSeconds;

    @Option(names = "--max-warmup-seconds", defaultValue = "2", description = "cap on any warm-up phase, seconds")
    private double maxWarmupSeconds;

    @Option(names = "--timeout-seconds", defaultValue = "15",
        description = "a run in which nothing arrives for this long has failed, seconds")
    private double timeoutSeconds;

    @Option(names = "--scale", defaultValue = "1",
        description = "multiply every count and duration (0.01 for a quick look), caps excepted")
    private double scale;

    /**
     * Resolves the options into settings, applying {@code --scale}.
     *
     * @param lowLatency whether {@code --low-latency} was given.
     * @return the settings.
     * @throws IllegalArgumentException if an option is out of range.
     */
    public WorkloadSettings toSettings(final boolean lowLatency)
    {
        if (scale <= 0)
        {
            throw new IllegalArgumentException("--scale must be positive");
        }
        return new WorkloadSettings(
            scaled(pingpongWarmup, 10),
            scaled(pingpongCount, 100),
            pingpongSize,
            scaled(throughputWarmup, 100),
            scaled(throughputCount, 200),
            throughputSize,
            positive(fanoutSubscribers, "--subscribers"),
            scaled(fanoutDeliveries, 320),
            fanoutSize,
            positive(persistentProducers, "--producers"),
            scaled(persistentWarmup, 8),
            scaled(persistentCount, 64),
            persistentSize,
            asyncWindow,
            transactionBatch,
            positive(rates, "--rates"),
            Math.max(TimeUnit.MILLISECONDS.toNanos(20), nanos(rateSeconds * scale)),
            Math.max(TimeUnit.MILLISECONDS.toNanos(5), nanos(rateWarmupSeconds * scale)),
            rateSize,
            positive(xaThreads, "--xa-threads"),
            scaled(xaWarmup, 8),
            scaled(xaCount, 32),
            xaReceive,
            nanos(maxSeconds),
            nanos(maxWarmupSeconds),
            nanos(timeoutSeconds),
            lowLatency);
    }

    private int scaled(final int count, final int floor)
    {
        return (int)Math.max(floor, Math.round(count * scale));
    }

    private static long nanos(final double seconds)
    {
        if (seconds <= 0)
        {
            throw new IllegalArgumentException("durations must be positive, got " + seconds);
        }
        return (long)(seconds * 1e9);
    }

    private static List<Integer> positive(final List<Integer> values, final String option)
    {
        final List<Integer> checked = new ArrayList<>();
        for (final Integer value : values)
        {
            if (null == value || value < 1)
            {
                throw new IllegalArgumentException(option + ": every value must be at least 1, got " + values);
            }
            checked.add(value);
        }
        return checked;
    }
}
