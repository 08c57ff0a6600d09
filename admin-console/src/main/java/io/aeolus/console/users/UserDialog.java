package io.aeolus.console.users;

import io.aeolus.management.UserInfo;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Asks for a new user, a new password or new roles (ids {@code userName}, {@code userPassword},
 * {@code userPasswordAgain}, {@code userRoles}, {@code userOk}): OK stays disabled while the form lacks something
 * (with the reason under the fields, {@code userProblem}), and on OK the dialog stays open until the broker accepted
 * the change; a refusal (too short a password, an undefined role) is shown there so that it can be corrected.
 * FX thread only.
 */
final class UserDialog
{
    private UserDialog()
    {
    }

    static void show(final Node owner, final UsersViewModel viewModel, final ResourceBundle bundle,
        final String change, final UserInfo user)
    {
        final Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(bundle.getString("users.title." + change));
        dialog.setHeaderText(null == user ? bundle.getString("users.header." + change) :
            MessageFormat.format(bundle.getString("users.header." + change), user.name()));
        dialog.initOwner(null == owner.getScene() ? null : owner.getScene().getWindow());
        final ButtonType ok = new ButtonType(bundle.getString("users.ok." + change), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, ButtonType.CANCEL);
        dialog.getDialogPane().setId("userDialog");
        final TextField name = new TextField(null == user ? "" : user.name());
        name.setId("userName");
        name.setPromptText(bundle.getString("users.namePrompt"));
        name.setEditable(null == user);
        final PasswordField password = new PasswordField();
        password.setId("userPassword");
        final PasswordField again = new PasswordField();
        again.setId("userPasswordAgain");
        final TextField roles = new TextField(null == user ? "" : user.roles());
        roles.setId("userRoles");
        roles.setPromptText(bundle.getString("users.rolesPrompt"));
        final Label problem = new Label();
        problem.setId("userProblem");
        problem.getStyleClass().add("error-label");
        problem.setWrapText(true);
        problem.setMaxWidth(460);
        final GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label(bundle.getString("users.name")), name);
        final boolean withPassword = !UsersViewModel.ROLES.equals(change);
        final boolean withRoles = !UsersViewModel.PASSWORD.equals(change);
        if (withPassword)
        {
            grid.addRow(row++, new Label(bundle.getString("users.passwordLabel")), password);
            grid.addRow(row++, new Label(bundle.getString("users.passwordAgain")), again);
        }
        if (withRoles)
        {
            grid.addRow(row++, new Label(bundle.getString("users.rolesColumn")), roles);
        }
        grid.add(problem, 1, row);
        dialog.getDialogPane().setContent(grid);

        final Button okButton = (Button)dialog.getDialogPane().lookupButton(ok);
        okButton.setId("userOk");
        bindOk(dialog, ok, okButton, viewModel, bundle, change, problem, name, password, again, roles);
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("userCancel");
        if (null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.show();
    }

    private static void bindOk(final Dialog<ButtonType> dialog, final ButtonType ok, final Button okButton,
        final UsersViewModel viewModel, final ResourceBundle bundle, final String change, final Label problem,
        final TextField name, final PasswordField password, final PasswordField again, final TextField roles)
    {
        problem.textProperty().bind(Bindings.createStringBinding(() -> viewModel.validate(change, name.getText(),
            password.getText(), again.getText(), roles.getText()), name.textProperty(), password.textProperty(),
            again.textProperty(), roles.textProperty()));
        okButton.disableProperty().bind(Bindings.createBooleanBinding(() -> !viewModel.validate(change,
            name.getText(), password.getText(), again.getText(), roles.getText()).isEmpty(), name.textProperty(),
            password.textProperty(), again.textProperty(), roles.textProperty()));
        okButton.addEventFilter(ActionEvent.ACTION, (event) ->
        {
            // the dialog closes only once the broker accepted the change
            event.consume();
            problem.textProperty().unbind();
            problem.setText(bundle.getString("users.sending"));
            okButton.disableProperty().unbind();
            okButton.setDisable(true);
            viewModel.change(change, name.getText(), password.getText(), again.getText(), roles.getText(),
                (refusal) ->
                {
                    okButton.setDisable(false);
                    problem.setText(refusal);
                    if (refusal.isEmpty())
                    {
                        dialog.setResult(ok);
                        dialog.close();
                    }
                });
        });
    }
}
