package io.aeolus.console;

import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connect.RecentUrls;
import io.aeolus.console.tasks.FxTaskRunner;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ResourceBundle;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
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

    /**
     * Builds the console on a stage, shows it and connects it to a broker, as the tab ITs start. FX thread.
     *
     * @param stage    the stage.
     * @param url      the broker's URL.
     * @param user     the user, empty for none.
     * @param password the password.
     * @return the console.
     */
    static RealConsole open(final Stage stage, final String url, final String user, final char[] password)
    {
        final RealConsole console = new RealConsole();
        stage.setScene(console.window.createScene(1200, 700, false));
        stage.show();
        console.viewModel.connect(url, user, password);
        return console;
    }

    /**
     * Waits until the console is connected (its own client id known), then shows one of its tabs.
     *
     * @param robot the test's robot.
     * @param tabId the tab's id, e.g. {@code usersTab}.
     * @throws TimeoutException when the console does not connect within 20 seconds.
     */
    void showTab(final FxRobot robot, final String tabId) throws TimeoutException
    {
        FxQueries.waitUntil(20, () -> backend.ownClientId().length() > 0);
        robot.interact(() -> window.selectTab(tabId));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Closes what the test left open on the stage (dialogs, notifications) and the console.
     *
     * @param stage the stage the console was opened on.
     * @throws BackingStoreException when its preferences cannot be removed.
     */
    void close(final Stage stage) throws BackingStoreException
    {
        FxQueries.closeOtherWindows(stage);
        close();
    }

    @Override
    public void close() throws BackingStoreException
    {
        backend.close();
        runner.close();
        prefs.removeNode();
    }
}
