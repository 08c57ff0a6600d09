package io.aeolus.broker.metrics;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.transport.codecs.DestinationType;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;

/**
 * The broker's latency histograms, recorded where the time is known rather than in the engine (which reads no
 * clock): send to confirm and delivery latency by the conductor's Aeron adapter, journal commit time and batch size
 * by the journal thread. Each is a Micrometer timer or distribution summary published as a Prometheus histogram
 * (fixed buckets, about 70 between the expected minimum and maximum): percentiles come from
 * {@code histogram_quantile}, which, unlike client-side percentiles, also aggregates across brokers and time.
 * Recording finds the bucket by binary search and increments a counter in an array: no lock, no allocation per value
 * (client-side percentiles would add three HdrHistogram recorders per value, for a summary Prometheus cannot
 * aggregate). Only created when the metrics endpoint is on; off, nothing is measured.
 * <p>
 * {@link #onSendConfirmed} and {@link #onDelivered} are for the conductor thread only;
 * {@link #onJournalBatch} for the journal thread only.
 */
public final class LatencyMeters
{
    /** Destinations that get a delivery latency timer of their own; the rest share {@value #OTHER}. */
    static final int MAX_DESTINATIONS = 100;

    /** The {@code destination} tag of deliveries past {@link #MAX_DESTINATIONS}. */
    static final String OTHER = "_other";

    private final MeterRegistry registry;
    private final Timer sendConfirm;
    private final Timer journalCommit;
    private final DistributionSummary journalBatchSize;
    private final HashMap<String, Timer> deliveryByDestination = new HashMap<>();
    private Timer otherDelivery;

    /**
     * @param registry where the meters are registered.
     */
    public LatencyMeters(final MeterRegistry registry)
    {
        this.registry = registry;
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
        final long timestampMs = message.timestampMs();
        final DestinationType type = message.destinationType();
        if (0 == timestampMs || type == DestinationType.TEMPORARY_QUEUE || type == DestinationType.TEMPORARY_TOPIC)
        {
            return;
        }
        final String destination = message.destination();
        Timer timer = deliveryByDestination.get(destination);
        if (null == timer)
        {
            if (destination.startsWith("aeolus."))
            {
                return;
            }
            timer = deliveryTimer(destination);
        }
        timer.record(Math.max(0, nowMs - timestampMs), TimeUnit.MILLISECONDS);
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

    private Timer deliveryTimer(final String destination)
    {
        if (deliveryByDestination.size() >= MAX_DESTINATIONS)
        {
            if (null == otherDelivery)
            {
                otherDelivery = newDeliveryTimer(OTHER);
            }
            return otherDelivery;
        }
        final Timer timer = newDeliveryTimer(destination);
        deliveryByDestination.put(destination, timer);
        return timer;
    }

    private Timer newDeliveryTimer(final String destination)
    {
        return Timer.builder("aeolus.delivery.latency")
            .description("from a message's JMSTimestamp to its first delivery to a consumer (ms resolution)")
            .tag("destination", destination)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    }
}
