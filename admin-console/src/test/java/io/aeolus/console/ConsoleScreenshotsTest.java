package io.aeolus.console;

import io.aeolus.console.backend.DemoData;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.console.browser.BodyFormat;
import io.aeolus.console.send.PropertyType;
import io.aeolus.console.send.PropertyRow;
import jakarta.jms.JMSException;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the main views with demo data into {@code target/screenshots/*.png}, headless, in the light and the dark
 * theme: {@code mvn -q -o -pl admin-console test -Dtest=ConsoleScreenshotsTest}. The README's screenshots are
 * these files, copied to {@code docs/screenshots/} (the command is in the README's Admin console section).
 */
// Some twenty views in two themes: about a minute on an idle machine, more on a busy one.
@Timeout(180)
@ExtendWith(ApplicationExtension.class)
class ConsoleScreenshotsTest
{
    private static final Path OUT = Path.of("target", "screenshots");
    private static final long NOW_MS = 1_795_000_000_000L;

    private ConsoleFixture console;
    private Scene scene;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        final FakeBackend backend = DemoData.demoBackend(NOW_MS).clock(() -> NOW_MS);
        console = new ConsoleFixture(backend);
        scene = console.window.createScene(1200, 720, false);
        stage.setScene(scene);
        stage.show();
        console.viewModel.connect("aeolus:udp://broker-1:5150", "admin", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close();
    }

    @Test
    void shouldWriteScreenshotsOfTheMainViews(final FxRobot robot) throws Exception
    {
        Files.createDirectories(OUT);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
            () -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
        // The history comes from the fake backend (generated up to NOW_MS), then one live tick through the normal path.
        waitFor(() -> console.viewModel.dashboard().history().points().size() > 500);
        DemoData.tick(console.backend, NOW_MS);
        waitFor(() -> console.viewModel.destinations().visibleRows().size() == 15);
        waitFor(() -> console.viewModel.connections().connections().size() == 8);
        waitFor(() -> console.viewModel.jobs().rows().size() == 4);

        for (final boolean dark : new boolean[]{false, true})
        {
            final String suffix = dark ? "-dark.png" : ".png";
            shoot(robot, "dashboardTab", "dashboard" + suffix, dark);
            shootDestinations(robot, suffix, dark);
            shootDeadLetters(robot, suffix, dark);
            shoot(robot, "jobsTab", "jobs" + suffix, dark);
            robot.interact(() -> console.window.selectTab("trashTab"));
            waitFor(() -> console.viewModel.trash().batches().size() == 3);
            shoot(robot, "trashTab", "trash" + suffix, dark);
            shootBrowser(robot, suffix, dark);
            shoot(robot, "connectionsTab", "connections" + suffix, dark);
            waitFor(() -> !console.viewModel.subscriptions().subscriptions().isEmpty());
            shoot(robot, "subscriptionsTab", "subscriptions" + suffix, dark);
            shootSendDialog(robot, "send-message" + suffix);
            shootNotification(robot, "notification" + suffix);
        }
        shootDashboardDay(robot);
        shootJobDialog(robot);
        shootPurgeUndo(robot);

        assertTrue(Files.size(OUT.resolve("dashboard.png")) > 10_000);
        assertTrue(Files.size(OUT.resolve("send-message.png")) > 5_000);
        assertTrue(Files.size(OUT.resolve("notification.png")) > 5_000);
        assertTrue(Files.size(OUT.resolve("jobs.png")) > 10_000);
        assertTrue(Files.size(OUT.resolve("job-dialog.png")) > 5_000);
    }

    private void shootDestinations(final FxRobot robot, final String suffix, final boolean dark) throws Exception
    {
        final TableView<?> destinations = robot.lookup("#destinationsTable").queryAs(TableView.class);
        robot.interact(() -> destinations.getSelectionModel().select(0));
        waitFor(() -> console.viewModel.destinationDetail().history().points().size() > 500);
        shoot(robot, "destinationsTab", "destinations" + suffix, dark);
    }

    private void shootDeadLetters(final FxRobot robot, final String suffix, final boolean dark) throws Exception
    {
        final TableView<?> deadLetters = robot.lookup("#deadLettersTable").queryAs(TableView.class);
        waitFor(() -> !deadLetters.getItems().isEmpty());
        waitFor(() -> console.viewModel.deadLetters().triage().groups().size() == 3);
        // The biggest cause limits the list; the first of its dead letters is shown in the viewer.
        robot.interact(() -> robot.lookup("#triageTable").queryAs(TableView.class).getSelectionModel().select(0));
        waitFor(() -> !console.viewModel.deadLetters().filterTextProperty().get().isEmpty() &&
            !console.viewModel.deadLetters().busyProperty().get());
        robot.interact(() -> deadLetters.getSelectionModel().select(0));
        waitFor(() -> null != console.viewModel.deadLetters().inspector().viewer().messageProperty().get());
        shoot(robot, "deadLettersTab", "dlq" + suffix, dark);
    }

    private void shootDashboardDay(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.viewModel.dashboard().history().rangeProperty().set(HistoryRange.ONE_DAY));
        waitFor(() -> console.viewModel.dashboard().history().points().size() == 1_440);
        shoot(robot, "dashboardTab", "dashboard-24h.png", false);
        robot.interact(() -> console.viewModel.dashboard().history().rangeProperty().set(HistoryRange.TEN_MINUTES));
    }

    private void shootJobDialog(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.window.selectTab("deadLettersTab");
            console.window.setDark(false);
        });
        robot.clickOn("#triageTable .table-row-cell");
        robot.clickOn("#retryCause");
        waitFor(() -> null != dialogWindow());
        robot.clickOn("#jobRate").write("25");
        robot.clickOn("#jobDryRun");
        waitFor(() -> !robot.lookup("#jobDryRunResult").queryAs(Label.class).getText().isEmpty());
        final Window dialog = dialogWindow();
        writePng(robot.capture(new Rectangle2D(dialog.getX(), dialog.getY(), dialog.getWidth(), dialog.getHeight()))
            .getImage(), "job-dialog.png");
        robot.interact(dialog::hide);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootPurgeUndo(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.window.selectTab("destinationsTab");
            console.viewModel.destinationDetail().purge();
        });
        waitFor(() -> Window.getWindows().size() > 1);
        robot.sleep(1_000); // the popup fades in
        writePng(robot.capture(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
            .getImage(), "purge-undo.png");
        robot.interact(() -> List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage).forEach(Window::hide));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootBrowser(final FxRobot robot, final String suffix, final boolean dark) throws Exception
    {
        browse(robot, "orders");
        shoot(robot, "browserTab", "message-viewer-json" + suffix, dark);
        browse(robot, "inventory.updates");
        shoot(robot, "browserTab", "message-viewer-xml" + suffix, dark);
        browse(robot, "shipping.labels");
        waitFor(() -> console.viewModel.browser().viewer().formatProperty().get() == BodyFormat.HEX);
        shoot(robot, "browserTab", "message-viewer-hex" + suffix, dark);
    }

    private void browse(final FxRobot robot, final String queue) throws TimeoutException
    {
        robot.interact(() ->
        {
            console.viewModel.browser().queueProperty().set(queue);
            console.viewModel.browser().browse();
        });
        waitFor(() -> !console.viewModel.browser().busyProperty().get() &&
            !console.viewModel.browser().viewer().shownText().isEmpty() &&
            console.viewModel.browser().messages().get(0).headers().get("JMSDestination").endsWith(queue));
    }

    private void shootSendDialog(final FxRobot robot, final String file) throws Exception
    {
        robot.interact(() ->
        {
            final var form = console.viewModel.send();
            form.destinationProperty().set("orders");
            form.bodyProperty().set("{\"orderId\": 41007, \"express\": true}");
            form.jmsTypeProperty().set("OrderPlaced");
            form.correlationIdProperty().set("cart-7007");
            form.priorityProperty().set("1");
            if (form.properties().isEmpty())
            {
                final PropertyRow region = form.addProperty();
                region.nameProperty().set("region");
                region.valueProperty().set("eu-west");
                final PropertyRow attempt = form.addProperty();
                attempt.nameProperty().set("attempt");
                attempt.typeProperty().set(PropertyType.INT);
                attempt.valueProperty().set("two");
            }
            Platform.runLater(console.window::showSendDialog);
        });
        waitFor(() -> null != dialogWindow());
        // ControlsFX marks bad fields once the form was edited: type the priority's second digit.
        robot.clickOn("#sendPriority").write("2");
        robot.sleep(300);
        final Window dialog = dialogWindow();
        writePng(robot.capture(new Rectangle2D(dialog.getX(), dialog.getY(), dialog.getWidth(), dialog.getHeight()))
            .getImage(), file);
        robot.interact(dialog::hide);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootNotification(final FxRobot robot, final String file) throws Exception
    {
        console.backend.failOn("connections", new JMSException(
            "the broker did not answer 'connections' within 10000 ms", "TIMEOUT"));
        robot.interact(() ->
        {
            console.window.selectTab("connectionsTab");
            console.viewModel.connections().reload();
        });
        waitFor(() -> Window.getWindows().size() > 1);
        robot.sleep(1_000); // the popup fades in
        // A popup is a window of its own: capture the screen area of the stage, not the scene.
        writePng(robot.capture(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
            .getImage(), file);
        console.backend.failOn("connections", null);
        robot.interact(() -> List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage).forEach(Window::hide));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Window dialogWindow()
    {
        return Window.getWindows().stream()
            .filter((window) -> window != stage && window.isShowing() && window instanceof Stage)
            .findFirst().orElse(null);
    }

    private void shoot(final FxRobot robot, final String tabId, final String file, final boolean dark)
        throws IOException
    {
        robot.interact(() ->
        {
            console.window.setDark(dark);
            console.window.selectTab(tabId);
        });
        WaitForAsyncUtils.waitForFxEvents();
        final Image[] image = new Image[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        writePng(image[0], file);
    }

    private static void writePng(final Image image, final String file) throws IOException
    {
        final int width = (int)image.getWidth();
        final int height = (int)image.getHeight();
        final BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        final PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", OUT.resolve(file).toFile());
    }

    private static void waitFor(final Callable<Boolean> condition) throws TimeoutException
    {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
