package io.aeolus.console.dlq;

import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.browser.MessageViewerView;
import io.aeolus.console.confirm.ConfirmDialog;
import io.aeolus.console.jobs.JobDialog;
import io.aeolus.console.jobs.JobFormViewModel;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Code-built view and thin controller of the Dead letters tab: binds to the {@link DeadLettersViewModel}, shows the
 * triage above the messages, asks for confirmation before a retry and forwards the decision, and opens the bulk
 * operation dialog. FX thread only.
 */
public final class DeadLettersView
{
    private static final DateTimeFormatter TIME_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final BorderPane root = new BorderPane();
    private final DeadLettersViewModel viewModel;
    private final ResourceBundle bundle;
    private final TableView<DeadLetter> table = new TableView<>();

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public DeadLettersView(final DeadLettersViewModel viewModel, final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.bundle = bundle;

        final ComboBox<String> queues = new ComboBox<>(viewModel.deadLetterQueues());
        queues.setId("dlqChooser");
        // Among many dead-letter queues, one is found by any part of its name.
        queues.setEditable(true);
        queues.setPromptText(bundle.getString("dlq.chooser.prompt"));
        queues.valueProperty().bindBidirectional(viewModel.selectedQueueProperty());
        io.aeolus.console.controls.NameSearch.bind(queues.getEditor(), viewModel.deadLetterQueues());

        final Button refresh = button("refreshDlq", "dlq.refresh");
        refresh.setOnAction((event) -> viewModel.reload());
        final Button retrySelected = button("retrySelected", "dlq.retrySelected");
        retrySelected.disableProperty().bind(
            viewModel.busyProperty().or(table.getSelectionModel().selectedItemProperty().isNull()));
        retrySelected.setOnAction((event) -> onRetrySelected());
        final Button retryAll = button("retryAll", "dlq.retryAll");
        retryAll.disableProperty().bind(viewModel.busyProperty().or(
            Bindings.isEmpty(viewModel.messages())));
        retryAll.setOnAction((event) -> onRetryAll());

        final ProgressBar progress = new ProgressBar();
        progress.setId("dlqProgress");
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        final Label status = new Label();
        status.setId("dlqStatus");
        status.textProperty().bind(viewModel.statusProperty());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        final Button bulk = button("bulkDlq", "dlq.bulk");
        bulk.disableProperty().bind(viewModel.selectedQueueProperty().isNull());
        bulk.setOnAction((event) -> onBulk());

        final Button export = button("exportDlq", "dlq.export");
        export.disableProperty().bind(viewModel.selectedQueueProperty().isNull());
        export.setOnAction((event) -> onExport());

        final Button importFile = button("importDlq", "dlq.import");
        importFile.setOnAction((event) -> onImport());

        final HBox toolbar = new HBox(queues, refresh, spacer, progress, status, retrySelected, retryAll, bulk,
            export, importFile);
        toolbar.getStyleClass().add("tab-toolbar");

        buildTable();
        final SplitPane messagesAndViewer = new SplitPane(new BorderPane(table, filterBar(), null, null, null),
            viewer());
        messagesAndViewer.setDividerPositions(0.6);
        final SplitPane split = new SplitPane(new TriageView(viewModel.triage(), bundle).root(), messagesAndViewer);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.36);
        root.setTop(toolbar);
        root.setCenter(split);
        root.getStyleClass().add("dlq-view");
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

    private HBox filterBar()
    {
        final Label filter = new Label();
        filter.setId("dlqFilter");
        filter.textProperty().bind(viewModel.filterTextProperty());
        filter.setMinWidth(0);
        final Button showAll = button("dlqShowAll", "dlq.showAll");
        showAll.setMinWidth(Region.USE_PREF_SIZE);
        showAll.setOnAction((event) -> viewModel.showAll());
        final HBox bar = new HBox(filter, showAll);
        bar.getStyleClass().add("tab-toolbar");
        final javafx.beans.binding.BooleanBinding filtered = viewModel.filterTextProperty().isNotEmpty();
        bar.visibleProperty().bind(filtered);
        bar.managedProperty().bind(filtered);
        return bar;
    }

