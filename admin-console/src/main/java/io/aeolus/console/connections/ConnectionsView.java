package io.aeolus.console.connections;

import io.aeolus.management.ConnectionInfo;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the Connections tab: binds to the {@link ConnectionsViewModel}, asks
 * for confirmation before closing a connection and forwards the decision. FX thread only.
 */
public final class ConnectionsView
{
    private final BorderPane root = new BorderPane();
    private final ConnectionsViewModel viewModel;
    private final ResourceBundle bundle;
    private final TableView<ConnectionInfo> table = new TableView<>();

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public ConnectionsView(final ConnectionsViewModel viewModel, final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;

        final Button refresh = new Button(bundle.getString("connections.refresh"));
        refresh.setId("refreshConnections");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Button close = new Button(bundle.getString("connections.close"));
        close.setId("closeConnection");
        close.disableProperty().bind(viewModel.busyProperty().or(Bindings.createBooleanBinding(
            () -> !viewModel.canClose(table.getSelectionModel().getSelectedItem()),
            table.getSelectionModel().selectedItemProperty())));
        close.setOnAction((event) -> onClose());
        final Label status = new Label();
        status.setId("connectionsStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, close);
        toolbar.getStyleClass().add("tab-toolbar");

        buildTable();
        table.getSelectionModel().selectedItemProperty().addListener(
            (observable, oldRow, newRow) -> viewModel.details().show(newRow));
        final SplitPane split = new SplitPane(table, new ConnectionDetailsView(viewModel.details(), bundle).root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setTop(toolbar);
        root.setCenter(split);
        root.getStyleClass().add("connections-view");
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

    private void buildTable()
    {
        table.setId("connectionsTable");
        table.setItems(viewModel.connections());
        table.setPlaceholder(new Label(bundle.getString("connections.empty")));
        table.getColumns().add(column("connections.id", "id", ConnectionInfo::id, 70));
        table.getColumns().add(column("connections.clientId", "clientId", (connection) ->
            viewModel.isThisConsole(connection) ?
            MessageFormat.format(bundle.getString("connections.thisConsole"), connection.clientId()) :
            connection.clientId(), 0));
        table.getColumns().add(column("connections.address", "address", ConnectionInfo::source, 0));
        table.getColumns().add(column("connections.user", "user", ConnectionInfo::user, 0));
        table.getColumns().add(column("connections.sessions", "sessions", ConnectionInfo::sessions, 100));
        table.getColumns().add(column("connections.consumers", "consumers", ConnectionInfo::consumers, 100));
        table.getColumns().add(column("connections.producers", "producers", ConnectionInfo::producers, 100));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setRowFactory((tableView) -> new TableRow<>()
        {
            @Override
            protected void updateItem(final ConnectionInfo item, final boolean empty)
            {
                super.updateItem(item, empty);
                getStyleClass().remove("this-console");
                if (!empty && null != item && viewModel.isThisConsole(item))
                {
                    getStyleClass().add("this-console");
                }
            }
        });
    }

    /**
     * A column; numeric columns (given a width) are narrow and right-aligned, text columns share the rest.
     */
    private TableColumn<ConnectionInfo, Object> column(
        final String key, final String id, final Function<ConnectionInfo, Object> value, final double numericWidth)
    {
        final TableColumn<ConnectionInfo, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(id);
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        if (numericWidth > 0)
        {
            column.getStyleClass().add("numeric");
            column.setPrefWidth(numericWidth);
            column.setMaxWidth(numericWidth * 1.5);
        }
        else
        {
            column.setPrefWidth(240);
        }
        return column;
    }

    private void onClose()
    {
        final ConnectionInfo chosen = table.getSelectionModel().getSelectedItem();
        if (!viewModel.canClose(chosen))
        {
            return;
        }
        final Alert alert = new Alert(Alert.AlertType.CONFIRMATION,
            MessageFormat.format(bundle.getString("connections.confirm"), viewModel.describe(chosen)),
            ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle(bundle.getString("connections.confirmTitle"));
        alert.setHeaderText(bundle.getString("connections.confirmHeader"));
        alert.initOwner(null == root.getScene() ? null : root.getScene().getWindow());
        alert.getDialogPane().setId("closeConnectionConfirm");
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("confirmOk");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("confirmCancel");
        if (null != root.getScene())
        {
            alert.getDialogPane().getStylesheets().setAll(root.getScene().getStylesheets());
        }
        if (alert.showAndWait().filter((button) -> button == ButtonType.OK).isPresent())
        {
            viewModel.close(chosen);
        }
    }
}
