package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.DeadLetterProperty;
import jakarta.jms.Connection;
import jakarta.jms.MapMessage;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defects 1, 3, 4, 6 and 7 through the real console (headless) on an embedded broker: the title says "not
 * connected" before any connection and Disconnect empties the tiles, tables, dead letters and the dead-letter viewer
 * (defect 6); after "Retry selected" the triage counts what is left (defect 4); the depth tile and the broker's own
 * history count the same messages, and a purge (to the trash) shows as a drop (defect 1); the broker's long refusal
 * of a bad selector leaves the selector field its width (defect 3); a MapMessage shows its entries with their types,
 * the body type has a column of its own beside JMSType, the bulk dialog's move target and the dead-letter queue
 * chooser suggest queues by any part of their name (defect 7).
 */
@Timeout(180)
@ExtendWith(ApplicationExtension.class)
class ConsoleDefectsViewIT
{
    private static final String DASH = "\u2013";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String origin;
    private String dlq;

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
        origin = "console.it.defects." + ++tests;
        dlq = "DLQ." + origin;
        sendDeadLetters();
        console = new RealConsole();
        stage.setScene(console.window.createScene(1200, 760, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void titleSaysNotConnectedUntilConnectedAndDisconnectLeavesNoOldData(final FxRobot robot) throws Exception
    {
        assertEquals("Aeolus console - not connected", console.viewModel.windowTitleProperty().get());
        connect(robot);
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(dlq));
        waitUntil(30, () -> !DASH.equals(robot.lookup("#dashboardDepth").queryAs(Label.class).getText()));
        final DeadLetter first = console.viewModel.deadLetters().messages().get(0);
        robot.clickOn(cell(robot, "#deadLettersTable", first.messageId()));
        waitUntil(30, () -> null != console.viewModel.deadLetters().inspector().viewer().messageProperty().get());

        robot.interact(() -> console.window.selectTab("destinationsTab"));
        robot.clickOn("#disconnectButton");

        waitUntil(20, () -> !cellTexts(robot, "#destinationsTable").contains(dlq));
        assertEquals(DASH, robot.lookup("#dashboardDepth").queryAs(Label.class).getText());
        assertTrue(console.viewModel.deadLetters().messages().isEmpty(), "no dead letters of a broker left");
        assertNull(console.viewModel.deadLetters().inspector().viewer().messageProperty().get(),
            "no dead letter in the viewer");
        assertEquals("Aeolus console - not connected", console.viewModel.windowTitleProperty().get());
    }

    @Test
    void theDepthTileAndTheBrokersHistoryCountTheSameMessagesAfterAPurge(final FxRobot robot) throws Exception
    {
        final String queue = origin + ".waiting";
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < 7; i++)
            {
                producer.send(session.createTextMessage("waiting " + i));
            }
        }
        connect(robot);
        robot.interact(() -> console.window.selectTab("dashboardTab"));
        waitUntil(30, () -> tileDepth(robot) >= 10 && tileDepth(robot) == brokerHistoryDepth());

        final long before = tileDepth(robot);
        console.backend.purge(queue);

