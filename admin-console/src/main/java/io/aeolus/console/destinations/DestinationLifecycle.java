package io.aeolus.console.destinations;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.PurgeResult;
import io.aeolus.console.notifications.NoticeAction;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.console.trash.TrashViewModel;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * Logic of a destination's lifecycle from the Destinations tab: create a queue or topic, delete one (a queue's
 * waiting messages go to the trash first, and the notification offers Undo, which puts them back and so recreates the
 * queue), pause and resume a queue's deliveries. The view asks for confirmation before a delete. FX thread only;
 * the broker calls run on the task runner.
 */
public final class DestinationLifecycle
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final TrashViewModel trash;
    private final Runnable onChanged;

    /**
     * @param backend   the broker access.
     * @param runner    runs backend calls off the FX thread.
     * @param notifier  tells of results and failures.
     * @param bundle    UI text.
     * @param trash     restores a deleted queue's messages on Undo.
     * @param onChanged called on the FX thread after a change, e.g. to reload the destinations.
     */
    public DestinationLifecycle(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final TrashViewModel trash,
        final Runnable onChanged)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.trash = trash;
        this.onChanged = onChanged;
    }

    /**
     * Checks a name for a new destination.
     *
     * @param name the name typed.
     * @return what is wrong with it, or an empty string if nothing.
     */
    public String validateName(final String name)
    {
        if (null == name || name.isBlank())
        {
            return bundle.getString("lifecycle.nameMissing");
        }
        if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isWhitespace))
        {
            return bundle.getString("lifecycle.nameSpaces");
        }
        return "";
    }

    /**
     * Creates a queue or topic in the background; a name {@link #validateName} refuses is not sent.
     *
     * @param name  its name.
     * @param topic true for a topic.
     */
    public void create(final String name, final boolean topic)
    {
        final String problem = validateName(name);
        final String kind = bundle.getString(topic ? "destinations.type.topic" : "destinations.type.queue");
        if (!problem.isEmpty())
        {
            notifier.warning(MessageFormat.format(bundle.getString("lifecycle.createFailedTitle"), kind, name),
                problem);
            return;
        }
        runner.run((sink) -> backend.actions().createDestination(name, topic), (created) ->
        {
            notifier.info(name, MessageFormat.format(bundle.getString(created ? "lifecycle.created" :
                "lifecycle.exists"), kind));
            onChanged.run();
        }, (failure) -> notifier.error(
            MessageFormat.format(bundle.getString("lifecycle.createFailedTitle"), kind, name), failure));
    }

    /**
     * Whether a destination may be deleted from the console: an application's queue or topic, not a temporary or
     * built-in one.
     *
     * @param row the destination, may be null.
     * @return true if it may.
     */
    public boolean canDelete(final DestinationRow row)
    {
        return null != row && !row.system() && !row.temporary();
    }

    /**
     * Whether a destination can be paused or resumed: an application's queue.
     *
     * @param row the destination, may be null.
     * @return true for such a queue.
     */
    public boolean canPause(final DestinationRow row)
    {
        return null != row && row.type() == DestinationType.QUEUE && !row.system() && !row.temporary();
    }

    /**
     * Deletes a destination in the background; call after the user confirmed.
     *
     * @param row the destination.
     */
    public void delete(final DestinationRow row)
    {
        if (!canDelete(row))
        {
            return;
        }
        final String name = row.name();
        final boolean topic = row.type() == DestinationType.TOPIC;
        runner.run((sink) -> backend.actions().deleteDestination(name, topic), (result) -> onDeleted(name, result),
            (failure) -> notifier.error(MessageFormat.format(bundle.getString("lifecycle.deleteFailedTitle"), name),
            failure));
    }

    /**
     * Pauses or resumes a queue's deliveries in the background.
     *
     * @param row   the queue.
     * @param pause true to pause, false to resume.
     */
    public void pause(final DestinationRow row, final boolean pause)
    {
        if (!canPause(row))
        {
            return;
        }
        final String name = row.name();
        runner.run((sink) -> backend.actions().pause(name, pause), (changed) ->
        {
            final String key = pause ? changed ? "lifecycle.paused" : "lifecycle.alreadyPaused" :
                changed ? "lifecycle.resumed" : "lifecycle.notPaused";
            notifier.info(name, bundle.getString(key));
            onChanged.run();
        }, (failure) -> notifier.error(MessageFormat.format(bundle.getString(
            pause ? "lifecycle.pauseFailedTitle" : "lifecycle.resumeFailedTitle"), name), failure));
    }

    private void onDeleted(final String name, final PurgeResult result)
    {
        final String title = MessageFormat.format(bundle.getString("lifecycle.deletedTitle"), name);
        if (result.undoable())
        {
            notifier.info(title, MessageFormat.format(bundle.getString("lifecycle.deletedUndoable"), result.count()),
                new NoticeAction(bundle.getString("purge.undo"), () -> trash.restore(result.trashBatch(), name)));
        }
        else
        {
            notifier.info(title, bundle.getString("lifecycle.deleted"));
        }
        onChanged.run();
        trash.reload();
    }
}
