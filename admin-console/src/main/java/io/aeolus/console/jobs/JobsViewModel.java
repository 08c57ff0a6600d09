package io.aeolus.console.jobs;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.BackgroundWork;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Consumer;

/**
 * State and logic of the Jobs tab: the broker's bulk jobs, whichever console started them, newest first, with pause,
 * resume and cancel. A timer calls {@link #onTick} once a second; while connected the list is polled every tick while
 * a job is running or paused (or was just started here) and every {@link #IDLE_POLL_INTERVAL_MS} otherwise, so jobs
 * other consoles start appear too. One poll is in flight at most, and each applies as one update. A job seen running
 * that ended since is told of as a notification, and the listeners hear of it (to reload what it changed). FX thread
 * only.
 */
public final class JobsViewModel
{
    /** Time between polls while no job runs, in milliseconds. */
    public static final long IDLE_POLL_INTERVAL_MS = 5_000;

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final Map<Long, JobRow> rowsById = new HashMap<>();
    private final List<Consumer<JobInfo>> finishedListeners = new ArrayList<>();
    private final Set<Long> startedHere = new HashSet<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyIntegerWrapper activeCount = new ReadOnlyIntegerWrapper(this, "activeCount");
    private final ReadOnlyLongWrapper updates = new ReadOnlyLongWrapper(this, "updates");
    private boolean connected;
    private boolean polling;
    private boolean pollSoon;
    private boolean failing;
    private long lastPollMs = Long.MIN_VALUE / 2;
    private ObservableList<String> targetNames = FXCollections.emptyObservableList();

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of finished jobs and failures.
     * @param bundle   UI text.
     */
    public JobsViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
    }

    /**
     * Creates the bulk operation form for a queue; a job it starts is followed here.
     *
     * @param queue           the queue.
     * @param deadLetterQueue true for a dead-letter queue (retry is offered).
     * @param selectedIds     the messages selected in a table, possibly none.
     * @return a new form.
     */
    public JobFormViewModel newForm(final String queue, final boolean deadLetterQueue, final List<String> selectedIds)
    {
        final JobFormViewModel form = new JobFormViewModel(backend, runner, notifier, bundle, this::onStarted, queue,
            deadLetterQueue, selectedIds);
        form.targetNames(targetNames);
        return form;
    }

    /**
     * The queue names a move's target field suggests, kept up to date by the caller. FX thread.
     *
     * @param names the live list of queue names, sorted.
     */
    public void targetNames(final ObservableList<String> names)
    {
        targetNames = names;
    }

    /**
     * Creates a retry form for the dead letters a selector picks, e.g. one cause found by triage.
     *
     * @param deadLetterQueue the dead-letter queue.
     * @param selector        the selector.
     * @return a new form, retry by that selector.
     */
    public JobFormViewModel newRetryForm(final String deadLetterQueue, final String selector)
    {
        final JobFormViewModel form = newForm(deadLetterQueue, true, List.of());
        form.kindProperty().set(JobKind.RETRY);
        form.useSelectedProperty().set(false);
        form.selectorProperty().set(selector);
        return form;
    }

    /**
     * Says whether the console is connected; polls only while it is, and once right away when it becomes so.
     *
     * @param isConnected true when connected.
     */
    public void setConnected(final boolean isConnected)
    {
        connected = isConnected;
        if (isConnected)
        {
            pollSoon = true;
        }
    }

    /**
     * Called by the console's timer about once a second; polls when due. FX thread.
     *
     * @param nowMs the time, epoch milliseconds.
     */
    public void onTick(final long nowMs)
    {
        if (!connected || polling)
        {
            return;
        }
        if (pollSoon || activeCount.get() > 0 || nowMs - lastPollMs >= IDLE_POLL_INTERVAL_MS)
        {
            lastPollMs = nowMs;
            reload();
        }
    }

    /**
     * Polls the broker's jobs now, in the background, unless a poll is in flight.
     */
    public void reload()
    {
        if (polling)
        {
            return;
        }
        polling = true;
        pollSoon = false;
        runner.run((sink) -> backend.jobs(), (jobs) ->
        {
            failing = false;
            onLoaded(jobs);
        }, (failure) ->
        {
            polling = false;
            status.set(MessageFormat.format(bundle.getString("jobs.failed"), notifier.describe(failure)));
            // A poll that keeps failing is told of once, not every tick, until a poll works again.
            if (connected && !failing)
            {
                notifier.error(bundle.getString("jobs.loadFailed"), failure);
            }
            failing = true;
        });
    }

    /**
     * Pauses a running job in the background.
     *
     * @param row the job.
     */
    public void pause(final JobRow row)
    {
        control(row, "jobs.pauseFailed", (sink) -> backend.pauseJob(row.id()));
    }

    /**
     * Resumes a paused job in the background.
     *
     * @param row the job.
     */
    public void resume(final JobRow row)
    {
        control(row, "jobs.resumeFailed", (sink) -> backend.resumeJob(row.id()));
    }

    /**
     * Cancels a job in the background: what it did stays done, the rest stays where it was.
     *
     * @param row the job.
     */
    public void cancel(final JobRow row)
    {
        control(row, "jobs.cancelFailed", (sink) -> backend.cancelJob(row.id()));
    }

    /**
     * Whether a job can be paused.
     *
     * @param row the job, may be null.
     * @return true while it runs.
     */
    public boolean canPause(final JobRow row)
    {
        return null != row && row.stateProperty().get() == JobState.RUNNING;
    }

    /**
     * Whether a job can be resumed.
     *
     * @param row the job, may be null.
     * @return true while it is paused.
     */
    public boolean canResume(final JobRow row)
    {
        return null != row && row.stateProperty().get() == JobState.PAUSED;
    }

    /**
     * Whether a job can be cancelled.
     *
     * @param row the job, may be null.
     * @return true until it has ended.
     */
    public boolean canCancel(final JobRow row)
    {
        return null != row && !row.stateProperty().get().finished();
    }

    /**
     * Registers a listener told of each job seen to end (done or cancelled), on the FX thread.
     *
     * @param listener the listener.
     */
    public void addFinishedListener(final Consumer<JobInfo> listener)
    {
        finishedListeners.add(listener);
    }

    /**
     * The jobs, newest first.
     *
     * @return the live list.
     */
    public ObservableList<JobRow> rows()
    {
        return rows;
    }

    /**
     * Jobs running or paused.
     *
     * @return the property.
     */
    public ReadOnlyIntegerProperty activeCountProperty()
    {
        return activeCount.getReadOnlyProperty();
    }

    /**
     * How many updates were applied; bindings on row states re-evaluate once per increment.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty updatesProperty()
    {
        return updates.getReadOnlyProperty();
    }

    /**
     * True while a pause, resume or cancel runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Outcome of the last poll or operation.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onStarted(final long jobId)
    {
        startedHere.add(jobId);
        pollSoon = true;
        reload();
    }

    private void control(final JobRow row, final String failureKey, final BackgroundWork<JobInfo> work)
    {
        busy.set(true);
        runner.run(work, (info) ->
        {
            busy.set(false);
            row.update(info);
            refreshCounts();
            status.set(MessageFormat.format(bundle.getString("jobs.now"), info.id(), stateText(info.state())));
            if (info.state() == JobState.CANCELLED)
            {
                notifier.info(MessageFormat.format(bundle.getString("jobs.cancelledTitle"), info.id()),
                    summary(info));
                finished(info);
            }
        }, (failure) ->
        {
            busy.set(false);
            notifier.error(MessageFormat.format(bundle.getString(failureKey), row.id()), failure);
            reload();
        });
    }

    private void onLoaded(final List<JobInfo> jobs)
    {
        polling = false;
        final Set<Long> seen = new HashSet<>();
        boolean membershipChanged = false;
        for (final JobInfo info : jobs)
        {
            seen.add(info.id());
            final JobRow row = rowsById.get(info.id());
            // A job seen running that has ended, or one started here that ended before the first poll saw it.
            final boolean wasActive = null == row ? startedHere.contains(info.id()) :
                !row.stateProperty().get().finished();
            if (null == row)
            {
                rowsById.put(info.id(), new JobRow(info));
                membershipChanged = true;
            }
            else
            {
                row.update(info);
            }
            startedHere.remove(info.id());
            if (wasActive && info.state().finished())
            {
                notifier.info(MessageFormat.format(bundle.getString(info.state() == JobState.DONE ?
                    "jobs.doneTitle" : "jobs.cancelledTitle"), info.id()), summary(info));
                finished(info);
            }
        }
        membershipChanged |= rowsById.keySet().retainAll(seen);
        if (membershipChanged)
        {
            final List<JobRow> ordered = new ArrayList<>(rowsById.values());
            ordered.sort((a, b) -> Long.compare(b.id(), a.id()));
            rows.setAll(ordered);
        }
        refreshCounts();
    }

    private void refreshCounts()
    {
        int active = 0;
        for (final JobRow row : rows)
        {
            active += row.stateProperty().get().finished() ? 0 : 1;
        }
        activeCount.set(active);
        status.set(MessageFormat.format(bundle.getString("jobs.count"), rows.size(), active));
        updates.set(updates.get() + 1);
    }

    private void finished(final JobInfo info)
    {
        for (final Consumer<JobInfo> listener : finishedListeners)
        {
            listener.accept(info);
        }
    }

    /**
     * A job's outcome in words, e.g. "Retry of DLQ.orders: 120 of 300 processed, 0 skipped".
     *
     * @param info the job.
     * @return the text.
     */
    public String summary(final JobInfo info)
    {
        return MessageFormat.format(bundle.getString("jobs.summary"), JobFormViewModel.kindText(info.kind(), bundle),
            info.queue(), info.processed(), info.total(), info.skipped());
    }

    /**
     * A job state in words.
     *
     * @param state the state.
     * @return e.g. "running".
     */
    public String stateText(final JobState state)
    {
        return bundle.getString("jobs.state." + state.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        rows.clear();
        rowsById.clear();
        activeCount.set(0);
        status.set("");
        updates.set(updates.get() + 1);
    }
}
