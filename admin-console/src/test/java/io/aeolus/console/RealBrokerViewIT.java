package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connect.RecentUrls;
import io.aeolus.console.tasks.FxTaskRunner;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's Destinations table, headless (Monocle), fed by a real embedded broker.
 */
@Timeout(90)
@ExtendWith(ApplicationExtension.class)
class RealBrokerViewIT
{
    private static final String QUEUE = "console.view.it.payments";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private final Preferences prefs = Preferences.userRoot().node("aeolus-console-it-" + UUID.randomUUID());
    private AdminClientBackend backend;
    private FxTaskRunner runner;

    @BeforeAll
    static void startBroker() throws Exception
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("pay"));
        }
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @Start
    void start(final Stage stage)
    {
        final ResourceBundle bundle = ResourceBundle.getBundle("io.aeolus.console.messages");
        backend = new AdminClientBackend();
        runner = new FxTaskRunner();
        final ConsoleViewModel viewModel = new ConsoleViewModel(backend, runner, Platform::runLater, bundle);
        final MainWindow window = new MainWindow(viewModel, new ConnectViewModel(new RecentUrls(prefs)), bundle);
        stage.setScene(window.createScene(1000, 650, false));
        stage.show();
        viewModel.connect(broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        backend.close();
        runner.close();
        prefs.removeNode();
    }

    @Test
    void destinationsTableShowsTheRealQueue(final FxRobot robot) throws Exception
    {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> cellTexts(robot).contains(QUEUE));
    }

    private static List<String> cellTexts(final FxRobot robot)
    {
        return robot.from(robot.lookup("#destinationsTable").queryAs(TableView.class)).lookup(".table-cell")
            .queryAllAs(TableCell.class).stream().map(TableCell::getText).toList();
    }
}
