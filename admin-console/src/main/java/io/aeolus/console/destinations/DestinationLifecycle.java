package io.aeolus.console.destinations;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.PurgeResult;
import io.aeolus.console.notifications.NoticeAction;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.console.trash.TrashViewModel;

import io.aeolus.management.SettingInfo;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;

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
     * Checks settings typed for a destination: one {@code name=value} a line (blank lines ignored). The broker checks
     * the names and values themselves, and says what is wrong with them.
     *
     * @param text the settings typed, may be empty.
     * @return what is wrong with them, or an empty string if nothing.
     */
    public String validateSettings(final String text)
    {
        try
        {
            parseSettings(text);
            return "";
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
    }

    private Map<String, String> parseSettings(final String text)
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        if (null == text)
        {
            return settings;
        }
        int number = 0;
        for (final String line : text.split("\\R"))
        {
            number++;
            if (line.isBlank())
            {
                continue;
            }
            final int equals = line.indexOf('=');
            if (equals <= 0 || line.substring(0, equals).isBlank())
            {
                throw new IllegalArgumentException(MessageFormat.format(bundle.getString("settings.badLine"), number,
                    line.strip()));
            }
            settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
        }
        return settings;
    }

    /**
     * @param rows a destination's settings in force.
     * @return those it was given of its own, one {@code name=value} a line: what the edit dialog starts from.
     */
    public static String ownSettingsText(final List<SettingInfo> rows)
    {
        final StringBuilder text = new StringBuilder();
        for (final SettingInfo row : rows)
        {
            if (row.overridden())
            {
                text.append(row.name()).append('=').append(row.value()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Whether a destination's settings may be edited from the console: an application's queue or topic.
     *
     * @param row the destination, may be null.
     * @return true if they may.
     */
    public boolean canEditSettings(final DestinationRow row)
    {
        return canDelete(row);
    }

    /**
     * Loads a destination's settings in the background.
     *
     * @param row      the destination.
     * @param onLoaded given the settings in force, on the FX thread.
     */
    public void loadSettings(final DestinationRow row, final Consumer<List<SettingInfo>> onLoaded)
    {
        final String name = row.name();
        final boolean topic = row.type() == DestinationType.TOPIC;
        runner.run((sink) -> backend.actions().destinationSettings(name, topic), onLoaded::accept,
            (failure) -> notifier.error(MessageFormat.format(bundle.getString("settings.loadFailedTitle"), name),
            failure));
    }

    /**
     * Saves the settings edited for a destination in the background: those no longer listed are taken back, those
     * new or changed are set.
     *
     * @param row    the destination.
     * @param before its settings in force when the edit began.
     * @param text   its own settings as edited, one {@code name=value} a line.
     */
    public void saveSettings(final DestinationRow row, final List<SettingInfo> before, final String text)
    {
        final String name = row.name();
        final String problem = validateSettings(text);
        if (!problem.isEmpty())
        {
            notifier.warning(MessageFormat.format(bundle.getString("settings.saveFailedTitle"), name), problem);
            return;
        }
        final Map<String, String> wanted = parseSettings(text);
        final Map<String, String> set = new LinkedHashMap<>();
        final List<String> reset = new ArrayList<>();
        for (final SettingInfo current : before)
        {
            if (current.overridden() && !wanted.containsKey(current.name()))
            {
                reset.add(current.name());
            }
        }
        wanted.forEach((setting, value) ->
        {
            final boolean same = before.stream().anyMatch((info) -> info.overridden() && info.name().equals(setting) &&
                info.value().equals(value));
            if (!same)
            {
                set.put(setting, value);
            }
        });
        final boolean topic = row.type() == DestinationType.TOPIC;
        runner.run((sink) -> backend.actions().changeDestinationSettings(name, topic, set, reset), (after) ->
        {
            notifier.info(name, MessageFormat.format(bundle.getString("settings.saved"), set.size() + reset.size()));
            onChanged.run();
        }, (failure) -> notifier.error(MessageFormat.format(bundle.getString("settings.saveFailedTitle"), name),
            failure));
    }

    /**
     * Creates a queue or topic in the background; a name {@link #validateName} refuses is not sent.
     *
     * @param name  its name.
     * @param topic true for a topic.
     */
    public void create(final String name, final boolean topic)
    {
        create(name, topic, "");
    }

    /**
     * Creates a queue or topic with settings of its own in the background; a name {@link #validateName} or settings
     * {@link #validateSettings} refuses are not sent.
     *
     * @param name     its name.
     * @param topic    true for a topic.
     * @param settings one {@code name=value} a line, may be empty.
     */
    public void create(final String name, final boolean topic, final String settings)
    {
        final String nameProblem = validateName(name);
        final String problem = nameProblem.isEmpty() ? validateSettings(settings) : nameProblem;
        final String kind = bundle.getString(topic ? "destinations.type.topic" : "destinations.type.queue");
        if (!problem.isEmpty())
        {
            notifier.warning(MessageFormat.format(bundle.getString("lifecycle.createFailedTitle"), kind, name),
                problem);
            return;
        }
        final Map<String, String> given = parseSettings(settings);
        runner.run((sink) -> backend.actions().createDestination(name, topic, given), (created) ->
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
