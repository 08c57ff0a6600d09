package io.aeolus.console.connect;

import java.util.ResourceBundle;

import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/**
 * The connect dialog, code-built and bound to a {@link ConnectViewModel}. FX thread only.
 */
public final class ConnectDialog
{
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType connectButton;

    /**
     * Builds the dialog.
     *
     * @param viewModel the form state.
     * @param bundle    UI text.
     * @param owner     owning window, or null.
     */
    public ConnectDialog(final ConnectViewModel viewModel, final ResourceBundle bundle, final Window owner)
    {
        connectButton = new ButtonType(bundle.getString("connect.connect"), ButtonBar.ButtonData.OK_DONE);
        dialog.setTitle(bundle.getString("connect.title"));
        dialog.setHeaderText(bundle.getString("connect.header"));
        dialog.initOwner(owner);
        dialog.getDialogPane().setId("connectDialog");
        dialog.getDialogPane().getButtonTypes().setAll(connectButton, ButtonType.CANCEL);
        if (null != owner && null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }

        final ComboBox<String> url = new ComboBox<>(viewModel.recentUrls());
        url.setId("connectUrl");
        url.setEditable(true);
        url.setMaxWidth(Double.MAX_VALUE);
        url.valueProperty().bindBidirectional(viewModel.urlProperty());
        final TextField user = new TextField();
        user.setId("connectUser");
        user.textProperty().bindBidirectional(viewModel.userProperty());
        final PasswordField password = new PasswordField();
        password.setId("connectPassword");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());

        final GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, new Label(bundle.getString("connect.url")), url);
        grid.addRow(1, new Label(bundle.getString("connect.user")), user);
        grid.addRow(2, new Label(bundle.getString("connect.password")), password);
        GridPane.setHgrow(url, Priority.ALWAYS);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().lookupButton(connectButton).disableProperty().bind(viewModel.validBinding().not());
        dialog.getDialogPane().lookupButton(connectButton).setId("connectOk");
    }

    /**
     * Shows the dialog and waits for the user (a nested event loop; the FX thread keeps running).
     *
     * @return true when the user pressed Connect.
     */
    public boolean showAndWait()
    {
        return dialog.showAndWait().filter((button) -> button == connectButton).isPresent();
    }
}
