package io.aeolus.console.dashboard;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.history.HistoryViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * State of the Dashboard tab: the broker-wide history chart (rates and depth over a chosen range, carried on by each
 * metrics snapshot for the short ranges), headline figures, and the top destinations by depth and by inbound rate,
 * updated from metrics snapshots once per tick. "Messages waiting" (the tile) and the chart's line are one figure:
 * what waits in the application's destinations, never in system ones (the trash, the management queue, temporary
 * queues), as the broker's own history counts it; so a purge, which moves messages to the trash, is a drop in both and
 * no inflow. The destination count and the top lists leave out system destinations while
 * {@link #hideSystemProperty()} is on. FX thread only.
 */
public final class DashboardViewModel
{
    /** Entries in each top list. */
    public static final int TOP_SIZE = 5;
    private static final Comparator<DestinationInfo> BY_DEPTH =
        Comparator.comparingLong(DestinationInfo::depth).reversed().thenComparing(DestinationInfo::name);
    private static final Comparator<DestinationInfo> BY_RATE =
        Comparator.comparingDouble(DestinationInfo::inRatePerSec).reversed().thenComparing(DestinationInfo::name);

    private final BooleanProperty hideSystem;
    private final HistoryViewModel history;
    private final ObservableList<DestinationInfo> topByDepth = FXCollections.observableArrayList();
    private final ObservableList<DestinationInfo> topByRate = FXCollections.observableArrayList();
    private List<DestinationInfo> lastDestinations = List.of();

    private final ReadOnlyIntegerWrapper connections = new ReadOnlyIntegerWrapper(this, "connections");
    private final ReadOnlyIntegerWrapper destinationCount = new ReadOnlyIntegerWrapper(this, "destinationCount");
    private final ReadOnlyLongWrapper totalDepth = new ReadOnlyLongWrapper(this, "totalDepth");
    private final javafx.beans.property.ReadOnlyBooleanWrapper live =
        new javafx.beans.property.ReadOnlyBooleanWrapper(this, "live");
    private final javafx.beans.property.ReadOnlyObjectWrapper<MetricsSnapshot.JournalFigures> journal =
        new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "journal", MetricsSnapshot.JournalFigures.NONE);

    /**
     * Creates the view model.
     *
     * @param hideSystem whether system destinations are left out of the top lists; shared with the Destinations tab.
     * @param history    the broker-wide history chart's state.
     */
    public DashboardViewModel(final BooleanProperty hideSystem, final HistoryViewModel history)
    {
        this.hideSystem = hideSystem;
        this.history = history;
        hideSystem.addListener((observable, oldValue, newValue) -> updateFigures());
    }

    /**
     * Loads the broker-wide history of the chosen range; called once connected.
     */
    public void loadHistory()
    {
        history.show("", false);
    }

    /**
     * Applies one snapshot: the figures, the top lists and a live point for the history chart (depth, in and out
     * rates summed over the application's destinations, as the tile and the broker's history count them).
     *
     * @param snapshot the broker-wide figures.
     */
    public void onMetrics(final MetricsSnapshot snapshot)
    {
        connections.set(snapshot.connections());
        journal.set(snapshot.journal());
        live.set(true);
        lastDestinations = snapshot.destinations();
        updateFigures();
        // The chart's live point is the tile's figure, and its rates leave out system destinations as well: messages
        // purged to the trash leave the line and are no "in" there, so a purge shows as the drop it is.
        double inRate = 0;
        double outRate = 0;
        for (final DestinationInfo info : lastDestinations)
        {
            if (!SystemDestinations.isSystem(info))
            {
                inRate += info.inRatePerSec();
                outRate += info.outRatePerSec();
            }
        }
        history.onLive(new HistoryPoint(snapshot.timestampMs(), totalDepth.get(), inRate, outRate));
    }

    private void updateFigures()
    {
        final List<DestinationInfo> candidates = new ArrayList<>(lastDestinations.size());
        long depth = 0;
        for (final DestinationInfo info : lastDestinations)
        {
            final boolean system = SystemDestinations.isSystem(info);
            if (!hideSystem.get() || !system)
            {
                candidates.add(info);
            }
            if (!system)
            {
                depth += info.depth();
            }
        }
        destinationCount.set(candidates.size());
        totalDepth.set(depth);
        setIfChanged(topByDepth, top(candidates, BY_DEPTH, (info) -> info.depth() > 0));
        setIfChanged(topByRate, top(candidates, BY_RATE, (info) -> info.inRatePerSec() > 0));
    }

    private static List<DestinationInfo> top(
        final List<DestinationInfo> candidates,
        final Comparator<DestinationInfo> order,
        final Predicate<DestinationInfo> worthShowing)
    {
        final List<DestinationInfo> sorted = new ArrayList<>(candidates);
        sorted.removeIf(worthShowing.negate());
        sorted.sort(order);
        return sorted.size() > TOP_SIZE ? sorted.subList(0, TOP_SIZE) : sorted;
    }

    private static void setIfChanged(final ObservableList<DestinationInfo> list, final List<DestinationInfo> values)
    {
        if (!list.equals(values))
        {
            list.setAll(values);
        }
    }

    /**
     * Whether system destinations are left out of the top lists.
     *
     * @return the property.
     */
    public BooleanProperty hideSystemProperty()
    {
        return hideSystem;
    }

    /**
     * The destinations with the most messages waiting, most first, at most {@link #TOP_SIZE}.
     *
     * @return the live list.
     */
    public ObservableList<DestinationInfo> topByDepth()
    {
        return topByDepth;
    }

    /**
     * The destinations receiving the most messages per second, busiest first, at most {@link #TOP_SIZE}.
     *
     * @return the live list.
     */
    public ObservableList<DestinationInfo> topByRate()
    {
        return topByRate;
    }

    /**
     * The broker-wide history chart's state.
     *
     * @return the view model.
     */
    public HistoryViewModel history()
    {
        return history;
    }

    /**
     * The journal's figures of the last snapshot: file size, batches, commands per batch, commit times.
     *
     * @return the property; {@link MetricsSnapshot.JournalFigures#NONE} without a journal.
     */
    public javafx.beans.property.ReadOnlyObjectProperty<MetricsSnapshot.JournalFigures> journalProperty()
    {
        return journal.getReadOnlyProperty();
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
     * Number of destinations (system ones left out while hidden).
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty destinationCountProperty()
    {
        return destinationCount.getReadOnlyProperty();
    }

    /**
     * Messages waiting in the application's destinations (never counting system ones): the chart's figure too.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty totalDepthProperty()
    {
        return totalDepth.getReadOnlyProperty();
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        lastDestinations = List.of();
        connections.set(0);
        journal.set(MetricsSnapshot.JournalFigures.NONE);
        live.set(false);
        updateFigures();
        history.clearPoints();
    }

    /**
     * Whether the figures come from a broker: false before the first metrics and after {@link #clear()}, when the
     * tiles show a dash rather than zeros nobody measured.
     *
     * @return the property.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty liveProperty()
    {
        return live.getReadOnlyProperty();
    }
}
