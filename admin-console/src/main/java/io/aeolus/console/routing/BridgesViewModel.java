package io.aeolus.console.routing;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.BridgeInfo;
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
 * State of the Bridges tab: the broker's JMS bridges with their state and figures, and Pause, Resume and Delete of
 * one. Reloaded on demand (the tab reloads when it is shown) and after each action. FX thread only.
 */
public final class BridgesViewModel
{
    /** The state of a bridge an administrator paused. */
    public static final String PAUSED = "PAUSED";
    /** The longest wait for a paused or resumed bridge to be listed in its new state, ms. */
    static final long SETTLE_MS = 5_000;

    /**
     * What can be done to a bridge.
     */
    public enum Action
    {
        /** Stops forwarding, keeping the bridge. */
        PAUSE("pause"),
        /** Forwards again after a pause. */
        RESUME("resume"),
        /** Stops and removes the bridge. */
        DELETE("delete");

        private final String wire;

        Action(final String wire)
        {
            this.wire = wire;
        }

        /**
         * @return the action's name as the backend takes it.
         */
        public String wire()
        {
            return wire;
        }
    }

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<BridgeInfo> bridges = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private String outcome = "";

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of outcomes and failures.
     * @param bundle   UI text.
     */
    public BridgesViewModel(final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier,
        final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
    }

    /**
     * Loads the bridges in the background. A failure is shown as the status text and as a notification, and the list
     * is emptied so that nothing stale stays on screen.
     */
    public void reload()
    {
        if (busy.get())
        {
            return;
        }
        busy.set(true);
        runner.run((sink) -> backend.actions().bridges(), this::onLoaded, (failure) ->
        {
            busy.set(false);
            outcome = "";
            bridges.clear();
            status.set(MessageFormat.format(bundle.getString("bridges.failed"), notifier.describe(failure)));
            notifier.error(bundle.getString("bridges.loadFailed"), failure);
        });
    }

    /**
     * Whether an action applies to a row: Pause to a bridge not paused, Resume to a paused one, Delete to any.
     *
     * @param bridge a row, may be null.
     * @param action the action.
     * @return true when it applies.
     */
    public boolean can(final BridgeInfo bridge, final Action action)
    {
        if (null == bridge)
        {
            return false;
        }
        final boolean paused = PAUSED.equals(bridge.state());
        return switch (action)
        {
            case PAUSE -> !paused;
            case RESUME -> paused;
            case DELETE -> true;
        };
    }

    /**
     * What the confirmation of a deletion says.
     *
     * @param bridge the row.
     * @return the text.
     */
    public String confirmation(final BridgeInfo bridge)
    {
        return MessageFormat.format(bundle.getString("bridges.confirmDelete"), bridge.name(), bridge.source(),
            bridge.target());
    }

    /**
     * Runs an action on a bridge in the background (a deletion after the user confirmed). Tells of the outcome or
     * the broker's error as the status text and a notification, then reloads either way.
     *
     * @param bridge the row.
     * @param action the action.
     */
    public void act(final BridgeInfo bridge, final Action action)
    {
        if (!can(bridge, action) || busy.get())
        {
            return;
        }
        busy.set(true);
        final String name = bridge.name();
        final String key = action.wire();
        runner.run((sink) ->
        {
            backend.actions().bridgeAction(name, key);
            if (action != Action.DELETE)
            {
                awaitSettled(name, action == Action.PAUSE);
            }
            return name;
        }, (done) ->
        {
            busy.set(false);
            final String text = MessageFormat.format(bundle.getString("bridges.done." + key), name);
            outcome = text;
            status.set(text);
            notifier.info(bundle.getString("bridges.doneTitle." + key), text);
            reload();
        }, (failure) ->
        {
            busy.set(false);
            outcome = MessageFormat.format(bundle.getString("bridges.failed"), notifier.describe(failure));
            status.set(outcome);
            notifier.error(MessageFormat.format(bundle.getString("bridges.actionFailed." + key), name), failure);
            reload();
        });
    }

    /**
     * A bridge takes a pause or a resume on its own thread, after the call returned: waits (off the FX thread, at
     * most {@link #SETTLE_MS}) until the broker lists it in its new state, so that the reload that follows shows it.
     */
    private void awaitSettled(final String name, final boolean paused) throws Exception
    {
        final long deadline = System.nanoTime() + SETTLE_MS * 1_000_000L;
        while (System.nanoTime() < deadline)
        {
            final boolean settled = backend.actions().bridges().stream()
                .filter((bridge) -> bridge.name().equals(name))
                .allMatch((bridge) -> paused == PAUSED.equals(bridge.state()));
            if (settled)
            {
                return;
            }
            Thread.sleep(50);
        }
    }

    /**
     * Forgets what the last broker showed. FX thread.
     */
    public void clear()
    {
        outcome = "";
        bridges.clear();
        status.set("");
    }

    /**
     * The bridges, in the broker's order.
     *
     * @return the live list.
     */
    public ObservableList<BridgeInfo> bridges()
    {
        return bridges;
    }

    /**
     * True while a load or an action runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Outcome of the last load or action.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onLoaded(final List<BridgeInfo> loaded)
    {
        busy.set(false);
        bridges.setAll(loaded);
        long paused = 0;
        for (final BridgeInfo bridge : loaded)
        {
            if (PAUSED.equals(bridge.state()))
            {
                paused++;
            }
        }
        final String count = MessageFormat.format(bundle.getString("bridges.count"), loaded.size(), paused);
        status.set(outcome.isEmpty() ? count : outcome + " " + count);
        outcome = "";
    }
}
