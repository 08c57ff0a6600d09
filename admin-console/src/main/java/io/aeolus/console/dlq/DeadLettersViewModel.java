package io.aeolus.console.dlq;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.TriageGroup;
import io.aeolus.console.jobs.JobFormViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.BackgroundWork;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * State and logic of the Dead letters tab: which DLQ is shown, its messages, its triage, the one-shot retry flow and
 * the bulk operation form (a broker-side job with a dry run). The view asks for confirmation before calling
 * {@link #retry} or {@link #retryAll}. FX thread only.
 */
public final class DeadLettersViewModel
{
    /** Most dead letters listed at once. */
    public static final int LIST_LIMIT = 10_000;

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<String> deadLetterQueues = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedQueue = new SimpleObjectProperty<>(this, "selectedQueue");
    private final ObservableList<DeadLetter> messages = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final JobsViewModel jobs;
    private final TriageViewModel triage;
    private final DeadLetterInspector inspector;
    private final ObjectProperty<DeadLetter> selectedMessage = new SimpleObjectProperty<>(this, "selectedMessage");
    private final ReadOnlyStringWrapper filterText = new ReadOnlyStringWrapper(this, "filterText", "");
    private long loadGeneration;
    private boolean reloading;

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of completed retries and failures.
     * @param bundle   UI text for status messages.
     * @param jobs     creates bulk operation forms and follows the jobs they start.
     */
    public DeadLettersViewModel(
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
        triage = new TriageViewModel(backend, runner, notifier, bundle, jobs);
        inspector = new DeadLetterInspector(backend, runner, notifier, bundle);
        selectedQueue.addListener((observable, oldValue, newValue) -> reload());
        selectedMessage.addListener((observable, oldValue, newValue) -> inspector.show(selectedQueue.get(), newValue));
        triage.selectedGroupProperty().addListener((observable, oldValue, newValue) ->
        {
            if (!reloading)
            {
                loadMessages();
            }
        });
    }

    /**
     * Updates the list of dead-letter queues from a destinations batch, keeping the selection; selects the
     * first DLQ when none is selected. FX thread.
     *
     * @param destinations statistics of every destination.
     */
    public void onDestinations(final List<DestinationInfo> destinations)
    {
        final List<String> names = new ArrayList<>();
        for (final DestinationInfo info : destinations)
        {
            if (info.deadLetterQueue())
            {
                names.add(info.name());
            }
        }
        names.sort(null);
        final String chosen = selectedQueue.get();
        if (!names.equals(deadLetterQueues))
        {
            // The chooser's items are this list: replacing them clears the combo box's value for a moment, which
            // the two-way binding passes on here. The queue the user chose stays chosen while it still exists,
            // rather than falling back to the first one (a new dead-letter queue appearing switched the view, and an
            // import went to the first queue instead of the one shown).
            deadLetterQueues.setAll(names);
            if (null != chosen && names.contains(chosen) && !chosen.equals(selectedQueue.get()))
            {
                selectedQueue.set(chosen);
            }
        }
        if (null == selectedQueue.get() && !names.isEmpty())
        {
            selectedQueue.set(names.get(0));
        }
    }

    /**
     * Loads the selected DLQ's messages and its triage in the background; a triage group chosen as filter is
     * forgotten.
     */
    public void reload()
    {
        final String queue = selectedQueue.get();
        // A name typed in the chooser that is no dead-letter queue is said so, not asked of the broker.
        final boolean isUnknown = null != queue && !deadLetterQueues.isEmpty() && !deadLetterQueues.contains(queue);
        reloading = true;
        try
        {
            triage.selectedGroupProperty().set(null);
            triage.show(isUnknown ? null : queue);
        }
        finally
        {
            reloading = false;
        }
        if (isUnknown)
        {
            ++loadGeneration;
            messages.clear();
            status.set(MessageFormat.format(bundle.getString("dlq.unknown"), queue));
            return;
        }
        loadMessages();
    }

    /**
     * Loads the selected DLQ's messages in the background: those of the triage group chosen as filter, or all. A
     * result that arrives after another choice is dropped.
     */
    private void loadMessages()
    {
        final long loading = ++loadGeneration;
        final String queue = selectedQueue.get();
        final TriageGroup group = triage.selectedGroupProperty().get();
        filterText.set(null == group ? "" : MessageFormat.format(bundle.getString("dlq.filter"),
            triage.keyText(group), group.count()));
        if (null == queue)
        {
            messages.clear();
            return;
        }
        busy.set(true);
        final TriageFilter filter = null == group ? null : triage.filterFor(group);
        runner.run((sink) -> null == filter ? backend.deadLetters(queue, LIST_LIMIT) :
            filter.load(backend, queue, LIST_LIMIT), (loaded) ->
            {
                if (loading == loadGeneration)
                {
                    onLoaded(loaded);
                }
            }, (failure) ->
            {
                if (loading == loadGeneration)
                {
                    onFailed(failure);
                    notifier.error(MessageFormat.format(bundle.getString("dlq.loadFailedTitle"), queue), failure);
                }
            });
    }

    /**
     * Shows every message again instead of one triage group's.
     */
    public void showAll()
    {
        triage.selectedGroupProperty().set(null);
    }

    /**
     * Imports an exported message file into a queue in the background, tells of the outcome, and reloads when the
     * queue is the one shown.
     *
     * @param file  the file.
     * @param queue the queue, created if needed.
     */
    public void importFile(final java.nio.file.Path file, final String queue)
    {
        runner.run((sink) -> backend.actions().importMessages(file, queue), (count) ->
        {
            notifier.info(bundle.getString("dlq.imported.title"), MessageFormat.format(
                bundle.getString("dlq.imported"), count.imported(), queue, file.toString(), count.expired()));
            if (queue.equals(selectedQueue.get()))
            {
                reload();
            }
        }, (failure) -> notifier.error(MessageFormat.format(bundle.getString("dlq.importFailed"), file.toString()),
            failure));
    }

    /**
     * The dead letter selected in the list, shown in the viewer.
     *
     * @return the property.
     */
    public ObjectProperty<DeadLetter> selectedMessageProperty()
    {
        return selectedMessage;
    }

    /**
     * The viewer of the selected dead letter.
     *
     * @return the inspector.
     */
    public DeadLetterInspector inspector()
    {
        return inspector;
    }

    /**
     * Empty, or which triage group the list is limited to.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty filterTextProperty()
    {
        return filterText.getReadOnlyProperty();
    }

    /**
     * Retries chosen messages to their original destinations in the background; call after the user
     * confirmed. Retried rows disappear when the broker reports success.
     *
     * @param chosen the rows to retry.
     */
    public void retry(final List<DeadLetter> chosen)
    {
        final String queue = selectedQueue.get();
        if (null == queue || chosen.isEmpty() || busy.get())
        {
            return;
        }
        final List<String> ids = new ArrayList<>(chosen.size());
        for (final DeadLetter deadLetter : chosen)
        {
            ids.add(deadLetter.messageId());
        }
        startRetry(queue, (sink) -> backend.retryDeadLetters(queue, ids, sink), Set.copyOf(ids));
    }

    /**
     * Exports every message of the selected DLQ to a file in the background, and tells of the outcome.
     *
     * @param file where to write; replaced if it exists.
     */
    public void export(final java.nio.file.Path file)
    {
        final String queue = selectedQueue.get();
        if (null == queue)
        {
            return;
        }
        runner.run((sink) -> backend.exportMessages(queue, "", file),
            (count) -> notifier.info(bundle.getString("dlq.exported.title"),
                java.text.MessageFormat.format(bundle.getString("dlq.exported"), count, queue, file.toString())),
            (failure) -> notifier.error(bundle.getString("dlq.exportFailed"), failure));
    }

    /**
     * Retries every message of the selected DLQ in the background; call after the user confirmed.
     */
    public void retryAll()
    {
        final String queue = selectedQueue.get();
        if (null == queue || busy.get())
        {
            return;
        }
        startRetry(queue, (sink) -> backend.retryAllDeadLetters(queue, sink), null);
    }

    /**
     * The bulk operation form for the selected DLQ: retry (or move, or purge) the chosen rows or the messages a
     * selector picks, as a broker-side job.
     *
     * @param chosen the rows selected in the table, possibly none.
     * @return a new form, or null when no DLQ is selected.
     */
    public JobFormViewModel bulkForm(final List<DeadLetter> chosen)
    {
        final String queue = selectedQueue.get();
        if (null == queue)
        {
            return null;
        }
        final List<String> ids = new ArrayList<>(chosen.size());
        for (final DeadLetter deadLetter : chosen)
        {
            ids.add(deadLetter.messageId());
        }
        return jobs.newForm(queue, true, ids);
    }

    /**
     * The triage of the selected DLQ.
     *
     * @return the view model.
     */
    public TriageViewModel triage()
    {
        return triage;
    }

    /**
     * Names of the known dead-letter queues.
     *
     * @return the live list.
     */
    public ObservableList<String> deadLetterQueues()
    {
        return deadLetterQueues;
    }

    /**
     * The DLQ whose messages are shown.
     *
     * @return the property.
     */
    public ObjectProperty<String> selectedQueueProperty()
    {
        return selectedQueue;
    }

    /**
     * The messages of the selected DLQ.
     *
     * @return the live list.
     */
    public ObservableList<DeadLetter> messages()
    {
        return messages;
    }

    /**
     * True while a load or retry runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Progress of the running retry in [0, 1].
     *
     * @return the property.
     */
    public ReadOnlyDoubleProperty progressProperty()
    {
        return progress.getReadOnlyProperty();
    }

    /**
     * Outcome of the last operation, for the status line.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void startRetry(final String queue, final BackgroundWork<Long> work, final Set<String> ids)
    {
        busy.set(true);
        progress.set(0);
        status.set(bundle.getString("dlq.retrying"));
        runner.run(work, (moved) -> onRetried(queue, moved, ids), (failure) ->
        {
            onFailed(failure);
            notifier.error(MessageFormat.format(bundle.getString("dlq.retryFailedTitle"), queue), failure);
        }, progress::set);
    }

    private void onRetried(final String queue, final long moved, final Set<String> ids)
    {
        busy.set(false);
        progress.set(1);
        status.set(MessageFormat.format(bundle.getString("dlq.retried"), moved));
        notifier.info(bundle.getString("dlq.retriedTitle"),
            MessageFormat.format(bundle.getString("dlq.retriedText"), moved, queue));
        if (null == ids)
        {
            messages.clear();
        }
        else
        {
            final Set<String> retried = new HashSet<>(ids);
            messages.removeIf((deadLetter) -> retried.contains(deadLetter.messageId()));
        }
        if (queue.equals(selectedQueue.get()))
        {
            triage.show(queue); // its groups still counted the retried messages
        }
    }

    private void onLoaded(final List<DeadLetter> loaded)
    {
        busy.set(false);
        messages.setAll(loaded);
        status.set(MessageFormat.format(bundle.getString("dlq.loaded"), loaded.size()));
    }

    private void onFailed(final Throwable failure)
    {
        busy.set(false);
        status.set(MessageFormat.format(bundle.getString("dlq.failed"), notifier.describe(failure)));
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        messages.clear();
        deadLetterQueues.clear();
        selectedQueue.set(null);
        triage.show(null);
        selectedMessage.set(null);
        inspector.show(null, null);
        status.set("");
    }
}
