package io.aeolus.console;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue #20 item 2, paging through the whole queue in the message browser through the real console (headless) on an
 * embedded broker whose paging window keeps 100 of the queue's 1,000 messages in memory: the last page, a typed page
 * and the first page show the right messages, most of them read from the journal.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class BrowserPagingViewIT
{
    private static final String QUEUE = "console.it.paging";
    private static final int COUNT = 1000;
    /** As the label formats it ("1,000" in English). */
    private static final String TOTAL = java.text.MessageFormat.format("{0} waiting in all", COUNT);

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;

    @BeforeAll
    static void startBroker() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < COUNT; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    @AfterAll
    static void stopBroker()
    {
        broker.close();
    }

    @Start
    void start(final Stage stage) throws Exception
    {
        console = new RealConsole();
        stage.setScene(console.window.createScene(1100, 700, false));
        stage.show();
        console.viewModel.connect(broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close();
    }

    @Test
    void pagesThroughMessagesPagedOutToTheJournal(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.window.selectTab("browserTab");
            console.viewModel.browser().queueProperty().set(QUEUE);
        });
        waitUntil(30, () -> TOTAL.equals(text(robot, "#browserTotal")));
        robot.clickOn("#browse");
        waitUntil(30, () -> "of 20".equals(text(robot, "#browserPageCount")));
        waitUntil(30, () -> bodies(robot).equals(range(0, 50)));

        robot.clickOn("#lastPage");
        waitUntil(30, () -> bodies(robot).equals(range(950, 1000)));
        assertEquals("Page 20 of 20: 50 message(s)", text(robot, "#browserStatus"));
        assertEquals(true, robot.lookup("#lastPage").queryAs(Button.class).isDisabled(), "on the last page");
        assertEquals(true, robot.lookup("#nextPage").queryAs(Button.class).isDisabled());

        robot.clickOn("#previousPage");
        waitUntil(30, () -> bodies(robot).equals(range(900, 950)));

        robot.interact(() -> robot.lookup("#browserPage").queryAs(TextField.class).setText("3"));
        robot.clickOn("#browserPage").type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(30, () -> bodies(robot).equals(range(100, 150)));
        assertEquals("3", robot.lookup("#browserPage").queryAs(TextField.class).getText());

        robot.clickOn("#firstPage");
        waitUntil(30, () -> bodies(robot).equals(range(0, 50)));
        waitUntil(30, () -> TOTAL.equals(text(robot, "#browserTotal")));
    }

    private static String text(final FxRobot robot, final String id)
    {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @SuppressWarnings("unchecked")
    private static List<String> bodies(final FxRobot robot)
    {
        return ((TableView<BrowsedMessage>)robot.lookup("#browserMessages").queryAs(TableView.class)).getItems()
            .stream().map(BrowsedMessage::bodyText).toList();
    }

    private static List<String> range(final int from, final int to)
    {
        return java.util.stream.IntStream.range(from, to).mapToObj((i) -> "m" + i).toList();
    }
}
