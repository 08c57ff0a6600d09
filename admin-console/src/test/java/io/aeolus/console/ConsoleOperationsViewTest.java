package io.aeolus.console;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.HistoryPoint;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.management.JobState;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.jobs.JobRow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;

import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Purge with undo, the trash, bulk jobs, dead-letter triage and history charts, headless, against a
 * {@link FakeBackend}: the real main window, task runner and timer, driven by clicks.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleOperationsViewTest
{
    private ConsoleFixture console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        final FakeBackend backend = new FakeBackend()
            .putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 5, 0, 1, 5, 0, false))
            .putDestination(new DestinationInfo("DLQ.orders", DestinationType.QUEUE, 100, 0, 0, 100, 0, true))
            .putDestination(new DestinationInfo(SystemDestinations.TRASH_QUEUE, DestinationType.QUEUE, 7, 0, 0, 7,
                0, false))
            .putHistory("orders", HistoryRange.ONE_HOUR, List.of(new HistoryPoint(1_000L, 5, 1, 1),
                new HistoryPoint(11_000L, 6, 2, 1), new HistoryPoint(21_000L, 7, 3, 1)));
        for (int i = 0; i < 5; i++)
        {
            backend.addMessage("orders", new BrowsedMessage("ID:order-" + i, 0, Map.of(), Map.of(), "o" + i, 2));
        }
        for (int i = 0; i < 100; i++)
        {
            backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:dead-" + i, "orders",
                i < 70 ? "max delivery attempts (5) exceeded" : "expired", 1_000_000L + i * 1_000L, 5));
        }
        console = new ConsoleFixture(backend);
        stage.setScene(console.window.createScene(1100, 700, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void shouldPurgeAQueueAfterConfirmationAndUndoItFromTheNotification(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(() -> cellTexts(robot, "#destinationsTable").contains("orders"));
        assertFalse(cellTexts(robot, "#destinationsTable").contains(SystemDestinations.TRASH_QUEUE),
            "the trash is hidden with the system destinations");

        robot.clickOn(cell(robot, "#destinationsTable", "orders"));
        robot.clickOn("#purgeDestination");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");

        waitUntil(() -> console.backend.browse("orders", "", 0, 10).isEmpty());
        waitUntil(() -> null != undoButton(robot));
        final Button undo = undoButton(robot);
        robot.clickOn(undo);
        waitUntil(() -> console.backend.browse("orders", "", 0, 10).size() == 5);
        assertTrue(undo.isDisabled(), "an Undo that was used cannot be used again");
        waitUntil(() -> notificationShows("5 message(s) restored to orders"));
    }

    @Test
    void shouldRestoreABatchFromTheTrashTabAfterConfirmation(final FxRobot robot) throws Exception
    {
        connect();
        console.backend.purge("orders");
        robot.interact(() -> console.window.selectTab("trashTab"));
        waitUntil(() -> cellTexts(robot, "#trashTable").containsAll(List.of("purge", "orders", "5")));

        robot.clickOn(cell(robot, "#trashTable", "purge"));
        robot.clickOn("#restoreBatch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");

        waitUntil(() -> console.backend.browse("orders", "", 0, 10).size() == 5);
        waitUntil(() -> robot.lookup("#trashTable").queryAs(TableView.class).getItems().isEmpty());
    }

    @Test
    void shouldRunABulkRetryWithADryRunProgressAndCancel(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        waitUntil(() -> cellTexts(robot, "#deadLettersTable").contains("ID:dead-0"));

        robot.clickOn("#bulkDlq");
        waitUntil(() -> null != dialogWindow());
        robot.clickOn("#jobRate").write("10");
        final Button start = robot.lookup("#jobStart").queryButton();
        assertTrue(start.isDisabled(), "no start before a dry run");
        robot.clickOn("#jobDryRun");
        final Label result = robot.lookup("#jobDryRunResult").queryAs(Label.class);
        waitUntil(() -> result.getText().startsWith("100 message(s) match"));
        robot.clickOn("#jobStart");
        waitUntil(() -> null == dialogWindow());

        robot.interact(() -> console.window.selectTab("jobsTab"));
        waitUntil(() -> !console.viewModel.jobs().rows().isEmpty());
        final JobRow job = console.viewModel.jobs().rows().get(0);
        waitUntil(() -> job.processedProperty().get() >= 10);
        assertTrue(cellTexts(robot, "#jobsTable").contains("running"));
        robot.clickOn(cell(robot, "#jobsTable", "Retry"));
        robot.clickOn("#cancelJob");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#cancelJobConfirm").tryQuery().isPresent(), "cancel asks first");
        robot.clickOn("#confirmOk");

        waitUntil(() -> job.stateProperty().get() == JobState.CANCELLED);
        waitUntil(() -> cellTexts(robot, "#jobsTable").contains("cancelled"));
        final long processed = job.processedProperty().get();
        assertTrue(processed < 100, "cancelled mid-way: " + processed);
        assertEquals(100 - processed, console.backend.deadLetterCount("DLQ.orders"));
        assertTrue(cellTexts(robot, "#jobsTable").contains(processed + " / 100"), cellTexts(robot, "#jobsTable")
            .toString());
    }

    @Test
    void shouldGroupDeadLettersByCauseAndRetryOneCause(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        waitUntil(() -> cellTexts(robot, "#triageTable").contains("expired"));
        assertEquals(List.of("max delivery attempts (5) exceeded", "70", "expired", "30"),
            cellTexts(robot, "#triageTable").stream().filter((text) -> text.equals("expired") ||
                text.startsWith("max") || text.equals("70") || text.equals("30")).toList());

        robot.clickOn(cell(robot, "#triageTable", "expired"));
        robot.clickOn("#retryCause");
        waitUntil(() -> null != dialogWindow());
        assertEquals("AEOLUS_DLQ_REASON = 'expired'", robot.lookup("#jobSelector").queryAs(TextField.class).getText());
        robot.clickOn("#jobDryRun");
        waitUntil(() -> robot.lookup("#jobDryRunResult").queryAs(Label.class).getText().startsWith("30 message"));
        robot.clickOn("#jobStart");

        waitUntil(() -> console.backend.retriedIds().size() == 30);
        assertTrue(console.backend.retriedIds().stream().allMatch((id) -> Integer.parseInt(id.substring(8)) >= 70));
        waitUntil(() -> !cellTexts(robot, "#triageTable").contains("expired"));
    }

    @Test
    void shouldLoadTheChosenHistoryRangeOnTheDashboardAndInTheDestinationDetail(final FxRobot robot)
        throws Exception
    {
        connect();
        waitUntil(() -> console.viewModel.dashboard().history().points().size() == 600);
        assertTrue(robot.lookup("#dashboardRange10m").queryAs(ToggleButton.class).isSelected());

        robot.clickOn("#dashboardRange1h");
        waitUntil(() -> console.viewModel.dashboard().history().points().size() == 360);
        assertTrue(robot.lookup("#dashboardRange1h").queryAs(ToggleButton.class).isSelected());
        assertFalse(robot.lookup("#dashboardRange10m").queryAs(ToggleButton.class).isSelected());
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(() -> cellTexts(robot, "#destinationsTable").contains("orders"));
        robot.clickOn(cell(robot, "#destinationsTable", "orders"));
        robot.clickOn("#detailRange1h");

        waitUntil(() -> console.viewModel.destinationDetail().history().points().size() == 3);
        assertEquals("orders", robot.lookup("#detailName").queryAs(Label.class).getText());
        final LineChart<?, ?> rates = robot.lookup("#detailRateChart").queryAs(LineChart.class);
        assertEquals(List.of(3, 3), rates.getData().stream().map((series) -> series.getData().size()).toList());
    }

    private void connect() throws TimeoutException
    {
        console.viewModel.uiExecutor().execute(() -> console.viewModel.connect("aeolus:ipc", "admin", new char[0]));
        waitUntil(() -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
    }

    private static Button undoButton(final FxRobot robot)
    {
        return FxQueries.buttonInPopup(robot, "Undo");
    }

    private boolean notificationShows(final String text)
    {
        return FxQueries.windowShows(text);
    }

    private Window dialogWindow()
    {
        return FxQueries.dialogWindow(stage);
    }

    private static TableCell<?, ?> cell(final FxRobot robot, final String table, final String text)
    {
        return FxQueries.cell(robot, table, text);
    }

    private static List<String> cellTexts(final FxRobot robot, final String table)
    {
        return FxQueries.cellTexts(robot, table);
    }

    private static void waitUntil(final Callable<Boolean> condition) throws TimeoutException
    {
        FxQueries.waitUntil(10, condition);
    }
}
