package io.aeolus.console.destinations;

import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.confirm.ConfirmDialog;

import java.text.MessageFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Code-built view and thin controller of the Destinations tab: builds the nodes, binds them to the
 * {@link DestinationsViewModel} and forwards events; the selected row is shown in the destination detail under the
 * table, and its context menu offers Purge…, Bulk operation…, Pause, Resume, New… and Delete… (after confirmation). No
 * logic lives here. FX thread only.
 */
public final class DestinationsView
{
    private static final int NAMES_MEASURED = 20;
    private static final double MIN_NAME_WIDTH = 120;
    private static final double MAX_NAME_WIDTH = 520;
    private static final double CELL_PADDING = 24;
    /** The font console.css gives table cells. */
    private static final Font NAME_FONT = Font.font("DejaVu Sans", 13);

    private final BorderPane root = new BorderPane();
    private Consumer<DestinationRow> onOpen = (row) -> {};

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param detail    the state of the detail under the table.
     * @param bundle    UI text.
     */
    public DestinationsView(
        final DestinationsViewModel viewModel, final DestinationDetailViewModel detail, final ResourceBundle bundle)
    {
        final TextField filter = new TextField();
        filter.setId("destinationFilter");
        filter.setPromptText(bundle.getString("destinations.filter.prompt"));
        filter.textProperty().bindBidirectional(viewModel.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);

        final Label count = new Label();
        count.setId("destinationCount");
        count.getStyleClass().add("count-label");
        count.textProperty().bind(Bindings.createStringBinding(
            () -> MessageFormat.format(bundle.getString("destinations.count"), viewModel.visibleRows().size(),
                viewModel.totalCount(), viewModel.hiddenCountProperty().get()),
            viewModel.visibleRows(), viewModel.batchesAppliedProperty(), viewModel.hiddenCountProperty()));

        final CheckBox hideSystem = new CheckBox(bundle.getString("destinations.hideSystem"));
        hideSystem.setId("hideSystem");
        hideSystem.selectedProperty().bindBidirectional(viewModel.hideSystemProperty());
        final Button refresh = new Button(bundle.getString("destinations.refresh"));
        refresh.setId("refreshDestinations");
        refresh.disableProperty().bind(viewModel.busyProperty());
        refresh.setOnAction((event) -> viewModel.reload());

        final Button create = new Button(bundle.getString("lifecycle.new"));
        create.setId("newDestination");
        create.setOnAction((event) -> CreateDestinationDialog.show(root, detail.lifecycle(), bundle));

        final HBox toolbar = new HBox(filter, hideSystem, refresh, create, count);
        toolbar.getStyleClass().add("tab-toolbar");

        final TableView<DestinationRow> table = table(viewModel, bundle);
        table.setRowFactory((view) ->
        {
            final TableRow<DestinationRow> row = new TableRow<>();
            // Double-click opens a queue in the message browser.
            row.setOnMouseClicked((event) ->
            {
                if (event.getButton() == MouseButton.PRIMARY && 2 == event.getClickCount() && !row.isEmpty())
                {
                    onOpen.accept(row.getItem());
                }
            });
            return row;
        });
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        final TableColumn<DestinationRow, ?> nameColumn = table.getColumns().get(0);
        // Names decide the width of their column, so "DLQ.payments.inbound" is never cut to "DLQ.payments.inb…".
        viewModel.visibleRows().addListener((ListChangeListener<DestinationRow>)(change) ->
            fitNames(nameColumn, viewModel.visibleRows()));
        table.setSortPolicy((tableView) ->
        {
            viewModel.sortWith(tableView.getComparator());
            return true;
        });

        final DestinationDetailView detailView = new DestinationDetailView(detail, viewModel.batchesAppliedProperty(),
            bundle);
        table.getSelectionModel().selectedItemProperty().addListener(
            (observable, oldRow, newRow) -> detail.select(newRow));
        table.setContextMenu(contextMenu(detail, detailView, root, bundle));
        final SplitPane split = new SplitPane(table, detailView.root());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);

