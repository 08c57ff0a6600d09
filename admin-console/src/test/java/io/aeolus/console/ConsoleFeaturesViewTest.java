package io.aeolus.console;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.management.ConnectionInfo;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.console.backend.SystemDestinations;
import io.aeolus.console.browser.MessageViewerViewModel;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
 * The console's newer views, headless, against a {@link FakeBackend}: connections, subscriptions, the system
 * destinations toggle, the message viewer, notifications, the connect dialog's errors and the send dialog.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleFeaturesViewTest
{
    private static final String BIG_BODY = "a line of a big text body\n".repeat(20_000);

    private ConsoleFixture console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        final FakeBackend backend = new FakeBackend()
            .putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 2, 0, 1, 10, 0, false))
            .putDestination(new DestinationInfo(SystemDestinations.MANAGEMENT_QUEUE, DestinationType.QUEUE,
                0, 0, 1, 40, 0, false))
            .putDestination(new DestinationInfo("TQ.9.1", DestinationType.QUEUE, 0, 0, 1, 0, 0, false, true, 0))
            .addConnection(new ConnectionInfo(21, "app-1", "orders-svc", "10.0.0.7:40001", 1, 2, 1))
            .addConnection(new ConnectionInfo(22, "aeolus-console-0badf00d", "ops", "aeron:ipc", 2, 2, 1))
            .ownClientId("aeolus-console-0badf00d")
            .addSubscription(new SubscriptionInfo("prices", "audit", "auditor", true, false, "venue = 'X'", 77, 1, 1))
            .addMessage("orders", new BrowsedMessage("ID:big", 1_000L, Map.of("JMSMessageID", "ID:big"), Map.of(),
                BIG_BODY, BIG_BODY.length()));
        console = new ConsoleFixture(backend);
        stage.setScene(console.window.createScene(1100, 700, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        robotCloseDialogs();
        console.close();
    }

    @Test
    void shouldCloseAConnectionAfterConfirmation(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("connectionsTab"));
        waitUntil(() -> cellTexts(robot, "#connectionsTable").contains("app-1"));

        robot.clickOn("app-1");
        robot.clickOn("#closeConnection");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");
        waitUntil(() -> console.backend.connections().size() == 1);
        waitUntil(() -> !cellTexts(robot, "#connectionsTable").contains("app-1"));

        assertTrue(notificationShows(robot, "Closed connection 21"), "a notification tells of the close");
    }

    @Test
    void shouldNotOfferToCloseTheConsolesOwnConnection(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("connectionsTab"));
        waitUntil(() -> cellTexts(robot, "#connectionsTable").contains("aeolus-console-0badf00d (this console)"));

        robot.clickOn("aeolus-console-0badf00d (this console)");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup("#closeConnection").queryAs(Button.class).isDisabled());
    }

    @Test
    void shouldListSubscriptionsWithTheirBacklog(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("subscriptionsTab"));

        waitUntil(() -> cellTexts(robot, "#subscriptionsTable").contains("audit"));

        assertTrue(cellTexts(robot, "#subscriptionsTable").containsAll(
            List.of("prices", "auditor", "durable", "venue = 'X'", "77")), cellTexts(robot, "#subscriptionsTable")
            .toString());
    }

    @Test
    void shouldHideSystemDestinationsUntilAskedToShowThem(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(() -> cellTexts(robot, "#destinationsTable").contains("orders"));
        assertFalse(cellTexts(robot, "#destinationsTable").contains(SystemDestinations.MANAGEMENT_QUEUE));
        assertFalse(cellTexts(robot, "#destinationsTable").contains("TQ.9.1"));

        robot.clickOn("#hideSystem");

        waitUntil(() -> cellTexts(robot, "#destinationsTable").contains(SystemDestinations.MANAGEMENT_QUEUE));
        assertTrue(cellTexts(robot, "#destinationsTable").contains("TQ.9.1"));
        assertTrue(cellTexts(robot, "#destinationsTable").contains("queue (temporary)"));
    }

    @Test
    void shouldShowABigBodyInChunksSwitchFormatsAndLoadMore(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("browserTab"));
        robot.clickOn("#browserQueue").write("orders");
        robot.clickOn("#browse");
        final TextArea body = robot.lookup("#messageBody").queryAs(TextArea.class);
        waitUntil(() -> !body.getText().isEmpty());

        final int firstChunk = body.getLength();
        assertTrue(firstChunk <= MessageViewerViewModel.DISPLAY_CHUNK_CHARS, Integer.toString(firstChunk));
        robot.clickOn("#loadMore");
        waitUntil(() -> body.getLength() == BIG_BODY.length());
        assertTrue(robot.lookup("#loadMore").queryAs(Button.class).isDisabled());

        robot.clickOn("#formatHEX");
        waitUntil(() -> body.getText().startsWith("00000000 | 61 20 6C 69 6E 65"));
        assertTrue(body.getLength() <= MessageViewerViewModel.DISPLAY_CHUNK_CHARS);
        assertTrue(robot.lookup("#bodyNote").queryAs(Label.class).getText().startsWith("Hex dump of 520,000 bytes") ||
            robot.lookup("#bodyNote").queryAs(Label.class).getText().startsWith("Hex dump of 520000 bytes"));
    }

    @Test
    void shouldShowANotificationWithTheErrorTextWhenABackendCallFails(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("connectionsTab"));
        console.backend.failOn("connections",
            new JMSException("the broker did not answer 'connections' within 10000 ms", "TIMEOUT"));

        robot.clickOn("#refreshConnections");

        waitUntil(() -> notificationShows(robot, "the broker did not answer 'connections' within 10000 ms"));
        assertTrue(notificationShows(robot, "Loading connections failed"));
    }

    @Test
    void shouldShowAnAuthenticationErrorInTheConnectDialogAndStayOpen(final FxRobot robot) throws Exception
    {
        console.backend.requireLogin("admin", "secret");
        robot.interact(() -> Platform.runLater(console.window::showConnectDialog));
        waitUntil(() -> null != dialogWindow());

        robot.clickOn("#connectUser").write("admin");
        robot.clickOn("#connectPassword").write("wrong");
        robot.clickOn("#connectOk");

        final Label error = robot.lookup("#connectError").queryAs(Label.class);
        waitUntil(() -> error.getText().startsWith("Authentication failed for user 'admin'"));
        assertTrue(dialogWindow().isShowing(), "the dialog stays open to try again");

        robot.clickOn("#connectPassword").write("secret");
        robot.clickOn("#connectOk");
        waitUntil(() -> null == dialogWindow());
        waitUntil(() -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
    }

    @Test
    void shouldSendNothingUntilTheFormIsValidThenSend(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> Platform.runLater(console.window::showSendDialog));
        waitUntil(() -> null != dialogWindow());
        final Button send = robot.lookup("#sendOk").queryAs(Button.class);
        assertTrue(send.isDisabled());

        robot.clickOn("#sendDestination").write("orders");
        robot.clickOn("#sendBody").write("hello");
        robot.doubleClickOn("#sendPriority").write("12");
        WaitForAsyncUtils.waitForFxEvents();

        final Label problems = robot.lookup("#sendProblems").queryAs(Label.class);
        assertEquals("Priority: '12' is not a whole number from 0 to 9", problems.getText());
        assertTrue(send.isDisabled());
        assertEquals("Priority: '12' is not a whole number from 0 to 9", fieldError(robot, "#sendPriority"));
        assertTrue(console.backend.sentMessages().isEmpty());

        robot.doubleClickOn("#sendPriority").write("7");
        waitUntil(() -> !send.isDisabled());
        robot.clickOn("#sendOk");

        waitUntil(() -> null == dialogWindow());
        assertEquals(1, console.backend.sentMessages().size());
        assertEquals(7, console.backend.sentMessages().get(0).priority());
        assertEquals("hello", console.backend.sentMessages().get(0).text());
        waitUntil(() -> notificationShows(robot, "Text message sent to queue 'orders'"));
    }

    @Test
    void shouldKeepTheFormWhenTheDialogIsOpenedAgain(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> Platform.runLater(console.window::showSendDialog));
        waitUntil(() -> null != dialogWindow());
        robot.clickOn("#sendDestination").write("audit.trail");
        robot.clickOn("#sendAddProperty");
        robot.clickOn("#propertyName0").write("region");
        robot.interact(() -> dialogWindow().hide());
        waitUntil(() -> null == dialogWindow());

        robot.interact(() -> Platform.runLater(console.window::showSendDialog));
        waitUntil(() -> null != dialogWindow());

        assertEquals("audit.trail", robot.lookup("#sendDestination").queryAs(TextField.class).getText());
        assertEquals("region", robot.lookup("#propertyName0").queryAs(TextField.class).getText());
        robot.clickOn("#sendAddProperty");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, console.viewModel.send().properties().size());
        assertEquals(1, robot.lookup("#propertyName1").queryAll().size(), "one row node per property");
    }

    private void connect() throws TimeoutException
    {
        console.viewModel.uiExecutor().execute(() -> console.viewModel.connect("aeolus:ipc", "admin", new char[0]));
        waitUntil(() -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
    }

    /** The problem ControlsFX shows on a field: the tooltip of the decoration it adds to the control. */
    private static String fieldError(final FxRobot robot, final String query)
    {
        final Control field = robot.lookup(query).queryAs(TextField.class);
        for (final Node child : field.getChildrenUnmodifiable())
        {
            if (child instanceof Label && null != ((Label)child).getTooltip())
            {
                return ((Label)child).getTooltip().getText();
            }
        }
        return "";
    }

    private boolean notificationShows(final FxRobot robot, final String text)
    {
        for (final Window window : List.copyOf(Window.getWindows()))
        {
            if (window.isShowing() && null != window.getScene() && contains(window.getScene().getRoot(), text))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(final Node node, final String text)
    {
        if (node instanceof Labeled && null != ((Labeled)node).getText() && ((Labeled)node).getText().contains(text))
        {
            return true;
        }
        if (node instanceof Parent)
        {
            for (final Node child : ((Parent)node).getChildrenUnmodifiable())
            {
                if (contains(child, text))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private Window dialogWindow()
    {
        return Window.getWindows().stream()
            .filter((window) -> window != stage && window.isShowing() && window instanceof Stage)
            .findFirst().orElse(null);
    }

    private void robotCloseDialogs()
    {
        Platform.runLater(() -> List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage && window instanceof Stage)
            .forEach(Window::hide));
        WaitForAsyncUtils.waitForFxEvents();
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
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
