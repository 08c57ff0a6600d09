package io.aeolus.console.connect;

import java.util.ResourceBundle;

import javafx.beans.value.ChangeListener;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The connect dialog, code-built and bound to a {@link ConnectViewModel}. Connect keeps the dialog open while the
 * console connects: a refused login or a missing {@code manage} permission shows under the form, and the dialog
 * closes once connected. FX thread only.
 */
public final class ConnectDialog
{
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final ButtonType connectButton;
    // The window grows to show a refusal whole (wrapped) and keep its buttons; unhooked when the dialog closes.
    private final ChangeListener<String> fitToError =
        (observable, oldValue, newValue) -> Platform.runLater(this::fitToError);

    /**
     * Builds the dialog.
     *
     * @param viewModel the form state.
     * @param connector connects when the user presses Connect.
     * @param bundle    UI text.
     * @param owner     owning window, or null.
     */
    public ConnectDialog(
        final ConnectViewModel viewModel,
        final ConnectViewModel.Connector connector,
        final ResourceBundle bundle,
        final Window owner)
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
        final Label error = errorLabel(viewModel);
        final Label connecting = new Label(bundle.getString("connect.connecting"));
        connecting.setId("connectBusy");
        connecting.visibleProperty().bind(viewModel.busyProperty());
        connecting.managedProperty().bind(connecting.visibleProperty());
        dialog.getDialogPane().setContent(new VBox(grid, connecting, error));

        final Button ok = (Button)dialog.getDialogPane().lookupButton(connectButton);
        ok.setId("connectOk");
        ok.disableProperty().bind(viewModel.validBinding().not().or(viewModel.busyProperty()));
        ok.addEventFilter(ActionEvent.ACTION, (event) ->
        {
            event.consume(); // stay open until connected, so a refusal can be shown here
            viewModel.submit(connector);
        });
        final ChangeListener<Number> closeWhenConnected = (observable, oldValue, newValue) ->
        {
            dialog.setResult(connectButton);
            dialog.close();
        };
        viewModel.connectedCountProperty().addListener(closeWhenConnected);
        dialog.setOnHidden((event) ->
        {
            viewModel.connectedCountProperty().removeListener(closeWhenConnected);
            viewModel.errorProperty().removeListener(fitToError);
        });
    }

    private void fitToError()
    {
        final Window window = null == dialog.getDialogPane().getScene() ? null :
            dialog.getDialogPane().getScene().getWindow();
        if (null != window && window.isShowing())
        {
            window.sizeToScene();
        }
    }

    private Label errorLabel(final ConnectViewModel viewModel)
    {
        final Label error = new Label();
        error.setId("connectError");
        error.getStyleClass().add("form-problems");
        error.setWrapText(true);
        error.setMaxWidth(460);
        error.textProperty().bind(viewModel.errorProperty());
        error.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setMinHeight(Region.USE_PREF_SIZE);
        viewModel.errorProperty().addListener(fitToError);
        return error;
    }

    /**
     * Shows the dialog and waits for the user (a nested event loop; the FX thread keeps running).
     *
     * @return true when the console connected, false when the user cancelled.
     */
    public boolean showAndWait()
    {
        return dialog.showAndWait().filter((button) -> button == connectButton).isPresent();
    }
}
