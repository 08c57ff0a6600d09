package io.aeolus.console.destinations;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * State and logic of the Destinations tab. Rows are created once per destination and updated in place; the
 * visible list is filtered and sorted here and replaced in one change per batch, so a tick with 10,000
 * destinations costs one list change, not 10,000. System destinations (the broker's management queue and
 * metrics topic, temporary destinations such as the console's own reply queue) are hidden while
 * {@link #hideSystemProperty()} is on. A metrics batch never lists temporary destinations, so it leaves the
 * temporary rows of the last full listing in place; a {@link #reload()} replaces everything. FX thread only.
 */
public final class DestinationsViewModel
{
    private static final Comparator<DestinationRow> BY_NAME = Comparator.comparing(DestinationRow::name);

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final String failureTitle;
    private final BooleanProperty hideSystem;
    private final ReadOnlyIntegerWrapper hiddenCount = new ReadOnlyIntegerWrapper(this, "hiddenCount");
    private final Map<String, DestinationRow> rowsByName = new HashMap<>();
    private final List<DestinationRow> allRows = new ArrayList<>();
    private final ObservableList<DestinationRow> visibleRows = FXCollections.observableArrayList();
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyLongWrapper batchesApplied = new ReadOnlyLongWrapper(this, "batchesApplied");
    private Comparator<DestinationRow> comparator;
    private boolean refreshing;

    /**
     * Creates the view model.
     *
     * @param backend      the broker access.
     * @param runner       runs backend calls off the FX thread.
     * @param notifier     tells of failures.
     * @param failureTitle title of the notification when loading fails.
     * @param hideSystem   whether system destinations are hidden; shared with the dashboard.
     */
    public DestinationsViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final String failureTitle,
        final BooleanProperty hideSystem)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.failureTitle = failureTitle;
        this.hideSystem = hideSystem;
        filter.addListener((observable, oldValue, newValue) -> refreshVisible());
        hideSystem.addListener((observable, oldValue, newValue) -> refreshVisible());
    }

    /**
     * Loads all destinations through the backend in the background.
     */
    public void reload()
    {
        busy.set(true);
        runner.run((progress) -> backend.destinations(), this::onLoaded, this::onFailed);
    }

    /**
     * Applies one metrics batch: updates existing rows in place, adds new ones, drops missing ones except
     * temporary rows (metrics leave temporary destinations out), then re-filters and re-sorts once. FX thread;
     * called at most once per metrics tick.
     *
     * @param destinations statistics of every destination but the temporary ones.
     */
    public void applyBatch(final List<DestinationInfo> destinations)
    {
        apply(destinations, false);
    }

    private void apply(final List<DestinationInfo> destinations, final boolean complete)
    {
        final Set<String> seen = new HashSet<>(destinations.size() * 2);
        for (final DestinationInfo info : destinations)
        {
            seen.add(info.name());
            final DestinationRow row = rowsByName.get(info.name());
            if (null == row)
            {
                final DestinationRow created = new DestinationRow(info);
                rowsByName.put(info.name(), created);
                allRows.add(created);
            }
            else
            {
                row.update(info);
            }
        }
        if (seen.size() != rowsByName.size())
        {
            allRows.removeIf((row) -> !seen.contains(row.name()) && (complete || !row.temporary()));
            rowsByName.values().removeIf((row) -> !seen.contains(row.name()) && (complete || !row.temporary()));
        }
        refreshVisible();
        batchesApplied.set(batchesApplied.get() + 1);
    }

    /**
     * Sets the sort order the table chose and re-sorts; called by the table's sort policy.
     *
     * @param comparator the order, or null for name order.
     */
    public void sortWith(final Comparator<DestinationRow> comparator)
    {
        if (this.comparator != comparator)
        {
            this.comparator = comparator;
            refreshVisible();
        }
    }

    /**
     * The filtered, sorted rows the table shows.
     *
     * @return the live list.
     */
    public ObservableList<DestinationRow> visibleRows()
    {
        return visibleRows;
    }

    /**
     * Number of destinations known, before filtering.
     *
     * @return the count.
     */
    public int totalCount()
    {
        return allRows.size();
    }

    /**
     * Case-insensitive text a row's name must contain to be shown.
     *
     * @return the property.
     */
    public StringProperty filterProperty()
    {
        return filter;
    }

    /**
     * Whether system destinations are hidden (on by default); shared with the dashboard.
     *
     * @return the property.
     */
    public BooleanProperty hideSystemProperty()
    {
        return hideSystem;
    }

    /**
     * How many rows the system-destination toggle hides right now.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty hiddenCountProperty()
    {
        return hiddenCount.getReadOnlyProperty();
    }

    /**
     * True while a load runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Text of the last failure, or empty.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty errorProperty()
    {
        return error.getReadOnlyProperty();
    }

    /**
     * How many batches were applied; views re-render once per increment.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty batchesAppliedProperty()
    {
        return batchesApplied.getReadOnlyProperty();
    }

    private void onLoaded(final List<DestinationInfo> destinations)
    {
        busy.set(false);
        error.set("");
        apply(destinations, true);
    }

    private void onFailed(final Throwable failure)
    {
        busy.set(false);
        error.set(notifier.describe(failure));
        notifier.error(failureTitle, failure);
    }

    private void refreshVisible()
    {
        // The table's sort policy calls back into sortWith() when the list changes; ignore that re-entry.
        if (refreshing)
        {
            return;
        }
        refreshing = true;
        try
        {
            final String needle = filter.get().strip().toLowerCase(Locale.ROOT);
            final boolean hide = hideSystem.get();
            final List<DestinationRow> shown = new ArrayList<>(allRows.size());
            int hidden = 0;
            for (final DestinationRow row : allRows)
            {
                if (hide && row.system())
                {
                    hidden++;
                }
                else if (needle.isEmpty() || row.lowerCaseName().contains(needle))
                {
                    shown.add(row);
                }
            }
            hiddenCount.set(hidden);
            // Without a column chosen, rows stay in name order, so a new queue lands where one looks for it.
            shown.sort(null != comparator ? comparator : BY_NAME);
            if (!shown.equals(visibleRows))
            {
                visibleRows.setAll(shown);
            }
        }
        finally
        {
            refreshing = false;
        }
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        apply(List.of(), true);
    }
}
