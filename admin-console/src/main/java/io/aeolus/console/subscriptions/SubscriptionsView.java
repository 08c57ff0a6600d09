package io.aeolus.console.subscriptions;

import io.aeolus.management.SubscriptionInfo;

import io.aeolus.console.confirm.ConfirmDialog;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the Subscriptions tab, bound to a {@link SubscriptionsViewModel}: asks for
 * confirmation before deleting a durable subscription (button, row menu or Delete key). FX thread only.
 */
public final class SubscriptionsView
{
    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;
    private final SubscriptionsViewModel viewModel;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public SubscriptionsView(final SubscriptionsViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        this.viewModel = viewModel;
        final Button refresh = new Button(bundle.getString("subscriptions.refresh"));
        refresh.setId("refreshSubscriptions");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("subscriptionsStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final TableView<SubscriptionInfo> table = new TableView<>(viewModel.subscriptions());
        final Button delete = new Button(bundle.getString("subscriptions.delete"));
        delete.setId("deleteSubscription");
        delete.disableProperty().bind(viewModel.busyProperty().or(Bindings.createBooleanBinding(
            () -> !viewModel.canDelete(table.getSelectionModel().getSelectedItem()),
            table.getSelectionModel().selectedItemProperty())));
        delete.setOnAction((event) -> onDelete(table.getSelectionModel().getSelectedItem()));
        final MenuItem deleteItem = new MenuItem(bundle.getString("subscriptions.delete"));
        deleteItem.setId("deleteSubscriptionMenuItem");
        deleteItem.disableProperty().bind(delete.disableProperty());
        deleteItem.setOnAction((event) -> onDelete(table.getSelectionModel().getSelectedItem()));
        table.setContextMenu(new ContextMenu(deleteItem));
        table.setOnKeyPressed((event) ->
        {
            if (event.getCode() == KeyCode.DELETE && !delete.isDisabled())
            {
                event.consume();
                onDelete(table.getSelectionModel().getSelectedItem());
            }
        });
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, delete);
        toolbar.getStyleClass().add("tab-toolbar");

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

    private void onDelete(final SubscriptionInfo chosen)
    {
        if (viewModel.canDelete(chosen) && ConfirmDialog.ask(root, "deleteSubscriptionConfirm",
            bundle.getString("subscriptions.confirmTitle"), bundle.getString("subscriptions.confirmHeader"),
            MessageFormat.format(bundle.getString("subscriptions.confirm"), viewModel.describe(chosen),
            chosen.backlog())))
        {
            viewModel.delete(chosen);
        }
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
