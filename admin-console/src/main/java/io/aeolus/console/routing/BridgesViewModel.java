package io.aeolus.console.routing;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ListTabViewModel;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.BridgeInfo;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.ResourceBundle;

/**
 * State of the Bridges tab: the broker's JMS bridges with their state and figures, and Pause, Resume and Delete of
 * one. Reloaded on demand (the tab reloads when it is shown) and after each action. FX thread only.
 */
public final class BridgesViewModel extends ListTabViewModel<List<BridgeInfo>>
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

    private final ObservableList<BridgeInfo> bridges = FXCollections.observableArrayList();

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
        super(backend, runner, notifier, bundle, "bridges");
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
        return text("bridges.confirmDelete", bridge.name(), bridge.source(), bridge.target());
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
        if (!can(bridge, action) || busy())
        {
            return;
        }
        final String name = bridge.name();
        final String key = action.wire();
        act((sink) ->
        {
            backend.actions().bridgeAction(name, key);
            if (action != Action.DELETE)
            {
                awaitSettled(name, action == Action.PAUSE);
            }
            return name;
        }, () -> {}, bundle.getString("bridges.doneTitle." + key), text("bridges.done." + key, name),
            text("bridges.actionFailed." + key, name));
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
     * The bridges, in the broker's order.
     *
     * @return the live list.
     */
    public ObservableList<BridgeInfo> bridges()
    {
        return bridges;
    }

    @Override
    protected List<BridgeInfo> load() throws Exception
    {
        return backend.actions().bridges();
    }

    @Override
    protected String show(final List<BridgeInfo> loaded)
    {
        bridges.setAll(loaded);
        return countText(loaded, (bridge) -> PAUSED.equals(bridge.state()));
    }

    @Override
    protected void forget()
    {
        bridges.clear();
    }
}
