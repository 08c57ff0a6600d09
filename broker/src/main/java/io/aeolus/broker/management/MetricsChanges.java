package io.aeolus.broker.management;

import io.aeolus.management.MetricsSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what of a complete metrics snapshot is published (issue #20, defect 9). A complete snapshot of 10,000
 * destinations is about 12 MiB a second, for the broker to encode and route and for every console to decode, most
 * of it figures that did not change. So with at least {@code threshold} destinations the broker publishes a complete
 * snapshot only every {@code completeIntervalMs} (and at once for a new subscriber, via {@code complete=true}), and
 * in between a snapshot of changes: the destinations whose figures differ from what was last published, and the keys
 * of those removed since. Below the threshold every snapshot is complete, as before.
 * <p>
 * A destination counts as unchanged when every figure equals the last one published and the age of its oldest
 * waiting message grew by exactly the time since (the same oldest message; a receiver ages it by that time,
 * {@link io.aeolus.management.MetricsMerger}), or stayed 0. A destination that goes quiet is published once more,
 * with its rates at zero, and then not until it changes. Receivers that merge see each destination's latest
 * figures with at most the delay of one snapshot. Conductor thread only.
 */
final class MetricsChanges
{
    /** Destinations from which snapshots of changes are published. */
    static final int DEFAULT_THRESHOLD = 1_000;
    /** How often a complete snapshot is published all the same, ms. */
    static final long DEFAULT_COMPLETE_INTERVAL_MS = 30_000;

    private final int threshold;
    private final long completeIntervalMs;
    private final Map<MetricsSnapshot.Key, MetricsSnapshot.Destination> published = new HashMap<>();
    private long publishedAtMs;
    private long nextCompleteMs;
    private boolean any;

    MetricsChanges()
    {
        this(DEFAULT_THRESHOLD, DEFAULT_COMPLETE_INTERVAL_MS);
    }

    /**
     * @param threshold          destinations from which snapshots of changes are published.
     * @param completeIntervalMs how often a complete snapshot is published all the same, ms.
     */
    MetricsChanges(final int threshold, final long completeIntervalMs)
    {
        if (threshold < 1 || completeIntervalMs < 1)
        {
            throw new IllegalArgumentException("threshold and complete interval must be positive, got " + threshold +
                " and " + completeIntervalMs);
        }
        this.threshold = threshold;
        this.completeIntervalMs = completeIntervalMs;
    }

    /**
     * @param snapshot a complete snapshot taken now ({@link MetricsSnapshot#timestamp()}).
     * @param complete true to publish it complete whatever the time (a new subscriber).
     * @return what to publish: the snapshot itself, or a snapshot of the changes since the last one returned.
     */
    MetricsSnapshot toPublish(final MetricsSnapshot snapshot, final boolean complete)
    {
        final long nowMs = snapshot.timestamp();
        final boolean sendComplete = complete || !any || snapshot.destinations().size() < threshold ||
            nowMs - nextCompleteMs >= 0;
        final long elapsedMs = nowMs - publishedAtMs;
        publishedAtMs = nowMs;
        any = true;
        if (sendComplete)
        {
            nextCompleteMs = nowMs + completeIntervalMs;
            published.clear();
            for (final MetricsSnapshot.Destination destination : snapshot.destinations())
            {
                published.put(destination.key(), destination);
            }
            return snapshot;
        }
        final List<MetricsSnapshot.Destination> changed = new ArrayList<>();
        final Set<MetricsSnapshot.Key> present = new HashSet<>();
        for (final MetricsSnapshot.Destination destination : snapshot.destinations())
        {
            final MetricsSnapshot.Key key = destination.key();
            present.add(key);
            final MetricsSnapshot.Destination previous = published.put(key, destination);
            if (null == previous || !unchanged(previous, destination, elapsedMs))
            {
                changed.add(destination);
            }
        }
        final List<MetricsSnapshot.Key> removed = new ArrayList<>();
        for (final Iterator<MetricsSnapshot.Key> keys = published.keySet().iterator(); keys.hasNext(); )
        {
            final MetricsSnapshot.Key key = keys.next();
            if (!present.contains(key))
            {
                removed.add(key);
                keys.remove();
            }
        }
        return new MetricsSnapshot(nowMs, snapshot.connections(), snapshot.sessions(), snapshot.uptimeMs(),
            snapshot.heapUsed(), snapshot.heapMax(), snapshot.journalPending(), changed, snapshot.journal(), true,
            removed);
    }

    private static boolean unchanged(
        final MetricsSnapshot.Destination previous, final MetricsSnapshot.Destination now, final long elapsedMs)
    {
        final long expectedAgeMs = 0 == previous.oldestAgeMs() ? 0 : previous.oldestAgeMs() + elapsedMs;
        return expectedAgeMs == now.oldestAgeMs() && previous.withOldestAgeMs(expectedAgeMs).equals(now);
    }
}
