package io.aeolus.console.connections;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.console.backend.ConsoleBackend;
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
 * State and logic of the Connections tab: the client connections and closing one. The view asks for
 * confirmation before calling {@link #close}. The list reloads on demand, after a close, and when a metrics
 * snapshot reports a new number of connections. FX thread only.
 */
public final class ConnectionsViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<ConnectionInfo> connections = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ConnectionDetailsViewModel details;
    private int lastCountSeen = -1;

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of closed connections and failures.
     * @param bundle   UI text.
     */
    public ConnectionsViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        details = new ConnectionDetailsViewModel(backend, runner, notifier, bundle);
    }

    /**
     * The details pane's state: the selected connection's sessions, consumers and producers.
     *
     * @return its view model.
     */
    public ConnectionDetailsViewModel details()
    {
        return details;
    }

    /**
     * Loads the connections in the background.
     */
    public void reload()
    {
        if (busy.get())
        {
            return;
        }
        busy.set(true);
        runner.run((sink) -> backend.connections(), this::onLoaded, (failure) ->
        {
            onFailed(failure);
            notifier.error(bundle.getString("connections.loadFailed"), failure);
        });
    }

    /**
     * Reloads when a metrics snapshot counts a different number of connections than the list holds, once per
     * change of that count (so a count the list never matches costs one call, not one per tick). FX thread.
     *
     * @param count open connections according to the broker.
     */
    public void onConnectionCount(final int count)
    {
        if (count != connections.size() && count != lastCountSeen)
        {
            lastCountSeen = count;
            reload();
        }
    }

    /**
     * @param connection a listed connection.
     * @return true for the connection this console itself uses. FX thread.
     */
    public boolean isThisConsole(final ConnectionInfo connection)
    {
        return !connection.clientId().isEmpty() && connection.clientId().equals(backend.ownClientId());
    }

    /**
     * Whether a connection may be closed from here: not the console's own.
     *
     * @param connection a row, may be null.
     * @return true when it can be closed.
     */
    public boolean canClose(final ConnectionInfo connection)
    {
        return null != connection && !isThisConsole(connection);
    }

    /**
     * Closes a client connection in the background; call after the user confirmed. Tells of the outcome as a
     * notification and reloads the list.
     *
     * @param connection the row to close.
     */
    public void close(final ConnectionInfo connection)
    {
        if (!canClose(connection) || busy.get())
        {
            return;
        }
        busy.set(true);
        status.set(MessageFormat.format(bundle.getString("connections.closing"), connection.id()));
        runner.run((sink) ->
        {
            backend.closeConnection(connection.id());
            return connection;
        }, (closed) ->
        {
            busy.set(false);
            connections.remove(closed);
            final String text = MessageFormat.format(bundle.getString("connections.closed"), describe(closed));
            status.set(text);
            notifier.info(bundle.getString("connections.closedTitle"), text);
            reload();
        }, (failure) ->
        {
            onFailed(failure);
            notifier.error(MessageFormat.format(bundle.getString("connections.closeFailed"), connection.id()),
                failure);
        });
    }

    /**
     * How a connection is named to the user: its id, and its client id and user when it has them.
     *
     * @param connection the row.
     * @return e.g. {@code 12 (client app-1, user orders-svc)}.
     */
    public String describe(final ConnectionInfo connection)
    {
        return MessageFormat.format(bundle.getString("connections.describe"), connection.id(),
            connection.clientId().isEmpty() ? "-" : connection.clientId(),
            connection.user().isEmpty() ? bundle.getString("connections.anonymous") : connection.user(),
            connection.source());
    }

    /**
     * The client connections, in the broker's order.
     *
     * @return the live list.
     */
    public ObservableList<ConnectionInfo> connections()
    {
        return connections;
    }

    /**
     * True while a load or close runs.
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

    private void onLoaded(final List<ConnectionInfo> loaded)
    {
        busy.set(false);
        if (!loaded.equals(connections))
        {
            connections.setAll(loaded);
        }
        details.refresh(loaded);
        status.set(MessageFormat.format(bundle.getString("connections.count"), loaded.size()));
    }

    private void onFailed(final Throwable failure)
    {
        busy.set(false);
        status.set(MessageFormat.format(bundle.getString("connections.failed"), notifier.describe(failure)));
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        connections.clear();
        details.show(null);
        status.set("");
    }
}
