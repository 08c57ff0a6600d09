package io.aeolus.console.dashboard;

import io.aeolus.console.backend.DestinationInfo;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Function;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
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
 * Code-built view and thin controller of the Dashboard tab: figure tiles, a rate chart whose x axis is seconds
 * before the newest sample, and the top destinations by depth and by inbound rate. Animation is off: a chart
 * redrawn every second should not animate, and headless tests and screenshots need a settled picture. FX thread
 * only.
 */
public final class DashboardView
{
    private static final int TOP_TABLE_HEIGHT = 152;

    private final BorderPane root = new BorderPane();
    private final ResourceBundle bundle;
    private final XYChart.Series<Number, Number> inSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> outSeries = new XYChart.Series<>();

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
                viewModel.connectionsProperty().asString()),
            tile("dashboardDestinations", bundle.getString("dashboard.destinations"),
                viewModel.destinationCountProperty().asString()),
            tile("dashboardDepth", bundle.getString("dashboard.depth"), viewModel.totalDepthProperty().asString()),
            spacer, hideSystem);
        tiles.getStyleClass().add("tiles");

        final NumberAxis xAxis = new NumberAxis(bundle.getString("dashboard.axis.time"), -300, 0, 60);
        xAxis.setAutoRanging(false);
        final NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel(bundle.getString("dashboard.axis.rate"));
        yAxis.setForceZeroInRange(true);
        final LineChart<Number, Number> chart = new LineChart<>(xAxis, yAxis);
        chart.setId("rateChart");
        chart.setTitle(bundle.getString("dashboard.chart.title"));
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        inSeries.setName(bundle.getString("dashboard.in"));
        outSeries.setName(bundle.getString("dashboard.out"));
        chart.getData().add(inSeries);
        chart.getData().add(outSeries);

        viewModel.samples().addListener((ListChangeListener<RateSample>)(change) -> redraw(viewModel.samples()));
        redraw(viewModel.samples());

        final VBox topLists = new VBox(
            topList("topByDepth", "dashboard.top.depth", viewModel.topByDepth(), "dashboard.top.depthColumn",
                (info) -> Long.toString(info.depth())),
            topList("topByRate", "dashboard.top.rate", viewModel.topByRate(), "dashboard.top.rateColumn",
                (info) -> new DecimalFormat("#,##0.0").format(info.inRatePerSec())));
        topLists.getStyleClass().add("top-lists");

        root.setTop(tiles);
        root.setCenter(chart);
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

    private void redraw(final List<RateSample> samples)
    {
        final List<XYChart.Data<Number, Number>> in = new ArrayList<>(samples.size());
        final List<XYChart.Data<Number, Number>> out = new ArrayList<>(samples.size());
        if (!samples.isEmpty())
        {
            final long newestMs = samples.get(samples.size() - 1).timestampMs();
            for (final RateSample sample : samples)
            {
                final double secondsAgo = (sample.timestampMs() - newestMs) / 1000.0;
                in.add(new XYChart.Data<>(secondsAgo, sample.inRatePerSec()));
                out.add(new XYChart.Data<>(secondsAgo, sample.outRatePerSec()));
            }
        }
        inSeries.getData().setAll(in);
        outSeries.getData().setAll(out);
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
        return tile;
    }
}
