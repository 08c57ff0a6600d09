package io.aeolus.console.destinations;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.jobs.JobFormViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.Notice;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import io.aeolus.console.trash.TrashViewModel;

import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationDetailViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final DestinationInfo ORDERS =
        new DestinationInfo("orders", DestinationType.QUEUE, 4, 0, 1, 4, 0, false);

    private final FakeBackend backend = new FakeBackend()
        .putDestination(ORDERS)
        .putHistory("orders", HistoryRange.TEN_MINUTES, List.of(new HistoryPoint(1_000L, 4, 2.0, 1.0)));
    private final ImmediateTaskRunner runner = new ImmediateTaskRunner();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final TrashViewModel trash = new TrashViewModel(backend, runner, notifier, BUNDLE, () -> {});
    private int changes;
    private final DestinationDetailViewModel viewModel = new DestinationDetailViewModel(backend, runner, notifier,
        BUNDLE, new JobsViewModel(backend, runner, notifier, BUNDLE), trash, () -> changes++);

    @BeforeEach
    void fillQueue()
    {
        for (int i = 0; i < 4; i++)
        {
            backend.addMessage("orders", new BrowsedMessage("ID:" + i, 0, Map.of(), Map.of(), "m" + i, 2));
        }
    }

    @Test
    void shouldPurgeTheShownQueueIntoTheTrashAndOfferUndo() throws Exception
    {
        viewModel.select(new DestinationRow(ORDERS));

        viewModel.purge();

        assertTrue(backend.browse("orders", "", 0, 10).isEmpty());
        final Notice notice = notifier.history().get(0);
        assertEquals("Purged orders", notice.title());
        assertEquals("4 message(s) moved to the trash.", notice.text());
        assertEquals("Undo", notice.action().label());
        assertEquals(1, changes);
        assertEquals(1, trash.batches().size());
    }

    @Test
    void shouldPutThePurgedMessagesBackWhenUndoIsChosenOnce() throws Exception
    {
        viewModel.select(new DestinationRow(ORDERS));
        viewModel.purge();

        notifier.history().get(0).action().run();
        notifier.history().get(0).action().run();

        assertEquals(List.of("ID:0", "ID:1", "ID:2", "ID:3"),
            backend.browse("orders", "", 0, 10).stream().map(BrowsedMessage::messageId).toList());
        assertEquals("4 message(s) restored to orders", notifier.history().get(1).text());
        assertEquals(2, notifier.history().size(), "undo runs once");
        assertTrue(trash.batches().isEmpty());
    }

    @Test
    void shouldOfferNoUndoWhenNothingWasPurged()
    {
        final DestinationInfo empty = new DestinationInfo("empty", DestinationType.QUEUE, 0, 0, 0, 0, 0, false);
        backend.putDestination(empty);
        viewModel.select(new DestinationRow(empty));

        viewModel.purge();

        assertNull(notifier.history().get(0).action());
        assertEquals("0 message(s) removed.", notifier.history().get(0).text());
    }

    @Test
    void shouldNotPurgeTopicsOrSystemDestinations()
    {
        viewModel.select(new DestinationRow(
            new DestinationInfo("prices", DestinationType.TOPIC, 3, 0, 1, 3, 0, false)));
        assertFalse(viewModel.canPurge());
        assertNull(viewModel.bulkForm());
        final int notices = notifier.history().size();

        viewModel.select(new DestinationRow(
            new DestinationInfo(SystemDestinations.TRASH_QUEUE, DestinationType.QUEUE, 3, 0, 0, 3, 0, false)));
        assertFalse(viewModel.canPurge());
        assertTrue(viewModel.history().points().isEmpty());
        assertEquals("The broker keeps no history of temporary destinations nor of its own",
            viewModel.history().statusProperty().get());
        assertEquals(notices, notifier.history().size(), "no history asked for, so no failure");
    }

    @Test
    void shouldTellOfAFailedPurge()
    {
        backend.failOn("purge", new IllegalStateException("queue 'orders' is being deleted"));
        viewModel.select(new DestinationRow(ORDERS));

        viewModel.purge();

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Purging orders failed", notifier.history().get(0).title());
        assertEquals(0, changes);
    }

    @Test
    void shouldLoadTheShownDestinationsHistoryAndCarryItOnLive()
    {
        viewModel.select(new DestinationRow(ORDERS));

        viewModel.onMetrics(new MetricsSnapshot(2_000L, 0, 0, 0, List.of(
            new DestinationInfo("orders", DestinationType.QUEUE, 6, 0, 1, 6, 0, false, false, 3.0, 2.5),
            new DestinationInfo("other", DestinationType.QUEUE, 9, 0, 1, 9, 0, false))));

        assertEquals(List.of(new HistoryPoint(1_000L, 4, 2.0, 1.0), new HistoryPoint(2_000L, 6, 3.0, 2.5)),
            viewModel.history().points());
    }

    @Test
    void shouldOfferMoveAndPurgeJobsForAQueueAndRetryForADeadLetterQueue()
    {
        viewModel.select(new DestinationRow(ORDERS));
        final JobFormViewModel queueForm = viewModel.bulkForm();
        viewModel.select(new DestinationRow(
            new DestinationInfo("DLQ.orders", DestinationType.QUEUE, 2, 0, 0, 2, 0, true)));
        final JobFormViewModel dlqForm = viewModel.bulkForm();

        assertEquals(List.of(JobKind.MOVE, JobKind.PURGE), queueForm.kinds());
        assertEquals(List.of(JobKind.RETRY, JobKind.MOVE, JobKind.PURGE), dlqForm.kinds());
        assertEquals("DLQ.orders", dlqForm.queue());
    }
}
