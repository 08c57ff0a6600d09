package io.aeolus.console.connections;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import jakarta.jms.InvalidDestinationException;

import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionsViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final ConnectionInfo APP =
        new ConnectionInfo(12, "app-1", "orders-svc", "10.0.0.5:40112", 2, 3, 1);
    private static final ConnectionInfo ANONYMOUS = new ConnectionInfo(13, "", "", "aeron:ipc", 1, 0, 0);
    private static final ConnectionInfo CONSOLE =
        new ConnectionInfo(14, "aeolus-console-1a2b3c4d", "ops", "aeron:ipc", 2, 2, 1);

    private final FakeBackend backend = new FakeBackend();
    private final ImmediateTaskRunner runner = new ImmediateTaskRunner();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final ConnectionsViewModel viewModel = new ConnectionsViewModel(backend, runner, notifier, BUNDLE);

    @BeforeEach
    void addConnections()
    {
        backend.addConnection(APP).addConnection(ANONYMOUS).addConnection(CONSOLE)
            .ownClientId(CONSOLE.clientId());
    }

    @Test
    void shouldListTheConnectionsWithAllTheirFigures()
    {
        viewModel.reload();

        assertEquals(List.of(APP, ANONYMOUS, CONSOLE), viewModel.connections());
        assertEquals("3 connection(s)", viewModel.statusProperty().get());
    }

    @Test
    void shouldCloseAConnectionTellOfItAndReload() throws Exception
    {
        viewModel.reload();

        viewModel.close(APP);

        assertEquals(List.of(ANONYMOUS, CONSOLE), backend.connections());
        assertEquals(List.of(ANONYMOUS, CONSOLE), viewModel.connections());
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("Closed connection 12 (client id app-1, user orders-svc, from 10.0.0.5:40112)",
            notifier.history().get(0).text());
    }

    @Test
    void shouldNeverCloseTheConsolesOwnConnection() throws Exception
    {
        viewModel.reload();
        final int callsBefore = runner.runs();

        viewModel.close(CONSOLE);

        assertFalse(viewModel.canClose(CONSOLE));
        assertTrue(viewModel.canClose(APP));
        assertEquals(callsBefore, runner.runs());
        assertTrue(backend.connections().contains(CONSOLE));
    }

    @Test
    void shouldTellWhenClosingFails()
    {
        viewModel.reload();
        backend.failOn("closeConnection", new InvalidDestinationException("no connection 12", "UNKNOWN_CONNECTION"));

        viewModel.close(APP);

        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Closing connection 12 failed", notifier.history().get(0).title());
        assertEquals("no connection 12", notifier.history().get(0).text());
        assertFalse(viewModel.busyProperty().get());
    }

    @Test
    void shouldReloadWhenTheBrokerCountsADifferentNumberOfConnections()
    {
        viewModel.reload();
        final int callsBefore = runner.runs();

        viewModel.onConnectionCount(3);
        assertEquals(callsBefore, runner.runs());

        backend.addConnection(new ConnectionInfo(15, "late", "", "aeron:ipc", 1, 1, 0));
        viewModel.onConnectionCount(4);
        assertEquals(4, viewModel.connections().size());
    }

    @Test
    void shouldNameAnAnonymousConnectionWithoutClientId()
    {
        assertEquals("connection 13 (client id -, user anonymous, from aeron:ipc)", viewModel.describe(ANONYMOUS));
    }
}
