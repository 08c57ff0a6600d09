package io.aeolus.console;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Callable;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest
{
    private ConsoleFixture console;

    @Start
    void start(final Stage stage)
    {
        final String json = "{\"orderId\":7,\"lines\":[{\"sku\":\"A\"}]}";
        final FakeBackend backend = new FakeBackend()
            .putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 42, 3, 2, 1_000, 7, false))
            .putDestination(new DestinationInfo("payments", DestinationType.QUEUE, 17, 0, 1, 500, 0, false))
            .putDestination(new DestinationInfo("DLQ.orders", DestinationType.QUEUE, 2, 0, 0, 2, 0, true))
            .addDeadLetter("DLQ.orders", new DeadLetter("ID:dead-1", "orders", "expired", 1_000L, 5))
            .addDeadLetter("DLQ.orders", new DeadLetter("ID:dead-2", "orders", "max redeliveries", 2_000L, 6))
            .addMessage("orders", new BrowsedMessage("ID:m-1", 1_000L, Map.of("JMSPriority", "4"),
                Map.of("region", "eu"), json, json.length()));
        console = new ConsoleFixture(backend);
        stage.setScene(console.window.createScene(1000, 650, false));
        stage.show();
        console.viewModel.connect("aeolus:ipc", "admin", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close();
    }

    @Test
    void shouldShowFakeDepthsInTheDestinationsTable(final FxRobot robot) throws TimeoutException
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));

        waitUntil(() -> cellTexts(robot, "#destinationsTable").contains("42"));

        final List<String> texts = cellTexts(robot, "#destinationsTable");
        assertTrue(texts.containsAll(List.of("orders", "42", "payments", "17")), texts.toString());
    }

    @Test
    void shouldRetryASelectedDeadLetterAfterConfirmation(final FxRobot robot) throws TimeoutException
    {
        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        waitUntil(() -> cellTexts(robot, "#deadLettersTable").contains("ID:dead-1"));
        waitUntil(() -> cellTexts(robot, "#triageTable").contains("expired"));

        robot.clickOn("ID:dead-1");
        robot.clickOn("#retrySelected");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");
        waitUntil(() -> !console.backend.retriedIds().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("ID:dead-1"), console.backend.retriedIds());
        final TableView<?> table = robot.lookup("#deadLettersTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().size() == 1);
        assertTrue(!cellTexts(robot, "#deadLettersTable").contains("ID:dead-1"));
        // The triage is grouped again: the retried message's cause is gone from it (issue #20, defect 4).
        waitUntil(() -> !cellTexts(robot, "#triageTable").contains("expired"));
        assertTrue(cellTexts(robot, "#triageTable").contains("max redeliveries"));
    }

    @Test
    void shouldShowAJsonBodyPrettyPrinted(final FxRobot robot) throws TimeoutException
    {
        robot.interact(() -> console.window.selectTab("browserTab"));

        robot.clickOn("#browserQueue").write("orders");
        robot.clickOn("#browse");
        final TextArea body = robot.lookup("#messageBody").queryAs(TextArea.class);
        waitUntil(() -> !body.getText().isEmpty());

        assertEquals(
            "{\n  \"orderId\": 7,\n  \"lines\": [\n    {\n      \"sku\": \"A\"\n    }\n  ]\n}", body.getText());
    }

    @Test
    void shouldShowDisconnectedWhenTheBackendReportsIt(final FxRobot robot) throws TimeoutException
    {
        final StatusBar statusBar = robot.lookup("#statusBar").queryAs(StatusBar.class);
        waitUntil(() -> statusBar.getText().startsWith("Connected"));

        console.backend.simulateConnectionLost();
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals("Disconnected", statusBar.getText());
        assertEquals("disconnected", robot.lookup("#connectionState").queryAs(Label.class).getText());
    }

    private static List<String> cellTexts(final FxRobot robot, final String table)
    {
        return robot.from(robot.lookup(table).queryAs(TableView.class)).lookup(".table-cell")
            .queryAllAs(TableCell.class).stream()
            .map(TableCell::getText)
            .filter((text) -> null != text)
            .toList();
    }

    private static void waitUntil(final Callable<Boolean> condition) throws TimeoutException
    {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
