package io.aeolus.console.browser;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.PurgeResult;
import io.aeolus.console.notifications.NoticeAction;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.console.trash.TrashViewModel;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * Logic of the message browser's per-message work on the selected messages of the browsed queue: delete (to the
 * trash, with Undo), move or copy to another queue, resend as new messages to a queue or topic. Each reloads the
 * page when done and tells the outcome. The view asks for the target and for confirmation. FX thread only.
 */
public final class MessageActions
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final MessageBrowserViewModel browser;
    private final TrashViewModel trash;
    private final Runnable onChanged;

    /**
     * @param backend   the broker access.
     * @param runner    runs backend calls off the FX thread.
     * @param notifier  tells of results and failures.
     * @param bundle    UI text.
     * @param browser   the browser whose queue and page the work applies to.
     * @param trash     restores deleted messages on Undo.
     * @param onChanged called on the FX thread after a change, e.g. to reload the destinations.
     */
    public MessageActions(
        final ConsoleBackend backend,
        final TaskRunner runner,
        final Notifier notifier,
        final ResourceBundle bundle,
        final MessageBrowserViewModel browser,
        final TrashViewModel trash,
        final Runnable onChanged)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.browser = browser;
        this.trash = trash;
        this.onChanged = onChanged;
    }

    /**
     * @return the queue the work applies to.
     */
    public String queue()
    {
        return browser.shownQueue();
    }

    /**
     * Deletes messages into the trash; call after the user confirmed.
     *
     * @param messages the selected messages.
     */
    public void delete(final List<BrowsedMessage> messages)
    {
        final String queue = queue();
        final List<String> ids = ids(messages);
        if (ids.isEmpty() || queue.isEmpty())
        {
            return;
        }
        final String title = MessageFormat.format(bundle.getString("messages.deletedTitle"), queue);
        runner.run((sink) -> backend.actions().deleteMessages(queue, ids), (result) -> onDeleted(title, queue, result),
            (failure) -> notifier.error(MessageFormat.format(bundle.getString("messages.failedTitle"), queue),
            failure));
    }

    /**
     * Moves or copies messages to another queue.
     *
     * @param messages the selected messages.
     * @param target   the target queue.
     * @param copy     true to copy, false to move.
     */
    public void transfer(final List<BrowsedMessage> messages, final String target, final boolean copy)
    {
        final String queue = queue();
        final List<String> ids = ids(messages);
        if (ids.isEmpty() || queue.isEmpty() || !checkTarget(target))
        {
            return;
        }
        final String name = target.strip();
        runner.run((sink) -> backend.actions().transfer(queue, name, ids, copy), (count) -> done(
            MessageFormat.format(bundle.getString(copy ? "messages.copied" : "messages.moved"), count, name), queue),
            (failure) -> notifier.error(MessageFormat.format(bundle.getString("messages.failedTitle"), queue),
            failure));
    }

    /**
     * Sends messages again, as new messages, to a queue or topic; the originals stay.
     *
     * @param messages    the selected messages.
     * @param destination where to send them.
     * @param topic       true if it is a topic.
     */
    public void resend(final List<BrowsedMessage> messages, final String destination, final boolean topic)
    {
        final String queue = queue();
        final List<String> ids = ids(messages);
        if (ids.isEmpty() || queue.isEmpty() || !checkTarget(destination))
        {
            return;
        }
        final String name = destination.strip();
        runner.run((sink) -> backend.actions().resend(queue, ids, name, topic), (count) -> done(
            MessageFormat.format(bundle.getString("messages.resent"), count, name), queue),
            (failure) -> notifier.error(MessageFormat.format(bundle.getString("messages.failedTitle"), queue),
            failure));
    }

    private boolean checkTarget(final String target)
    {
        if (null == target || target.isBlank())
        {
            notifier.warning(bundle.getString("messages.noTargetTitle"), bundle.getString("messages.noTarget"));
            return false;
        }
        return true;
    }

    private void done(final String text, final String queue)
    {
        notifier.info(queue, text);
        browser.reload();
        onChanged.run();
    }

    private void onDeleted(final String title, final String queue, final PurgeResult result)
    {
        if (result.undoable())
        {
            notifier.info(title, MessageFormat.format(bundle.getString("purge.doneUndoable"), result.count()),
                new NoticeAction(bundle.getString("purge.undo"), () -> trash.restore(result.trashBatch(), queue)));
        }
        else
        {
            notifier.info(title, MessageFormat.format(bundle.getString("purge.done"), result.count()));
        }
        browser.reload();
        onChanged.run();
        trash.reload();
    }

    private static List<String> ids(final List<BrowsedMessage> messages)
    {
        return messages.stream().map(BrowsedMessage::messageId).filter((id) -> null != id && !id.isEmpty()).toList();
    }
}
