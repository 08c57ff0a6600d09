package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defects 6 and 3 through the real console (headless) on an embedded broker of each test's own: once the
 * broker goes away, its tiles, tables and chart leave the screen; and a refusal of the broker's wider than the window
 * wraps inside it instead of being cut on the left.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class StaleDataViewIT
{
    private static final String DASH = "\u2013";
    private static final int WIDTH = 800;

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private boolean brokerClosed;
    private RealConsole console;
    private Stage stage;
    private String queue;

    @Start
    void start(final Stage stage) throws Exception
    {
        this.stage = stage;
        broker = EmbeddedBroker.startIsolated(dataDir);
        // Long, so that the broker's refusal naming it is wider than the window.
        queue = "console.it.stale." + "a-rather-long-segment-".repeat(6) + "end";
        BrokerClients.send(broker, queue, "waiting");
        console = new RealConsole();
        stage.setScene(console.window.createScene(WIDTH, 600, false));
        stage.show();
        console.viewModel.connect(broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close(stage);
        if (!brokerClosed)
        {
            broker.close();
        }
    }

    @Test
    void tilesTablesAndChartLeaveTheScreenWhenTheBrokerGoesAway(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "destinationsTab");
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(queue));
        waitUntil(30, () -> !DASH.equals(tile(robot, "#dashboardDepth")));
        waitUntil(30, () -> onFx(() -> !console.viewModel.dashboard().history().points().isEmpty()));

        broker.close();
        brokerClosed = true;

        waitUntil(60, () -> onFx(() -> ConnectionState.DISCONNECTED == console.viewModel.stateProperty().get()));
        waitUntil(20, () -> !cellTexts(robot, "#destinationsTable").contains(queue));
        assertEquals(DASH, tile(robot, "#dashboardDepth"));
        assertTrue(onFx(() -> console.viewModel.dashboard().history().points().isEmpty()), "no chart of a broker gone");
    }

    @Test
    void aRefusalWiderThanTheWindowWrapsInsideIt(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(queue));
            console.showTab(robot, "destinationsTab");
            waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(queue));
            FxQueries.openContextMenu(robot, onFx(() -> FxQueries.cell(robot, "#destinationsTable", queue)));
            robot.clickOn(FxQueries.menuItem("deleteMenuItem"));
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#confirmOk");

            waitUntil(30, () -> null != popupBounds("close them first"));
        }
        final Rectangle2D popup = popupBounds("close them first");
        final Rectangle2D window = onFx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(),
            stage.getHeight()));
        assertTrue(popup.getWidth() <= window.getWidth(), popup.getWidth() + " > " + window.getWidth());
        assertTrue(popup.getMinX() >= window.getMinX(), "cut on the left: " + popup + " in " + window);
        assertTrue(null != popupBounds(queue), "the queue's whole name is shown, broken into lines");
    }

    private static String tile(final FxRobot robot, final String id)
    {
        return onFx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    /** Where the showing popup whose label has the text is, null if none shows it; read on the FX thread. */
    private Rectangle2D popupBounds(final String text)
    {
        return onFx(() -> List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage && window.isShowing() && null != window.getScene())
            .filter((window) -> window.getScene().getRoot().lookupAll(".label").stream()
                .anyMatch((node) -> node instanceof Label && null != ((Label)node).getText() &&
                ((Label)node).getText().replace("\n", "").replace(" ", "").contains(text.replace(" ", ""))))
            .findFirst()
            .map((window) -> new Rectangle2D(window.getX(), window.getY(), window.getWidth(), window.getHeight()))
            .orElse(null));
    }

    private static <T> T onFx(final Callable<T> read)
    {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, read);
    }
}
