package io.aeolus.console.trash;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.TrashBatch;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.JMSSecurityException;

import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrashViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final long NOW_MS = 1_700_000_000_000L;

    private final FakeBackend backend = new FakeBackend().clock(() -> NOW_MS);
    private final Notifier notifier = new Notifier(BUNDLE);
    private int restoredCalls;
    private final TrashViewModel viewModel =
        new TrashViewModel(backend, new ImmediateTaskRunner(), notifier, BUNDLE, () -> restoredCalls++);

    @BeforeEach
    void purgeAQueue() throws Exception
    {
        backend.putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 3, 0, 0, 3, 0, false));
        for (int i = 0; i < 3; i++)
        {
            backend.addMessage("orders", new BrowsedMessage("ID:" + i, 0, Map.of(), Map.of(), "m" + i, 2));
        }
        backend.addTrash("delete", "payments", NOW_MS - 60_000L, 2);
        backend.purge("orders");
    }

    @Test
    void shouldListTheBatchesNewestFirst()
    {
        viewModel.reload();

        final List<TrashBatch> batches = viewModel.batches();
        assertEquals(2, batches.size());
        assertEquals(List.of("purge", "orders", 3), List.of(batches.get(0).operation(), batches.get(0).destination(),
            batches.get(0).count()));
        assertEquals(NOW_MS + 24 * 3_600_000L, batches.get(0).expiresMs());
        assertEquals("payments", batches.get(1).destination());
        assertEquals("2 batch(es), 5 message(s)", viewModel.statusProperty().get());
    }

    @Test
    void shouldRestoreABatchToItsQueueAndTellOfIt() throws Exception
    {
        viewModel.reload();

        viewModel.restore(viewModel.batches().get(0));

        assertEquals(3, backend.browse("orders", "", 0, 10).size());
        assertEquals(1, viewModel.batches().size(), "the list reloads");
        assertEquals(1, restoredCalls);
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("3 message(s) restored to orders", notifier.history().get(0).text());
    }

    @Test
    void shouldTellOfARefusedRestore()
    {
        viewModel.reload();
        backend.failOn("restoreTrash", new JMSSecurityException("user 'bob' may not manage 'aeolus.trash'"));

        viewModel.restore(viewModel.batches().get(0));

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Restoring to orders failed", notifier.history().get(0).title());
        assertEquals(0, restoredCalls);
        assertTrue(viewModel.statusProperty().get().startsWith("Failed: user 'bob'"));
    }
}
