package io.aeolus.console.users;

import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.management.UserInfo;

import java.util.ResourceBundle;
import java.util.function.Function;

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
 * Code-built view and thin controller of the Users tab, bound to a {@link UsersViewModel}: the users and their roles
 * in a table, Add user…, Password…, Roles… (a {@link UserDialog} that shows the broker's refusal without closing) and
 * Remove… after a confirmation. FX thread only.
 */
public final class UsersView
{
    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;
    private final UsersViewModel viewModel;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public UsersView(final UsersViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        this.viewModel = viewModel;
        final Button refresh = new Button(bundle.getString("users.refresh"));
        refresh.setId("refreshUsers");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());
        final Label status = new Label();
        status.setId("usersStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());

        final TableView<UserInfo> table = new TableView<>(viewModel.users());
        final BooleanBinding none = table.getSelectionModel().selectedItemProperty().isNull();
        final Button add = new Button(bundle.getString("users.add"));
        add.setId("addUser");
        add.setOnAction((event) -> UserDialog.show(root, viewModel, bundle, UsersViewModel.ADD, null));
        final Button password = new Button(bundle.getString("users.password"));
        password.setId("changePassword");
        password.disableProperty().bind(none);
        password.setOnAction((event) -> UserDialog.show(root, viewModel, bundle, UsersViewModel.PASSWORD,
            table.getSelectionModel().getSelectedItem()));
        final Button roles = new Button(bundle.getString("users.roles"));
        roles.setId("changeRoles");
        roles.disableProperty().bind(none);
        roles.setOnAction((event) -> UserDialog.show(root, viewModel, bundle, UsersViewModel.ROLES,
            table.getSelectionModel().getSelectedItem()));
        final Button remove = new Button(bundle.getString("users.remove"));
        remove.setId("removeUser");
        remove.disableProperty().bind(none);
        remove.setOnAction((event) -> onRemove(table.getSelectionModel().getSelectedItem()));

        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, add, password, roles, remove);
        toolbar.getStyleClass().add("tab-toolbar");

        table.setId("usersTable");
        final Label empty = new Label(bundle.getString("users.empty"));
        empty.setWrapText(true);
        table.setPlaceholder(empty);
        table.getColumns().add(column("users.name", UserInfo::name));
        table.getColumns().add(column("users.rolesColumn", UserInfo::roles));
        table.getColumns().add(column("users.iterations", UserInfo::iterations));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);

        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("users-view");
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

    private void onRemove(final UserInfo chosen)
    {
        if (null != chosen && ConfirmDialog.ask(root, "removeUserConfirm", bundle.getString("users.confirmTitle"),
            bundle.getString("users.confirmHeader"), viewModel.confirmation(chosen)))
        {
            viewModel.remove(chosen);
        }
    }

    private TableColumn<UserInfo, Object> column(final String key, final Function<UserInfo, Object> value)
    {
        final TableColumn<UserInfo, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(key.substring(key.indexOf('.') + 1));
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }
}
