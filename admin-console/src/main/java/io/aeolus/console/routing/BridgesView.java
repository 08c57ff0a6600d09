package io.aeolus.console.routing;

import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.console.routing.BridgesViewModel.Action;
import io.aeolus.management.BridgeInfo;

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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the Bridges tab, bound to a {@link BridgesViewModel}: the bridges with their
 * state, endpoints and figures in a table, and Pause, Resume and Delete… (after a confirmation) of the selected one.
 * FX thread only.
 */
public final class BridgesView
{
    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;
    private final BridgesViewModel viewModel;
    private final TableView<BridgeInfo> table;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public BridgesView(final BridgesViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        this.viewModel = viewModel;
        table = new TableView<>(viewModel.bridges());
        final Button refresh = new Button(bundle.getString("bridges.refresh"));
        refresh.setId("refreshBridges");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("bridgesStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());

        final Button pause = button("pauseBridge", "bridges.pause", Action.PAUSE);
        final Button resume = button("resumeBridge", "bridges.resume", Action.RESUME);
        final Button delete = button("deleteBridge", "bridges.delete", Action.DELETE);
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, pause, resume, delete);
        toolbar.getStyleClass().add("tab-toolbar");

        table.setId("bridgesTable");
        final Label empty = new Label(bundle.getString("bridges.empty"));
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getColumns().add(column("bridges.name", BridgeInfo::name, false));
        table.getColumns().add(column("bridges.state", BridgeInfo::state, false));
        table.getColumns().add(column("bridges.source", BridgeInfo::source, false));
        table.getColumns().add(column("bridges.target", BridgeInfo::target, false));
        table.getColumns().add(column("bridges.selector", BridgeInfo::selector, false));
        table.getColumns().add(column("bridges.forwarded", BridgeInfo::forwarded, true));
        table.getColumns().add(column("bridges.duplicatesDropped", BridgeInfo::duplicatesDropped, true));
        table.getColumns().add(column("bridges.failures", BridgeInfo::failures, true));
        table.getColumns().add(column("bridges.reconnects", BridgeInfo::reconnects, true));
        table.getColumns().add(column("bridges.lastError", BridgeInfo::lastError, false));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("bridges-view");
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

    private Button button(final String id, final String key, final Action action)
    {
        final Button button = new Button(bundle.getString(key));
        button.setId(id);
        final BooleanBinding cannot = viewModel.busyProperty().or(Bindings.createBooleanBinding(
            () -> !viewModel.can(table.getSelectionModel().getSelectedItem(), action),
            table.getSelectionModel().selectedItemProperty()));
        button.disableProperty().bind(cannot);
        button.setOnAction((event) -> onAction(table.getSelectionModel().getSelectedItem(), action));
        return button;
    }

    private void onAction(final BridgeInfo chosen, final Action action)
    {
        if (action != Action.DELETE || ConfirmDialog.ask(root, "deleteBridgeConfirm",
            bundle.getString("bridges.confirmDeleteTitle"), bundle.getString("bridges.confirmDeleteHeader"),
            viewModel.confirmation(chosen)))
        {
            viewModel.act(chosen, action);
        }
    }

    private TableColumn<BridgeInfo, Object> column(
        final String key, final Function<BridgeInfo, Object> value, final boolean numeric)
    {
        final TableColumn<BridgeInfo, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(key.substring(key.indexOf('.') + 1));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        if (numeric)
        {
            column.getStyleClass().add("numeric");
        }
        return column;
    }
}
