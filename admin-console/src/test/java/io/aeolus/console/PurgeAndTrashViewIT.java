package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
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

import javafx.scene.control.Button;
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
 * Issue #7, purge and trash, through the real console (headless) on an embedded broker: Purge on a queue asks for
 * confirmation and empties it; the notification's Undo puts the messages back from the broker's trash; the Trash tab
 * lists the purge and restores it after confirmation. A used Undo is disabled (issue #20, defect 6).
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class PurgeAndTrashViewIT
{
    private static final List<String> BODIES = List.of("one", "two", "three", "four", "five");

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int queues;
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
        queue = "console.it.purge." + ++queues;
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
    void purgeEmptiesTheQueueAfterConfirmationAndUndoPutsTheMessagesBack(final FxRobot robot) throws Exception
    {
        purgeThroughTheDestinationsTab(robot);

        waitUntil(20, () -> null != buttonInPopup(robot, "Undo"));
        final Button undo = WaitForAsyncUtils.waitForAsyncFx(10_000, () -> buttonInPopup(robot, "Undo"));
        robot.clickOn(undo);

        waitUntil(20, () -> browse(queue).size() == BODIES.size());
        assertEquals(BODIES, browse(queue), "back in their order");
        waitUntil(20, () -> FxQueries.windowShows("5 message(s) restored to " + queue));
        // Issue #20 defect 6: an Undo used once cannot be used again on what is no longer in the trash.
        waitUntil(20, () -> WaitForAsyncUtils.waitForAsyncFx(10_000, undo::isDisabled));
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains("5"));
    }

    @Test
    void trashTabListsThePurgeAndRestoresItAfterConfirmation(final FxRobot robot) throws Exception
    {
        purgeThroughTheDestinationsTab(robot);

        robot.interact(() -> console.window.selectTab("trashTab"));
        waitUntil(20, () -> cellTexts(robot, "#trashTable").containsAll(List.of("purge", queue, "5")));
        robot.clickOn(cell(robot, "#trashTable", queue));
        robot.clickOn("#restoreBatch");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> browse(queue).size() == BODIES.size());
        assertEquals(BODIES, browse(queue));
        waitUntil(20, () -> !cellTexts(robot, "#trashTable").contains(queue));
    }

    private void purgeThroughTheDestinationsTab(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(queue));
        robot.clickOn(cell(robot, "#destinationsTable", queue));
        robot.clickOn("#purgeDestination");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Purge the 5 message(s) waiting in '" + queue + "'?"),
            "the confirmation says what will happen");
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> browse(queue).isEmpty());
        waitUntil(20, () -> FxQueries.windowShows("5 message(s) moved to the trash."));
    }

    private static void send(final String queueName) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queueName));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (final String body : BODIES)
            {
                producer.send(session.createTextMessage(body));
            }
        }
    }

    private static List<String> browse(final String queueName) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Queue target = session.createQueue(queueName);
            final List<String> bodies = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(target))
            {
                for (final Object message : Collections.list(browser.getEnumeration()))
                {
                    bodies.add(((TextMessage)message).getText());
                }
            }
            return bodies;
        }
    }
}
