package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.BrokerStatus;
import jakarta.jms.Connection;

import java.nio.file.Path;
import java.time.Duration;

import javafx.scene.control.Label;
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

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 5, the broker overview through the real console (headless) on an embedded broker: the Broker tab
 * shows the version, start time and uptime, heap, journal, clients and destinations the broker's status reports, and
 * forgets them on Disconnect.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class BrokerOverviewViewIT
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
    void brokerTabShowsTheBrokersStatusAndForgetsItOnDisconnect(final FxRobot robot) throws Exception
    {
        final BrokerStatus status = status();
        assertTrue(!status.version().isEmpty(), "the broker reports a version");
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.window.selectTab("overviewTab"));

        waitUntil(20, () -> status.version().equals(text(robot, "#overviewVersion")));
        assertTrue(text(robot, "#overviewStarted").contains("(up "), text(robot, "#overviewStarted"));
        assertTrue(text(robot, "#overviewHeap").matches("[\\d,]+ MB used of [\\d,]+ MB \\(\\d+ %\\)"),
            text(robot, "#overviewHeap"));
        assertEquals(status.journalBytes() < 0, text(robot, "#overviewJournal").startsWith("none"),
            text(robot, "#overviewJournal"));
        if (status.journalBytes() >= 0)
        {
            assertTrue(text(robot, "#overviewJournal").contains("MB on disk"), text(robot, "#overviewJournal"));
        }
        assertTrue(text(robot, "#overviewClients").matches("\\d+ connection\\(s\\), \\d+ session\\(s\\)"),
            text(robot, "#overviewClients"));
        assertTrue(text(robot, "#overviewDestinations").matches("\\d+ queue\\(s\\), \\d+ topic\\(s\\)"),
            text(robot, "#overviewDestinations"));
        assertTrue(text(robot, "#overviewStatus").startsWith("As of "), text(robot, "#overviewStatus"));
        // A single broker refuses the group operation: the group section stays hidden.
        assertTrue(!robot.lookup("#groupSection").query().isVisible());

        robot.interact(() -> console.viewModel.disconnect());
        waitUntil(20, () -> text(robot, "#overviewVersion").isEmpty() && text(robot, "#overviewHeap").isEmpty());
    }

    private static String text(final FxRobot robot, final String id)
    {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private static BrokerStatus status() throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            try (AdminClient client = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                return client.status();
            }
        }
    }
}
