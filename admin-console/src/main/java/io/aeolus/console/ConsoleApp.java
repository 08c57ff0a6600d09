package io.aeolus.console;

import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.DemoData;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connect.RecentUrls;
import io.aeolus.console.tasks.FxTaskRunner;

import java.util.ResourceBundle;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application. By default the console talks to a real broker through an {@link AdminClientBackend};
 * started with {@code --demo} it runs against demo data from a {@link FakeBackend} that changes once a second.
 * The window title says which. The command line ({@link StartOptions}) may name a broker to connect to at start and
 * the tab to open on. Started by {@link Launcher}, never directly, because JavaFX sits on the class path.
 */
public final class ConsoleApp extends Application
{
    /** Command-line flag that selects the demo data instead of a real broker. */
    public static final String DEMO_FLAG = "--demo";

    private FxTaskRunner runner;
    private ScheduledExecutorService ticker;
    private AdminClientBackend liveBackend;

    /**
     * Builds and shows the main window, then opens the connect dialog, or connects to the broker the command line
     * names; called by JavaFX on the FX thread.
     *
     * @param stage the primary stage.
     */
    @Override
    public void start(final Stage stage)
    {
        final ResourceBundle bundle = ResourceBundle.getBundle("io.aeolus.console.messages");
        final StartOptions options = StartOptions.parse(getParameters().getRaw(), System::getenv);
        final boolean demo = options.demo();
        final FakeBackend demoBackend = demo ? DemoData.demoBackend(System.currentTimeMillis()) : null;
        if (!demo)
        {
            liveBackend = new AdminClientBackend();
        }
        final ConsoleBackend backend = demo ? demoBackend : liveBackend;
        runner = new FxTaskRunner();
        final ConsoleViewModel viewModel = new ConsoleViewModel(backend, runner, Platform::runLater, bundle);
        final RecentUrls recentUrls = new RecentUrls(Preferences.userNodeForPackage(ConsoleApp.class).node("recent"));
        final MainWindow window = new MainWindow(viewModel, new ConnectViewModel(recentUrls), bundle);
        if (demo)
        {
            startDemoTicker(demoBackend);
        }

        if (demo)
        {
            stage.setTitle(bundle.getString("app.title") + " - " + bundle.getString("app.demo"));
        }
        else
        {
            stage.titleProperty().bind(viewModel.windowTitleProperty());
        }
        stage.setScene(window.createScene(1180, 760, false));
        stage.show();
        ResponseProbe.startIfAsked(stage.getScene());
        if (!options.tabId().isEmpty())
        {
            window.selectTab(options.tabId());
        }
        if (options.connectsAtStart())
        {
            Platform.runLater(() -> window.connectAtStart(options.url(), options.user(), options.password()));
        }
        else
        {
            Platform.runLater(window::showConnectDialog);
        }
    }

    /**
     * Stops the background threads and closes a live connection; called by JavaFX when the last window closes.
     */
    @Override
    public void stop()
    {
        if (null != ticker)
        {
            ticker.shutdownNow();
        }
        if (null != liveBackend)
        {
            liveBackend.close();
        }
        if (null != runner)
        {
            runner.close();
        }
    }

    private void startDemoTicker(final FakeBackend backend)
    {
        ticker = Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "aeolus-console-demo-metrics");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(
            () -> DemoData.tick(backend, System.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
    }
}
