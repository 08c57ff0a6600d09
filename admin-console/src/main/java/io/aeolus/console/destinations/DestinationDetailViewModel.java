package io.aeolus.console.destinations;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.backend.PurgeResult;
import io.aeolus.console.history.HistoryViewModel;
import io.aeolus.console.jobs.JobFormViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.NoticeAction;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.console.trash.TrashViewModel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * State and logic of the destination detail under the Destinations table: the selected destination, its history chart
 * (range 1m / 10m / 1h / 24h, live for the short ranges; none for system destinations, which the broker keeps no
 * history of), Purge (the view asks for confirmation first; the
 * notification that tells of it offers Undo, which restores the purged batch from the trash) and the bulk operation
 * form. FX thread only.
 */
public final class DestinationDetailViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final JobsViewModel jobs;
    private final TrashViewModel trash;
    private final Runnable onChanged;
    private final HistoryViewModel history;
    private final DestinationLifecycle lifecycle;
    private final ReadOnlyObjectWrapper<DestinationRow> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /**
     * Creates the view model.
     *
     * @param backend   the broker access.
     * @param runner    runs backend calls off the FX thread.
     * @param notifier  tells of purges and failures.
     * @param bundle    UI text.
     * @param jobs      creates bulk operation forms.
     * @param trash     restores a purge when the user chooses Undo.
     * @param onChanged called on the FX thread after a purge, e.g. to reload the destinations.
     */
    public DestinationDetailViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final JobsViewModel jobs,
        final TrashViewModel trash,
        final Runnable onChanged)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.jobs = jobs;
        this.trash = trash;
        this.onChanged = onChanged;
        history = new HistoryViewModel(backend, runner, notifier, bundle, HistoryRange.TEN_MINUTES);
        lifecycle = new DestinationLifecycle(backend, runner, notifier, bundle, trash, onChanged);
    }

    /**
     * Create, delete, pause and resume.
     *
     * @return the lifecycle logic.
     */
    public DestinationLifecycle lifecycle()
    {
        return lifecycle;
    }

    /**
     * Shows a destination, loading its history; null shows nothing. Selecting the shown one again changes nothing.
     *
     * @param row the destination, or null.
     */
    public void select(final DestinationRow row)
    {
        final DestinationRow previous = selected.get();
        if (null != previous && null != row && previous.name().equals(row.name()))
        {
            selected.set(row);
            return;
        }
        selected.set(row);
        if (null == row)
        {
            history.clear();
        }
        else if (row.system())
        {
            // The broker keeps no history of temporary destinations nor of its own.
            history.clear(bundle.getString("history.none"));
        }
        else
        {
            history.show(row.name(), row.type() == DestinationType.TOPIC);
        }
    }

    /**
     * Carries the history chart on with the shown destination's figures from a metrics snapshot. FX thread, once per
     * tick.
     *
     * @param snapshot the broker's figures.
     */
    public void onMetrics(final MetricsSnapshot snapshot)
    {
        final DestinationRow row = selected.get();
        if (null == row)
        {
            return;
        }
        for (final DestinationInfo info : snapshot.destinations())
        {
            if (info.name().equals(row.name()))
            {
                history.onLive(new HistoryPoint(snapshot.timestampMs(), info.depth(), info.inRatePerSec(),
                    info.outRatePerSec()));
                return;
            }
        }
    }

    /**
     * Whether the shown destination can be purged: a queue of the applications (not the broker's own).
     *
     * @return true for such a queue.
     */
    public boolean canPurge()
    {
        final DestinationRow row = selected.get();
        return null != row && row.type() == DestinationType.QUEUE && !row.system() && !busy.get();
    }

    /**
     * Purges the shown queue in the background; call after the user confirmed. The notification that tells of it
     * offers Undo while the messages are in the trash.
     */
    public void purge()
    {
        if (!canPurge())
        {
            return;
        }
        final String queue = selected.get().name();
        busy.set(true);
        runner.run((sink) -> backend.purge(queue), (result) -> onPurged(queue, result), (failure) ->
        {
            busy.set(false);
            notifier.error(MessageFormat.format(bundle.getString("purge.failedTitle"), queue), failure);
        });
    }

    /**
     * The bulk operation form for the shown queue (move or purge, retry too for a dead-letter queue).
     *
     * @return a new form, or null when no queue is shown.
     */
    public JobFormViewModel bulkForm()
    {
        final DestinationRow row = selected.get();
        if (null == row || row.type() != DestinationType.QUEUE)
        {
            return null;
        }
        return jobs.newForm(row.name(), row.deadLetterQueue(), List.of());
    }

    /**
     * The destination shown.
     *
     * @return the property; its value is null when none is.
     */
    public ReadOnlyObjectProperty<DestinationRow> selectedProperty()
    {
        return selected.getReadOnlyProperty();
    }

    /**
     * The shown destination's history chart.
     *
     * @return the view model.
     */
    public HistoryViewModel history()
    {
        return history;
    }

    /**
     * True while a purge runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    private void onPurged(final String queue, final PurgeResult result)
    {
        busy.set(false);
        final String title = MessageFormat.format(bundle.getString("purge.doneTitle"), queue);
        if (result.undoable())
        {
            notifier.info(title, MessageFormat.format(bundle.getString("purge.doneUndoable"), result.count()),
                new NoticeAction(bundle.getString("purge.undo"), () -> trash.restore(result.trashBatch(), queue)));
        }
        else
        {
            notifier.info(title, MessageFormat.format(bundle.getString("purge.done"), result.count()));
        }
        onChanged.run();
        trash.reload();
    }
}
