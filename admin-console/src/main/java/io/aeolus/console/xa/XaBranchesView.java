package io.aeolus.console.xa;

import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.management.PreparedBranch;

import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the XA branches tab, bound to an {@link XaBranchesViewModel}: the branches
 * in a table, and Commit… and Roll back… (buttons or row menu) for a prepared one, each after a confirmation that
 * says it is a heuristic decision the transaction manager will be told of. FX thread only.
 */
public final class XaBranchesView
{
    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;
    private final XaBranchesViewModel viewModel;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public XaBranchesView(final XaBranchesViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        this.viewModel = viewModel;
        final Button refresh = new Button(bundle.getString("xa.refresh"));
        refresh.setId("refreshXaBranches");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("xaBranchesStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());

        final TableView<PreparedBranch> table = new TableView<>(viewModel.branches());
        final BooleanBinding cannot = viewModel.busyProperty().or(Bindings.createBooleanBinding(
            () -> !viewModel.canComplete(table.getSelectionModel().getSelectedItem()),
            table.getSelectionModel().selectedItemProperty()));
        final Button commit = button("commitXaBranch", "xa.commit", cannot);
        commit.setOnAction((event) -> onComplete(table.getSelectionModel().getSelectedItem(), true));
        final Button rollback = button("rollbackXaBranch", "xa.rollback", cannot);
        rollback.setOnAction((event) -> onComplete(table.getSelectionModel().getSelectedItem(), false));
        final MenuItem commitItem = new MenuItem(bundle.getString("xa.commit"));
        commitItem.setId("commitXaBranchMenuItem");
        commitItem.disableProperty().bind(cannot);
        commitItem.setOnAction((event) -> onComplete(table.getSelectionModel().getSelectedItem(), true));
        final MenuItem rollbackItem = new MenuItem(bundle.getString("xa.rollback"));
        rollbackItem.setId("rollbackXaBranchMenuItem");
        rollbackItem.disableProperty().bind(cannot);
        rollbackItem.setOnAction((event) -> onComplete(table.getSelectionModel().getSelectedItem(), false));
        table.setContextMenu(new ContextMenu(commitItem, rollbackItem));

        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, commit, rollback);
        toolbar.getStyleClass().add("tab-toolbar");

        table.setId("xaBranchesTable");
        final Label empty = new Label(bundle.getString("xa.empty"));
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getColumns().add(column("xa.formatId", XaBranchesViewModel::formatId, true));
        table.getColumns().add(column("xa.globalId", XaBranchesViewModel::globalId, false));
        table.getColumns().add(column("xa.branchQualifier", XaBranchesViewModel::branchQualifier, false));
        table.getColumns().add(column("xa.state", PreparedBranch::state, false));
        table.getColumns().add(column("xa.age", viewModel::age, true));
        table.getColumns().add(column("xa.sends", PreparedBranch::sends, true));
        table.getColumns().add(column("xa.acknowledged", PreparedBranch::acknowledged, true));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("xa-branches-view");
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

    private Button button(final String id, final String key, final BooleanBinding disabled)
    {
        final Button button = new Button(bundle.getString(key));
        button.setId(id);
        button.disableProperty().bind(disabled);
        return button;
    }

    private void onComplete(final PreparedBranch chosen, final boolean commit)
    {
        if (viewModel.canComplete(chosen) && ConfirmDialog.ask(root,
            commit ? "commitXaBranchConfirm" : "rollbackXaBranchConfirm",
            bundle.getString(commit ? "xa.confirmCommitTitle" : "xa.confirmRollbackTitle"),
            bundle.getString(commit ? "xa.confirmCommitHeader" : "xa.confirmRollbackHeader"),
            viewModel.confirmation(chosen, commit)))
        {
            viewModel.complete(chosen, commit);
        }
    }

    private TableColumn<PreparedBranch, Object> column(
        final String key, final Function<PreparedBranch, Object> value, final boolean numeric)
    {
        final TableColumn<PreparedBranch, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(key.substring(key.indexOf('.') + 1));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        if (numeric)
        {
            column.getStyleClass().add("numeric");
        }
        return column;
    }
}