        waitUntil(30, () -> tileDepth(robot) == before - 7);
        waitUntil(30, () -> brokerHistoryDepth() == before - 7);
        final List<io.aeolus.management.HistoryPoint> live = console.viewModel.dashboard().history().points();
        assertEquals(before - 7, live.get(live.size() - 1).depth(), "the purge is a drop, not an inflow to the trash");
    }

    @Test
    void triageCountsWhatIsLeftAfterRetrySelected(final FxRobot robot) throws Exception
    {
        connect(robot);
        final Label triageStatus = robot.lookup("#triageStatus").queryAs(Label.class);
        waitUntil(30, () -> triageStatus.getText().startsWith("3 dead letter(s) in 2 group(s)"));
        final DeadLetter poisoned = console.viewModel.deadLetters().messages().stream()
            .filter((deadLetter) -> "poison".equals(deadLetter.reason())).findFirst().orElseThrow();

        robot.clickOn(cell(robot, "#deadLettersTable", poisoned.messageId()));
        robot.clickOn("#retrySelected");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");

        waitUntil(30, () -> triageStatus.getText().startsWith("2 dead letter(s) in 2 group(s)"));
        final List<String> groups = cellTexts(robot, "#triageTable");
        assertEquals("1", groups.get(groups.indexOf("poison") + 1), groups.toString());
    }

    @Test
    void theBrokersRefusalOfABadSelectorLeavesTheSelectorItsWidth(final FxRobot robot) throws Exception
    {
        connect(robot);
        robot.interact(() -> console.window.selectTab("browserTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
        robot.interact(() -> queue.setValue(dlq));
        robot.clickOn("#browse");
        waitUntil(30, () -> 3 == robot.lookup("#browserMessages").queryAs(TableView.class).getItems().size());
        final TextField selector = robot.lookup("#browserSelector").queryAs(TextField.class);
        final Label status = robot.lookup("#browserStatus").queryAs(Label.class);
        final double before = selector.getWidth();

        robot.interact(() -> selector.setText("reason = = 'poison' AND (a LIKE 'x' OR b IN ('y', 'z')) AND c"));
        robot.clickOn("#browse");

        waitUntil(30, () -> status.getText().startsWith("Browse failed"));
        assertTrue(selector.getWidth() >= 240, "squeezed to " + selector.getWidth());
        assertEquals(before, selector.getWidth(), 1.0);
    }

    @Test
    void aMapMessageShowsItsEntriesWithTypesAndTheBodyTypeHasItsOwnColumn(final FxRobot robot) throws Exception
    {
        final String queueName = origin + ".map";
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MapMessage message = session.createMapMessage();
            message.setInt("qty", 2);
            message.setString("code", "2");
            message.setDouble("price", 9.5);
            message.setJMSType("order-v2");
            session.createProducer(session.createQueue(queueName)).send(message);
        }
        connect(robot);
        robot.interact(() -> console.window.selectTab("browserTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
        robot.interact(() -> queue.setValue(queueName));

        robot.clickOn("#browse");

        final TextArea body = robot.lookup("#messageBody").queryAs(TextArea.class);
        waitUntil(30, () -> body.getText().contains("qty (int) = 2"));
        assertTrue(body.getText().contains("code (string) = \"2\""), body.getText());
        assertTrue(body.getText().contains("price (double) = 9.5"), body.getText());
        final List<String> row = cellTexts(robot, "#browserMessages");
        assertTrue(row.containsAll(List.of("order-v2", "MAP")), row.toString());
    }

    @Test
    void theBulkMoveTargetSuggestsQueuesByAnyPartOfTheirName(final FxRobot robot) throws Exception
    {
        connect(robot);
        robot.clickOn("#bulkDlq");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        final ComboBox<io.aeolus.management.JobKind> kind = robot.lookup("#jobKind").queryAs(ComboBox.class);
        robot.interact(() -> kind.setValue(io.aeolus.management.JobKind.MOVE));

        robot.clickOn("#jobTarget").write("defects." + tests);

        waitUntil(20, () -> suggestions().contains(origin));
    }

    private static long tileDepth(final FxRobot robot)
    {
        final String text = robot.lookup("#dashboardDepth").queryAs(Label.class).getText();
        return DASH.equals(text) ? -1 : Long.parseLong(text.replace(",", ""));
    }

    /** The depth of the broker as a whole at the last second its own history recorded. */
    private long brokerHistoryDepth() throws Exception
    {
        final List<io.aeolus.management.HistoryPoint> points =
            console.backend.history("", false, io.aeolus.console.backend.HistoryRange.ONE_MINUTE);
        return points.isEmpty() ? -2 : points.get(points.size() - 1).depth();
    }

    @Test
    void theDeadLetterQueueChooserFindsAQueueByAnyPartOfItsName(final FxRobot robot) throws Exception
    {
        connect(robot);
        @SuppressWarnings("unchecked")
        final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
        robot.interact(() -> chooser.getEditor().clear());

        robot.clickOn(chooser.getEditor()).write("defects." + tests);

        waitUntil(20, () -> suggestions().contains(dlq));
    }

    /** The names a showing suggestion popup offers, empty if none shows. */
    private static List<String> suggestions()
    {
        for (final javafx.stage.Window window : List.copyOf(javafx.stage.Window.getWindows()))
        {
            if (window.isShowing() && null != window.getScene() && !(window instanceof Stage))
            {
                final javafx.scene.Node list = window.getScene().getRoot().lookup(".list-view");
                if (list instanceof javafx.scene.control.ListView)
                {
                    return ((javafx.scene.control.ListView<?>)list).getItems().stream().map(Object::toString)
                        .toList();
                }
            }
        }
        return List.of();
    }

    private void connect(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.viewModel.connect(broker.ipcUrl(), "", new char[0]));
        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
        waitUntil(30, () -> chooser.getItems().contains(dlq));
        robot.interact(() -> chooser.getSelectionModel().select(dlq));
        waitUntil(30, () -> 3 == console.viewModel.deadLetters().messages().size());
    }

    private void sendDeadLetters() throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(origin)).close();
            final MessageProducer producer = session.createProducer(session.createQueue(dlq));
            for (int i = 0; i < 3; i++)
            {
                final TextMessage message = session.createTextMessage("dead " + i);
                message.setStringProperty(DeadLetterProperty.ORIGINAL_DESTINATION, origin);
                message.setStringProperty(DeadLetterProperty.REASON, 0 == i ? "expired" : "poison");
                producer.send(message);
            }
        }
    }
}