        root.setTop(toolbar);
        root.setCenter(split);
        root.getStyleClass().add("destinations-view");
    }

    /**
     * Sets what a double-click on a row does (the main window opens the queue in the message browser).
     *
     * @param onOpen called on the FX thread with the row.
     */
    public void setOnOpen(final Consumer<DestinationRow> onOpen)
    {
        this.onOpen = onOpen;
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

    private static ContextMenu contextMenu(final DestinationDetailViewModel detail,
        final DestinationDetailView detailView, final Node owner, final ResourceBundle bundle)
    {
        final DestinationLifecycle lifecycle = detail.lifecycle();
        final MenuItem purge = new MenuItem(bundle.getString("purge.button"));
        purge.setId("purgeMenuItem");
        purge.setOnAction((event) -> detailView.onPurge());
        final MenuItem bulk = new MenuItem(bundle.getString("dlq.bulk"));
        bulk.setId("bulkMenuItem");
        bulk.setOnAction((event) -> detailView.onBulk());
        final MenuItem create = new MenuItem(bundle.getString("lifecycle.new"));
        create.setId("createMenuItem");
        create.setOnAction((event) -> CreateDestinationDialog.show(owner, lifecycle, bundle));
        final MenuItem delete = new MenuItem(bundle.getString("lifecycle.delete"));
        delete.setId("deleteMenuItem");
        delete.setOnAction((event) -> confirmDelete(owner, detail.selectedProperty().get(), lifecycle, bundle));
        final MenuItem pause = new MenuItem(bundle.getString("lifecycle.pause"));
        pause.setId("pauseMenuItem");
        pause.setOnAction((event) -> lifecycle.pause(detail.selectedProperty().get(), true));
        final MenuItem resume = new MenuItem(bundle.getString("lifecycle.resume"));
        resume.setId("resumeMenuItem");
        resume.setOnAction((event) -> lifecycle.pause(detail.selectedProperty().get(), false));
        final MenuItem settings = new MenuItem(bundle.getString("settings.edit"));
        settings.setId("editSettingsMenuItem");
        settings.setOnAction((event) ->
        {
            final DestinationRow row = detail.selectedProperty().get();
            if (lifecycle.canEditSettings(row))
            {
                lifecycle.loadSettings(row, (rows) -> EditSettingsDialog.show(owner, row, rows, lifecycle, bundle));
            }
        });
        final ContextMenu menu = new ContextMenu(purge, bulk, new SeparatorMenuItem(), pause, resume,
            new SeparatorMenuItem(), create, settings, delete);
        menu.setOnShowing((event) ->
        {
            final DestinationRow row = detail.selectedProperty().get();
            purge.setDisable(!detail.canPurge());
            bulk.setDisable(null == detail.bulkForm());
            delete.setDisable(!lifecycle.canDelete(row));
            settings.setDisable(!lifecycle.canEditSettings(row));
            pause.setDisable(!lifecycle.canPause(row) || row.pausedProperty().get());
            resume.setDisable(!lifecycle.canPause(row) || !row.pausedProperty().get());
        });
        return menu;
    }

    private static void confirmDelete(final Node owner, final DestinationRow row, final DestinationLifecycle lifecycle,
        final ResourceBundle bundle)
    {
        if (!lifecycle.canDelete(row))
        {
            return;
        }
        final String text = row.type() == DestinationType.TOPIC ?
            MessageFormat.format(bundle.getString("lifecycle.confirmTopic"), row.name()) :
            MessageFormat.format(bundle.getString("lifecycle.confirmQueue"), row.name(), row.depthProperty().get());
        if (ConfirmDialog.ask(owner, "deleteConfirm", bundle.getString("lifecycle.confirmTitle"),
            MessageFormat.format(bundle.getString("lifecycle.confirmHeader"), row.name()), text))
        {
            lifecycle.delete(row);
        }
    }

    private static void fitNames(final TableColumn<DestinationRow, ?> column, final List<DestinationRow> rows)
    {
        // Measure only the longest names by length: with 10,000 rows measuring every one would cost a batch's time.
        // They are picked in one pass rather than by sorting every name on every change.
        final java.util.PriorityQueue<String> longestFirst =
            new java.util.PriorityQueue<>(NAMES_MEASURED + 1, Comparator.comparingInt(String::length));
        for (final DestinationRow row : rows)
        {
            longestFirst.add(row.name());
            if (longestFirst.size() > NAMES_MEASURED)
            {
                longestFirst.poll();
            }
        }
        final List<String> longest = List.copyOf(longestFirst);
        final Text text = new Text();
        text.setFont(NAME_FONT);
        double width = 0;
        for (final String name : longest)
        {
            text.setText(name);
            width = Math.max(width, text.getLayoutBounds().getWidth());
        }
        final double wanted = Math.min(MAX_NAME_WIDTH, Math.max(MIN_NAME_WIDTH, Math.ceil(width) + CELL_PADDING));
        if (wanted != column.getMinWidth())
        {
            column.setMinWidth(wanted);
            column.setPrefWidth(wanted);
        }
    }

    static String typeText(final DestinationRow row, final ResourceBundle bundle)
    {
        final String type = bundle.getString("destinations.type." + row.type().name().toLowerCase(Locale.ROOT));
        if (row.deadLetterQueue())
        {
            return type + " (" + bundle.getString("destinations.dlq") + ")";
        }
        if (row.temporary())
        {
            return type + " (" + bundle.getString("destinations.temporary") + ")";
        }
        if (row.system())
        {
            return type + " (" + bundle.getString("destinations.system") + ")";
        }
        return row.pausedProperty().get() ? type + " (" + bundle.getString("destinations.paused") + ")" : type;
    }

    private static TableView<DestinationRow> table(final DestinationsViewModel viewModel, final ResourceBundle bundle)
    {
        final TableView<DestinationRow> table = new TableView<>(viewModel.visibleRows());
        table.setId("destinationsTable");
        table.getColumns().add(column(bundle.getString("destinations.name"), "name",
            (row) -> new ReadOnlyObjectWrapper<>(row.name())));
        table.getColumns().add(column(bundle.getString("destinations.type"), "type",
            (row) -> Bindings.createStringBinding(() -> typeText(row, bundle), row.pausedProperty())));
        table.getColumns().add(column(bundle.getString("destinations.depth"), "depth", DestinationRow::depthProperty));
        table.getColumns().add(column(bundle.getString("destinations.inFlight"), "inFlight",
            DestinationRow::inFlightProperty));
        table.getColumns().add(column(bundle.getString("destinations.consumers"), "consumers",
            DestinationRow::consumersProperty));
        table.getColumns().add(column(bundle.getString("destinations.enqueued"), "enqueued",
            DestinationRow::enqueuedProperty));
        table.getColumns().add(column(bundle.getString("destinations.inRate"), "inRate",
            DestinationRow::inRateProperty));
        table.getColumns().add(column(bundle.getString("destinations.outRate"), "outRate",
            DestinationRow::outRateProperty));
        table.getColumns().add(column(bundle.getString("destinations.dlqDepth"), "dlqDepth",
            DestinationRow::dlqDepthProperty));
        table.getColumns().add(column(bundle.getString("destinations.oldestAge"), "oldestAge",
            DestinationRow::oldestAgeSecondsProperty));
        table.getColumns().add(column(bundle.getString("destinations.deadLettered"), "deadLettered",
            DestinationRow::deadLetteredProperty));
        return table;
    }

    @SuppressWarnings("unchecked")
    private static <T> TableColumn<DestinationRow, T> column(
        final String title, final String id, final Function<DestinationRow, ? extends ObservableValue<?>> value)
    {
        final TableColumn<DestinationRow, T> column = new TableColumn<>(title);
        column.setId(id);
        column.setCellValueFactory((features) -> (ObservableValue<T>)value.apply(features.getValue()));
        if (!"name".equals(id) && !"type".equals(id))
        {
            column.getStyleClass().add("numeric");
        }
        return column;
    }
}
