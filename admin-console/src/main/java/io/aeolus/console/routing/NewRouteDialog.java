package io.aeolus.console.routing;

import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Asks for a new routing rule (ids {@code newRouteName}, {@code newRouteSource}, {@code newRouteSelector},
 * {@code newRouteTargets}, {@code newRouteMode}, {@code createRouteOk}): Create stays disabled while the form lacks
 * something, and on Create the dialog stays open until the broker accepted the rule; a refusal (e.g. a loop) is shown
 * under the fields ({@code newRouteProblem}) so that it can be corrected. FX thread only.
 */
final class NewRouteDialog
{
    private NewRouteDialog()
    {
    }

    static void show(final Node owner, final RoutingViewModel viewModel, final ResourceBundle bundle)
    {
        final Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle(bundle.getString("routing.newTitle"));
        dialog.setHeaderText(bundle.getString("routing.newHeader"));
        dialog.initOwner(null == owner.getScene() ? null : owner.getScene().getWindow());
        final ButtonType create = new ButtonType(bundle.getString("routing.create"), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(create, ButtonType.CANCEL);
        dialog.getDialogPane().setId("newRouteDialog");
        final TextField name = field("newRouteName", "routing.namePrompt", bundle);
        final TextField source = field("newRouteSource", "routing.sourcePrompt", bundle);
        final TextField selector = field("newRouteSelector", "routing.selectorPrompt", bundle);
        final TextField targets = field("newRouteTargets", "routing.targetsPrompt", bundle);
        final ChoiceBox<String> mode = new ChoiceBox<>();
        mode.setId("newRouteMode");
        mode.getItems().setAll(RoutingViewModel.COPY, RoutingViewModel.EXCLUSIVE);
        mode.setValue(RoutingViewModel.COPY);
        final Label modeHint = new Label(bundle.getString("routing.modeHint"));
        modeHint.setWrapText(true);
        final Label problem = new Label();
        problem.setId("newRouteProblem");
        problem.getStyleClass().add("error-label");
        problem.setWrapText(true);
        problem.setMaxWidth(460);
        final GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label(bundle.getString("routing.name")), name);
        grid.addRow(1, new Label(bundle.getString("routing.source")), source);
        grid.addRow(2, new Label(bundle.getString("routing.selector")), selector);
        grid.addRow(3, new Label(bundle.getString("routing.targets")), targets);
        grid.addRow(4, new Label(bundle.getString("routing.mode")), mode);
        grid.add(modeHint, 1, 5);
        grid.add(problem, 1, 6);
        dialog.getDialogPane().setContent(grid);

        final Button ok = (Button)dialog.getDialogPane().lookupButton(create);
        ok.setId("createRouteOk");
        ok.disableProperty().bind(Bindings.createBooleanBinding(
            () -> !viewModel.validate(name.getText(), source.getText(), targets.getText()).isEmpty(),
            name.textProperty(), source.textProperty(), targets.textProperty()));
        ok.addEventFilter(ActionEvent.ACTION, (event) ->
        {
            // the dialog closes only once the broker accepted the rule
            event.consume();
            onCreate(viewModel, problem, bundle, () ->
            {
                dialog.setResult(create);
                dialog.close();
            }, name.getText(), source.getText(), selector.getText(), targets.getText(), mode.getValue());
        });
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("createRouteCancel");
        if (null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        name.requestFocus();
        dialog.show();
    }

    private static void onCreate(final RoutingViewModel viewModel, final Label problem, final ResourceBundle bundle,
        final Runnable close, final String... form)
    {
        if (bundle.getString("routing.creating").equals(problem.getText()))
        {
            return;
        }
        problem.setText(bundle.getString("routing.creating"));
        viewModel.create(form[0], form[1], form[2], form[3], form[4], (refusal) ->
        {
            if (refusal.isEmpty())
            {
                problem.setText("");
                close.run();
            }
            else
            {
                problem.setText(refusal);
            }
        });
    }

    private static TextField field(final String id, final String prompt, final ResourceBundle bundle)
    {
        final TextField field = new TextField();
        field.setId(id);
        field.setPromptText(bundle.getString(prompt));
        field.setPrefColumnCount(30);
        return field;
    }
}