    private Node viewer()
    {
        final DeadLetterInspector inspector = viewModel.inspector();
        final Label note = new Label();
        note.setId("dlqViewerStatus");
        note.getStyleClass().add("body-note");
        note.setWrapText(true);
        note.setMaxWidth(Double.MAX_VALUE);
        note.setMinHeight(Region.USE_PREF_SIZE); // a wrapped line below another gets its height
        note.textProperty().bind(inspector.statusProperty());
        final javafx.beans.binding.BooleanBinding hasNote = inspector.statusProperty().isNotEmpty();
        note.visibleProperty().bind(hasNote);
        note.managedProperty().bind(hasNote);
        final Node viewer = new MessageViewerView(inspector.viewer(), bundle, "dlq").root();
        javafx.scene.layout.VBox.setVgrow(viewer, Priority.ALWAYS);
        return new javafx.scene.layout.VBox(note, viewer);
    }

    private void buildTable()
    {
        table.setId("deadLettersTable");
        table.setItems(viewModel.messages());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setPlaceholder(new Label(bundle.getString("dlq.empty")));
        final TableColumn<DeadLetter, Object> id = column("dlq.messageId", "messageId", DeadLetter::messageId);
        // Ids of one producer share a long prefix and differ at the end: cut the front, never the end.
        id.setCellFactory((column) -> leadingEllipsisCell());
        table.getColumns().add(id);
        table.getColumns().add(column("dlq.original", "original", DeadLetter::originalDestination));
        table.getColumns().add(column("dlq.reason", "reason", DeadLetter::reason));
        table.getColumns().add(column("dlq.time", "time",
            (deadLetter) -> TIME_FORMAT.format(Instant.ofEpochMilli(deadLetter.deadLetteredAtMs()))));
        table.getColumns().add(column("dlq.deliveryCount", "deliveryCount", DeadLetter::deliveryCount));
        table.getColumns().add(column("dlq.lastConsumer", "lastConsumer", DeadLetter::lastConsumer));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener(
            (observable, oldValue, newValue) -> viewModel.selectedMessageProperty().set(newValue));
    }

    private static javafx.scene.control.TableCell<DeadLetter, Object> leadingEllipsisCell()
    {
        final javafx.scene.control.TableCell<DeadLetter, Object> cell = new javafx.scene.control.TableCell<>()
        {
            @Override
            protected void updateItem(final Object item, final boolean empty)
            {
                super.updateItem(item, empty);
                setText(empty || null == item ? null : item.toString());
            }
        };
        cell.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        return cell;
    }

    private TableColumn<DeadLetter, Object> column(
        final String key, final String id, final Function<DeadLetter, Object> value)
    {
        final TableColumn<DeadLetter, Object> column = new TableColumn<>(bundle.getString(key));
        column.setId(id);
        column.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        return column;
    }

    private Button button(final String id, final String key)
    {
        final Button button = new Button(bundle.getString(key));
        button.setId(id);
        return button;
    }

    private void onRetrySelected()
    {
        final List<DeadLetter> chosen = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (confirm(MessageFormat.format(bundle.getString("dlq.confirmSelected"), chosen.size())))
        {
            viewModel.retry(chosen);
        }
    }

    private void onBulk()
    {
        final JobFormViewModel form = viewModel.bulkForm(List.copyOf(table.getSelectionModel().getSelectedItems()));
        if (null != form)
        {
            new JobDialog(form, bundle, null == root.getScene() ? null : root.getScene().getWindow()).showAndWait();
        }
    }

    private void onExport()
    {
        final javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setInitialFileName(viewModel.selectedQueueProperty().get() + ".jsonl");
        final java.io.File file = chooser.showSaveDialog(null == root.getScene() ? null : root.getScene().getWindow());
        if (null != file)
        {
            viewModel.export(file.toPath());
        }
    }

    private void onImport()
    {
        ImportDialog.ask(root, bundle, viewModel.selectedQueueProperty().get(), viewModel.deadLetterQueues())
            .ifPresent((choice) -> viewModel.importFile(choice.file(), choice.queue()));
    }

    private void onRetryAll()
    {
        if (confirm(MessageFormat.format(
            bundle.getString("dlq.confirmAll"), viewModel.messages().size(), viewModel.selectedQueueProperty().get())))
        {
            viewModel.retryAll();
        }
    }

    private boolean confirm(final String text)
    {
        return ConfirmDialog.ask(root, "retryConfirm", bundle.getString("dlq.confirmTitle"),
            bundle.getString("dlq.confirmHeader"), text);
    }
}
