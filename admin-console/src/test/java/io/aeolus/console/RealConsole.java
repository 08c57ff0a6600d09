package io.aeolus.console;

import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connect.RecentUrls;
import io.aeolus.console.tasks.FxTaskRunner;
import javafx.application.Platform;

import java.util.ResourceBundle;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The real console as the application wires it, on a real broker: an {@link AdminClientBackend}, the production task
 * runner and FX-thread hand-over, and the main window. Construct on the FX thread.
 */
final class RealConsole implements AutoCloseable
{
    final AdminClientBackend backend = new AdminClientBackend();
    final FxTaskRunner runner = new FxTaskRunner();
    final ConsoleViewModel viewModel;
    final MainWindow window;
    private final Preferences prefs = Preferences.userRoot().node("aeolus-console-it-" + UUID.randomUUID());

    RealConsole()
    {
        final ResourceBundle bundle = ResourceBundle.getBundle("io.aeolus.console.messages");
        viewModel = new ConsoleViewModel(backend, runner, Platform::runLater, bundle);
        window = new MainWindow(viewModel, new ConnectViewModel(new RecentUrls(prefs)), bundle);
    }

    @Override
    public void close() throws BackingStoreException
    {
        backend.close();
        runner.close();
        prefs.removeNode();
    }
}
