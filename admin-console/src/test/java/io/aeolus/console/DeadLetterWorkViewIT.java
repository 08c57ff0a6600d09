package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.DeadLetter;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.DeadLetterProperty;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.time.Duration;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 3, dead letters, through the real console (headless) on an embedded broker: the selected dead
 * letter's body, headers and properties are shown, read whole from the broker; choosing a triage group limits the
 * list to that cause (and "Show all" lifts it); a file written by Export is imported into the dead-letter queue, and
 * a path that names no file is refused in the dialog.
 */
@Timeout(180)
@ExtendWith(ApplicationExtension.class)
class DeadLetterWorkViewIT
{
    private static final String POISON = "poison";
    private static final String EXPIRED = "expired";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path files;

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
        origin = "console.it.dead." + ++tests;
        dlq = "DLQ." + origin;
        sendDeadLetters(dlq, origin);
        console = new RealConsole();
        stage.setScene(console.window.createScene(1200, 760, false));
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
    void selectedDeadLetterShowsItsWholeBodyHeadersAndProperties(final FxRobot robot) throws Exception
    {
        openDeadLetters(robot);
        final DeadLetter first = console.viewModel.deadLetters().messages().get(0);

        robot.clickOn(cell(robot, "#deadLettersTable", first.messageId()));

        final TextArea body = robot.lookup("#dlqMessageBody").queryAs(TextArea.class);
        waitUntil(20, () -> body.getText().contains("\"orderId\": 0"));
        waitUntil(20, () -> cellTexts(robot, "#dlqBrowserHeaders").containsAll(List.of("BodyType", "TEXT")));
        final List<String> properties = cellTexts(robot, "#dlqBrowserProperties");
        assertTrue(properties.containsAll(List.of("orderId", "0", DeadLetterProperty.REASON, POISON)),
            properties.toString());
    }

    @Test
    void choosingATriageGroupShowsOnlyItsDeadLettersUntilShowAll(final FxRobot robot) throws Exception
    {
        openDeadLetters(robot);
        waitUntil(20, () -> cellTexts(robot, "#triageTable").contains(EXPIRED));

        robot.clickOn(cell(robot, "#triageTable", EXPIRED));

        waitUntil(20, () -> 3 == table(robot).getItems().size());
        assertTrue(table(robot).getItems().stream().allMatch((deadLetter) -> EXPIRED.equals(deadLetter.reason())));
        assertTrue(robot.lookup("#dlqFilter").queryAs(Label.class).getText().contains(EXPIRED));

        robot.clickOn("#dlqShowAll");

        waitUntil(20, () -> 5 == table(robot).getItems().size());
        assertEquals(0, robot.lookup("#triageTable").queryAs(TableView.class).getSelectionModel()
            .getSelectedItems().size());
    }

    @Test
    void anExportedFileIsImportedIntoTheDeadLetterQueue(final FxRobot robot) throws Exception
    {
        final Path file = files.resolve("export-" + tests + ".jsonl");
        final String other = "DLQ.console.it.dead.other." + tests;
        sendDeadLetters(other, "console.it.dead.other." + tests);
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
            AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
        {
            connection.start();
            assertEquals(5, admin.exportMessages(other, "", file));
        }
        openDeadLetters(robot);

        robot.clickOn("#importDlq");
        WaitForAsyncUtils.waitForFxEvents();
        final TextField path = robot.lookup("#importFile").queryAs(TextField.class);
        robot.interact(() -> path.setText(files.resolve("missing.jsonl").toString()));
        robot.clickOn("#importOk");
        final Label error = robot.lookup("#importError").queryAs(Label.class);
        waitUntil(10, () -> error.getText().contains("There is no file"));
        robot.interact(() -> path.setText(file.toString()));
        robot.clickOn("#importOk");

        // The outcome is read from the notices the console gave (a pop-up is on screen for 5 s only). After the
        // class's other tests the import went to DLQ.console.it.dead.1: the "other" dead-letter queue made above
        // replaced the chooser's items, the combo box cleared its value, and the view fell back to the first queue.
        waitUntil(60, () -> !notices("Imported").isEmpty() || !notices("Importing").isEmpty());
        assertEquals(List.of("Imported: 5 message(s) sent to " + dlq + " from " + file + "; 0 skipped because they " +
            "had expired"), notices("Imported"), notices("Importing").toString());
        waitUntil(60, () -> 10 == table(robot).getItems().size());
        waitUntil(20, () -> robot.lookup("#triageStatus").queryAs(Label.class).getText()
            .startsWith("10 dead letter(s) in 2 group(s)"));
    }

    /** The notices whose title starts so, read on the FX thread, which adds them. */
    private List<String> notices(final String titleStart) throws Exception
    {
        return WaitForAsyncUtils.asyncFx(() -> console.viewModel.notifier().history().stream()
            .filter((notice) -> notice.title().startsWith(titleStart))
            .map((notice) -> notice.title() + ": " + notice.text()).toList()).get();
    }

    private void openDeadLetters(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
        waitUntil(30, () -> chooser.getItems().contains(dlq));
        robot.interact(() -> chooser.getSelectionModel().select(dlq));
        waitUntil(30, () -> 5 == console.viewModel.deadLetters().messages().size());
    }

    @SuppressWarnings("unchecked")
    private static TableView<DeadLetter> table(final FxRobot robot)
    {
        return robot.lookup("#deadLettersTable").queryAs(TableView.class);
    }

    /**
     * Sends five dead letters as the broker would have moved them: two poisoned (JSON bodies), three expired.
     */
    private static void sendDeadLetters(final String queue, final String originalDestination) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // The origin exists, so the broker names the dead-letter queue as its DLQ in listings.
            session.createConsumer(session.createQueue(originalDestination)).close();
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < 5; i++)
            {
                final TextMessage message = session.createTextMessage("{\"orderId\": " + i + "}");
                message.setIntProperty("orderId", i);
                message.setStringProperty(DeadLetterProperty.ORIGINAL_DESTINATION, originalDestination);
                message.setStringProperty(DeadLetterProperty.REASON, i < 2 ? POISON : EXPIRED);
                producer.send(message);
            }
        }
    }
}
