package io.aeolus.console.routing;

import java.util.ResourceBundle;
import java.util.function.Consumer;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Asks for a new routing rule (ids {@code newRouteName}, {@code newRouteSource}, {@code newRouteSelector},
 * {@code newRouteTargets}, {@code newRouteMode}; for a rule that transforms or validates, {@code newRouteTransformer},
 * {@code newRouteParameters}, {@code newRouteSchema}, {@code newRouteInvalid}; {@code createRouteOk}): Create stays
 * disabled while the form lacks something, and on Create the dialog stays open until the broker accepted the rule;
 * a refusal (e.g. a loop, an unknown transformer) is shown under the fields ({@code newRouteProblem}) so that it can
 * be corrected. FX thread only.
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
        final TransformFields transform = new TransformFields(grid, 6, bundle);
        grid.add(problem, 1, 11);
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
            }, name.getText(), source.getText(), selector.getText(), targets.getText(), mode.getValue(),
                transform.transformer.getText(), transform.parameters.getText(), transform.schema.getText(),
                transform.invalid());
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
        final Consumer<String> onDone = (refusal) ->
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
        };
        viewModel.create(form[0], form[1], form[2], form[3], form[4], form[5], form[6], form[7], form[8], onDone);
    }

    /**
     * The fields of a rule that transforms or validates: transformer, its parameters, a JSON Schema, and what
     * happens to an invalid message (sent only when there is a transformer or a schema).
     */
    private static final class TransformFields
    {
        private final TextField transformer;
        private final TextArea parameters;
        private final TextArea schema;
        private final ChoiceBox<String> invalid = new ChoiceBox<>();

        TransformFields(final GridPane grid, final int firstRow, final ResourceBundle bundle)
        {
            transformer = field("newRouteTransformer", "routing.transformerPrompt", bundle);
            parameters = area("newRouteParameters", "routing.parametersPrompt", bundle, 2);
            schema = area("newRouteSchema", "routing.schemaPrompt", bundle, 4);
            invalid.setId("newRouteInvalid");
            invalid.getItems().setAll(RoutingViewModel.REFUSE, RoutingViewModel.DEAD_LETTER);
            invalid.setValue(RoutingViewModel.REFUSE);
            final Label invalidHint = new Label(bundle.getString("routing.invalidHint"));
            invalidHint.setWrapText(true);
            grid.addRow(firstRow, new Label(bundle.getString("routing.transformer")), transformer);
            grid.addRow(firstRow + 1, new Label(bundle.getString("routing.parameters")), parameters);
            grid.addRow(firstRow + 2, new Label(bundle.getString("routing.schema")), schema);
            grid.addRow(firstRow + 3, new Label(bundle.getString("routing.invalid")), invalid);
            grid.add(invalidHint, 1, firstRow + 4);
        }

        String invalid()
        {
            return transformer.getText().isBlank() && schema.getText().isBlank() ? "" : invalid.getValue();
        }
    }

    private static TextArea area(final String id, final String prompt, final ResourceBundle bundle, final int rows)
    {
        final TextArea area = new TextArea();
        area.setId(id);
        area.setPromptText(bundle.getString(prompt));
        area.setPrefColumnCount(30);
        area.setPrefRowCount(rows);
        area.setWrapText(true);
        return area;
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
