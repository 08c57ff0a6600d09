package io.aeolus.console.subscriptions;

import io.aeolus.management.SubscriptionInfo;

import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * Code-built view and thin controller of the Subscriptions tab, bound to a {@link SubscriptionsViewModel}. FX
 * thread only.
 */
public final class SubscriptionsView
{
    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public SubscriptionsView(final SubscriptionsViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        final Button refresh = new Button(bundle.getString("subscriptions.refresh"));
        refresh.setId("refreshSubscriptions");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("subscriptionsStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final HBox toolbar = new HBox(refresh, status);
        toolbar.getStyleClass().add("tab-toolbar");

        final TableView<SubscriptionInfo> table = new TableView<>(viewModel.subscriptions());
        table.setId("subscriptionsTable");
        table.setPlaceholder(new Label(bundle.getString("subscriptions.empty")));
        table.getColumns().add(column("subscriptions.topic", SubscriptionInfo::topic, false));
        table.getColumns().add(column("subscriptions.clientId", SubscriptionInfo::clientId, false));
        table.getColumns().add(column("subscriptions.name", SubscriptionInfo::name, false));
        table.getColumns().add(column("subscriptions.kind", viewModel::kind, false));
        table.getColumns().add(column("subscriptions.selector", SubscriptionInfo::selector, false));
        table.getColumns().add(column("subscriptions.backlog", SubscriptionInfo::backlog, true));
        table.getColumns().add(column("subscriptions.inFlight", SubscriptionInfo::inFlight, true));
        table.getColumns().add(column("subscriptions.consumers", SubscriptionInfo::consumers, true));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("subscriptions-view");
    }

    /**
     * The root node to place in a tab.
     *
     * @return the root.
     */
    public Node root()
    {
        return root;
    }

    private TableColumn<SubscriptionInfo, Object> column(
        final String key, final Function<SubscriptionInfo, Object> value, final boolean numeric)
    {
        final TableColumn<SubscriptionInfo, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(key.substring(key.indexOf('.') + 1));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        if (numeric)
        {
            column.getStyleClass().add("numeric");
        }
        return column;
    }
}
