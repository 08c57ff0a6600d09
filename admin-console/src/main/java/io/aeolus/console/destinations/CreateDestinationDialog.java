package io.aeolus.console.destinations;

import java.util.ResourceBundle;

import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Asks for a new queue's or topic's name, type and settings of its own (ids {@code newDestinationName},
 * {@code newDestinationType}, {@code newDestinationSettings}: one {@code name=value} a line, {@code createOk}),
 * refusing a name or settings the lifecycle refuses with the reason under the fields; on Create the lifecycle creates
 * it. FX thread only.
 */
final class CreateDestinationDialog
{
    private CreateDestinationDialog()
    {
    }

    static void show(final Node owner, final DestinationLifecycle lifecycle, final ResourceBundle bundle)
    {
        final Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(bundle.getString("lifecycle.createTitle"));
        dialog.setHeaderText(bundle.getString("lifecycle.createHeader"));
        dialog.initOwner(null == owner.getScene() ? null : owner.getScene().getWindow());
        final ButtonType create = new ButtonType(bundle.getString("lifecycle.create"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        dialog.getDialogPane().setId("createDestinationDialog");
        final TextField name = new TextField();
        name.setId("newDestinationName");
        final String queue = bundle.getString("destinations.type.queue");
        final String topic = bundle.getString("destinations.type.topic");
        final ChoiceBox<String> type = new ChoiceBox<>();
        type.setId("newDestinationType");
        type.getItems().setAll(queue, topic);
        type.setValue(queue);
        final TextArea settings = new TextArea();
        settings.setId("newDestinationSettings");
        settings.setPromptText(bundle.getString("settings.prompt"));
        settings.setPrefRowCount(4);
        settings.setPrefColumnCount(32);
        final Label problem = new Label();
        problem.setId("newDestinationProblem");
        problem.getStyleClass().add("error-label");
        problem.setWrapText(true);
        problem.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
            () -> name.getText().isEmpty() ? lifecycle.validateSettings(settings.getText()) :
                problem(lifecycle, name.getText(), settings.getText()), name.textProperty(), settings.textProperty()));
        final GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(bundle.getString("lifecycle.name")), name);
        grid.addRow(1, new Label(bundle.getString("lifecycle.kind")), type);
        grid.addRow(2, new Label(bundle.getString("settings.label")), settings);
        grid.add(problem, 1, 3);
        dialog.getDialogPane().setContent(grid);
        final Node ok = dialog.getDialogPane().lookupButton(create);
        ok.setId("createOk");
        ok.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
            () -> !problem(lifecycle, name.getText(), settings.getText()).isEmpty(), name.textProperty(),
            settings.textProperty()));
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("createCancel");
        if (null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        name.requestFocus();
        dialog.showAndWait().filter((button) -> button == create)
            .ifPresent((button) -> lifecycle.create(name.getText(), topic.equals(type.getValue()), settings.getText()));
    }

    private static String problem(final DestinationLifecycle lifecycle, final String name, final String settings)
    {
        final String nameProblem = lifecycle.validateName(name);
        return nameProblem.isEmpty() ? lifecycle.validateSettings(settings) : nameProblem;
    }
}
