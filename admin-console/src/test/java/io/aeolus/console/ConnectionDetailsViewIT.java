package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;

import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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

import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;

/**
 * Issue #20 item 4, connection details through the real console (headless) on an embedded broker: selecting a client
 * connection shows its client id, user, address and counts, and its sessions, consumers (with their destination and
 * subscription) and producers, as the broker's management reports them.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class ConnectionDetailsViewIT
{
    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @BeforeAll
    static void startBroker()
    {
        broker = EmbeddedBroker.startIsolated(dataDir);
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @Start
    void start(final Stage stage) throws Exception
    {
        this.stage = stage;
        console = new RealConsole();
        stage.setScene(console.window.createScene(1100, 700, false));
        stage.show();
        console.viewModel.connect(broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void selectingAConnectionShowsItsSessionsConsumersAndProducers(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.setClientID("it-orders-app");
            final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            session.createConsumer(session.createQueue("console.it.details.in"));
            session.createDurableConsumer(session.createTopic("console.it.details.events"), "audit");
            session.createProducer(session.createQueue("console.it.details.out"));
            connection.createSession(true, Session.SESSION_TRANSACTED);
            connection.start();

            waitUntil(20, () -> console.backend.ownClientId().length() > 0);
            robot.interact(() -> console.window.selectTab("connectionsTab"));
            robot.interact(() -> console.viewModel.connections().reload());
            waitUntil(30, () -> cellTexts(robot, "#connectionsTable").contains("it-orders-app"));
            robot.clickOn(cell(robot, "#connectionsTable", "it-orders-app"));

            waitUntil(20, () -> summary(robot).contains("client id it-orders-app") &&
                summary(robot).contains("2 session(s), 2 consumer(s), 1 producer(s)"));
            waitUntil(20, () -> 2 == robot.lookup("#connectionSessions").queryTableView().getItems().size());

            selectDetailTab(robot, 1);
            waitUntil(20, () -> cellTexts(robot, "#connectionConsumers").contains("console.it.details.in") &&
                cellTexts(robot, "#connectionConsumers").contains("console.it.details.events") &&
                cellTexts(robot, "#connectionConsumers").contains("audit"));

            selectDetailTab(robot, 2);
            waitUntil(20, () -> cellTexts(robot, "#connectionProducers").contains("console.it.details.out"));
        }

        robot.interact(() -> console.viewModel.connections().reload());
        waitUntil(30, () -> !cellTexts(robot, "#connectionsTable").contains("it-orders-app"));
        waitUntil(20, () -> summary(robot).startsWith("Select a connection"));
    }

    private static String summary(final FxRobot robot)
    {
        return robot.lookup("#connectionSummary").queryAs(Label.class).getText();
    }

    private static void selectDetailTab(final FxRobot robot, final int index)
    {
        robot.interact(() -> robot.lookup("#connectionDetailTabs").queryAs(TabPane.class).getSelectionModel()
            .select(index));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
