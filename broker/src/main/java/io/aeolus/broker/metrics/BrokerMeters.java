package io.aeolus.broker.metrics;

import io.aeolus.broker.management.ManagementProxy;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.DestinationInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The broker's own meters, refreshed before each scrape from one management snapshot (taken on the conductor thread
 * through the {@link ManagementProxy}, as JMX does, and read as the typed {@link DestinationInfo} and
 * {@link ConnectionInfo} of the management contract): per queue and per topic depth, consumers, oldest message age,
 * DLQ depth, and the counters enqueued, acknowledged, expired and dead-lettered (rates are the scraper's
 * {@code rate()}); connections per user. Meters of destinations that are gone are removed. Called by the HTTP
 * server's single thread only.
 */
final class BrokerMeters
{
    private static final long SNAPSHOT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(5);
    private static final String QUEUE = "QUEUE";
    private static final String TOPIC = "TOPIC";

    /**
     * A per-destination gauge: its meter name, help text and base unit, and how its value is read.
     */
    private record Gauge(String name, String description, String baseUnit, ToDoubleFunction<DestinationInfo> value)
    {
        static Gauge of(final String name, final String description, final ToDoubleFunction<DestinationInfo> value)
        {
            return new Gauge(name, description, null, value);
        }
    }

    /**
     * A per-queue counter: its meter name, help text and how its value is read.
     */
    private record Counter(String name, String description, ToDoubleFunction<DestinationInfo> value)
    {
    }

    private static final List<Gauge> QUEUE_GAUGES = List.of(
        Gauge.of("aeolus.queue.depth", "queue depth", DestinationInfo::depth),
        Gauge.of("aeolus.queue.in.flight", "queue inFlight", DestinationInfo::inFlight),
        Gauge.of("aeolus.queue.scheduled", "queue scheduled", DestinationInfo::scheduled),
        Gauge.of("aeolus.queue.consumers", "queue consumers", DestinationInfo::consumers),
        Gauge.of("aeolus.queue.producers", "queue producers", DestinationInfo::producers),
        Gauge.of("aeolus.queue.dlq.depth", "queue dlqDepth", DestinationInfo::dlqDepth),
        new Gauge("aeolus.queue.oldest.message.age", "age of the oldest message waiting in the queue", "seconds",
            (info) -> info.oldestAgeMs() / 1000.0));
    private static final List<Gauge> TOPIC_GAUGES = List.of(
        Gauge.of("aeolus.topic.depth", "topic depth", DestinationInfo::depth),
        Gauge.of("aeolus.topic.consumers", "topic consumers", DestinationInfo::consumers),
        Gauge.of("aeolus.topic.subscriptions", "topic subscriptions", DestinationInfo::subscriptions),
        Gauge.of("aeolus.topic.producers", "topic producers", DestinationInfo::producers),
        new Gauge("aeolus.topic.oldest.message.age", "age of the oldest message waiting for a subscription",
            "seconds", (info) -> info.oldestAgeMs() / 1000.0));
    private static final List<Counter> QUEUE_COUNTERS = List.of(
        new Counter("aeolus.queue.enqueued", "messages enqueued", DestinationInfo::enqueued),
        new Counter("aeolus.queue.acknowledged", "messages acknowledged", DestinationInfo::acknowledged),
        new Counter("aeolus.queue.expired", "messages expired", DestinationInfo::expired),
        new Counter("aeolus.queue.dead.lettered", "messages deadLettered", DestinationInfo::deadLettered));

    private final MeterRegistry registry;
    private final ManagementProxy proxy;
    private final Map<Gauge, MultiGauge> gauges = new HashMap<>();
    private final Map<String, DestinationInfo> latest = new HashMap<>();
    private final Map<String, List<Meter>> counters = new HashMap<>();
    private final MultiGauge connections;

    BrokerMeters(final MeterRegistry registry, final ManagementProxy proxy)
    {
        this.registry = registry;
        this.proxy = proxy;
        for (final Gauge gauge : QUEUE_GAUGES)
        {
            gauges.put(gauge, register(gauge));
        }
        for (final Gauge gauge : TOPIC_GAUGES)
        {
            gauges.put(gauge, register(gauge));
        }
        connections = MultiGauge.builder("aeolus.connections").description("open connections per user")
            .register(registry);
    }

    /**
     * Takes a snapshot from the conductor and updates every meter.
     */
    void refresh()
    {
        final List<DestinationInfo> destinations = Reply.rows(
            proxy.execute(Request.of(Operation.DESTINATIONS), SNAPSHOT_TIMEOUT_MS), DestinationInfo::read);
        final Map<Gauge, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        for (final Gauge gauge : gauges.keySet())
        {
            rows.put(gauge, new ArrayList<>());
        }
        final Map<String, DestinationInfo> seen = new HashMap<>();
        for (final DestinationInfo info : destinations)
        {
            final boolean queue = QUEUE.equals(info.type());
            for (final Gauge gauge : queue ? QUEUE_GAUGES : TOPIC_GAUGES)
            {
                rows.get(gauge).add(MultiGauge.Row.of(Tags.of("destination", info.name()),
                    gauge.value().applyAsDouble(info)));
            }
            if (queue)
            {
                seen.put(info.name(), info);
            }
        }
        for (final Map.Entry<Gauge, List<MultiGauge.Row<?>>> gauge : rows.entrySet())
        {
            gauges.get(gauge.getKey()).register(gauge.getValue(), true);
        }
        updateCounters(seen);
        refreshConnections();
    }

    private MultiGauge register(final Gauge gauge)
    {
        final MultiGauge.Builder builder = MultiGauge.builder(gauge.name()).description(gauge.description());
        return (null == gauge.baseUnit() ? builder : builder.baseUnit(gauge.baseUnit())).register(registry);
    }

    private void updateCounters(final Map<String, DestinationInfo> seen)
    {
        for (final String gone : new ArrayList<>(latest.keySet()))
        {
            if (!seen.containsKey(gone))
            {
                latest.remove(gone);
                counters.remove(gone).forEach(registry::remove);
            }
        }
        for (final Map.Entry<String, DestinationInfo> queue : seen.entrySet())
        {
            final String name = queue.getKey();
            if (null == latest.put(name, queue.getValue()))
            {
                final List<Meter> meters = new ArrayList<>();
                for (final Counter counter : QUEUE_COUNTERS)
                {
                    meters.add(FunctionCounter.builder(counter.name(), latest,
                        (samples) -> valueOf(samples, name, counter.value()))
                        .tag("destination", name).description(counter.description()).register(registry));
                }
                counters.put(name, meters);
            }
        }
    }

    private void refreshConnections()
    {
        final List<ConnectionInfo> open = Reply.rows(
            proxy.execute(Request.of(Operation.CONNECTIONS), SNAPSHOT_TIMEOUT_MS), ConnectionInfo::read);
        final Map<String, Integer> perUser = new TreeMap<>();
        for (final ConnectionInfo connection : open)
        {
            final String user = connection.user();
            perUser.merge(null == user || user.isEmpty() ? "anonymous" : user, 1, Integer::sum);
        }
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        perUser.forEach((user, connectionCount) -> rows.add(MultiGauge.Row.of(Tags.of("user", user), connectionCount)));
        connections.register(rows, true);
    }

    private static double valueOf(
        final Map<String, DestinationInfo> samples, final String name, final ToDoubleFunction<DestinationInfo> value)
    {
        final DestinationInfo sample = samples.get(name);
        return null == sample ? 0 : value.applyAsDouble(sample);
    }
}
