package io.aeolus.console.dashboard;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.MetricsSnapshot;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Dashboard tab: a sliding window of rate samples and headline figures, updated from metrics
 * snapshots once per tick. FX thread only.
 */
public final class DashboardViewModel
{
    /** Length of the rate chart's window. */
    public static final long WINDOW_MS = 5 * 60 * 1000L;

    private final ObservableList<RateSample> samples = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper connections = new ReadOnlyIntegerWrapper(this, "connections");
    private final ReadOnlyIntegerWrapper destinationCount = new ReadOnlyIntegerWrapper(this, "destinationCount");
    private final ReadOnlyLongWrapper totalDepth = new ReadOnlyLongWrapper(this, "totalDepth");

    /**
     * Applies one snapshot: appends a sample, drops samples older than the window, updates the figures.
     *
     * @param snapshot the broker-wide figures.
     */
    public void onMetrics(final MetricsSnapshot snapshot)
    {
        final long oldestKeptMs = snapshot.timestampMs() - WINDOW_MS;
        int stale = 0;
        while (stale < samples.size() && samples.get(stale).timestampMs() < oldestKeptMs)
        {
            stale++;
        }
        if (stale > 0)
        {
            samples.remove(0, stale);
        }
        samples.add(new RateSample(snapshot.timestampMs(), snapshot.inRatePerSec(), snapshot.outRatePerSec()));

        long depth = 0;
        for (final DestinationInfo info : snapshot.destinations())
        {
            depth += info.depth();
        }
        connections.set(snapshot.connections());
        destinationCount.set(snapshot.destinations().size());
        totalDepth.set(depth);
    }

    /**
     * Rate samples of the last {@link #WINDOW_MS}, oldest first.
     *
     * @return the live list.
     */
    public ObservableList<RateSample> samples()
    {
        return samples;
    }

    /**
     * Open client connections.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty connectionsProperty()
    {
        return connections.getReadOnlyProperty();
    }

    /**
     * Number of destinations.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty destinationCountProperty()
    {
        return destinationCount.getReadOnlyProperty();
    }

    /**
     * Messages waiting over all destinations.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty totalDepthProperty()
    {
        return totalDepth.getReadOnlyProperty();
    }
}
