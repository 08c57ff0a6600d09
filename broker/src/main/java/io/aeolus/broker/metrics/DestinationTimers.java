package io.aeolus.broker.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.HashMap;

/**
 * One latency timer per destination under one metric name, tagged {@code destination}, published as a Prometheus
 * histogram with ms-to-hours buckets. The number of series is bounded: past {@link #MAX_DESTINATIONS} destinations,
 * the rest share one timer tagged {@value #OTHER}, so a broker with thousands of destinations (or a client creating
 * names without end) cannot blow up the scrape. Timers stay until the broker restarts. The broker's own
 * ({@code aeolus.*}) destinations get none. One thread only (the conductor's); allocates only for a destination's
 * first value.
 */
final class DestinationTimers
{
    /** Destinations that get a timer of their own; the rest share {@value #OTHER}. */
    static final int MAX_DESTINATIONS = 100;

    /** The {@code destination} tag of values past {@link #MAX_DESTINATIONS}. */
    static final String OTHER = "_other";

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final HashMap<String, Timer> byDestination = new HashMap<>();
    private Timer other;

    /**
     * @param registry    where the timers are registered.
     * @param name        the Micrometer name (dotted; the Prometheus name adds {@code _seconds}).
     * @param description the help text.
     */
    DestinationTimers(final MeterRegistry registry, final String name, final String description)
    {
        this.registry = registry;
        this.name = name;
        this.description = description;
    }

    /**
     * @param destination a destination's name.
     * @return its timer, the shared one past the limit, or null for the broker's own destinations.
     */
    Timer timer(final String destination)
    {
        final Timer timer = byDestination.get(destination);
        if (null != timer)
        {
            return timer;
        }
        if (destination.startsWith("aeolus."))
        {
            return null;
        }
        if (byDestination.size() >= MAX_DESTINATIONS)
        {
            if (null == other)
            {
                other = newTimer(OTHER);
            }
            return other;
        }
        final Timer created = newTimer(destination);
        byDestination.put(destination, created);
        return created;
    }

    private Timer newTimer(final String destination)
    {
        return Timer.builder(name)
            .description(description)
            .tag("destination", destination)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    }
}
