package io.aeolus.console.destinations;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
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
 * destinations costs one list change, not 10,000. FX thread only.
 */
public final class DestinationsViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
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
     * @param backend the broker access.
     * @param runner  runs backend calls off the FX thread.
     */
    public DestinationsViewModel(final ConsoleBackend backend, final TaskRunner runner)
    {
        this.backend = backend;
        this.runner = runner;
        filter.addListener((observable, oldValue, newValue) -> refreshVisible());
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
     * Applies one batch of statistics: updates existing rows in place, adds new ones, drops missing ones, then
     * re-filters and re-sorts once. FX thread; called at most once per metrics tick.
     *
     * @param destinations statistics of every destination.
     */
    public void applyBatch(final List<DestinationInfo> destinations)
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
            rowsByName.keySet().retainAll(seen);
            allRows.removeIf((row) -> !seen.contains(row.name()));
        }
        refreshVisible();
        batchesApplied.set(batchesApplied.get() + 1);
    }

    /**
     * Sets the sort order the table chose and re-sorts; called by the table's sort policy.
     *
     * @param comparator the order, or null for arrival order.
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
        applyBatch(destinations);
    }

    private void onFailed(final Throwable failure)
    {
        busy.set(false);
        error.set(String.valueOf(failure.getMessage()));
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
            final List<DestinationRow> shown = new ArrayList<>(allRows.size());
            for (final DestinationRow row : allRows)
            {
                if (needle.isEmpty() || row.name().toLowerCase(Locale.ROOT).contains(needle))
                {
                    shown.add(row);
                }
            }
            if (null != comparator)
            {
                shown.sort(comparator);
            }
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
}
