package io.aeolus.console.jobs;

import io.aeolus.management.JobKind;

import java.text.MessageFormat;
import java.util.ResourceBundle;

import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The bulk operation dialog, code-built and bound to a {@link JobFormViewModel}: kind, target (for a move), selector or
 * the selected messages, rate; Dry run shows the count, and Start (enabled once a dry run of the form as it is found
 * something) starts the job, closing the dialog when the broker took it. FX thread only.
 */
public final class JobDialog
{
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final JobFormViewModel form;
    private final ResourceBundle bundle;

    /**
     * Builds the dialog.
     *
     * @param form   the form's state.
     * @param bundle UI text.
     * @param owner  owning window, or null.
     */
    public JobDialog(final JobFormViewModel form, final ResourceBundle bundle, final Window owner)
    {
        this.form = form;
        this.bundle = bundle;
        final ButtonType start = new ButtonType(bundle.getString("jobs.form.start"), ButtonBar.ButtonData.OK_DONE);
        dialog.setTitle(bundle.getString("jobs.form.title"));
        dialog.setHeaderText(MessageFormat.format(bundle.getString("jobs.form.header"), form.queue()));
        dialog.initOwner(owner);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("jobDialog");
        dialog.getDialogPane().getButtonTypes().setAll(start, ButtonType.CANCEL);
        if (null != owner && null != owner.getScene())
        {
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().setContent(content());

        final Button startButton = (Button)dialog.getDialogPane().lookupButton(start);
        startButton.setId("jobStart");
        startButton.disableProperty().bind(form.canStartBinding().not());
        startButton.addEventFilter(ActionEvent.ACTION, (event) ->
        {
            event.consume(); // the dialog closes once the broker started the job, not on the click
            form.start();
        });
        dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("jobCancel");
        form.startedProperty().addListener((observable, oldValue, started) ->
        {
            if (started)
            {
                dialog.setResult(start);
                dialog.close();
            }
        });
    }

    /**
     * Shows the dialog and waits until the job started or the user cancelled (a nested event loop).
     */
    public void showAndWait()
    {
        dialog.showAndWait();
    }

    private Node content()
    {
        final ComboBox<JobKind> kind = new ComboBox<>();
        kind.setId("jobKind");
        kind.getItems().setAll(form.kinds());
        kind.setCellFactory((list) -> new KindCell());
        kind.setButtonCell(new KindCell());
        kind.valueProperty().bindBidirectional(form.kindProperty());

        final TextField target = field("jobTarget", "jobs.form.target.prompt");
        target.textProperty().bindBidirectional(form.targetProperty());
        // 2,000 queues: the target is found by any part of its name rather than typed whole.
        io.aeolus.console.controls.NameSearch.bind(target, form.targetNames());
        final Label targetLabel = label("jobs.form.target");
        final var isMove = form.kindProperty().isEqualTo(JobKind.MOVE);
        for (final Node node : new Node[]{target, targetLabel})
        {
            node.visibleProperty().bind(isMove);
            node.managedProperty().bind(isMove);
        }

        final ToggleGroup scope = new ToggleGroup();
        final RadioButton bySelector = new RadioButton(bundle.getString("jobs.form.bySelector"));
        bySelector.setId("jobBySelector");
        bySelector.setToggleGroup(scope);
        final RadioButton selected = new RadioButton(
            MessageFormat.format(bundle.getString("jobs.form.selected"), form.selectedCount()));
        selected.setId("jobSelected");
        selected.setToggleGroup(scope);
        // Opened on a whole queue (from Destinations) there is no selection to offer: only the selector applies.
        selected.setVisible(form.selectedCount() > 0);
        selected.setManaged(form.selectedCount() > 0);
        scope.selectToggle(form.useSelectedProperty().get() ? selected : bySelector);
        scope.selectedToggleProperty().addListener(
            (observable, oldValue, newValue) -> form.useSelectedProperty().set(newValue == selected));
        final TextField selector = field("jobSelector", "jobs.form.selector.prompt");
        selector.textProperty().bindBidirectional(form.selectorProperty());
        selector.disableProperty().bind(form.useSelectedProperty());
        HBox.setHgrow(selector, Priority.ALWAYS);

        final TextField rate = field("jobRate", "jobs.form.rate.prompt");
        rate.textProperty().bindBidirectional(form.rateProperty());

        final GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        grid.addRow(0, label("jobs.form.kind"), kind);
        grid.addRow(1, targetLabel, target);
        grid.addRow(2, label("jobs.form.messages"), new HBox(8, bySelector, selected));
        grid.addRow(3, new Label(), selector);
        grid.addRow(4, label("jobs.form.rate"), rate);
        GridPane.setHgrow(selector, Priority.ALWAYS);
        return new VBox(grid, dryRunRow(), problems());
    }

    private Node dryRunRow()
    {
        final Button dryRun = new Button(bundle.getString("jobs.form.dryRunButton"));
        dryRun.setId("jobDryRun");
        dryRun.disableProperty().bind(form.canDryRunBinding().not());
        dryRun.setOnAction((event) -> form.dryRun());
        final Label result = new Label();
        result.setId("jobDryRunResult");
        result.setWrapText(true);
        result.textProperty().bind(form.dryRunTextProperty());
        final HBox row = new HBox(dryRun, result);
        row.getStyleClass().add("form-row");
        return row;
    }

    private Node problems()
    {
        final Label problem = new Label();
        problem.setId("jobProblem");
        problem.getStyleClass().add("form-problems");
        problem.setWrapText(true);
        problem.textProperty().bind(form.problemProperty());
        problem.visibleProperty().bind(Bindings.isNotEmpty(form.problemProperty()));
        return problem;
    }

    private TextField field(final String id, final String promptKey)
    {
        final TextField field = new TextField();
        field.setId(id);
        field.setPromptText(bundle.getString(promptKey));
        field.setPrefColumnCount(32);
        return field;
    }

    private Label label(final String key)
    {
        return new Label(bundle.getString(key));
    }

    /**
     * Shows a job kind in words.
     */
    private final class KindCell extends ListCell<JobKind>
    {
        @Override
        protected void updateItem(final JobKind item, final boolean empty)
        {
            super.updateItem(item, empty);
            setText(empty || null == item ? "" : JobFormViewModel.kindText(item, bundle));
        }
    }
}
