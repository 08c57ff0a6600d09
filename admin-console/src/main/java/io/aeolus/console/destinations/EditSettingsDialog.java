package io.aeolus.console.destinations;

import io.aeolus.management.SettingInfo;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;

import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;

/**
 * Edits a destination's own settings (id {@code editSettingsText}: one {@code name=value} a line; removing a line
 * takes that setting back), showing every setting in force beside it (id {@code settingsInForce}); Save (id
 * {@code settingsSave}) hands the edit to the lifecycle. FX thread only.
 */
final class EditSettingsDialog
{
    private EditSettingsDialog()
    {
    }

    static void show(final Node owner, final DestinationRow row, final List<SettingInfo> settings,
        final DestinationLifecycle lifecycle, final ResourceBundle bundle)
    {
        final Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(bundle.getString("settings.title"));
        dialog.setHeaderText(MessageFormat.format(bundle.getString("settings.header"), row.name()));
        dialog.initOwner(null == owner.getScene() ? null : owner.getScene().getWindow());
        final ButtonType save = new ButtonType(bundle.getString("settings.save"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
        dialog.getDialogPane().setId("editSettingsDialog");
        final TextArea text = new TextArea(DestinationLifecycle.ownSettingsText(settings));
        text.setId("editSettingsText");
        text.setPromptText(bundle.getString("settings.prompt"));
        text.setPrefRowCount(6);
        text.setPrefColumnCount(36);
        final StringBuilder inForce = new StringBuilder();
        for (final SettingInfo setting : settings)
        {
            inForce.append(setting.name()).append(" = ").append(setting.value().isEmpty() ? "none" : setting.value())
                .append(setting.overridden() ? "  *" : "").append('\n');
        }
        final Label current = new Label(inForce.toString().strip());
        current.setId("settingsInForce");
        current.setWrapText(true);
        final Label problem = new Label();
        problem.setId("editSettingsProblem");
        problem.getStyleClass().add("error-label");
        problem.setWrapText(true);
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
            () -> lifecycle.validateSettings(text.getText()), text.textProperty()));
        dialog.getDialogPane().setContent(new VBox(8, new Label(bundle.getString("settings.own")), text, problem,
            new Label(bundle.getString("settings.inForce")), current));
        final Node ok = dialog.getDialogPane().lookupButton(save);
        ok.setId("settingsSave");
        ok.disableProperty().bind(problem.textProperty().isNotEmpty());
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("settingsCancel");
        if (null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.showAndWait().filter((button) -> button == save)
            .ifPresent((button) -> lifecycle.saveSettings(row, settings, text.getText()));
    }
}
