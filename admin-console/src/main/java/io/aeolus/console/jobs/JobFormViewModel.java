package io.aeolus.console.jobs;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DryRunResult;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.JobRequest;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * The bulk operation dialog's form: retry, move or purge the messages of one queue, chosen by a selector or as the
 * messages selected in a table, at an optional rate. A dry run counts what the job would take (and how many messages
 * are paged out, which the job takes as they page in); Start is possible only after a dry run of the form as it is,
 * so any change asks for a new count. A started job is handed to the {@link JobsViewModel}, which follows it. Created
 * per opening of the dialog. FX thread only.
 */
public final class JobFormViewModel
{
    /** Highest rate the form accepts, in messages per second. */
    public static final long MAX_RATE = 1_000_000;
    private static final Pattern QUEUE_NAME = Pattern.compile("[^\\s*#]+");

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final LongConsumer onStarted;
    private final String queue;
    private final List<JobKind> kinds;
    private final List<String> selectedIds;
    private final ObjectProperty<JobKind> kind = new SimpleObjectProperty<>(this, "kind");
    private final BooleanProperty useSelected = new SimpleBooleanProperty(this, "useSelected");
    private final StringProperty selector = new SimpleStringProperty(this, "selector", "");
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<DryRunResult> dryRun = new ReadOnlyObjectWrapper<>(this, "dryRun");
    private final ReadOnlyStringWrapper dryRunText = new ReadOnlyStringWrapper(this, "dryRunText", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper started = new ReadOnlyBooleanWrapper(this, "started");
    private final BooleanBinding canDryRun;
    private final BooleanBinding canStart;
    private long edits;
    private javafx.collections.ObservableList<String> targetNames =
        javafx.collections.FXCollections.emptyObservableList();

    /**
     * Creates a form.
     *
     * @param backend         the broker access.
     * @param runner          runs backend calls off the FX thread.
     * @param notifier        tells of a started job and of failures.
     * @param bundle          UI text.
     * @param onStarted       told the id of a started job, on the FX thread.
     * @param queue           the queue the job takes messages from.
     * @param deadLetterQueue true for a dead-letter queue: retry is offered (and chosen first).
     * @param selectedIds     JMSMessageIDs of the messages selected in the table, possibly none.
     */
    public JobFormViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final LongConsumer onStarted,
        final String queue,
        final boolean deadLetterQueue,
        final List<String> selectedIds)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.onStarted = onStarted;
        this.queue = queue;
        this.selectedIds = List.copyOf(selectedIds);
        kinds = deadLetterQueue ? List.of(JobKind.RETRY, JobKind.MOVE, JobKind.PURGE) :
            List.of(JobKind.MOVE, JobKind.PURGE);
        kind.set(kinds.get(0));
        useSelected.set(!this.selectedIds.isEmpty());
        for (final ObservableValue<?> field : List.of(kind, useSelected, selector, target, rate))
        {
            field.addListener((observable, oldValue, newValue) -> onEdited());
        }
        validate();
        canDryRun = Bindings.createBooleanBinding(() -> problem.get().isEmpty() && !busy.get() && !started.get(),
            problem, busy, started);
        canStart = Bindings.createBooleanBinding(() -> canDryRun.get() && null != dryRun.get() &&
            dryRun.get().matched() + dryRun.get().pagedOut() > 0, canDryRun, dryRun);
    }

    /**
     * Counts what the job would take, in the background; the count is dropped if the form changes meanwhile.
     */
    public void dryRun()
    {
        if (!canDryRun.get())
        {
            return;
        }
        final JobRequest request = request();
        final long editsAtStart = edits;
        busy.set(true);
        dryRunText.set(bundle.getString("jobs.form.counting"));
        runner.run((sink) -> backend.dryRun(request), (result) ->
        {
            busy.set(false);
            if (editsAtStart == edits)
            {
                dryRun.set(result);
                dryRunText.set(describe(result));
            }
        }, (failure) ->
        {
            busy.set(false);
            dryRunText.set(MessageFormat.format(bundle.getString("jobs.form.dryRunFailed"),
                notifier.describe(failure)));
            notifier.error(MessageFormat.format(bundle.getString("jobs.form.dryRunFailedTitle"), queue), failure);
        });
    }

    /**
     * Starts the job in the background; possible after a dry run of the form as it is. When the broker took it,
     * {@link #startedProperty()} turns true (the dialog closes) and a notification tells of it.
     */
    public void start()
    {
        if (!canStart.get())
        {
            return;
        }
        final JobRequest request = request();
        busy.set(true);
        runner.run((sink) -> backend.startJob(request), (jobId) ->
        {
            busy.set(false);
            started.set(true);
            notifier.info(MessageFormat.format(bundle.getString("jobs.startedTitle"), jobId), describe(request));
            onStarted.accept(jobId);
        }, (failure) ->
        {
            busy.set(false);
            notifier.error(MessageFormat.format(bundle.getString("jobs.startFailedTitle"), queue), failure);
        });
    }

    /**
     * The job the form describes; only meaningful while {@link #problemProperty()} is empty.
     *
     * @return the request.
     */
    public JobRequest request()
    {
        final String text = rate.get().strip();
        final long ratePerSec = text.isEmpty() || !text.matches("\\d{1,7}") ? 0 : Long.parseLong(text);
        return new JobRequest(kind.get(), queue, kind.get() == JobKind.MOVE ? target.get().strip() : "",
            useSelected.get() ? "" : selector.get().strip(), useSelected.get() ? selectedIds : null, ratePerSec);
    }

    /**
     * Describes a job in words, e.g. "retry of the messages matching X in DLQ.orders, 20 per second".
     *
     * @param request the job.
     * @return the description.
     */
    public String describe(final JobRequest request)
    {
        final String what = request.byIds() ?
            MessageFormat.format(bundle.getString("jobs.describe.ids"), request.messageIds().size()) :
            request.selector().isEmpty() ? bundle.getString("jobs.describe.all") :
            MessageFormat.format(bundle.getString("jobs.describe.selector"), request.selector());
        final String kindText = kindText(request.kind(), bundle);
        final String where = request.kind() == JobKind.MOVE ?
            MessageFormat.format(bundle.getString("jobs.describe.move"), request.queue(), request.target()) :
            MessageFormat.format(bundle.getString("jobs.describe.from"), request.queue());
        final String speed = request.ratePerSec() > 0 ?
            MessageFormat.format(bundle.getString("jobs.describe.rate"), request.ratePerSec()) :
            bundle.getString("jobs.describe.noLimit");
        return MessageFormat.format(bundle.getString("jobs.describe"), kindText, what, where, speed);
    }

    /**
     * A job kind in words.
     *
     * @param kind   the kind.
     * @param bundle UI text.
     * @return e.g. "Retry".
     */
    public static String kindText(final JobKind kind, final ResourceBundle bundle)
    {
        return bundle.getString("jobs.kind." + kind.name().toLowerCase(Locale.ROOT));
    }

    /**
     * The queue the job takes messages from.
     *
     * @return the name.
     */
    public String queue()
    {
        return queue;
    }

    /**
     * The kinds offered: retry only for a dead-letter queue.
     *
     * @return the kinds, the one chosen first first.
     */
    public List<JobKind> kinds()
    {
        return kinds;
    }

    /**
     * How many messages were selected in the table.
     *
     * @return the count, 0 when the job can only go by selector.
     */
    public int selectedCount()
    {
        return selectedIds.size();
    }

    /**
     * What the job does.
     *
     * @return the property.
     */
    public ObjectProperty<JobKind> kindProperty()
    {
        return kind;
    }

    /**
     * True to act on the selected messages, false to choose by selector.
     *
     * @return the property.
     */
    public BooleanProperty useSelectedProperty()
    {
        return useSelected;
    }

    /**
     * The selector; empty for every message of the queue.
     *
     * @return the property.
     */
    public StringProperty selectorProperty()
    {
        return selector;
    }

    /**
     * A move's target queue.
     *
     * @return the property.
     */
    public StringProperty targetProperty()
    {
        return target;
    }

    /**
     * The rate limit in messages per second as typed; empty for no limit.
     *
     * @return the property.
     */
    public StringProperty rateProperty()
    {
        return rate;
    }

    /**
     * What is wrong with the form, in words; empty when it is fine.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty problemProperty()
    {
        return problem.getReadOnlyProperty();
    }

    /**
     * The last dry run's counts for the form as it is, null before one (or after a change).
     *
     * @return the property.
     */
    public ReadOnlyObjectProperty<DryRunResult> dryRunProperty()
    {
        return dryRun.getReadOnlyProperty();
    }

    /**
     * The dry run's outcome in words.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty dryRunTextProperty()
    {
        return dryRunText.getReadOnlyProperty();
    }

    /**
     * True while a dry run or start runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * True once the broker started the job.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty startedProperty()
    {
        return started.getReadOnlyProperty();
    }

    /**
     * Whether a dry run is possible now: the form is fine and nothing runs.
     *
     * @return the binding.
     */
    public BooleanBinding canDryRunBinding()
    {
        return canDryRun;
    }

    /**
     * Whether the job can start now: a dry run of the form as it is found something to do.
     *
     * @return the binding.
     */
    public BooleanBinding canStartBinding()
    {
        return canStart;
    }

    private void onEdited()
    {
        edits++;
        dryRun.set(null);
        dryRunText.set("");
        validate();
    }

    private void validate()
    {
        final String text = rate.get().strip();
        final String targetName = target.get().strip();
        if (useSelected.get() && selectedIds.isEmpty())
        {
            problem.set(bundle.getString("jobs.form.error.noneSelected"));
        }
        else if (kind.get() == JobKind.MOVE && targetName.isEmpty())
        {
            problem.set(bundle.getString("jobs.form.error.targetEmpty"));
        }
        else if (kind.get() == JobKind.MOVE && (targetName.equals(queue) || !QUEUE_NAME.matcher(targetName).matches()))
        {
            problem.set(MessageFormat.format(bundle.getString("jobs.form.error.target"), targetName));
        }
        else if (!text.isEmpty() && (!text.matches("\\d{1,7}") || Long.parseLong(text) < 1 ||
            Long.parseLong(text) > MAX_RATE))
        {
            problem.set(MessageFormat.format(bundle.getString("jobs.form.error.rate"), text, MAX_RATE));
        }
        else
        {
            problem.set("");
        }
    }

    private String describe(final DryRunResult result)
    {
        final String counted = MessageFormat.format(bundle.getString("jobs.form.dryRun"), result.matched(),
            result.skipped());
        // By selector and by ids alike, the broker counts the messages paged out, and the job reads them from there.
        return result.pagedOut() > 0 ? counted + " " +
            MessageFormat.format(bundle.getString("jobs.form.pagedOutCounted"), result.pagedOut()) : counted;
    }

    /**
     * Sets the queue names the target field suggests.
     *
     * @param names the live list of queue names, sorted.
     */
    public void targetNames(final javafx.collections.ObservableList<String> names)
    {
        targetNames = names;
    }

    /**
     * The queue names the target field suggests (any part of the name, ignoring case).
     *
     * @return the live list, empty when none were given.
     */
    public javafx.collections.ObservableList<String> targetNames()
    {
        return targetNames;
    }
}
