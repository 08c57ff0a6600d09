package io.aeolus.console.dashboard;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.history.HistoryChart;

import java.text.DecimalFormat;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Code-built view and thin controller of the Dashboard tab: figure tiles, the broker's history chart with its range
 * selector (rates and depth; animation off, as a chart that moves every second should not animate and screenshots
 * need a settled picture), and the top destinations by depth and by inbound rate. FX thread only.
 */
public final class DashboardView
{
    private static final String DASH = "\u2013";
    private static final DecimalFormat ONE_DECIMAL =
        new DecimalFormat("#,##0.0", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));

    private static final int TOP_TABLE_HEIGHT = 152;

    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;

    /**
     * Builds the view.
     *
     * @param viewModel the tab's state.
     * @param bundle    UI text.
     */
    public DashboardView(final DashboardViewModel viewModel, final ResourceBundle bundle)
    {
        this.bundle = bundle;
        final CheckBox hideSystem = new CheckBox(bundle.getString("destinations.hideSystem"));
        hideSystem.setId("dashboardHideSystem");
        hideSystem.selectedProperty().bindBidirectional(viewModel.hideSystemProperty());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox tiles = new HBox(
            tile("dashboardConnections", bundle.getString("dashboard.connections"),
                orDash(viewModel, viewModel.connectionsProperty())),
            tile("dashboardDestinations", bundle.getString("dashboard.destinations"),
                orDash(viewModel, viewModel.destinationCountProperty())),
            tile("dashboardDepth", bundle.getString("dashboard.depth"),
                orDash(viewModel, viewModel.totalDepthProperty())),
            tile("dashboardJournalFile", bundle.getString("dashboard.journal.file"), Bindings.createStringBinding(
                () -> journalFile(viewModel.journalProperty().get()), viewModel.journalProperty())),
            tile("dashboardJournalBatches", bundle.getString("dashboard.journal.batches"), Bindings.createStringBinding(
                () -> journalBatches(viewModel.journalProperty().get()), viewModel.journalProperty())),
            tile("dashboardJournalCommit", bundle.getString("dashboard.journal.commit"), Bindings.createStringBinding(
                () -> journalCommit(viewModel.journalProperty().get()), viewModel.journalProperty())),
            spacer, hideSystem);
        tiles.getStyleClass().add("tiles");

        final HistoryChart chart = new HistoryChart(viewModel.history(), bundle, "dashboard",
            bundle.getString("dashboard.chart.title"));

        final VBox topLists = new VBox(
            topList("topByDepth", "dashboard.top.depth", viewModel.topByDepth(), "dashboard.top.depthColumn",
                (info) -> Long.toString(info.depth())),
            topList("topByRate", "dashboard.top.rate", viewModel.topByRate(), "dashboard.top.rateColumn",
                (info) -> new DecimalFormat("#,##0.0").format(info.inRatePerSec())));
        topLists.getStyleClass().add("top-lists");

        root.setTop(tiles);
        root.setCenter(chart.root());
        root.setRight(topLists);
        root.getStyleClass().add("dashboard-view");
    }

    private Node topList(
        final String id,
        final String titleKey,
        final ObservableList<DestinationInfo> items,
        final String valueKey,
        final Function<DestinationInfo, String> value)
    {
        final TableView<DestinationInfo> table = new TableView<>(items);
        table.setId(id);
        table.setPlaceholder(new Label(bundle.getString("dashboard.top.empty")));
        table.setPrefHeight(TOP_TABLE_HEIGHT);
        table.setMinHeight(TOP_TABLE_HEIGHT);
        final TableColumn<DestinationInfo, String> name = new TableColumn<>(bundle.getString("destinations.name"));
        name.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(features.getValue().name()));
        name.setSortable(false);
        name.setPrefWidth(190);
        final TableColumn<DestinationInfo, String> figure = new TableColumn<>(bundle.getString(valueKey));
        figure.setCellValueFactory((features) -> new ReadOnlyObjectWrapper<>(value.apply(features.getValue())));
        figure.setSortable(false);
        figure.getStyleClass().add("numeric");
        table.getColumns().add(name);
        table.getColumns().add(figure);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        final Label title = new Label(bundle.getString(titleKey));
        title.getStyleClass().add("section-title");
        final VBox box = new VBox(title, table);
        box.getStyleClass().add("top-list");
        return box;
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

    /**
     * @return the journal file's size in MiB, or a dash if unknown.
     */
    static String journalFile(final MetricsSnapshot.JournalFigures figures)
    {
        return figures.fileBytes() < 0 ? DASH : ONE_DECIMAL.format(figures.fileBytes() / 1_048_576.0) + " MiB";
    }

    /**
     * @return batches written in the last second and commands per batch, or a dash without a journal.
     */
    static String journalBatches(final MetricsSnapshot.JournalFigures figures)
    {
        return figures.fileBytes() < 0 && 0 == figures.batches() ? DASH :
            figures.batches() + " \u00D7 " + ONE_DECIMAL.format(figures.averageBatch());
    }

    /**
     * @return the average and longest commit of the last second in microseconds, or a dash without a journal.
     */
    static String journalCommit(final MetricsSnapshot.JournalFigures figures)
    {
        return figures.fileBytes() < 0 && 0 == figures.batches() ? DASH :
            Math.round(figures.commitAverageUs()) + " / " + figures.commitMaxUs();
    }

    private static ObservableValue<String> orDash(final DashboardViewModel viewModel, final ObservableValue<?> value)
    {
        return Bindings.createStringBinding(() -> viewModel.liveProperty().get() ? String.valueOf(value.getValue()) :
            DASH, viewModel.liveProperty(), value);
    }

    private static Node tile(final String id, final String title, final ObservableValue<String> value)
    {
        final Label valueLabel = new Label();
        valueLabel.setId(id);
        valueLabel.getStyleClass().add("tile-value");
        valueLabel.textProperty().bind(value);
        final Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("tile-title");
        final VBox tile = new VBox(valueLabel, titleLabel);
        tile.getStyleClass().add("tile");
        // The spacer beside the tiles gives way first; a tile never cuts its figure.
        tile.setMinWidth(Region.USE_PREF_SIZE);
        return tile;
    }
}
