package io.aeolus.console.history;

import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.QueuedTaskRunner;
import jakarta.jms.InvalidDestinationException;

import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final List<HistoryPoint> HOUR = List.of(
        new HistoryPoint(1_000_000L, 10, 5.0, 4.0), new HistoryPoint(1_010_000L, 12, 6.0, 5.0));
    private static final List<HistoryPoint> MINUTE = List.of(
        new HistoryPoint(1_009_000L, 11, 5.5, 4.5), new HistoryPoint(1_010_000L, 12, 6.0, 5.0));

    private final FakeBackend backend = new FakeBackend()
        .putHistory("orders", HistoryRange.ONE_HOUR, HOUR)
        .putHistory("orders", HistoryRange.ONE_MINUTE, MINUTE);
    private final QueuedTaskRunner runner = new QueuedTaskRunner();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final HistoryViewModel viewModel =
        new HistoryViewModel(backend, runner, notifier, BUNDLE, HistoryRange.ONE_MINUTE);

    @Test
    void shouldLoadTheChosenRangeOfTheShownDestination()
    {
        viewModel.show("orders", false);
        runner.runAll();

        viewModel.rangeProperty().set(HistoryRange.ONE_HOUR);
        runner.runAll();

        assertEquals(HOUR, viewModel.points());
        assertEquals("", viewModel.statusProperty().get());
    }

    @Test
    void shouldDropALoadThatEndsAfterAnotherRangeWasChosen()
    {
        viewModel.show("orders", false);
        viewModel.rangeProperty().set(HistoryRange.ONE_HOUR);

        runner.runLast();
        runner.runAll();

        assertEquals(HOUR, viewModel.points());
    }

    @Test
    void shouldCarryAShortRangeOnWithLivePointsAndDropThoseOutOfRange()
    {
        viewModel.show("orders", false);
        runner.runAll();

        viewModel.onLive(new HistoryPoint(1_010_000L, 99, 0, 0));
        viewModel.onLive(new HistoryPoint(1_069_500L, 13, 7.0, 6.0));

        assertEquals(List.of(MINUTE.get(1), new HistoryPoint(1_069_500L, 13, 7.0, 6.0)), viewModel.points());
    }

    @Test
    void shouldAddLivePointsThatArriveWhileLoadingAfterTheLoad()
    {
        viewModel.show("orders", false);

        viewModel.onLive(new HistoryPoint(1_011_000L, 14, 1, 1));
        runner.runAll();

        assertEquals(3, viewModel.points().size());
        assertEquals(1_011_000L, viewModel.points().get(2).timeMs());
    }

    @Test
    void shouldNotCarryALongRangeOnWithLivePoints()
    {
        viewModel.rangeProperty().set(HistoryRange.ONE_HOUR);
        viewModel.show("orders", false);
        runner.runAll();

        viewModel.onLive(new HistoryPoint(1_020_000L, 14, 1, 1));

        assertEquals(HOUR, viewModel.points());
    }

    @Test
    void shouldTellWhyThereIsNoHistory()
    {
        backend.failOn("history", new InvalidDestinationException("no destination 'gone' with history"));

        viewModel.show("gone", false);
        runner.runAll();

        assertTrue(viewModel.points().isEmpty());
        assertEquals("No history: no destination 'gone' with history", viewModel.statusProperty().get());
        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Loading the history of gone failed", notifier.history().get(0).title());
    }

    @Test
    void shouldSayWithoutAnErrorThatABrokerGroupKeepsNoHistory()
    {
        backend.failOn("history", new jakarta.jms.IllegalStateException("history: the metrics history is kept per " +
            "process and is not replicated in a broker group (a member restored from a snapshot would answer " +
            "differently)", "ILLEGAL_STATE"));

        viewModel.show("orders", false);
        runner.runAll();

        assertTrue(viewModel.points().isEmpty());
        assertTrue(viewModel.statusProperty().get().startsWith("No history: history: the metrics history is kept " +
            "per process"), viewModel.statusProperty().get());
        assertTrue(notifier.history().isEmpty(), notifier.history().toString());
    }

    @Test
    void shouldShowNothingAfterClear()
    {
        viewModel.show("orders", false);
        viewModel.clear();
        runner.runAll();

        assertTrue(viewModel.points().isEmpty());
        viewModel.onLive(new HistoryPoint(1_011_000L, 14, 1, 1));
        assertTrue(viewModel.points().isEmpty());
    }
}
