package io.aeolus.console.dlq;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.backend.TriageGrouping;
import io.aeolus.console.backend.TriageResult;
import io.aeolus.console.jobs.JobFormViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * Dead-letter triage in the Dead letters tab: the messages of the shown dead-letter queue grouped by reason, original
 * destination, last consumer, delivery count or a named property, biggest group first, each with its time range and a
 * histogram over the queue's time range. "Retry this cause" opens the bulk operation form with the group's selector,
 * so the dry run counts just that cause before the retry starts. Regroups when the queue or the grouping changes (a
 * property name is applied with {@link #regroup()}). FX thread only.
 */
public final class TriageViewModel
{
    /** Histogram buckets per group. */
    public static final int BUCKETS = 24;
    private static final Pattern PROPERTY_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final JobsViewModel jobs;
    private final ObjectProperty<TriageGrouping> grouping =
        new SimpleObjectProperty<>(this, "grouping", TriageGrouping.REASON);
    private final StringProperty property = new SimpleStringProperty(this, "property", "");
    private final ObservableList<TriageGroup> groups = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TriageResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObjectProperty<TriageGroup> selectedGroup = new SimpleObjectProperty<>(this, "selectedGroup");
    private String queue;
    private long generation;
    private TriageGrouping loadedGrouping = TriageGrouping.REASON;
    private String loadedProperty = "";

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of failures.
     * @param bundle   UI text.
     * @param jobs     creates the retry form for a cause.
     */
    public TriageViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final JobsViewModel jobs)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.jobs = jobs;
        grouping.addListener((observable, oldValue, newValue) -> regroup());
    }

    /**
     * Shows the groups of a dead-letter queue, loading them in the background.
     *
     * @param deadLetterQueue the queue, or null for none.
     */
    public void show(final String deadLetterQueue)
    {
        queue = deadLetterQueue;
        regroup();
    }

    /**
     * Groups the shown queue again with the chosen grouping (and property name), in the background; a result that
     * arrives after another choice is dropped.
     */
    public void regroup()
    {
        final long loading = ++generation;
        if (null == queue)
        {
            selectedGroup.set(null);
            groups.clear();
            result.set(null);
            status.set("");
            return;
        }
        final TriageGrouping by = grouping.get();
        final String name = property.get().strip();
        if (by == TriageGrouping.PROPERTY && !PROPERTY_NAME.matcher(name).matches())
        {
            selectedGroup.set(null);
            groups.clear();
            result.set(null);
            status.set(bundle.getString("triage.propertyNeeded"));
            return;
        }
        final String dlq = queue;
        busy.set(true);
        runner.run((sink) -> backend.triage(dlq, by, name, BUCKETS), (loaded) -> onLoaded(loading, loaded),
            (failure) ->
            {
                if (loading == generation)
                {
                    busy.set(false);
                    status.set(MessageFormat.format(bundle.getString("triage.failed"), notifier.describe(failure)));
                    notifier.error(MessageFormat.format(bundle.getString("triage.failedTitle"), dlq), failure);
                }
            });
    }

    /**
     * The retry form for one cause: retry by the group's selector, counted by a dry run before it starts.
     *
     * @param group the group.
     * @return a new form, or null when no queue is shown.
     */
    public JobFormViewModel retryForm(final TriageGroup group)
    {
        return null == queue ? null : jobs.newRetryForm(queue, group.selector());
    }

    /**
     * The group whose dead letters the list shows, null for all of them; the view keeps it in step with the groups
     * table's selection.
     *
     * @return the property.
     */
    public ObjectProperty<TriageGroup> selectedGroupProperty()
    {
        return selectedGroup;
    }

    /**
     * How to find the dead letters of a group of the last grouping.
     *
     * @param group the group.
     * @return the filter.
     */
    TriageFilter filterFor(final TriageGroup group)
    {
        return new TriageFilter(loadedGrouping, loadedProperty, group);
    }

    /**
     * A group's key as shown: the value, or a word for messages without it.
     *
     * @param group the group.
     * @return the text.
     */
    public String keyText(final TriageGroup group)
    {
        return group.key().isEmpty() ? bundle.getString("triage.none") : group.key();
    }

    /**
     * A time as the triage table shows it.
     *
     * @param timeMs epoch milliseconds.
     * @return the text.
     */
    public static String time(final long timeMs)
    {
        return TIME_FORMAT.format(Instant.ofEpochMilli(timeMs));
    }

    /**
     * What the messages are grouped by.
     *
     * @return the property.
     */
    public ObjectProperty<TriageGrouping> groupingProperty()
    {
        return grouping;
    }

    /**
     * The property to group by with {@link TriageGrouping#PROPERTY}; applied with {@link #regroup()}.
     *
     * @return the property.
     */
    public StringProperty propertyProperty()
    {
        return property;
    }

    /**
     * The groups, biggest first.
     *
     * @return the live list.
     */
    public ObservableList<TriageGroup> groups()
    {
        return groups;
    }

    /**
     * The last grouping as a whole (time range and bucket width), null before one.
     *
     * @return the property.
     */
    public ReadOnlyObjectProperty<TriageResult> resultProperty()
    {
        return result.getReadOnlyProperty();
    }

    /**
     * True while grouping runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * A summary of the grouping, or why there is none.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onLoaded(final long loading, final TriageResult loaded)
    {
        if (loading != generation)
        {
            return;
        }
        busy.set(false);
        result.set(loaded);
        loadedGrouping = grouping.get();
        loadedProperty = property.get().strip();
        // The group chosen as the list's filter stays chosen (with its new count) if it is still there.
        final TriageGroup chosen = selectedGroup.get();
        TriageGroup kept = null;
        for (final TriageGroup group : loaded.groups())
        {
            if (null != chosen && group.selector().equals(chosen.selector()))
            {
                kept = group;
            }
        }
        groups.setAll(loaded.groups());
        selectedGroup.set(kept);
        status.set(loaded.total() == 0 ? bundle.getString("triage.empty") :
            MessageFormat.format(bundle.getString("triage.summary"), loaded.total(), loaded.groups().size(),
            time(loaded.fromMs()), time(loaded.toMs()), loaded.property()));
    }
}
