package io.aeolus.console.history;

import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.ToDoubleFunction;

import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

/**
 * Code-built view of a {@link HistoryViewModel}: a range selector (1m / 10m / 1h / 24h), a chart of the in and out
 * rates and a chart of the depth over time, with clock times on the x axis. The series follow the points list change
 * by change, so a live tick adds one point and drops the oldest rather than redrawing the chart. Animation is off. FX
 * thread only.
 */
public final class HistoryChart
{
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss")
        .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm")
        .withZone(ZoneId.systemDefault());
    private static final long SECONDS_LABELS_UP_TO_MS = 600_000L;

    private final VBox root = new VBox();
    private final HistoryViewModel viewModel;
    private final NumberAxis rateTime = timeAxis();
    private final NumberAxis depthTime = timeAxis();
    private final XYChart.Series<Number, Number> in = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> out = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> depth = new XYChart.Series<>();

    /**
     * Builds the view.
     *
     * @param viewModel the chart's state.
     * @param bundle    UI text.
     * @param idPrefix  prefix of the node ids, e.g. {@code dashboard} for {@code #dashboardRange1h} and
     *                  {@code #dashboardRateChart}.
     * @param title     the title shown beside the range selector.
     */
    public HistoryChart(
        final HistoryViewModel viewModel, final ResourceBundle bundle, final String idPrefix, final String title)
    {
        this.viewModel = viewModel;
        final Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add("section-title");
        final Label status = new Label();
        status.setId(idPrefix + "HistoryStatus");
        status.getStyleClass().add("count-label");
        status.textProperty().bind(viewModel.statusProperty());
        final Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        final HBox header = new HBox(titleLabel, status, spacer, rangeSelector(idPrefix));
        header.getStyleClass().add("history-header");

        in.setName(bundle.getString("dashboard.in"));
        out.setName(bundle.getString("dashboard.out"));
        depth.setName(bundle.getString("history.depth"));
        final LineChart<Number, Number> rates = chart(idPrefix + "RateChart", rateTime,
            bundle.getString("dashboard.axis.rate"));
        rates.getData().add(in);
        rates.getData().add(out);
        final LineChart<Number, Number> depths = chart(idPrefix + "DepthChart", depthTime,
            bundle.getString("history.axis.depth"));
        depths.getData().add(depth);
        depths.getStyleClass().add("depth-chart");
        VBox.setVgrow(rates, Priority.ALWAYS);
        VBox.setVgrow(depths, Priority.ALWAYS);

        viewModel.points().addListener((ListChangeListener<HistoryPoint>)this::onChanged);
        viewModel.rangeProperty().addListener((observable, oldValue, newValue) -> updateAxes());
        redraw();
        root.getChildren().addAll(header, rates, depths);
        root.getStyleClass().add("history-chart");
    }

    /**
     * The root node.
     *
     * @return the root.
     */
    public Node root()
    {
        return root;
    }

    private Node rangeSelector(final String idPrefix)
    {
        final Map<HistoryRange, ToggleButton> toggles = new EnumMap<>(HistoryRange.class);
        for (final HistoryRange range : HistoryRange.values())
        {
            final ToggleButton toggle = new ToggleButton(range.protocolName());
            toggle.setId(idPrefix + "Range" + range.protocolName());
            toggle.setUserData(range);
            toggles.put(range, toggle);
        }
        final SegmentedButton selector = new SegmentedButton(toggles.values().toArray(new ToggleButton[0]));
        selector.setId(idPrefix + "Range");
        // The skin puts the buttons in the group later; a button selected now stays selected when it joins it.
        toggles.get(viewModel.rangeProperty().get()).setSelected(true);
        selector.getToggleGroup().selectedToggleProperty().addListener((observable, oldToggle, newToggle) ->
        {
            if (null == newToggle)
            {
                selector.getToggleGroup().selectToggle(oldToggle); // a range is always chosen
                return;
            }
            viewModel.rangeProperty().set((HistoryRange)newToggle.getUserData());
        });
        viewModel.rangeProperty().addListener(
            (observable, oldValue, newValue) -> toggles.get(newValue).setSelected(true));
        return selector;
    }

