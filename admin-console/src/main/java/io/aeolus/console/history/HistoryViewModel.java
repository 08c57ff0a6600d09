package io.aeolus.console.history;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * State of one history chart: which destination (or the whole broker), which range, and its points. Choosing a range
 * or a destination loads the broker's history in the background; a result that arrives after another choice is
 * dropped. For the ranges with one point a second, live points (one per metrics tick) carry the chart on and the
 * oldest fall out of the range; live points that arrive while a load runs are kept and added after it. FX thread
 * only.
 */
public final class HistoryViewModel
{
    /** What a broker group's refusal of the history says (its members keep none they agree on). */
    static final String NOT_REPLICATED = "not replicated in a broker group";

    /** Live points kept while a load runs. */
    static final int MAX_PENDING = 600;

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObjectProperty<HistoryRange> range;
    private final ObservableList<HistoryPoint> points = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final List<HistoryPoint> pending = new ArrayList<>();
    private String destination;
    private boolean topic;
    private long generation;

    /**
     * Creates the view model showing nothing until {@link #show} is called.
     *
     * @param backend      the broker access.
     * @param runner       runs backend calls off the FX thread.
     * @param notifier     tells of failed loads.
     * @param bundle       UI text.
     * @param initialRange the range chosen at first.
     */
    public HistoryViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final HistoryRange initialRange)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        range = new SimpleObjectProperty<>(this, "range", initialRange);
        range.addListener((observable, oldValue, newValue) -> load());
    }

    /**
     * Shows the history of a destination, or of the whole broker, and loads it.
     *
     * @param name    the destination, or an empty string for the broker as a whole.
     * @param isTopic true when the destination is a topic.
     */
    public void show(final String name, final boolean isTopic)
    {
        destination = name;
        topic = isTopic;
        points.clear();
        load();
    }

    /**
     * Shows nothing, e.g. when no destination is selected; a load still running is ignored when it ends.
     */
    public void clear()
    {
        clear("");
    }

    /**
     * Shows nothing and says why, e.g. for a destination the broker keeps no history of.
     *
     * @param reason the text the chart shows instead.
     */
    public void clear(final String reason)
    {
        destination = null;
        generation++;
        busy.set(false);
        pending.clear();
        points.clear();
        status.set(reason);
    }

    /**
     * Loads the chosen range of the shown destination again, in the background.
     */
    public void load()
    {
        if (null == destination)
        {
            return;
        }
        final long loading = ++generation;
        final String name = destination;
        final boolean isTopic = topic;
        final HistoryRange chosen = range.get();
        busy.set(true);
        pending.clear();
        status.set(bundle.getString("history.loading"));
        runner.run((sink) -> backend.history(name, isTopic, chosen), (loaded) -> onLoaded(loading, chosen, loaded),
            (failure) -> onFailed(loading, name, failure));
    }

    /**
     * Adds a live point when the chosen range goes on live (one point a second) and the point is newer than the last;
     * drops the points that fall out of the range. FX thread, once per metrics tick.
     *
     * @param point the destination's (or broker's) figures now.
     */
    public void onLive(final HistoryPoint point)
    {
        if (null == destination || !range.get().live())
        {
            return;
        }
        if (busy.get())
        {
            if (pending.size() < MAX_PENDING)
            {
                pending.add(point);
            }
            return;
        }
        append(List.of(point));
    }

    /**
     * The destination shown.
     *
     * @return its name, an empty string for the whole broker, null when nothing is shown.
     */
    public String destination()
    {
        return destination;
    }

    /**
     * The chosen range; changing it loads that range.
     *
     * @return the property.
     */
    public ObjectProperty<HistoryRange> rangeProperty()
    {
        return range;
    }

    /**
     * The points of the chosen range, oldest first.
     *
     * @return the live list.
     */
    public ObservableList<HistoryPoint> points()
    {
        return points;
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
     * What the chart says besides its points: loading, no points, or why loading failed; empty otherwise.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onLoaded(final long loading, final HistoryRange chosen, final List<HistoryPoint> loaded)
    {
        if (loading != generation)
        {
            return;
        }
        busy.set(false);
        points.setAll(loaded);
        if (chosen.live())
        {
            append(pending);
        }
        pending.clear();
        status.set(points.isEmpty() ? bundle.getString("history.empty") : "");
    }

    private void onFailed(final long loading, final String name, final Throwable failure)
    {
        if (loading != generation)
        {
            return;
        }
        busy.set(false);
        pending.clear();
        status.set(MessageFormat.format(bundle.getString("history.failed"), notifier.describe(failure)));
        if (String.valueOf(failure.getMessage()).contains(NOT_REPLICATED))
        {
            // A broker group keeps no history: the status says why, it is no error of the user's.
            return;
        }
        notifier.error(MessageFormat.format(bundle.getString("history.failedTitle"),
            name.isEmpty() ? bundle.getString("history.broker") : name), failure);
    }

    private void append(final List<HistoryPoint> live)
    {
        final List<HistoryPoint> newer = new ArrayList<>(live.size());
        long lastMs = points.isEmpty() ? Long.MIN_VALUE : points.get(points.size() - 1).timeMs();
        for (final HistoryPoint point : live)
        {
            if (point.timeMs() > lastMs)
            {
                newer.add(point);
                lastMs = point.timeMs();
            }
        }
        if (newer.isEmpty())
        {
            return;
        }
        final long oldestKeptMs = lastMs - range.get().lengthMs();
        int stale = 0;
        while (stale < points.size() && points.get(stale).timeMs() < oldestKeptMs)
        {
            stale++;
        }
        if (stale > 0)
        {
            points.remove(0, stale);
        }
        points.addAll(newer);
        status.set("");
    }

    /**
     * Drops the points shown while keeping what is shown (the broker or a destination), e.g. once the broker is gone;
     * a load still running is ignored when it ends. FX thread.
     */
    public void clearPoints()
    {
        generation++;
        busy.set(false);
        pending.clear();
        points.clear();
        status.set("");
    }
}
