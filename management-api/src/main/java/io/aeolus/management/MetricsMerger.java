package io.aeolus.management;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the broker's stream of metrics snapshots, complete ones and snapshots of changes only, back into complete
 * snapshots: a destination missing from a snapshot of changes keeps its last figures (its rates were zero already
 * when it went quiet, the broker sends that change), with the age of its oldest waiting message grown by the time
 * since; a removed destination leaves. Snapshots of changes before the first complete one are not enough to know the
 * broker's destinations and give null; the broker sends a complete snapshot within a second of a new subscriber. One
 * thread at a time; keeps one entry per destination.
 */
public final class MetricsMerger
{
    private final Map<MetricsSnapshot.Key, MetricsSnapshot.Destination> destinations = new LinkedHashMap<>();
    private boolean complete;
    private long lastTimestamp;

    /**
     * @param snapshot the next snapshot received, in the order published.
     * @return the complete snapshot of that moment (the snapshot itself when it is complete); null while no complete
     *         snapshot has come yet.
     */
    public MetricsSnapshot merge(final MetricsSnapshot snapshot)
    {
        if (!snapshot.changesOnly())
        {
            destinations.clear();
            for (final MetricsSnapshot.Destination destination : snapshot.destinations())
            {
                destinations.put(destination.key(), destination);
            }
            complete = true;
            lastTimestamp = snapshot.timestamp();
            return snapshot;
        }
        if (!complete)
        {
            return null;
        }
        final long elapsedMs = Math.max(0, snapshot.timestamp() - lastTimestamp);
        lastTimestamp = snapshot.timestamp();
        if (elapsedMs > 0)
        {
            for (final Map.Entry<MetricsSnapshot.Key, MetricsSnapshot.Destination> entry : destinations.entrySet())
            {
                final long ageMs = entry.getValue().oldestAgeMs();
                if (ageMs > 0)
                {
                    entry.setValue(entry.getValue().withOldestAgeMs(ageMs + elapsedMs));
                }
            }
        }
        for (final MetricsSnapshot.Key removed : snapshot.removed())
        {
            destinations.remove(removed);
        }
        for (final MetricsSnapshot.Destination destination : snapshot.destinations())
        {
            destinations.put(destination.key(), destination);
        }
        return new MetricsSnapshot(snapshot.timestamp(), snapshot.connections(), snapshot.sessions(),
            snapshot.uptimeMs(), snapshot.heapUsed(), snapshot.heapMax(), snapshot.journalPending(),
            new ArrayList<>(destinations.values()), snapshot.journal());
    }

    /**
     * Forgets what was merged (a new subscription): snapshots of changes give null until the next complete one.
     */
    public void reset()
    {
        destinations.clear();
        complete = false;
    }
}