    private void onChanged(final ListChangeListener.Change<? extends HistoryPoint> change)
    {
        while (change.next())
        {
            if (change.wasPermutated() || change.wasUpdated())
            {
                redraw();
                return;
            }
            if (change.wasRemoved())
            {
                final int to = change.getFrom() + change.getRemovedSize();
                in.getData().remove(change.getFrom(), to);
                out.getData().remove(change.getFrom(), to);
                depth.getData().remove(change.getFrom(), to);
            }
            if (change.wasAdded())
            {
                final List<? extends HistoryPoint> added = change.getAddedSubList();
                in.getData().addAll(change.getFrom(), data(added, HistoryPoint::inRatePerSec));
                out.getData().addAll(change.getFrom(), data(added, HistoryPoint::outRatePerSec));
                depth.getData().addAll(change.getFrom(), data(added, (point) -> point.depth()));
            }
        }
        updateAxes();
    }

    private void redraw()
    {
        in.getData().setAll(data(viewModel.points(), HistoryPoint::inRatePerSec));
        out.getData().setAll(data(viewModel.points(), HistoryPoint::outRatePerSec));
        depth.getData().setAll(data(viewModel.points(), (point) -> point.depth()));
        updateAxes();
    }

    private static List<XYChart.Data<Number, Number>> data(
        final List<? extends HistoryPoint> points, final ToDoubleFunction<HistoryPoint> value)
    {
        final List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
        for (final HistoryPoint point : points)
        {
            data.add(new XYChart.Data<>(point.timeMs(), value.applyAsDouble(point)));
        }
        return data;
    }

    private void updateAxes()
    {
        final HistoryRange range = viewModel.rangeProperty().get();
        final List<HistoryPoint> points = viewModel.points();
        final long newestMs = points.isEmpty() ? System.currentTimeMillis() : points.get(points.size() - 1).timeMs();
        final long tickMs = tickUnitMs(range);
        // Ticks start at the lower bound: a round lower bound gives round clock times on the axis.
        final long lowerMs = Math.floorDiv(newestMs - range.lengthMs(), tickMs) * tickMs;
        for (final NumberAxis axis : List.of(rateTime, depthTime))
        {
            axis.setLowerBound(lowerMs);
            axis.setUpperBound(newestMs);
            if (axis.getTickUnit() != tickMs)
            {
                axis.setTickUnit(tickMs);
                axis.setTickLabelFormatter(new TimeLabels(range.lengthMs() <= SECONDS_LABELS_UP_TO_MS));
            }
        }
    }

    private static long tickUnitMs(final HistoryRange range)
    {
        return switch (range)
        {
            case ONE_MINUTE -> 10_000L;
            case TEN_MINUTES -> 120_000L;
            case ONE_HOUR -> 600_000L;
            default -> 4 * 3_600_000L;
        };
    }

    private static NumberAxis timeAxis()
    {
        final NumberAxis axis = new NumberAxis();
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        axis.setForceZeroInRange(false);
        return axis;
    }

    private static LineChart<Number, Number> chart(final String id, final NumberAxis time, final String yLabel)
    {
        final NumberAxis values = new NumberAxis();
        values.setLabel(yLabel);
        values.setForceZeroInRange(true);
        final LineChart<Number, Number> chart = new LineChart<>(time, values);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.getStyleClass().add("history-line-chart");
        return chart;
    }

    /**
     * Clock times for the x axis: with seconds for the ranges of up to ten minutes, hours and minutes otherwise.
     */
    private static final class TimeLabels extends StringConverter<Number>
    {
        private final boolean seconds;

        private TimeLabels(final boolean seconds)
        {
            this.seconds = seconds;
        }

        @Override
        public String toString(final Number value)
        {
            final Instant instant = Instant.ofEpochMilli(value.longValue());
            return (seconds ? SECONDS : MINUTES).format(instant);
        }

        @Override
        public Number fromString(final String text)
        {
            throw new UnsupportedOperationException("time labels are not parsed");
        }
    }
}
