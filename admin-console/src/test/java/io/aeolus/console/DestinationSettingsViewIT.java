package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.SettingInfo;
import jakarta.jms.Connection;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 1, a destination's own settings through the real console (headless) on an embedded broker: New…
 * creates a queue with settings, the row menu's Edit settings… shows them, changes one and takes another back, and a
 * setting the broker refuses is reported with its reason.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class DestinationSettingsViewIT
{
    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String name;

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
        name = "console.it.settings." + ++tests;
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
    void newCreatesAQueueWithItsSettings(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        robot.clickOn("#newDestination");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() ->
        {
            robot.lookup("#newDestinationName").queryAs(TextField.class).setText(name);
            robot.lookup("#newDestinationSettings").queryAs(TextArea.class)
                .setText("max.delivery.attempts=2\nnot a setting");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Line 2: expected name=value"), "says which line is wrong");
        assertTrue(robot.lookup("#createOk").query().isDisabled(), "Create is disabled");

        robot.interact(() -> robot.lookup("#newDestinationSettings").queryAs(TextArea.class)
            .setText("max.delivery.attempts=2\nmemory.limit=64k"));
        robot.clickOn("#createOk");

        waitUntil(20, () -> Map.of("max.delivery.attempts", "2", "memory.limit", "65536").equals(own(name, false)));
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains(name));
    }

    @Test
    void editSettingsShowsChangesAndTakesBackTheQueuesOwnSettings(final FxRobot robot) throws Exception
    {
        admin((client) ->
        {
            client.createQueue(name, Map.of("max.delivery.attempts", "2", "expiry.queue", "console.expired"));
            return null;
        });
        openEditSettings(robot);
        waitUntil(20, () -> FxQueries.windowShows("max.delivery.attempts = 2  *"));
        assertEquals("max.delivery.attempts=2\nexpiry.queue=console.expired\n", editText());

        robot.interact(() -> robot.lookup("#editSettingsText").queryAs(TextArea.class)
            .setText("max.delivery.attempts=5\n"));
        robot.clickOn("#settingsSave");

        waitUntil(20, () -> Map.of("max.delivery.attempts", "5").equals(own(name, false)));
        waitUntil(20, () -> FxQueries.windowShows("2 setting(s) changed."));
    }

    @Test
    void aSettingTheBrokerRefusesIsReportedWithItsReason(final FxRobot robot) throws Exception
    {
        admin((client) ->
        {
            client.createTopic(name, Map.of("retention.time", "1h"));
            return null;
        });
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.viewModel.destinations().reload());
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(name));
        robot.clickOn(cell(robot, "#destinationsTable", name));
        FxQueries.openContextMenu(robot, cell(robot, "#destinationsTable", name));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(FxQueries.menuItem("editSettingsMenuItem"));
        waitUntil(20, () -> FxQueries.windowShows("retention.time = 3600000ms  *"));

        robot.interact(() -> robot.lookup("#editSettingsText").queryAs(TextArea.class)
            .setText("retention.time=2h\n"));
        robot.clickOn("#settingsSave");

        waitUntil(20, () -> FxQueries.windowShows("cannot change on the existing topic"));
        assertEquals(Map.of("retention.time", "3600000ms"), own(name, true));
    }

    private void openEditSettings(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.viewModel.destinations().reload());
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(name));
        robot.clickOn(cell(robot, "#destinationsTable", name));
        FxQueries.openContextMenu(robot, cell(robot, "#destinationsTable", name));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(FxQueries.menuItem("editSettingsMenuItem"));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String editText()
    {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, () -> new FxRobot().lookup("#editSettingsText")
            .queryAs(TextArea.class).getText());
    }

    private static Map<String, String> own(final String destination, final boolean topic) throws Exception
    {
        final List<SettingInfo> rows = admin((client) -> client.destinationSettings(destination, topic));
        final Map<String, String> own = new java.util.TreeMap<>();
        rows.stream().filter(SettingInfo::overridden).forEach((row) -> own.put(row.name(), row.value()));
        return own;
    }

    private interface AdminCall<T>
    {
        T call(AdminClient client) throws Exception;
    }

    private static <T> T admin(final AdminCall<T> call) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            try (AdminClient client = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                return call.call(client);
            }
        }
    }
}
