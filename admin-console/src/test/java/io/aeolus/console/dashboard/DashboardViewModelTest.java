package io.aeolus.console.dashboard;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.history.HistoryViewModel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashboardViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final SimpleBooleanProperty hideSystem = new SimpleBooleanProperty(true);
    private final FakeBackend backend = new FakeBackend();
    private final HistoryViewModel history = new HistoryViewModel(
        backend, new ImmediateTaskRunner(), new Notifier(BUNDLE), BUNDLE, HistoryRange.TEN_MINUTES);
    private final DashboardViewModel viewModel = new DashboardViewModel(hideSystem, history);

    @Test
    void shouldCarryTheBrokerHistoryOnWithEachSnapshotKeepingTenMinutes()
    {
        backend.putHistory("", HistoryRange.TEN_MINUTES, List.of(new HistoryPoint(0, 3, 1, 1)));
        viewModel.loadHistory();

        for (int second = 1; second < 700; second++)
        {
            viewModel.onMetrics(new MetricsSnapshot(second * 1_000L, second, 0, 0, List.of(
                new DestinationInfo("a", DestinationType.QUEUE, 5, 0, 0, 0, 0, false),
                new DestinationInfo(SystemDestinations.MANAGEMENT_QUEUE, DestinationType.QUEUE, 2, 0, 0, 0, 0,
                    false))));
        }

        assertEquals(601, history.points().size());
        assertEquals(99_000L, history.points().get(0).timeMs());
        // The live line counts what the tile counts: the management queue's 2 are left out (issue #20), and so is
        // the broker-wide in rate, which counts system destinations too: the line's rates are the application's.
        assertEquals(new HistoryPoint(699_000L, 5, 0, 0), history.points().get(600));
    }

    @Test
    void shouldShowAPurgeToTheTrashAsADropInTheTileAndTheChartAlike()
    {
        backend.putHistory("", HistoryRange.TEN_MINUTES, List.of(new HistoryPoint(0, 40, 0, 0)));
        viewModel.loadHistory();
        hideSystem.set(false);
        viewModel.onMetrics(new MetricsSnapshot(1_000L, 4, 0, 1, List.of(
            destination("orders", 40, 4, false),
            destination(SystemDestinations.TRASH_QUEUE, 100, 0, false))));

        viewModel.onMetrics(new MetricsSnapshot(2_000L, 40, 0, 1, List.of(
            destination("orders", 0, 0, false),
            destination(SystemDestinations.TRASH_QUEUE, 140, 40, false))));

        final List<HistoryPoint> points = history.points();
        assertEquals(new HistoryPoint(1_000L, 40, 4, 0), points.get(points.size() - 2));
        assertEquals(new HistoryPoint(2_000L, 0, 0, 0), points.get(points.size() - 1), "a drop, no inflow");
        assertEquals(0, viewModel.totalDepthProperty().get(), "the tile is the chart's figure");
        assertEquals(2, viewModel.destinationCountProperty().get(), "the trash is listed while not hidden");
    }

    @Test
    void shouldShowTheJournalFiguresOfTheLastSnapshot()
    {
        assertEquals("\u2013", DashboardView.journalBatches(viewModel.journalProperty().get()), "nothing known yet");
        final MetricsSnapshot.JournalFigures figures = new MetricsSnapshot.JournalFigures(3 * 1_048_576L, 12, 8.5,
            410.3, 2_100);

        viewModel.onMetrics(new MetricsSnapshot(1_000L, 0, 0, 1, List.of(), figures));

        assertEquals(figures, viewModel.journalProperty().get());
        assertEquals("3.0 MiB", DashboardView.journalFile(figures));
        assertEquals("12 \u00D7 8.5", DashboardView.journalBatches(figures));
        assertEquals("410 / 2100", DashboardView.journalCommit(figures));
    }

    @Test
    void shouldNotCarryTheDayChartOnWithLivePoints()
    {
        backend.putHistory("", HistoryRange.ONE_DAY, List.of(new HistoryPoint(0, 3, 1, 1),
            new HistoryPoint(60_000L, 4, 2, 2)));
        viewModel.loadHistory();
        history.rangeProperty().set(HistoryRange.ONE_DAY);

        viewModel.onMetrics(new MetricsSnapshot(61_000L, 9, 9, 0, List.of()));

        assertEquals(2, history.points().size());
        assertEquals(60_000L, history.points().get(1).timeMs());
    }

    @Test
    void shouldSumDepthAndCountDestinationsAndConnections()
    {
        viewModel.onMetrics(new MetricsSnapshot(0, 0, 0, 3, List.of(
            new DestinationInfo("a", DestinationType.QUEUE, 5, 0, 0, 0, 0, false),
            new DestinationInfo("b", DestinationType.TOPIC, 7, 0, 0, 0, 0, false))));

        assertEquals(12, viewModel.totalDepthProperty().get());
        assertEquals(2, viewModel.destinationCountProperty().get());
        assertEquals(3, viewModel.connectionsProperty().get());
    }

    @Test
    void shouldListTheDeepestAndBusiestDestinationsWithoutSystemOnes()
    {
        viewModel.onMetrics(new MetricsSnapshot(0, 0, 0, 1, List.of(
            destination("orders", 40, 12.5, false),
            destination("payments", 70, 3, false),
            destination("empty", 0, 0, false),
            destination(SystemDestinations.MANAGEMENT_QUEUE, 900, 50, false),
            destination("TQ.7.1", 500, 80, true))));

        assertEquals(List.of("payments", "orders"), names(viewModel.topByDepth()));
        assertEquals(List.of("orders", "payments"), names(viewModel.topByRate()));
        assertEquals(3, viewModel.destinationCountProperty().get());
        assertEquals(110, viewModel.totalDepthProperty().get());
    }

    @Test
    void shouldShowSystemDestinationsInTheTopListsWhenNotHidden()
    {
        viewModel.onMetrics(new MetricsSnapshot(0, 0, 0, 1, List.of(
            destination("orders", 40, 12.5, false),
            destination(SystemDestinations.MANAGEMENT_QUEUE, 900, 50, false),
            destination("TQ.7.1", 500, 80, true))));

        hideSystem.set(false);

        assertEquals(List.of(SystemDestinations.MANAGEMENT_QUEUE, "TQ.7.1", "orders"), names(viewModel.topByDepth()));
        assertEquals(List.of("TQ.7.1", SystemDestinations.MANAGEMENT_QUEUE, "orders"), names(viewModel.topByRate()));
    }

    @Test
    void shouldKeepAtMostFiveInEachTopList()
    {
        final List<DestinationInfo> many = new ArrayList<>();
        for (int i = 1; i <= 9; i++)
        {
            many.add(destination("q" + i, i, i, false));
        }

        viewModel.onMetrics(new MetricsSnapshot(0, 0, 0, 1, many));

        assertEquals(List.of("q9", "q8", "q7", "q6", "q5"), names(viewModel.topByDepth()));
    }

    private static DestinationInfo destination(
        final String name, final long depth, final double rate, final boolean temporary)
    {
        return new DestinationInfo(name, DestinationType.QUEUE, depth, 0, 0, 0, 0, false, temporary, rate);
    }

    private static List<String> names(final List<DestinationInfo> destinations)
    {
        return destinations.stream().map(DestinationInfo::name).toList();
    }
}
