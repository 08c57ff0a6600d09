package io.aeolus.broker.metrics;

import io.aeolus.broker.management.ManagementProxy;
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

/**
 * The broker's own meters, refreshed before each scrape from one management snapshot (taken on the conductor thread
 * through the {@link ManagementProxy}, as JMX does): per queue and per topic depth, consumers, oldest message age,
 * DLQ depth, and the counters enqueued, acknowledged, expired and dead-lettered (rates are the scraper's
 * {@code rate()}); connections per user. Meters of destinations that are gone are removed. Called by the HTTP
 * server's single thread only.
 */
final class BrokerMeters
{
    private static final long SNAPSHOT_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(5);
    private static final String[] QUEUE_GAUGES = {"depth", "inFlight", "scheduled", "consumers", "producers",
        "dlqDepth"};
    private static final String[] QUEUE_COUNTERS = {"enqueued", "acknowledged", "expired", "deadLettered"};
    private static final String[] TOPIC_GAUGES = {"depth", "consumers", "subscriptions", "producers"};

    private final MeterRegistry registry;
    private final ManagementProxy proxy;
    private final Map<String, MultiGauge> gauges = new HashMap<>();
    private final Map<String, Map<String, Object>> latest = new HashMap<>();
    private final Map<String, List<Meter>> counters = new HashMap<>();
    private final MultiGauge connections;

    BrokerMeters(final MeterRegistry registry, final ManagementProxy proxy)
    {
        this.registry = registry;
        this.proxy = proxy;
        for (final String field : QUEUE_GAUGES)
        {
            gauges.put("QUEUE." + field, MultiGauge.builder("aeolus.queue." + snake(field))
                .description("queue " + field).register(registry));
        }
        for (final String field : TOPIC_GAUGES)
        {
            gauges.put("TOPIC." + field, MultiGauge.builder("aeolus.topic." + snake(field))
                .description("topic " + field).register(registry));
        }
        gauges.put("QUEUE.oldestAgeMs", MultiGauge.builder("aeolus.queue.oldest.message.age").baseUnit("seconds")
            .description("age of the oldest message waiting in the queue").register(registry));
        gauges.put("TOPIC.oldestAgeMs", MultiGauge.builder("aeolus.topic.oldest.message.age").baseUnit("seconds")
            .description("age of the oldest message waiting for a subscription").register(registry));
        connections = MultiGauge.builder("aeolus.connections").description("open connections per user")
            .register(registry);
    }

    /**
     * Takes a snapshot from the conductor and updates every meter.
     */
    void refresh()
    {
        final Map<String, Object> destinations = proxy.execute(Map.of("op", "destinations"), SNAPSHOT_TIMEOUT_MS);
        final Map<String, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        for (final String key : gauges.keySet())
        {
            rows.put(key, new ArrayList<>());
        }
        final Map<String, Map<String, Object>> seen = new HashMap<>();
        final int count = ((Number)destinations.get("count")).intValue();
        for (int i = 0; i < count; i++)
        {
            final String name = String.valueOf(destinations.get(i + ".name"));
            final String type = "QUEUE".equals(destinations.get(i + ".type")) ? "QUEUE" : "TOPIC";
            final Map<String, Object> sample = new HashMap<>();
            for (final Map.Entry<String, List<MultiGauge.Row<?>>> gauge : rows.entrySet())
            {
                if (gauge.getKey().startsWith(type + "."))
                {
                    final String field = gauge.getKey().substring(type.length() + 1);
                    final double value = number(destinations.get(i + "." + field));
                    gauge.getValue().add(MultiGauge.Row.of(Tags.of("destination", name),
                        "oldestAgeMs".equals(field) ? value / 1000.0 : value));
                }
            }
            if ("QUEUE".equals(type))
            {
                for (final String field : QUEUE_COUNTERS)
                {
                    sample.put(field, destinations.get(i + "." + field));
                }
                seen.put(name, sample);
            }
        }
        for (final Map.Entry<String, List<MultiGauge.Row<?>>> gauge : rows.entrySet())
        {
            gauges.get(gauge.getKey()).register(gauge.getValue(), true);
        }
        updateCounters(seen);
        refreshConnections();
    }

    private void updateCounters(final Map<String, Map<String, Object>> seen)
    {
        for (final String gone : new ArrayList<>(latest.keySet()))
        {
            if (!seen.containsKey(gone))
            {
                latest.remove(gone);
                counters.remove(gone).forEach(registry::remove);
            }
        }
        for (final Map.Entry<String, Map<String, Object>> queue : seen.entrySet())
        {
            final String name = queue.getKey();
            if (null == latest.put(name, queue.getValue()))
            {
                final List<Meter> meters = new ArrayList<>();
                for (final String field : QUEUE_COUNTERS)
                {
                    meters.add(FunctionCounter.builder("aeolus.queue." + snake(field), latest,
                        (samples) -> valueOf(samples, name, field))
                        .tag("destination", name).description("messages " + field).register(registry));
                }
                counters.put(name, meters);
            }
        }
    }

    private void refreshConnections()
    {
        final Map<String, Object> reply = proxy.execute(Map.of("op", "connections"), SNAPSHOT_TIMEOUT_MS);
        final Map<String, Integer> perUser = new TreeMap<>();
        final int count = ((Number)reply.get("count")).intValue();
        for (int i = 0; i < count; i++)
        {
            final Object user = reply.get(i + ".user");
            perUser.merge(null == user || "".equals(user) ? "anonymous" : user.toString(), 1, Integer::sum);
        }
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        perUser.forEach((user, connectionCount) -> rows.add(MultiGauge.Row.of(Tags.of("user", user), connectionCount)));
        connections.register(rows, true);
    }

    private static double valueOf(final Map<String, Map<String, Object>> samples, final String name, final String field)
    {
        final Map<String, Object> sample = samples.get(name);
        return null == sample ? 0 : number(sample.get(field));
    }

    private static double number(final Object value)
    {
        return value instanceof Number ? ((Number)value).doubleValue() : 0;
    }

    private static String snake(final String field)
    {
        final StringBuilder name = new StringBuilder();
        for (final char c : field.toCharArray())
        {
            name.append(Character.isUpperCase(c) ? "." + Character.toLowerCase(c) : String.valueOf(c));
        }
        return name.toString();
    }
}
