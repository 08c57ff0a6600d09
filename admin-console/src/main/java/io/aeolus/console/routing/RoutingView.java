package io.aeolus.console.routing;

import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.management.LastValueInfo;
import io.aeolus.management.RetentionInfo;
import io.aeolus.management.RouteInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Code-built view and thin controller of the Routing tab, bound to a {@link RoutingViewModel}: the rules in a table,
 * New rule… (a dialog that shows the broker's refusal without closing) and Delete… of a run-time rule after a
 * confirmation; for a declared rule Delete is disabled and its tooltip says why. Below, the last-value queues with
 * their key and the key values waiting. FX thread only.
 */
public final class RoutingView
{
    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;
    private final RoutingViewModel viewModel;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public RoutingView(final RoutingViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        this.viewModel = viewModel;
        final Button refresh = new Button(bundle.getString("routing.refresh"));
        refresh.setId("refreshRoutes");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("routesStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());

        final TableView<RouteInfo> table = new TableView<>(viewModel.routes());
        final Button create = new Button(bundle.getString("routing.new"));
        create.setId("newRoute");
        create.setOnAction((event) -> NewRouteDialog.show(root, viewModel, bundle));
        final BooleanBinding cannot = viewModel.busyProperty().or(Bindings.createBooleanBinding(
            () -> !viewModel.canDelete(table.getSelectionModel().getSelectedItem()),
            table.getSelectionModel().selectedItemProperty()));
        final Button delete = new Button(bundle.getString("routing.delete"));
        delete.setId("deleteRoute");
        delete.disableProperty().bind(cannot);
        final Tooltip hint = new Tooltip();
        hint.textProperty().bind(Bindings.createStringBinding(
            () -> viewModel.deleteHint(table.getSelectionModel().getSelectedItem()),
            table.getSelectionModel().selectedItemProperty()));
        delete.setTooltip(hint);
        delete.setOnAction((event) -> onDelete(table.getSelectionModel().getSelectedItem()));
        // a disabled button shows no tooltip: the reason goes on its wrapper, which still gets the mouse
        final HBox deleteHolder = new HBox(delete);
        deleteHolder.setId("deleteRouteHolder");
        Tooltip.install(deleteHolder, hint);

        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, create, deleteHolder);
        toolbar.getStyleClass().add("tab-toolbar");

        table.setId("routesTable");
        final Label empty = new Label(bundle.getString("routing.empty"));
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getColumns().add(column("routing.name", RouteInfo::name));
        table.getColumns().add(column("routing.source", RouteInfo::source));
        table.getColumns().add(column("routing.selector", RouteInfo::selector));
        table.getColumns().add(column("routing.targets", RouteInfo::targets));
        table.getColumns().add(column("routing.mode", RouteInfo::mode));
        table.getColumns().add(column("routing.transform", viewModel::transform));
        table.getColumns().add(column("routing.origin", viewModel::origin));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        root.setTop(toolbar);
        root.setCenter(table);
        root.setBottom(new VBox(lastValuesTable(viewModel), retentionTable(viewModel)));
        root.getStyleClass().add("routing-view");
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

    private VBox lastValuesTable(final RoutingViewModel model)
    {
        final TableView<LastValueInfo> table = new TableView<>(model.lastValues());
        table.setId("lastValuesTable");
        table.setPlaceholder(new Label(bundle.getString("routing.lastValuesEmpty")));
        table.getColumns().add(infoColumn("routing.lastValueQueue", LastValueInfo::queue));
        table.getColumns().add(infoColumn("routing.lastValueKey", LastValueInfo::key));
        table.getColumns().add(infoColumn("routing.lastValueDepth", LastValueInfo::depth));
        table.getColumns().add(infoColumn("routing.lastValueKeys", LastValueInfo::keys));
        table.getColumns().add(infoColumn("routing.lastValueValues", LastValueInfo::values));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(150);
        final Label title = new Label(bundle.getString("routing.lastValues"));
        title.getStyleClass().add("count-label");
        return new VBox(title, table);
    }

    private VBox retentionTable(final RoutingViewModel model)
    {
        final TableView<RetentionInfo> table = new TableView<>(model.retention());
        table.setId("retentionTable");
        table.setPlaceholder(new Label(bundle.getString("routing.retentionEmpty")));
        // A queue's row names it queue:<name>, as management and the CLI take it.
        table.getColumns().add(infoColumn("routing.retentionTopic",
            (RetentionInfo info) -> info.isQueue() ? RetentionInfo.QUEUE + ":" + info.topic() : info.topic()));
        table.getColumns().add(infoColumn("routing.retentionTime",
            (info) -> 0 == info.retentionMs() ? "" : Duration.ofMillis(info.retentionMs()).toString()));
        table.getColumns().add(infoColumn("routing.retentionSize",
            (info) -> 0 == info.retentionBytes() ? "" : info.retentionBytes()));
        table.getColumns().add(infoColumn("routing.retainedCount", RetentionInfo::retainedCount));
        table.getColumns().add(infoColumn("routing.retainedBytes", RetentionInfo::retainedBytes));
        table.getColumns().add(infoColumn("routing.retainedOldest",
            (info) -> 0 == info.retainedCount() ? "" : Instant.ofEpochMilli(info.oldestMs()).toString()));
        table.getColumns().add(infoColumn("routing.retentionDropped", RetentionInfo::droppedTotal));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(120);
        final Label title = new Label(bundle.getString("routing.retention"));
        title.getStyleClass().add("count-label");
        return new VBox(title, table);
    }

    private <T> TableColumn<T, Object> infoColumn(final String key, final Function<T, Object> value)
    {
        final TableColumn<T, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(key.substring(key.indexOf('.') + 1));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    private void onDelete(final RouteInfo chosen)
    {
        if (viewModel.canDelete(chosen) && ConfirmDialog.ask(root, "deleteRouteConfirm",
            bundle.getString("routing.confirmDeleteTitle"), bundle.getString("routing.confirmDeleteHeader"),
            viewModel.confirmation(chosen)))
        {
            viewModel.delete(chosen);
        }
    }

    private TableColumn<RouteInfo, Object> column(final String key, final Function<RouteInfo, Object> value)
    {
        final TableColumn<RouteInfo, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(key.substring(key.indexOf('.') + 1));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }
}
