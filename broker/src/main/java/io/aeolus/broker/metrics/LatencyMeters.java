package io.aeolus.broker.metrics;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.engine.AckObserver;
import io.aeolus.transport.codecs.DestinationType;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The broker's latency histograms, recorded where the time is known: send to confirm and delivery latency by the
 * conductor's Aeron adapter, enqueue to acknowledgement by the engine through its {@link AckObserver} port (with the
 * engine's own clock, so the engine stays deterministic), journal commit time and batch size by the journal thread.
 * Each is a Micrometer timer or distribution summary published as a Prometheus histogram
 * (fixed buckets, about 70 between the expected minimum and maximum): percentiles come from
 * {@code histogram_quantile}, which, unlike client-side percentiles, also aggregates across brokers and time.
 * Recording finds the bucket by binary search and increments a counter in an array: no lock, no allocation per value
 * (client-side percentiles would add three HdrHistogram recorders per value, for a summary Prometheus cannot
 * aggregate). The per-destination histograms are bounded in number ({@link DestinationTimers}). Only created when the
 * metrics endpoint is on; off, nothing is measured.
 * <p>
 * {@link #onSendConfirmed}, {@link #onDelivered} and {@link #onAcknowledged} are for the conductor thread only;
 * {@link #onJournalBatch} for the journal thread only.
 */
public final class LatencyMeters implements AckObserver
{
    private final Timer sendConfirm;
    private final Timer journalCommit;
    private final DistributionSummary journalBatchSize;
    private final DestinationTimers delivery;
    private final DestinationTimers enqueueToAck;

    /**
     * @param registry where the meters are registered.
     */
    public LatencyMeters(final MeterRegistry registry)
    {
        sendConfirm = Timer.builder("aeolus.send.confirm.latency")
            .description("from a confirmed send's arrival at the broker to its confirmation (for a persistent " +
                "message, once its batch is in the journal)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
        journalCommit = Timer.builder("aeolus.journal.commit.latency")
            .description("time to write and commit one journal batch (and force it to disk in sync mode)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
        journalBatchSize = DistributionSummary.builder("aeolus.journal.batch.size").baseUnit("commands")
            .description("journal commands written in one batch (group commit)")
            .publishPercentileHistogram()
            .minimumExpectedValue(1.0).maximumExpectedValue(100_000.0)
            .register(registry);
        delivery = new DestinationTimers(registry, "aeolus.delivery.latency",
            "from a message's JMSTimestamp to its first delivery to a consumer (ms resolution)");
        enqueueToAck = new DestinationTimers(registry, "aeolus.enqueue.to.ack.latency",
            "from the broker enqueuing a message to a consumer's final acknowledgement of it, once per queue or " +
            "subscription (ms resolution, the engine's clock)");
    }

    /**
     * A confirmed send. Conductor thread.
     *
     * @param latencyNs from its arrival to its confirmation.
     */
    public void onSendConfirmed(final long latencyNs)
    {
        sendConfirm.record(Math.max(0, latencyNs), TimeUnit.NANOSECONDS);
    }

    /**
     * A first delivery: the latency is from the message's JMSTimestamp (the producer's clock, in ms) to now, so it
     * includes the time on the way to the broker and, across hosts, the clocks' difference. Temporary destinations,
     * the broker's own ({@code aeolus.*}) and messages without a timestamp are not recorded. Conductor thread;
     * allocates only for a destination's first delivery.
     *
     * @param message the message delivered.
     * @param nowMs   the broker's wall-clock time.
     */
    public void onDelivered(final BrokerMessage message, final long nowMs)
    {
        record(delivery, message.destination(), message.destinationType(), message.timestampMs(), nowMs);
    }

    /**
     * A final acknowledgement, from the engine: the latency is from its enqueue to now, both the engine's time.
     * Temporary destinations, the broker's own ({@code aeolus.*}) and entries without a known enqueue time are not
     * recorded. Conductor thread (the engine's); allocates only for a destination's first acknowledgement.
     * <p>
     * {@inheritDoc}
     */
    public void onAcknowledged(final String destination, final DestinationType type, final long enqueuedMs,
        final long nowMs)
    {
        record(enqueueToAck, destination, type, enqueuedMs, nowMs);
    }

    /**
     * A journal batch written. Journal thread.
     *
     * @param commandCount its commands.
     * @param nanos        how long writing and committing it took.
     */
    public void onJournalBatch(final int commandCount, final long nanos)
    {
        journalCommit.record(nanos, TimeUnit.NANOSECONDS);
        journalBatchSize.record(commandCount);
    }

    private static void record(final DestinationTimers timers, final String destination, final DestinationType type,
        final long sinceMs, final long nowMs)
    {
        if (0 == sinceMs || type == DestinationType.TEMPORARY_QUEUE || type == DestinationType.TEMPORARY_TOPIC)
        {
            return;
        }
        final Timer timer = timers.timer(destination);
        if (null != timer)
        {
            timer.record(Math.max(0, nowMs - sinceMs), TimeUnit.MILLISECONDS);
        }
    }
}
