package io.aeolus.console;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
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

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 2, a selector and a search in the message browser cover the messages paged out to the journal,
 * through the real console (headless) on an embedded broker whose paging window keeps 100 of the queue's 1,000
 * messages in memory: the toolbar counts the matches in the whole queue, the pager knows how many pages they fill, and
 * the last page shows the last matches, read from the journal; and a row paged out to the journal can be deleted.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class BrowserScanViewIT
{
    private static final String QUEUE = "console.it.scan";
    private static final int COUNT = 1000;

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
            for (int i = 0; i < COUNT; i++)
            {
                final TextMessage message = session.createTextMessage(i % 100 == 42 ? "needle " + i : "m" + i);
                message.setStringProperty("kind", i % 10 == 3 ? "odd" : "even");
                producer.send(message);
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
    void aSelectorCountsAndPagesThroughTheMatchesPagedOutToTheJournal(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.window.selectTab("browserTab");
            console.viewModel.browser().queueProperty().set(QUEUE);
            console.viewModel.browser().selectorProperty().set("kind = 'odd'");
        });
        robot.clickOn("#browse");
        waitUntil(30, () -> "100 match(es) of 1,000 waiting".equals(text(robot, "#browserTotal")));
        waitUntil(30, () -> "of 2".equals(text(robot, "#browserPageCount")));
        waitUntil(30, () -> bodies(robot).equals(odd(0, 50)));

        robot.clickOn("#lastPage");
        waitUntil(30, () -> bodies(robot).equals(odd(50, 100)));
        assertEquals("Page 2 of 2: 50 message(s)", text(robot, "#browserStatus"));
        assertEquals(true, robot.lookup("#nextPage").queryAs(Button.class).isDisabled(), "on the last page");
    }

    @Test
    void aSearchFindsTheTextInMessagesPagedOutToTheJournal(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.window.selectTab("browserTab");
            console.viewModel.browser().queueProperty().set(QUEUE);
            console.viewModel.browser().pageSizeProperty().set(4);
            console.viewModel.browser().searchProperty().set("NEEDLE");
        });
        robot.clickOn("#browse");
        waitUntil(30, () -> "10 match(es) of 1,000 waiting".equals(text(robot, "#browserTotal")));
        waitUntil(30, () -> "of 3".equals(text(robot, "#browserPageCount")));

        robot.clickOn("#lastPage");
        waitUntil(30, () -> bodies(robot).equals(List.of("needle 842", "needle 942")));
        assertEquals("Page 3 of 3: 2 match(es)", text(robot, "#browserStatus"));
    }

    @Test
    void deletesASelectedRowPagedOutToTheJournal(final FxRobot robot) throws Exception
    {
        final String queue = "console.it.scan.delete";
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < 300; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
        robot.interact(() ->
        {
            console.window.selectTab("browserTab");
            console.viewModel.browser().queueProperty().set(queue);
        });
        robot.clickOn("#browse");
        waitUntil(30, () -> "of 6".equals(text(robot, "#browserPageCount")));
        robot.clickOn("#lastPage");
        waitUntil(30, () -> bodies(robot).equals(plain(250, 300)));

        robot.interact(() ->
        {
            messages(robot).getSelectionModel().clearAndSelect(49);
            messages(robot).requestFocus();
        });
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Delete the 1 selected message(s) from '" + queue + "'?"));
        robot.clickOn("#confirmOk");

        waitUntil(30, () -> bodies(robot).equals(plain(250, 299)));
    }

    @SuppressWarnings("unchecked")
    private static TableView<BrowsedMessage> messages(final FxRobot robot)
    {
        return robot.lookup("#browserMessages").queryAs(TableView.class);
    }

    private static List<String> plain(final int from, final int to)
    {
        return IntStream.range(from, to).mapToObj((i) -> "m" + i).toList();
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

    /** The bodies of the messages of kind odd, from the {@code from}th to before the {@code to}th. */
    private static List<String> odd(final int from, final int to)
    {
        return IntStream.range(from, to).map((i) -> 10 * i + 3).mapToObj((i) -> "m" + i).toList();
    }
}
