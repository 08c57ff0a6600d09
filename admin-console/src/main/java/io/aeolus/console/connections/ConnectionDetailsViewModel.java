package io.aeolus.console.connections;

import io.aeolus.console.backend.ConnectionDetail;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.SessionInfo;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

/**
 * State of the Connections tab's details pane: the sessions, consumers and producers of the selected connection, as
 * the broker's management reports them. A load for a connection no longer shown is dropped. FX thread only.
 */
public final class ConnectionDetailsViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<SessionInfo> sessions = FXCollections.observableArrayList();
    private final ObservableList<ConsumerInfo> consumers = FXCollections.observableArrayList();
    private final ObservableList<ProducerInfo> producers = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private ConnectionInfo shown;

    ConnectionDetailsViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        summary.set(bundle.getString("connections.details.none"));
    }

    /**
     * Shows a connection's details, loading them in the background.
     *
     * @param connection the selected row, null for none.
     */
    public void show(final ConnectionInfo connection)
    {
        shown = connection;
        sessions.clear();
        consumers.clear();
        producers.clear();
        if (null == connection)
        {
            summary.set(bundle.getString("connections.details.none"));
            return;
        }
        summary.set(MessageFormat.format(bundle.getString("connections.details.loading"), connection.id()));
        runner.run((sink) -> backend.actions().connectionDetail(connection.id()), (detail) -> onLoaded(connection,
            detail), (failure) ->
            {
                if (connection == shown)
                {
                    summary.set(MessageFormat.format(bundle.getString("connections.details.failed"),
                        connection.id(), notifier.describe(failure)));
                }
            });
    }

    /**
     * Loads the shown connection's details again, or clears them when it is gone from the list.
     *
     * @param listed the connections now listed.
     */
    void refresh(final List<ConnectionInfo> listed)
    {
        if (null == shown)
        {
            return;
        }
        final ConnectionInfo now = listed.stream().filter((c) -> c.id() == shown.id()).findFirst().orElse(null);
        show(now);
    }

    /**
     * @return the shown connection's sessions.
     */
    public ObservableList<SessionInfo> sessions()
    {
        return sessions;
    }

    /**
     * @return the shown connection's consumers and browsers.
     */
    public ObservableList<ConsumerInfo> consumers()
    {
        return consumers;
    }

    /**
     * @return the shown connection's producers.
     */
    public ObservableList<ProducerInfo> producers()
    {
        return producers;
    }

    /**
     * @return a line naming the shown connection and its counts.
     */
    public ReadOnlyStringProperty summaryProperty()
    {
        return summary.getReadOnlyProperty();
    }

    private void onLoaded(final ConnectionInfo connection, final ConnectionDetail detail)
    {
        if (connection != shown)
        {
            return;
        }
        sessions.setAll(detail.sessions());
        consumers.setAll(detail.consumers());
        producers.setAll(detail.producers());
        summary.set(MessageFormat.format(bundle.getString("connections.details.summary"), connection.id(),
            connection.clientId().isEmpty() ? "-" : connection.clientId(),
            connection.user().isEmpty() ? bundle.getString("connections.anonymous") : connection.user(),
            connection.source(), detail.sessions().size(), detail.consumers().size(), detail.producers().size()));
    }
}
