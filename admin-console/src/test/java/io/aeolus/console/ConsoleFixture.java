package io.aeolus.console;

import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connect.RecentUrls;
import io.aeolus.console.tasks.FxTaskRunner;
import javafx.application.Platform;

import java.util.ResourceBundle;
import java.util.UUID;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The real console wired to a {@link FakeBackend}, with the production task runner and FX-thread hand-over.
 */
final class ConsoleFixture implements AutoCloseable
{
    final FakeBackend backend;
    final FxTaskRunner runner = new FxTaskRunner();
    final ConsoleViewModel viewModel;
    final MainWindow window;
    private final Preferences prefs = Preferences.userRoot().node("aeolus-console-test-" + UUID.randomUUID());

    ConsoleFixture(final FakeBackend backend)
    {
        this.backend = backend;
        final ResourceBundle bundle = ResourceBundle.getBundle("io.aeolus.console.messages");
        viewModel = new ConsoleViewModel(backend, runner, Platform::runLater, bundle);
        window = new MainWindow(viewModel, new ConnectViewModel(new RecentUrls(prefs)), bundle);
    }

    @Override
    public void close() throws BackingStoreException
    {
        runner.close();
        prefs.removeNode();
    }
}
