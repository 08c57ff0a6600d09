package io.aeolus.console;

import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.tasks.ImmediateTaskRunner;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleViewModelTest
{
    private final FakeBackend backend = new FakeBackend();
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final ConsoleViewModel viewModel = new ConsoleViewModel(
        backend, new ImmediateTaskRunner(), uiQueue::add, ResourceBundle.getBundle("io.aeolus.console.messages"));

    @Test
    void shouldApplyABurstOfMetricsWithOneUiUpdate()
    {
        backend.putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 1, 0, 1, 1, 0, false));
        for (int i = 0; i < 50; i++)
        {
            backend.publishMetrics(1_000L * i, i, i);
        }

        assertEquals(1, uiQueue.size());
        drainUi();

        assertEquals(1, viewModel.dashboard().samples().size());
        assertEquals(49_000L, viewModel.dashboard().samples().get(0).timestampMs());
        assertEquals(1, viewModel.destinations().visibleRows().size());
    }

    @Test
    void shouldShowConnectedAfterConnect()
    {
        viewModel.connect("aeolus:ipc", "admin", new char[0]);
        drainUi();

        assertEquals(ConnectionState.CONNECTED, viewModel.stateProperty().get());
        assertEquals("Connected to aeolus:ipc", viewModel.statusTextProperty().get());
    }

    @Test
    void shouldShowDisconnectedWhenTheBackendReportsIt()
    {
        viewModel.connect("aeolus:ipc", "admin", new char[0]);
        drainUi();

        backend.simulateConnectionLost();
        drainUi();

        assertEquals(ConnectionState.DISCONNECTED, viewModel.stateProperty().get());
        assertEquals("Disconnected", viewModel.statusTextProperty().get());
    }

    private void drainUi()
    {
        while (!uiQueue.isEmpty())
        {
            uiQueue.poll().run();
        }
    }
}
