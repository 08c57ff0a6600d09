package io.aeolus.console;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.destinations.DestinationRow;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #20 defect 9, measured: the console with 10,000 destinations, fed a metrics snapshot of all of them a second
 * for two minutes (as the broker publishes them), headless; then the Destinations view's filter and sort, timed on
 * the FX thread including the table's next layout (the median of {@code aeolus.scale.repeats} runs), the heap the
 * console keeps after a full GC, and the process's peak resident size (VmHWM, the whole run). Not part of the build
 * (the name ends in neither Test nor IT); a measurement, not an assertion on time. With the console's own JVM flags
 * ({@link Launcher#JVM_FLAGS}), as the README's command and {@code dist/aeolus-console} start it:
 * <pre>
 * mvn -q -o -pl admin-console -am test -Dtest=ConsoleScaleMeasurement \
 *   -Dsurefire.failIfNoSpecifiedTests=false -Daeolus.scale.destinations=10000 \
 *   "-Dtest.jvm.flags=--add-exports java.base/jdk.internal.misc=ALL-UNNAMED -Djava.net.preferIPv4Stack=true \
 *   -Dtestfx.setup.timeout=180000 -Xmx192m -XX:+UseSerialGC"
 * cat admin-console/target/scale-measurement.txt
 * </pre>
 * The surefire JVM also holds JUnit, TestFX and Monocle, so its resident size is an upper bound of the console's.
 */
@Timeout(900)
@ExtendWith(ApplicationExtension.class)
class ConsoleScaleMeasurement
{
    private static final int DESTINATIONS = Integer.getInteger("aeolus.scale.destinations", 10_000);
    private static final int SNAPSHOTS = Integer.getInteger("aeolus.scale.snapshots", 120);
    private static final long START_MS = 1_795_000_000_000L;
    private static final int REPEATS = Integer.getInteger("aeolus.scale.repeats", 5);

    private ConsoleFixture console;
    private Scene scene;

    @Start
    void start(final Stage stage)
    {
        final FakeBackend backend = new FakeBackend();
        for (int i = 0; i < DESTINATIONS; i++)
        {
            backend.putDestination(destination(i, 0));
        }
        console = new ConsoleFixture(backend);
        scene = console.window.createScene(1200, 720, false);
        stage.setScene(scene);
        stage.show();
        console.viewModel.connect("aeolus:udp://scale:5150", "admin", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close();
    }

    @Test
    void shouldMeasureFilterSortAndHeapWithManyDestinations(final FxRobot robot) throws Exception
    {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
            () -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        for (int tick = 1; tick <= SNAPSHOTS; tick++)
        {
            final List<DestinationInfo> rows = new ArrayList<>(DESTINATIONS);
            for (int i = 0; i < DESTINATIONS; i++)
            {
                rows.add(destination(i, tick));
            }
            console.backend.publish(new MetricsSnapshot(START_MS + tick * 1_000L, DESTINATIONS, DESTINATIONS / 2.0,
                3, rows));
            // One snapshot per FX tick, as the console coalesces them: wait until this one is applied.
            WaitForAsyncUtils.waitForFxEvents();
        }
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
            () -> console.viewModel.destinations().totalCount() == DESTINATIONS);

        final Consumer<String> filterWith = (text) -> console.viewModel.destinations().filterProperty().set(text);
        final String filter = timed(robot, () -> filterWith.accept(""), () -> filterWith.accept("orders.7"));
        final int filtered = console.viewModel.destinations().visibleRows().size();
        final String unfilter = timed(robot, () -> filterWith.accept("orders.7"), () -> filterWith.accept(""));
        final Comparator<DestinationRow> byDepth =
            Comparator.comparingLong((DestinationRow row) -> row.depthProperty().get()).reversed();
        final String sort = timed(robot, () -> console.viewModel.destinations().sortWith(null),
            () -> console.viewModel.destinations().sortWith(byDepth));
        final long heapBytes = heapAfterGc();

        assertEquals(DESTINATIONS, console.viewModel.destinations().visibleRows().size());
        final String report = String.format("destinations=%d snapshots=%d (model + layout + render, ms, " +
            "median of " + REPEATS + ") " +
            "filter(\"orders.7\" -> %d rows)=%s unfilter=%s sortByDepth=%s heapAfterGc=%.1f MiB (max %d MiB) " +
            "%s load=%s%n", DESTINATIONS, SNAPSHOTS, filtered, filter, unfilter, sort, heapBytes / 1_048_576.0,
            Runtime.getRuntime().maxMemory() / 1_048_576, rss(), Files.readString(Path.of("/proc/loadavg")).strip());
        Files.writeString(Path.of("target", "scale-measurement.txt"), report);
        System.out.print(report);
    }

    /**
     * Runs a change on the FX thread and a layout and snapshot of the scene after it (what the user waits for),
     * {@link #REPEATS} times, each after a setup step (untimed, laid out); gives the medians of the three parts.
     */
    private String timed(final FxRobot robot, final Runnable setup, final Runnable change)
    {
        final long[][] parts = new long[3][REPEATS];
        for (int i = 0; i < REPEATS; i++)
        {
            final int repeat = i;
            robot.interact(() ->
            {
                setup.run();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                final long start = System.nanoTime();
                change.run();
                final long changed = System.nanoTime();
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                final long laidOut = System.nanoTime();
                scene.snapshot(null);
                parts[0][repeat] = changed - start;
                parts[1][repeat] = laidOut - changed;
                parts[2][repeat] = System.nanoTime() - laidOut;
            });
        }
        for (final long[] part : parts)
        {
            Arrays.sort(part);
        }
        return String.format("%.0f+%.0f+%.0f", parts[0][REPEATS / 2] / 1e6, parts[1][REPEATS / 2] / 1e6,
            parts[2][REPEATS / 2] / 1e6);
    }

    private static String rss() throws java.io.IOException
    {
        final StringBuilder text = new StringBuilder();
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:"))
            {
                text.append(text.length() == 0 ? "" : " ").append(line.replaceAll("\\s+", " "));
            }
        }
        return text.toString();
    }

    private static long heapAfterGc()
    {
        for (int i = 0; i < 3; i++)
        {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static DestinationInfo destination(final int i, final int tick)
    {
        final String name = (0 == i % 4 ? "orders." : 1 == i % 4 ? "payments." : 2 == i % 4 ? "DLQ.orders." :
            "prices.") + i;
        return new DestinationInfo(name, 3 == i % 4 ? DestinationType.TOPIC : DestinationType.QUEUE,
            (i * 7L + tick) % 1_000, i % 5, i % 3, i * 11L + tick * 3L, 0, 2 == i % 4, false, (i + tick) % 40, 0);
    }
}
