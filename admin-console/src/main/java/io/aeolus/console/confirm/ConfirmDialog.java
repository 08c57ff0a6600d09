package io.aeolus.console.confirm;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/**
 * Asks the user to confirm an operation with OK and Cancel (ids {@code confirmOk} and {@code confirmCancel}), owned
 * by and styled like the window of a node. FX thread only; blocks in a nested event loop until answered.
 */
public final class ConfirmDialog
{
    private ConfirmDialog()
    {
    }

    /**
     * Shows the question and waits for the answer.
     *
     * @param owner    a node of the window the dialog belongs to.
     * @param dialogId id of the dialog pane, for tests.
     * @param title    the window title.
     * @param header   the question, in a few words.
     * @param text     what will happen.
     * @return true when the user chose OK.
     */
    public static boolean ask(
        final Node owner, final String dialogId, final String title, final String header, final String text)
    {
        final Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.OK, ButtonType.CANCEL);
        alert.setTitle(title);
        alert.setHeaderText(header);
        alert.initOwner(null == owner.getScene() ? null : owner.getScene().getWindow());
        alert.getDialogPane().setId(dialogId);
        alert.getDialogPane().lookupButton(ButtonType.OK).setId("confirmOk");
        alert.getDialogPane().lookupButton(ButtonType.CANCEL).setId("confirmCancel");
        if (null != owner.getScene())
        {
            alert.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        return alert.showAndWait().filter((button) -> button == ButtonType.OK).isPresent();
    }
}
