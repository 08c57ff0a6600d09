package io.aeolus.console;

import io.aeolus.console.backend.DemoData;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.MetricsSnapshot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the main views with demo data into {@code target/screenshots/*.png}, headless:
 * {@code mvn -q -o -pl admin-console test -Dtest=ConsoleScreenshotsTest}.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleScreenshotsTest
{
    private static final Path OUT = Path.of("target", "screenshots");
    private static final long NOW_MS = 1_795_000_000_000L;

    private ConsoleFixture console;
    private Scene scene;

    @Start
    void start(final Stage stage)
    {
        final FakeBackend backend = DemoData.demoBackend(NOW_MS);
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
        // Five minutes of history straight into the chart, then one live tick through the normal path.
        final List<MetricsSnapshot> history = DemoData.history(console.backend, NOW_MS - 1_000L);
        robot.interact(() -> history.forEach(console.viewModel.dashboard()::onMetrics));
        DemoData.tick(console.backend, NOW_MS);
        waitFor(() -> console.viewModel.destinations().visibleRows().size() == 15);

        shoot(robot, "dashboardTab", "dashboard.png", false);
        shoot(robot, "destinationsTab", "destinations.png", false);
        final TableView<?> deadLetters = robot.lookup("#deadLettersTable").queryAs(TableView.class);
        waitFor(() -> !deadLetters.getItems().isEmpty());
        robot.interact(() -> deadLetters.getSelectionModel().selectRange(2, 5));
        shoot(robot, "deadLettersTab", "dlq.png", false);
        robot.interact(() ->
        {
            console.viewModel.browser().queueProperty().set("orders");
            console.viewModel.browser().browse();
        });
        waitFor(() -> !console.viewModel.browser().bodyTextProperty().get().isEmpty());
        shoot(robot, "browserTab", "browser.png", false);
        shoot(robot, "dashboardTab", "dashboard-dark.png", true);
        shoot(robot, "destinationsTab", "destinations-dark.png", true);

        assertTrue(Files.size(OUT.resolve("dashboard.png")) > 10_000);
    }

    private void shoot(final FxRobot robot, final String tabId, final String file, final boolean dark)
        throws IOException
    {
        robot.interact(() ->
        {
            MainWindow.applyTheme(scene, dark);
            console.window.selectTab(tabId);
        });
        WaitForAsyncUtils.waitForFxEvents();
        final WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        final int width = (int)image[0].getWidth();
        final int height = (int)image[0].getHeight();
        final BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        final PixelReader pixels = image[0].getPixelReader();
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
