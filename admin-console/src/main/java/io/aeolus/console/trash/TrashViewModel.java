package io.aeolus.console.trash;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.management.TrashBatch;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * State and logic of the Trash tab: the trash batches, newest first, and restoring one to the queue it came from. The
 * view asks for confirmation before {@link #restore}; the undo of a purge notification calls {@link #restore} too.
 * After a restore the list reloads and the console is told, so the queue's depth shows the messages back. FX thread
 * only.
 */
public final class TrashViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final Runnable onRestored;
    private final ObservableList<TrashBatch> batches = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /**
     * Creates the view model.
     *
     * @param backend    the broker access.
     * @param runner     runs backend calls off the FX thread.
     * @param notifier   tells of restores and failures.
     * @param bundle     UI text.
     * @param onRestored called on the FX thread after messages were restored, e.g. to reload the destinations.
     */
    public TrashViewModel(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final Runnable onRestored)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.onRestored = onRestored;
    }

    /**
     * Loads the trash batches in the background.
     */
    public void reload()
    {
        busy.set(true);
        runner.run((sink) -> backend.trashBatches(), this::onLoaded, (failure) ->
        {
            onFailed(failure);
            notifier.error(bundle.getString("trash.loadFailed"), failure);
        });
    }

    /**
     * Puts a batch back on the queue it came from, in the background; call after the user confirmed (or chose undo).
     * Tells of the outcome as a notification.
     *
     * @param batch       the batch's id.
     * @param destination the queue it came from, for the notification.
     */
    public void restore(final String batch, final String destination)
    {
        busy.set(true);
        status.set(MessageFormat.format(bundle.getString("trash.restoring"), destination));
        runner.run((sink) -> backend.restoreTrash(batch), (count) ->
        {
            busy.set(false);
            final String text = MessageFormat.format(bundle.getString("trash.restored"), count, destination);
            status.set(text);
            notifier.info(bundle.getString("trash.restoredTitle"), text);
            onRestored.run();
            reload();
        }, (failure) ->
        {
            onFailed(failure);
            notifier.error(MessageFormat.format(bundle.getString("trash.restoreFailed"), destination), failure);
        });
    }

    /**
     * Puts a listed batch back; see {@link #restore(String, String)}.
     *
     * @param batch the row.
     */
    public void restore(final TrashBatch batch)
    {
        restore(batch.batch(), batch.destination());
    }

    /**
     * The batches in the trash, newest first.
     *
     * @return the live list.
     */
    public ObservableList<TrashBatch> batches()
    {
        return batches;
    }

    /**
     * True while a load or restore runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Outcome of the last operation.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onLoaded(final List<TrashBatch> loaded)
    {
        busy.set(false);
        if (!loaded.equals(batches))
        {
            batches.setAll(loaded);
        }
        long messages = 0;
        for (final TrashBatch batch : loaded)
        {
            messages += batch.count();
        }
        status.set(MessageFormat.format(bundle.getString("trash.count"), loaded.size(), messages));
    }

    private void onFailed(final Throwable failure)
    {
        busy.set(false);
        status.set(MessageFormat.format(bundle.getString("trash.failed"), notifier.describe(failure)));
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        batches.clear();
        status.set("");
    }
}
