package io.aeolus.console.connections;

import io.aeolus.management.ConsumerInfo;
import io.aeolus.management.ProducerInfo;
import io.aeolus.management.SessionInfo;

import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The Connections tab's details pane, bound to a {@link ConnectionDetailsViewModel}: a summary line, then the selected
 * connection's sessions, consumers and producers in tabs. FX thread only.
 */
final class ConnectionDetailsView
{
    private final VBox root = new VBox();
    private final ResourceBundle bundle;

    ConnectionDetailsView(final ConnectionDetailsViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        final Label summary = new Label();
        summary.setId("connectionSummary");
        summary.setWrapText(true);
        summary.setStyle("-fx-padding: 4 8 4 8;");
        summary.textProperty().bind(viewModel.summaryProperty());

        final TableView<SessionInfo> sessions = table("connectionSessions", viewModel.sessions());
        sessions.getColumns().add(column("connections.details.session", SessionInfo::sessionId, true));
        sessions.getColumns().add(column("connections.details.ackMode", SessionInfo::ackMode, false));
        sessions.getColumns().add(column("connections.consumers", SessionInfo::consumers, true));
        sessions.getColumns().add(column("connections.producers", SessionInfo::producers, true));
        sessions.getColumns().add(column("connections.details.pendingSends", SessionInfo::pendingSends, true));

        final TableView<ConsumerInfo> consumers = table("connectionConsumers", viewModel.consumers());
        consumers.getColumns().add(column("connections.details.session", ConsumerInfo::sessionId, true));
        consumers.getColumns().add(column("connections.details.destination", ConsumerInfo::destination, false));
        consumers.getColumns().add(column("connections.details.subscription", ConsumerInfo::subscription, false));
        consumers.getColumns().add(column("connections.details.selector", ConsumerInfo::selector, false));
        consumers.getColumns().add(column("connections.details.prefetch", ConsumerInfo::prefetch, true));
        consumers.getColumns().add(column("connections.details.inFlight", ConsumerInfo::inFlight, true));
        consumers.getColumns().add(column("connections.details.delivered", ConsumerInfo::delivered, true));
        consumers.getColumns().add(column("connections.details.acknowledged", ConsumerInfo::acknowledged, true));

        final TableView<ProducerInfo> producers = table("connectionProducers", viewModel.producers());
        producers.getColumns().add(column("connections.details.session", ProducerInfo::sessionId, true));
        producers.getColumns().add(column("connections.details.destination", (ProducerInfo producer) ->
            producer.destination().isEmpty() ? bundle.getString("connections.details.anonymousProducer") :
            producer.destination(), false));

        final TabPane tabs = new TabPane(tab("connections.details.sessions", sessions),
            tab("connections.consumers", consumers), tab("connections.producers", producers));
        tabs.setId("connectionDetailTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.getChildren().addAll(summary, tabs);
        root.getStyleClass().add("connection-details");
    }

    Node root()
    {
        return root;
    }

    private Tab tab(final String key, final Node content)
    {
        return new Tab(bundle.getString(key), content);
    }

    private <T> TableView<T> table(final String id, final ObservableList<T> items)
    {
        final TableView<T> table = new TableView<>(items);
        table.setId(id);
        table.setPlaceholder(new Label(bundle.getString("connections.details.empty")));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return table;
    }

    /**
     * A column; numeric ones are narrow and right-aligned, text ones share the rest.
     */
    private <T> TableColumn<T, Object> column(final String key, final Function<T, Object> value, final boolean numeric)
    {
        final TableColumn<T, Object> column = new TableColumn<>(bundle.getString(key));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        if (numeric)
        {
            column.getStyleClass().add("numeric");
            column.setPrefWidth(90);
            column.setMaxWidth(140);
        }
        else
        {
            column.setPrefWidth(220);
        }
        return column;
    }
}
