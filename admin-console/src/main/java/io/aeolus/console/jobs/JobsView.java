package io.aeolus.console.jobs;

import io.aeolus.console.confirm.ConfirmDialog;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Predicate;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.ProgressBarTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the Jobs tab: the broker's jobs with a progress bar, processed of total,
 * state, rate and start time, and Pause, Resume and Cancel for the selected job. FX thread only.
 */
public final class JobsView
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final BorderPane root = new BorderPane();
    private final JobsViewModel viewModel;
    private final ResourceBundle bundle;
    private final TableView<JobRow> table = new TableView<>();

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public JobsView(final JobsViewModel viewModel, final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;

        final Button refresh = new Button(bundle.getString("jobs.refresh"));
        refresh.setId("refreshJobs");
        refresh.setOnAction((event) -> viewModel.reload());
        final Button pause = action("pauseJob", "jobs.pause", viewModel::canPause);
        pause.setOnAction((event) -> viewModel.pause(table.getSelectionModel().getSelectedItem()));
        final Button resume = action("resumeJob", "jobs.resume", viewModel::canResume);
        resume.setOnAction((event) -> viewModel.resume(table.getSelectionModel().getSelectedItem()));
        final Button cancel = action("cancelJob", "jobs.cancel", viewModel::canCancel);
        cancel.setOnAction((event) -> onCancel(table.getSelectionModel().getSelectedItem()));
        final Label status = new Label();
        status.setId("jobsStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox toolbar = new HBox(refresh, status, spacer, pause, resume, cancel);
        toolbar.getStyleClass().add("tab-toolbar");

        buildTable();
        root.setTop(toolbar);
        root.setCenter(table);
        root.getStyleClass().add("jobs-view");
    }

    private void onCancel(final JobRow job)
    {
        // Cancelling cannot be undone: what the job did stays done and the rest is never done.
        if (null != job && ConfirmDialog.ask(root, "cancelJobConfirm", bundle.getString("jobs.cancel.confirmTitle"),
            MessageFormat.format(bundle.getString("jobs.cancel.confirmHeader"), Long.toString(job.id())),
            MessageFormat.format(bundle.getString("jobs.cancel.confirm"), Long.toString(job.id()),
            job.processedProperty().get(), job.totalProperty().get(), job.queue())))
        {
            viewModel.cancel(job);
        }
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

    private Button action(final String id, final String key, final Predicate<JobRow> allowed)
    {
        final Button button = new Button(bundle.getString(key));
        button.setId(id);
        button.disableProperty().bind(viewModel.busyProperty().or(Bindings.createBooleanBinding(
            () -> !allowed.test(table.getSelectionModel().getSelectedItem()),
            table.getSelectionModel().selectedItemProperty(), viewModel.updatesProperty())));
        return button;
    }

    private void buildTable()
    {
        table.setId("jobsTable");
        table.setItems(viewModel.rows());
        table.setPlaceholder(new Label(bundle.getString("jobs.empty")));
        table.getColumns().add(fixed("jobs.id", "jobsColumnId", (row) -> row.id(), 60));
        table.getColumns().add(fixed("jobs.kind", "jobsColumnKind",
            (row) -> JobFormViewModel.kindText(row.kind(), bundle), 80));
        table.getColumns().add(fixed("jobs.queue", "jobsColumnQueue", JobRow::queue, 150));
        table.getColumns().add(fixed("jobs.what", "jobsColumnWhat", this::what, 230));
        final TableColumn<JobRow, String> state = new TableColumn<>(bundle.getString("jobs.stateColumn"));
        state.setId("jobsColumnState");
        state.setCellValueFactory((features) -> Bindings.createStringBinding(
            () -> viewModel.stateText(features.getValue().stateProperty().get()),
            features.getValue().stateProperty()));
        state.setPrefWidth(90);
        table.getColumns().add(state);
        final TableColumn<JobRow, Double> progress = new TableColumn<>(bundle.getString("jobs.progress"));
        progress.setId("jobsColumnProgress");
        progress.setCellValueFactory((features) -> features.getValue().progressProperty().asObject());
        progress.setCellFactory(ProgressBarTableCell.forTableColumn());
        progress.setPrefWidth(140);
        table.getColumns().add(progress);
        table.getColumns().add(bound("jobs.processed", "jobsColumnProcessed", (row) -> Bindings.createStringBinding(
            () -> MessageFormat.format(bundle.getString("jobs.processedOf"), row.processedProperty().get(),
            row.totalProperty().get()), row.processedProperty(), row.totalProperty())));
        table.getColumns().add(bound("jobs.skipped", "jobsColumnSkipped", (row) -> row.skippedProperty().asString()));
        table.getColumns().add(fixed("jobs.rate", "jobsColumnRate", (row) -> row.ratePerSec() == 0 ?
            bundle.getString("jobs.noLimit") : MessageFormat.format(bundle.getString("jobs.perSecond"),
            row.ratePerSec()), 80));
        table.getColumns().add(fixed("jobs.started", "jobsColumnStarted",
            (row) -> TIME_FORMAT.format(Instant.ofEpochMilli(row.startedMs())), 90));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    private String what(final JobRow row)
    {
        final String chosen = row.selector().isEmpty() ? bundle.getString("jobs.allOrChosen") : row.selector();
        return row.target().isEmpty() ? chosen :
            MessageFormat.format(bundle.getString("jobs.toTarget"), row.target(), chosen);
    }

    private TableColumn<JobRow, Object> fixed(
        final String key, final String id, final Function<JobRow, Object> value, final double width)
    {
        final TableColumn<JobRow, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(id);
        column.setPrefWidth(width);
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    private TableColumn<JobRow, String> bound(
        final String key, final String id, final Function<JobRow, ObservableValue<String>> value)
    {
        final TableColumn<JobRow, String> column = new TableColumn<>(bundle.getString(key));
        column.setId(id);
        column.setPrefWidth(110);
        column.getStyleClass().add("numeric");
        column.setCellValueFactory((features) -> value.apply(features.getValue()));
        return column;
    }
}
