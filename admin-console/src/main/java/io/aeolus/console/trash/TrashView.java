package io.aeolus.console.trash;

import io.aeolus.management.TrashBatch;
import io.aeolus.console.confirm.ConfirmDialog;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the Trash tab: binds to the {@link TrashViewModel}, asks for confirmation
 * before a restore and forwards the decision. FX thread only.
 */
public final class TrashView
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final BorderPane root = new BorderPane();
    private final TrashViewModel viewModel;
    private final ResourceBundle bundle;
    private final TableView<TrashBatch> table = new TableView<>();

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public TrashView(final TrashViewModel viewModel, final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;

        final Button refresh = new Button(bundle.getString("trash.refresh"));
        refresh.setId("refreshTrash");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Button restore = new Button(bundle.getString("trash.restore"));
        restore.setId("restoreBatch");
        restore.disableProperty().bind(
            viewModel.busyProperty().or(table.getSelectionModel().selectedItemProperty().isNull()));
        restore.setOnAction((event) -> onRestore());
        final Label status = new Label();
        status.setId("trashStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, restore);
        toolbar.getStyleClass().add("tab-toolbar");

        table.setId("trashTable");
        table.setItems(viewModel.batches());
        table.setPlaceholder(new Label(bundle.getString("trash.empty")));
        table.getColumns().add(column("trash.operation", "trashOperation", TrashBatch::operation));
        table.getColumns().add(column("trash.destination", "trashDestination", TrashBatch::destination));
        table.getColumns().add(column("trash.time", "trashTime", (batch) -> time(batch.timeMs())));
        table.getColumns().add(column("trash.expires", "trashExpires", (batch) -> time(batch.expiresMs())));
        final TableColumn<TrashBatch, Object> count = column("trash.count.column", "trashCount", TrashBatch::count);
        count.getStyleClass().add("numeric");
        table.getColumns().add(count);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("trash-view");
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

    private static String time(final long timeMs)
    {
        return TIME_FORMAT.format(Instant.ofEpochMilli(timeMs));
    }

    private TableColumn<TrashBatch, Object> column(
        final String key, final String id, final Function<TrashBatch, Object> value)
    {
        final TableColumn<TrashBatch, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(id);
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    private void onRestore()
    {
        final TrashBatch chosen = table.getSelectionModel().getSelectedItem();
        if (null != chosen && ConfirmDialog.ask(root, "restoreConfirm", bundle.getString("trash.confirmTitle"),
            bundle.getString("trash.confirmHeader"), MessageFormat.format(bundle.getString("trash.confirm"),
            chosen.count(), chosen.destination(), chosen.operation(), time(chosen.timeMs()))))
        {
            viewModel.restore(chosen);
        }
    }
}
