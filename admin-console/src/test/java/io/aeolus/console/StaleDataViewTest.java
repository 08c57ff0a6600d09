package io.aeolus.console;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.SystemDestinations;

import java.util.List;
import java.util.concurrent.TimeoutException;

import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20, defects 6, 3 and 1, headless against a {@link FakeBackend}: nothing of a broker stays on screen once the
 * console is no longer connected to it, the title says what it is connected to, a long notification wraps inside the
 * window, and the dashboard's live line counts what its tile counts.
 */
@Timeout(60)
@ExtendWith(ApplicationExtension.class)
class StaleDataViewTest
{
    private static final String DASH = "\u2013";

    private ConsoleFixture console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        final FakeBackend backend = new FakeBackend()
            .putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 2, 0, 1, 10, 0, false))
            .putDestination(new DestinationInfo(SystemDestinations.TRASH_QUEUE, DestinationType.QUEUE,
                300, 0, 0, 300, 0, false))
            .requireLogin("admin", "secret");
        console = new ConsoleFixture(backend);
        stage.setScene(console.window.createScene(900, 600, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void shouldSayNotConnectedInTheTitleUntilConnected() throws Exception
    {
        final String before = console.viewModel.windowTitleProperty().get();
        assertEquals("Aeolus console - not connected", before);

        connect("admin", "secret");

        assertEquals("Aeolus console - aeolus:ipc", console.viewModel.windowTitleProperty().get());
    }

    @Test
    void shouldClearTilesAndTablesWhenTheBrokerGoesAway(final FxRobot robot) throws Exception
    {
        showData(robot);

        console.backend.simulateConnectionLost();

        waitUntil(10, () -> !cellTexts(robot, "#destinationsTable").contains("orders"));
        assertEquals(DASH, tile(robot, "#dashboardDepth"));
        assertTrue(console.viewModel.dashboard().history().points().isEmpty(), "no chart of a broker gone");
    }

    @Test
    void shouldClearTilesAndTablesOnDisconnect(final FxRobot robot) throws Exception
    {
        showData(robot);

        robot.clickOn("#disconnectButton");

        waitUntil(10, () -> !cellTexts(robot, "#destinationsTable").contains("orders"));
        assertEquals(DASH, tile(robot, "#dashboardDepth"));
    }

    @Test
    void shouldNotShowTheAdminsDataWhileAnotherLoginIsRefused(final FxRobot robot) throws Exception
    {
        showData(robot);
        final List<String> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();

        console.viewModel.uiExecutor().execute(() -> console.viewModel.connect("aeolus:ipc", "bob",
            "guess".toCharArray(), () -> {}, reasons::add));

        waitUntil(10, () -> !reasons.isEmpty());
        assertFalse(cellTexts(robot, "#destinationsTable").contains("orders"));
        assertEquals(DASH, tile(robot, "#dashboardDepth"));
    }

    @Test
    void shouldCountTheSameMessagesInTheTileAndTheChartsLiveLine(final FxRobot robot) throws Exception
    {
        showData(robot);

        waitUntil(10, () -> !console.viewModel.dashboard().history().points().isEmpty());
        final List<HistoryPoint> points = console.viewModel.dashboard().history().points();
        assertEquals("2", tile(robot, "#dashboardDepth"));
        assertEquals(2, points.get(points.size() - 1).depth(), "the trash's 300 are not waiting messages");
    }

    @Test
    void shouldWrapANotificationWiderThanTheWindow(final FxRobot robot) throws Exception
    {
        final String text = "the broker refused the operation because " + "a very long reason ".repeat(20) + "END";
        robot.interact(() -> console.viewModel.notifier().error("Failed", new IllegalStateException(text)));

        waitUntil(10, () -> null != popupShowing("END"));
        final Window popup = popupShowing("END");
        assertTrue(popup.getWidth() <= stage.getWidth(), popup.getWidth() + " > " + stage.getWidth());
        assertTrue(popup.getX() >= stage.getX(), "not cut on the left");
    }

    private void showData(final FxRobot robot) throws TimeoutException
    {
        connect("admin", "secret");
        console.backend.publishMetrics(System.currentTimeMillis(), 1, 1);
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains("orders"));
        waitUntil(10, () -> "2".equals(tile(robot, "#dashboardDepth")));
    }

    private static String tile(final FxRobot robot, final String id)
    {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    private Window popupShowing(final String text)
    {
        return List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage && window.isShowing() && null != window.getScene())
            .filter((window) -> FxQueries.windowShows(text) && containsText(window, text))
            .findFirst().orElse(null);
    }

    private static boolean containsText(final Window window, final String text)
    {
        return window.getScene().getRoot().lookupAll(".label").stream()
            .anyMatch((node) -> node instanceof Label && null != ((Label)node).getText() &&
            ((Label)node).getText().contains(text));
    }

    private void connect(final String user, final String password) throws TimeoutException
    {
        console.viewModel.uiExecutor().execute(() -> console.viewModel.connect("aeolus:ipc", user,
            password.toCharArray()));
        waitUntil(10, () -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
    }
}
