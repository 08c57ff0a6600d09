package io.aeolus.benchmarks.perf;

import java.util.List;

/**
 * Counts, sizes, rates and time caps of every workload, resolved from the command line (with {@code --scale}
 * applied). Counts are messages; every measured phase also stops at {@code maxMeasureNs} and every warm-up at
 * {@code maxWarmupNs}, whichever comes first, so that a slow provider cannot stretch a run: the result then says how
 * many messages it measured. Immutable.
 *
 * @param pingpongWarmup      round trips before measuring.
 * @param pingpongCount       round trips measured.
 * @param pingpongSize        request and reply body, bytes.
 * @param throughputWarmup    messages sent and received before measuring.
 * @param throughputCount     messages measured.
 * @param throughputSize      body, bytes.
 * @param fanoutSubscribers   subscriber counts to measure, e.g. 1, 4, 16.
 * @param fanoutDeliveries    deliveries measured per subscriber count (messages sent = deliveries / subscribers).
 * @param fanoutSize          body, bytes.
 * @param persistentProducers producer counts for persistent-sync, e.g. 1, 8.
 * @param persistentWarmup    persistent sends before measuring (per measurement, shared by the producers).
 * @param persistentCount     persistent sends measured (shared by the producers).
 * @param persistentSize      body of persistent messages, bytes.
 * @param asyncWindow         sends a producer may have unconfirmed with a CompletionListener.
 * @param transactionBatch    sends per commit in the transacted variant.
 * @param rates               fixed send rates for latency-at-rate, messages per second.
 * @param rateDurationNs      how long each rate is measured.
 * @param rateWarmupNs        how long each rate runs before measuring.
 * @param rateSize            body for latency-at-rate, bytes (at least 16: it carries the intended send time).
 * @param xaThreads           thread counts for xa, e.g. 1, 8.
 * @param xaWarmup            XA transactions before measuring (shared by the threads).
 * @param xaCount             XA transactions measured (shared by the threads); its message is persistentSize.
 * @param xaReceive           each XA transaction also receives one message in its branch before it sends.
 * @param maxMeasureNs        cap on any measured phase.
 * @param maxWarmupNs         cap on any warm-up phase.
 * @param timeoutNs           how long a receiver may wait for one message before the run is declared stalled.
 * @param lowLatency          spin or yield instead of backing off (brokers the tool starts, raw Aeron threads).
 */
public record WorkloadSettings(
    int pingpongWarmup,
    int pingpongCount,
    int pingpongSize,
    int throughputWarmup,
    int throughputCount,
    int throughputSize,
    List<Integer> fanoutSubscribers,
    int fanoutDeliveries,
    int fanoutSize,
    List<Integer> persistentProducers,
    int persistentWarmup,
    int persistentCount,
    int persistentSize,
    int asyncWindow,
    int transactionBatch,
    List<Integer> rates,
    long rateDurationNs,
    long rateWarmupNs,
    int rateSize,
    List<Integer> xaThreads,
    int xaWarmup,
    int xaCount,
    boolean xaReceive,
    long maxMeasureNs,
    long maxWarmupNs,
    long timeoutNs,
    boolean lowLatency)
{
    /** Smallest body that carries a sequence number and an intended send time. */
    public static final int MIN_TIMED_SIZE = 16;

    /**
     * Validates and copies the lists.
     *
     * @param pingpongWarmup      round trips before measuring.
     * @param pingpongCount       round trips measured.
     * @param pingpongSize        request and reply body, bytes.
     * @param throughputWarmup    messages sent and received before measuring.
     * @param throughputCount     messages measured.
     * @param throughputSize      body, bytes.
     * @param fanoutSubscribers   subscriber counts.
     * @param fanoutDeliveries    deliveries measured per subscriber count.
     * @param fanoutSize          body, bytes.
     * @param persistentProducers producer counts.
     * @param persistentWarmup    persistent sends before measuring.
     * @param persistentCount     persistent sends measured.
     * @param persistentSize      body, bytes.
     * @param asyncWindow         unconfirmed sends allowed.
     * @param transactionBatch    sends per commit.
     * @param rates               send rates, messages per second.
     * @param rateDurationNs      measured time per rate.
     * @param rateWarmupNs        warm-up time per rate.
     * @param rateSize            body, bytes.
     * @param xaThreads           thread counts for xa.
     * @param xaWarmup            XA transactions before measuring.
     * @param xaCount             XA transactions measured.
     * @param xaReceive           receive one message in each XA branch too.
     * @param maxMeasureNs        cap on a measured phase.
     * @param maxWarmupNs         cap on a warm-up phase.
     * @param timeoutNs           stall timeout.
     * @param lowLatency          spin or yield instead of backing off.
     */
    public WorkloadSettings
    {
        fanoutSubscribers = List.copyOf(fanoutSubscribers);
        persistentProducers = List.copyOf(persistentProducers);
        rates = List.copyOf(rates);
        xaThreads = List.copyOf(xaThreads);
        if (pingpongSize < MIN_TIMED_SIZE || throughputSize < MIN_TIMED_SIZE || fanoutSize < MIN_TIMED_SIZE ||
            rateSize < MIN_TIMED_SIZE || persistentSize < MIN_TIMED_SIZE)
        {
            throw new IllegalArgumentException("message sizes must be at least " + MIN_TIMED_SIZE + " bytes");
        }
        if (asyncWindow < 1 || transactionBatch < 1)
        {
            throw new IllegalArgumentException("--async-window and --transaction-batch must be at least 1");
        }
    }
}
