package io.aeolus.console.destinations;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import jakarta.jms.JMSException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationsViewModelTest
{
    private static final int ROWS = 10_000;

    private final FakeBackend backend = new FakeBackend();
    private final Notifier notifier = new Notifier(ResourceBundle.getBundle("io.aeolus.console.messages"));
    private final SimpleBooleanProperty hideSystem = new SimpleBooleanProperty(true);
    private final DestinationsViewModel viewModel = new DestinationsViewModel(
        backend, new ImmediateTaskRunner(), notifier, "Loading destinations failed", hideSystem);

    @Test
    void shouldApplyTenThousandDestinationsAsOneListChangePerBatch()
    {
        final int[] changes = new int[1];
        viewModel.visibleRows().addListener((ListChangeListener<DestinationRow>)(change) -> changes[0]++);

        viewModel.applyBatch(destinations(ROWS, 0));
        viewModel.applyBatch(destinations(ROWS, 1));
        viewModel.applyBatch(destinations(ROWS, 2));

        assertEquals(ROWS, viewModel.visibleRows().size());
        assertEquals(1, changes[0], "updates of existing rows must not touch the list");
        assertEquals(3, viewModel.batchesAppliedProperty().get());
        final DestinationRow seventh = viewModel.visibleRows().stream()
            .filter((row) -> row.name().equals(destinations(ROWS, 0).get(7).name())).findFirst().orElseThrow();
        assertEquals(2 + 7, seventh.depthProperty().get());
    }

    @Test
    void shouldUpdateRowsInPlaceSoTheTableKeepsIdentityAndSelection()
    {
        viewModel.applyBatch(destinations(ROWS, 0));
        final DestinationRow before = viewModel.visibleRows().get(123);
        final int index = destinations(ROWS, 0).stream().map(DestinationInfo::name).toList().indexOf(before.name());

        viewModel.applyBatch(destinations(ROWS, 5));

        assertSame(before, viewModel.visibleRows().get(123));
        assertEquals(5 + index, before.depthProperty().get());
    }

    @Test
    void shouldKeepTenThousandRowBatchesFast()
    {
        viewModel.applyBatch(destinations(ROWS, 0));
        viewModel.filterProperty().set("queue.1");
        viewModel.sortWith(Comparator.comparingLong((DestinationRow row) -> row.depthProperty().get()).reversed());
        final long startNs = System.nanoTime();

        for (int tick = 1; tick <= 20; tick++)
        {
            viewModel.applyBatch(destinations(ROWS, tick));
        }

        final long perBatchMs = (System.nanoTime() - startNs) / 20 / 1_000_000;
        // A tick is one second; a batch must cost a small fraction of it even on a slow CI machine.
        assertTrue(perBatchMs < 200, "batch took " + perBatchMs + " ms");
    }

    @Test
    void shouldFilterByNameCaseInsensitively()
    {
        viewModel.applyBatch(destinations(ROWS, 0));

        viewModel.filterProperty().set("QUEUE.999");

        assertEquals(List.of("queue.999", "queue.9990", "queue.9991", "queue.9992", "queue.9993", "queue.9994",
            "queue.9995", "queue.9996", "queue.9997", "queue.9998", "queue.9999"), names());
    }

    @Test
    void shouldKeepTheTableOrderAcrossBatches()
    {
        viewModel.applyBatch(destinations(5, 0));
        viewModel.sortWith(Comparator.comparingLong((DestinationRow row) -> row.depthProperty().get()).reversed());

        final List<DestinationInfo> changed = new ArrayList<>(destinations(5, 0));
        changed.set(0, new DestinationInfo("queue.0", DestinationType.QUEUE, 1_000, 0, 1, 0, 0, false));
        viewModel.applyBatch(changed);

        assertEquals(List.of("queue.0", "queue.4", "queue.3", "queue.2", "queue.1"), names());
    }

    @Test
    void shouldDropDestinationsMissingFromABatch()
    {
        viewModel.applyBatch(destinations(10, 0));

        viewModel.applyBatch(destinations(4, 0));

        assertEquals(4, viewModel.visibleRows().size());
        assertEquals(4, viewModel.totalCount());
    }

    @Test
    void shouldLoadDestinationsFromTheBackendOnReload()
    {
        backend.putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 42, 1, 2, 100, 3, false));

        viewModel.reload();

        assertEquals(List.of("orders"), names());
        assertEquals(42, viewModel.visibleRows().get(0).depthProperty().get());
    }

    @Test
    void shouldHideSystemDestinationsByDefault()
    {
        viewModel.applyBatch(withSystemDestinations());

        assertEquals(List.of("orders"), names());
        assertEquals(3, viewModel.hiddenCountProperty().get());
        assertEquals(4, viewModel.totalCount());
    }

    @Test
    void shouldShowSystemDestinationsWhenTheToggleIsOff()
    {
        viewModel.applyBatch(withSystemDestinations());

        hideSystem.set(false);

        // Name order when no column is chosen (issue #20): a new destination lands where one looks for it.
        assertEquals(List.of("TQ.12.1", SystemDestinations.MANAGEMENT_QUEUE, SystemDestinations.METRICS_TOPIC,
            "orders"), names());
        assertEquals(0, viewModel.hiddenCountProperty().get());
    }

    @Test
    void shouldHideTheTrashWithTheOtherSystemDestinations()
    {
        viewModel.applyBatch(List.of(
            new DestinationInfo("orders", DestinationType.QUEUE, 1, 0, 1, 1, 0, false),
            new DestinationInfo(SystemDestinations.TRASH_QUEUE, DestinationType.QUEUE, 40, 0, 0, 40, 0, false)));

        assertEquals(List.of("orders"), names());
        assertEquals(1, viewModel.hiddenCountProperty().get());

        hideSystem.set(false);

        assertEquals(List.of(SystemDestinations.TRASH_QUEUE, "orders"), names());
        assertTrue(viewModel.visibleRows().get(0).system());
    }

    @Test
    void shouldKeepTemporaryRowsOfTheFullListingAcrossMetricsBatches()
    {
        hideSystem.set(false);
        withSystemDestinations().forEach(backend::putDestination);
        viewModel.reload();

        viewModel.applyBatch(withSystemDestinations().subList(0, 3));

        assertTrue(names().contains("TQ.12.1"), names().toString());
    }

    @Test
    void shouldNotifyWhenLoadingFails()
    {
        backend.failOn("destinations", new JMSException("the broker did not answer 'destinations' within 10000 ms"));

        viewModel.reload();

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("the broker did not answer 'destinations' within 10000 ms", notifier.history().get(0).text());
        assertEquals("the broker did not answer 'destinations' within 10000 ms", viewModel.errorProperty().get());
    }

    private static List<DestinationInfo> withSystemDestinations()
    {
        return List.of(
            new DestinationInfo("orders", DestinationType.QUEUE, 1, 0, 1, 1, 0, false),
            new DestinationInfo(SystemDestinations.MANAGEMENT_QUEUE, DestinationType.QUEUE, 0, 0, 1, 9, 0, false),
            new DestinationInfo(SystemDestinations.METRICS_TOPIC, DestinationType.TOPIC, 0, 0, 1, 9, 0, false),
            new DestinationInfo("TQ.12.1", DestinationType.QUEUE, 0, 0, 1, 0, 0, false, true, 0));
    }

    private List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (final DestinationRow row : viewModel.visibleRows())
        {
            names.add(row.name());
        }
        return names;
    }

    private static List<DestinationInfo> destinations(final int count, final int tick)
    {
        final List<DestinationInfo> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            list.add(new DestinationInfo("queue." + i, DestinationType.QUEUE, tick + i, 0, 1, tick * 10L, 0, false));
        }
        return list;
    }
}
