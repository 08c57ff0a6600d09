package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

import static io.aeolus.console.FxQueries.buttonInPopup;
import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 2, per-message work in the message browser through the real console (headless) on an embedded
 * broker: a double-click on a destination opens it in the browser with its total; selected messages are deleted (Del,
 * after confirmation, Undo from the trash), moved (context menu), copied (Ctrl+Shift+C) and resent (Ctrl+R); the
 * search field finds messages by their text through the broker's search.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class MessageWorkViewIT
{
    private static final List<String> BODIES = List.of("m0", "m1", "m2", "find the Needle here", "m4");

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String queue;

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
        queue = "console.it.work." + ++tests;
        send(queue);
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
    void doubleClickOnADestinationOpensItInTheBrowserWithItsTotal(final FxRobot robot) throws Exception
    {
        openByDoubleClick(robot);
        assertEquals(BODIES.size(), messages(robot).getItems().size());
        waitUntil(20, () -> "5 waiting in all".equals(robot.lookup("#browserTotal").queryAs(Label.class).getText()));
    }

    @Test
    void deleteKeyRemovesTheSelectedMessagesAfterConfirmationAndUndoPutsThemBack(final FxRobot robot)
        throws Exception
    {
        openByDoubleClick(robot);
        robot.interact(() ->
        {
            messages(robot).getSelectionModel().selectRange(0, 2);
            messages(robot).requestFocus();
        });
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Delete the 2 selected message(s) from '" + queue + "'?"));
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> List.of("m2", "find the Needle here", "m4").equals(browse(queue)));
        waitUntil(20, () -> 3 == messages(robot).getItems().size());
        waitUntil(20, () -> null != buttonInPopup(robot, "Undo"));
        robot.clickOn(buttonInPopup(robot, "Undo"));
        waitUntil(20, () -> BODIES.size() == browse(queue).size());
    }

    @Test
    void contextMenuMovesTheSelectedMessageToAnotherQueue(final FxRobot robot) throws Exception
    {
        openByDoubleClick(robot);
        FxQueries.openContextMenu(robot, cell(robot, "#browserMessages", id(robot, 1)));
        robot.clickOn(FxQueries.menuItem("moveMessagesItem"));
        WaitForAsyncUtils.waitForFxEvents();
        chooseTarget(robot, queue + ".moved", false);

        waitUntil(20, () -> List.of("m1").equals(browse(queue + ".moved")));
        waitUntil(20, () -> !browse(queue).contains("m1"));
        waitUntil(20, () -> 4 == messages(robot).getItems().size());
        waitUntil(20, () -> FxQueries.windowShows("1 message(s) moved to " + queue + ".moved."));
    }

    @Test
    void keysCopyAndResendTheSelectedMessages(final FxRobot robot) throws Exception
    {
        openByDoubleClick(robot);
        robot.interact(() ->
        {
            messages(robot).getSelectionModel().clearAndSelect(0);
            messages(robot).requestFocus();
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Copy 1 message(s) from '" + queue + "' to"), "Ctrl+Shift+C asks where");
        chooseTarget(robot, queue + ".copies", false);
        waitUntil(20, () -> List.of("m0").equals(browse(queue + ".copies")));
        assertEquals(BODIES, browse(queue), "a copy leaves the original");

        robot.interact(() ->
        {
            messages(robot).getSelectionModel().clearAndSelect(4);
            messages(robot).requestFocus();
        });
        robot.press(KeyCode.CONTROL, KeyCode.R).release(KeyCode.R, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        chooseTarget(robot, queue + ".again", false);
        waitUntil(20, () -> List.of("m4").equals(browse(queue + ".again")));
        assertEquals(BODIES, browse(queue), "a resend leaves the original");
        assertEquals("4", property(queue + ".again", "index"), "the properties go with it");
    }

    @Test
    void searchFindsMessagesByTheirText(final FxRobot robot) throws Exception
    {
        openByDoubleClick(robot);
        robot.interact(() -> robot.lookup("#browserSearch").queryAs(TextField.class).setText("needle"));
        robot.clickOn("#browse");
        waitUntil(20, () -> 1 == messages(robot).getItems().size());
        assertEquals("find the Needle here", messages(robot).getItems().get(0).bodyText());
        waitUntil(20, () -> FxQueries.windowShows("Page 1 of 1: 1 match(es)"));
    }

    private void openByDoubleClick(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(queue));
        robot.doubleClickOn(cell(robot, "#destinationsTable", queue));
        waitUntil(40, () -> BODIES.size() == messages(robot).getItems().size());
        assertTrue(robot.lookup("#browserMessages").query().isVisible(), "the browser tab is shown");
    }

    private static void chooseTarget(final FxRobot robot, final String target, final boolean topic)
    {
        robot.interact(() ->
        {
            @SuppressWarnings("unchecked")
            final ComboBox<String> box = robot.lookup("#targetDestination").queryAs(ComboBox.class);
            box.getEditor().setText(target);
        });
        robot.clickOn("#targetOk");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static TableView<BrowsedMessage> messages(final FxRobot robot)
    {
        return robot.lookup("#browserMessages").queryAs(TableView.class);
    }

    private static String id(final FxRobot robot, final int row)
    {
        return messages(robot).getItems().get(row).messageId();
    }

    private static void send(final String queueName) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            int index = 0;
            for (final String body : BODIES)
            {
                final TextMessage message = session.createTextMessage(body);
                message.setIntProperty("index", index++);
                producer.send(message);
            }
        }
    }

    private static List<String> browse(final String queueName) throws Exception
    {
        final List<String> bodies = new ArrayList<>();
        for (final TextMessage message : messagesOf(queueName))
        {
            bodies.add(message.getText());
        }
        return bodies;
    }

    private static String property(final String queueName, final String name) throws Exception
    {
        return messagesOf(queueName).get(0).getObjectProperty(name).toString();
    }

    private static List<TextMessage> messagesOf(final String queueName) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue target = session.createQueue(queueName);
            final List<TextMessage> messages = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(target))
            {
                for (final Object message : Collections.list(browser.getEnumeration()))
                {
                    messages.add((TextMessage)message);
                }
            }
            return messages;
        }
    }
}
