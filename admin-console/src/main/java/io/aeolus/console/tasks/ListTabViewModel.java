package io.aeolus.console.tasks;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Predicate;

/**
 * The shape the console's list tabs share (Bridges, Users, XA branches, Routing): a list loaded from the broker in the
 * background when the tab is shown, actions run in the background and followed by a reload, and one status line that
 * says what the last action did followed by what the list holds. A failed load empties the list (nothing stale stays
 * on screen) and says why; a failed action says why and leaves the list to the reload. The tab's texts come from the
 * bundle under one prefix: {@code <prefix>.count} (items, marked items) and {@code <prefix>.failed} (the reason), and
 * {@code <prefix>.loadFailed} for the notification of a failed load. FX thread only.
 *
 * @param <L> what one load brings.
 */
public abstract class ListTabViewModel<L>
{
    /** The broker access. */
    protected final ConsoleBackend backend;
    /** Runs backend calls off the FX thread. */
    protected final TaskRunner runner;
    /** Tells of outcomes and failures. */
    protected final Notifier notifier;
    /** UI text. */
    protected final ResourceBundle bundle;
    private final String keyPrefix;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private String outcome = "";

    /**
     * Creates the view model.
     *
     * @param backend   the broker access.
     * @param runner    runs backend calls off the FX thread.
     * @param notifier  tells of outcomes and failures.
     * @param bundle    UI text.
     * @param keyPrefix prefix of the tab's texts in the bundle, e.g. {@code bridges}.
     */
    protected ListTabViewModel(final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier,
        final ResourceBundle bundle, final String keyPrefix)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.keyPrefix = keyPrefix;
    }

    /**
     * Loads the list in the background, unless a load or an action runs. A failure is shown as the status text (and
     * told by {@link #onLoadFailed}), and the list is emptied so that nothing stale stays on screen.
     */
    public final void reload()
    {
        if (busy.get())
        {
            return;
        }
        busy.set(true);
        runner.run((sink) -> load(), (loaded) ->
        {
            busy.set(false);
            final String count = show(loaded);
            status.set(outcome.isEmpty() ? count : outcome + " " + count);
            outcome = "";
        }, (failure) ->
        {
            busy.set(false);
            outcome = "";
            forget();
            status.set(text(keyPrefix + ".failed", notifier.describe(failure)));
            onLoadFailed(failure);
        });
    }

    /**
     * Forgets what the last broker showed. FX thread.
     */
    public final void clear()
    {
        outcome = "";
        forget();
        status.set("");
    }

    /**
     * True while a load or an action runs.
     *
     * @return the property.
     */
    public final ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Outcome of the last load or action.
     *
     * @return the property.
     */
    public final ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    /**
     * Loads what the tab shows; runs in the background.
     *
     * @return what was loaded.
     * @throws Exception the broker's refusal or a failed call.
     */
    protected abstract L load() throws Exception;

    /**
     * Shows what a load brought. FX thread.
     *
     * @param loaded what {@link #load} returned.
     * @return what the list holds, in words (see {@link #countText}).
     */
    protected abstract String show(L loaded);

    /**
     * Empties the lists. FX thread.
     */
    protected abstract void forget();

    /**
     * Tells of a failed load beyond the status text; by default as an error notification titled
     * {@code <prefix>.loadFailed}.
     *
     * @param failure why the load failed.
     */
    protected void onLoadFailed(final Throwable failure)
    {
        notifier.error(bundle.getString(keyPrefix + ".loadFailed"), failure);
    }

    /**
     * Runs an action in the background while the tab is busy. On success runs {@code onSuccess}, tells of it (see
     * {@link #succeeded}) and reloads; on failure tells of it (see {@link #actionFailed}) and reloads.
     *
     * @param work         the action.
     * @param onSuccess    what to change on the FX thread once it is done, before the reload.
     * @param doneTitle    title of the notification of success.
     * @param doneText     the status text and notification of success.
     * @param failureTitle title of the notification of failure.
     */
    protected final void act(final BackgroundWork<?> work, final Runnable onSuccess, final String doneTitle,
        final String doneText, final String failureTitle)
    {
        busy.set(true);
        runner.run(work, (done) ->
        {
            busy.set(false);
            onSuccess.run();
            succeeded(doneTitle, doneText);
            reload();
        }, (failure) ->
        {
            busy.set(false);
            actionFailed(failureTitle, failure);
            reload();
        });
    }

    /**
     * Tells of a done action: the text becomes the status, stays in front of the next load's count, and pops up.
     *
     * @param title the notification's title.
     * @param text  what was done.
     */
    protected final void succeeded(final String title, final String text)
    {
        outcome = text;
        status.set(text);
        notifier.info(title, text);
    }

    /**
     * Tells of a failed action: {@code <prefix>.failed} with the reason becomes the status and stays in front of the
     * next load's count; an error notification pops up.
     *
     * @param title   the notification's title.
     * @param failure why it failed.
     */
    protected final void actionFailed(final String title, final Throwable failure)
    {
        outcome = text(keyPrefix + ".failed", notifier.describe(failure));
        status.set(outcome);
        notifier.error(title, failure);
    }

    /**
     * Sets the status text, e.g. while an action runs.
     *
     * @param text the text.
     */
    protected final void status(final String text)
    {
        status.set(text);
    }

    /**
     * Whether a load or an action runs.
     *
     * @return true while busy.
     */
    protected final boolean busy()
    {
        return busy.get();
    }

    /**
     * A text of the bundle with its arguments put in.
     *
     * @param key       the text's key.
     * @param arguments its arguments.
     * @return the text.
     */
    protected final String text(final String key, final Object... arguments)
    {
        return MessageFormat.format(bundle.getString(key), arguments);
    }

    /**
     * What a list holds: {@code <prefix>.count} with the number of items and of those marked.
     *
     * @param items  the items.
     * @param marked which items count as marked (paused, prepared, ...).
     * @param <E>    item type.
     * @return the text.
     */
    protected final <E> String countText(final List<E> items, final Predicate<E> marked)
    {
        long count = 0;
        for (final E item : items)
        {
            if (marked.test(item))
            {
                count++;
            }
        }
        return text(keyPrefix + ".count", items.size(), count);
    }
}
