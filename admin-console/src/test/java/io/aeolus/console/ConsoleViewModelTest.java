package io.aeolus.console;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.console.tasks.ImmediateTaskRunner;

import io.aeolus.console.notifications.NoticeLevel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleViewModelTest
{
    private final FakeBackend backend = new FakeBackend();
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final ConsoleViewModel viewModel = new ConsoleViewModel(
        backend, new ImmediateTaskRunner(), uiQueue::add, ResourceBundle.getBundle("io.aeolus.console.messages"));

    @Test
    void shouldApplyABurstOfMetricsWithOneUiUpdate()
    {
        viewModel.connect("aeolus:ipc", "admin", new char[0]);
        drainUi();
        backend.putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 1, 0, 1, 1, 0, false));
        for (int i = 0; i < 50; i++)
        {
            backend.publishMetrics(1_000L * i, i, i);
        }

        assertEquals(1, uiQueue.size());
        drainUi();

        assertEquals(1, viewModel.dashboard().totalDepthProperty().get());
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

    @Test
    void shouldShowARefusedLoginInTheStatusBarAndAsANotification()
    {
        backend.requireLogin("admin", "secret");
        final List<String> reasons = new ArrayList<>();

        viewModel.connect("aeolus:ipc", "admin", "wrong".toCharArray(), () -> reasons.add("connected"), reasons::add);
        drainUi();

        assertEquals(ConnectionState.DISCONNECTED, viewModel.stateProperty().get());
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).startsWith("Authentication failed for user 'admin'"), reasons.get(0));
        assertEquals("Disconnected: " + reasons.get(0), viewModel.statusTextProperty().get());
        assertEquals(NoticeLevel.ERROR, viewModel.notifier().history().get(0).level());
        assertEquals("Could not connect to aeolus:ipc", viewModel.notifier().history().get(0).title());
    }

    @Test
    void shouldClearThePasswordAfterTheAttempt()
    {
        final char[] password = "secret".toCharArray();

        viewModel.connect("aeolus:ipc", "admin", password);

        assertEquals("\0\0\0\0\0\0", new String(password));
    }

    @Test
    void shouldLoadConnectionsAndSubscriptionsOnConnect()
    {
        backend.addConnection(new ConnectionInfo(1, "app", "", "aeron:ipc", 1, 1, 0));
        backend.addSubscription(new SubscriptionInfo("prices", "audit", "a", true, false, "", 3, 0, 1));

        viewModel.connect("aeolus:ipc", "admin", new char[0]);
        drainUi();

        assertEquals(1, viewModel.connections().connections().size());
        assertEquals(1, viewModel.subscriptions().subscriptions().size());
        assertTrue(viewModel.hideSystemProperty().get(), "system destinations are hidden by default");
    }

    @Test
    void shouldReloadWhatMetricsDoNotCarryAfterTheBackendReconnectedByItself()
    {
        viewModel.connect("aeolus:ipc", "admin", new char[0]);
        drainUi();
        backend.simulateConnectionLost();
        drainUi();
        backend.addConnection(new ConnectionInfo(5, "back", "", "aeron:ipc", 1, 0, 0));

        backend.simulateReconnected("aeolus:ipc");
        drainUi();

        assertEquals(ConnectionState.CONNECTED, viewModel.stateProperty().get());
        assertEquals(1, viewModel.connections().connections().size());
    }

    private void drainUi()
    {
        while (!uiQueue.isEmpty())
        {
            uiQueue.poll().run();
        }
    }
}
