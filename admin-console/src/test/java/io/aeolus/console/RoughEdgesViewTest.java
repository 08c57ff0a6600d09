package io.aeolus.console;

import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.console.destinations.DestinationRow;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rough edges of issue #20 (defect 7), headless against a {@link FakeBackend}: names and ids are shown whole where
 * they differ, lists are in name order and searchable, the type column is JMSType, and sending to a destination that
 * does not exist asks first.
 */
@Timeout(60)
@ExtendWith(ApplicationExtension.class)
class RoughEdgesViewTest
{
    private static final String LONG_NAME = "DLQ.payments.inbound.europe-west-1";
    private static final String ID_PREFIX = "ID:aeolus-5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5-7-";

    private ConsoleFixture console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        final FakeBackend backend = new FakeBackend()
            .putDestination(new DestinationInfo("zeta.payments", DestinationType.QUEUE, 1, 0, 0, 1, 0, false))
            .putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 2, 0, 1, 10, 0, false))
            .putDestination(new DestinationInfo(LONG_NAME, DestinationType.QUEUE, 3, 0, 0, 3, 0, true))
            .putDestination(new DestinationInfo("alpha.payments", DestinationType.QUEUE, 1, 0, 0, 1, 0, false))
            .addMessage("orders", message(ID_PREFIX + "1", "order.created"))
            .addMessage("orders", message(ID_PREFIX + "2", "order.cancelled"));
        console = new ConsoleFixture(backend);
        // Wide enough for every tab header since the Users tab came: at 1100 px the headers overflow into the tab
        // pane's menu and the robot's clicks on the browser's fields became unreliable.
        stage.setScene(console.window.createScene(1400, 700, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void shouldShowALongDestinationNameWhole(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains(LONG_NAME));

        waitUntil(10, () -> LONG_NAME.equals(renderedText(FxQueries.cell(robot, "#destinationsTable", LONG_NAME))));
    }

    @Test
    void shouldInsertANewQueueInNameOrder(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains("orders"));

        console.backend.putDestination(new DestinationInfo("b.new", DestinationType.QUEUE, 0, 0, 0, 0, 0, false));
        robot.interact(() -> console.viewModel.destinations().reload());
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains("b.new"));

        final List<String> names = console.viewModel.destinations().visibleRows().stream()
            .map(DestinationRow::name).toList();
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void shouldOfferQueuesSortedAndFindThemByAnyPartOfTheName(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("browserTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
        waitUntil(10, () -> queue.getItems().size() == 4);
        assertEquals(List.of(LONG_NAME, "alpha.payments", "orders", "zeta.payments"), List.copyOf(queue.getItems()));

        robot.clickOn("#browserQueue").write("paym");

        waitUntil(10, () -> List.of(LONG_NAME, "alpha.payments", "zeta.payments").equals(suggestions()));
    }

    @Test
    void shouldShowMessageIdsByTheirEndAndJmsTypeAsType(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("browserTab"));
        robot.clickOn("#browserQueue").write("orders");
        robot.clickOn("#browse");
        waitUntil(10, () -> cellTexts(robot, "#browserMessages").contains(ID_PREFIX + "2"));

        final String first = renderedText(FxQueries.cell(robot, "#browserMessages", ID_PREFIX + "1"));
        final String second = renderedText(FxQueries.cell(robot, "#browserMessages", ID_PREFIX + "2"));
        assertNotEquals(first, second, "the rendered ids must differ");
        assertTrue(first.endsWith("-7-1"), first);
        assertTrue(cellTexts(robot, "#browserMessages").containsAll(List.of("order.created", "order.cancelled")));
        final TableView<?> table = robot.lookup("#browserMessages").queryAs(TableView.class);
        final TableColumn<?, ?> type = table.getColumns().get(2);
        final TableColumn<?, ?> bodyType = table.getColumns().stream()
            .filter((column) -> "browserBodyType".equals(column.getId())).findFirst().orElseThrow();
        for (int row = 0; row < table.getItems().size(); row++)
        {
            assertNotEquals("TEXT", String.valueOf(type.getCellData(row)), "the Type column shows JMSType");
            assertEquals("TEXT", String.valueOf(bodyType.getCellData(row)), "the body type has its own column");
        }
    }

    @Test
    void shouldAskBeforeSendingCreatesADestinationAndWrapTheBody(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> Platform.runLater(console.window::showSendDialog));
        waitUntil(10, () -> null != FxQueries.dialogWindow(stage));
        assertTrue(robot.lookup("#sendBody").queryAs(TextArea.class).isWrapText());

        robot.clickOn("#sendBody").write("hello");
        robot.clickOn("#sendDestination").write("ordres");
        WaitForAsyncUtils.waitForFxEvents();
        final Button send = robot.lookup("#sendOk").queryButton();
        Platform.runLater(send::fire); // the question waits in a nested event loop

        waitUntil(10, () -> robot.lookup("#createConfirm").tryQuery().isPresent());
        assertTrue(FxQueries.windowShows("No queue 'ordres' exists"));
        robot.clickOn("#confirmCancel");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(console.backend.sentMessages().isEmpty(), "nothing is sent without a yes");
    }

    @Test
    void shouldNotOfferSelectedMessagesInABulkJobOnAWholeQueue(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains("orders"));
        robot.clickOn(FxQueries.cell(robot, "#destinationsTable", "orders"));
        final Button bulk = robot.lookup("#bulkDestination").queryButton();
        Platform.runLater(bulk::fire);
        waitUntil(10, () -> robot.lookup("#jobKind").tryQuery().isPresent());

        assertFalse(robot.lookup("#jobSelected").query().isVisible(), "no selection exists on a whole queue");
        assertTrue(robot.lookup("#jobBySelector").query().isVisible());
    }

    @Test
    void shouldBrowseTheQueueAsTypedThoughTheFieldNeverLostFocus(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("browserTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
        final Button browse = robot.lookup("#browse").queryButton();

        // Typed, but neither Enter nor a focus change committed it to the combo box's value: as when Browse is
        // clicked in a window that does not have the focus (no focus moves then).
        robot.interact(() -> queue.getEditor().setText("orders"));
        assertNotEquals("orders", queue.getValue(), "not committed yet");
        robot.interact(browse::fire);

        waitUntil(10, () -> cellTexts(robot, "#browserMessages").contains(ID_PREFIX + "1"));
        assertEquals("orders", console.viewModel.browser().queueProperty().get());
    }

    @Test
    void shouldGiveTheSelectorItsWidthBackAfterABadSelector(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("browserTab"));
        robot.clickOn("#browserQueue").write("orders");
        robot.clickOn("#browse");
        awaitPage(robot, ID_PREFIX + "1");
        final TextField selector = robot.lookup("#browserSelector").queryAs(TextField.class);
        final Label status = robot.lookup("#browserStatus").queryAs(Label.class);
        final double before = selector.getWidth();

        console.backend.failOn("browse", new IllegalArgumentException("bad selector 'a = = b': " +
            "expected an expression after '=' at position 5 ".repeat(6)));
        robot.clickOn("#browse");
        waitUntil(10, () -> status.getText().contains("bad selector"));
        assertTrue(selector.getWidth() >= 240, "squeezed to " + selector.getWidth());

        console.backend.failOn("browse", null);
        robot.clickOn("#browse");
        waitUntil(10, () -> !status.getText().contains("bad selector"));
        assertEquals(before, selector.getWidth(), 1.0);
    }

    @Test
    void shouldOpenAQueueInTheBrowserOnDoubleClick(final FxRobot robot) throws Exception
    {
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains("orders"));

        robot.doubleClickOn(FxQueries.cell(robot, "#destinationsTable", "orders"));

        waitUntil(10, () -> cellTexts(robot, "#browserMessages").contains(ID_PREFIX + "1"));
        assertEquals("orders", console.viewModel.browser().queueProperty().get());
    }

    @Test
    void shouldSayWhyADestinationHasNoHistory(final FxRobot robot) throws Exception
    {
        console.backend.putHistory("orders", HistoryRange.TEN_MINUTES, List.of());
        connect();
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(10, () -> cellTexts(robot, "#destinationsTable").contains("orders"));

        robot.clickOn(FxQueries.cell(robot, "#destinationsTable", "orders"));

        waitUntil(10, () -> FxQueries.windowShows("history.max.destinations"));
    }

    private static List<String> suggestions()
    {
        for (final Window window : List.copyOf(Window.getWindows()))
        {
            if (window.isShowing() && null != window.getScene())
            {
                final ListView<?> list = (ListView<?>)window.getScene().getRoot().lookup(".list-view");
                if (null != list && !(window instanceof Stage))
                {
                    return list.getItems().stream().map(Object::toString).toList();
                }
            }
        }
        return List.of();
    }

    private static String renderedText(final TableCell<?, ?> cell)
    {
        final Text text = (Text)cell.lookup(".text");
        return null == text ? "" : text.getText();
    }

    /** Waits for a browsed page; if none comes, says what the browser's fields and windows held. */
    private void awaitPage(final FxRobot robot, final String id) throws Exception
    {
        try
        {
            waitUntil(10, () -> cellTexts(robot, "#browserMessages").contains(id));
        }
        catch (final TimeoutException ex)
        {
            final String state = WaitForAsyncUtils.waitForAsyncFx(5_000, () ->
            {
                @SuppressWarnings("unchecked")
                final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
                return "editor='" + queue.getEditor().getText() + "' value='" + queue.getValue() + "' viewModel='" +
                    console.viewModel.browser().queueProperty().get() + "' status='" +
                    robot.lookup("#browserStatus").queryAs(Label.class).getText() + "' busy=" +
                    console.viewModel.browser().busyProperty().get() + " focusOwner=" +
                    stage.getScene().getFocusOwner() + " stageFocused=" + stage.isFocused() + " windows=" +
                    Window.getWindows().stream().filter(Window::isShowing).map((window) -> window.getClass()
                    .getSimpleName() + "@" + window.getX() + "," + window.getY()).toList();
            });
            throw new AssertionError("no page of messages: " + state, ex);
        }
    }

    private void connect() throws TimeoutException
    {
        console.viewModel.uiExecutor().execute(() -> console.viewModel.connect("aeolus:ipc", "admin", new char[0]));
        waitUntil(10, () -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
    }

    private static BrowsedMessage message(final String id, final String jmsType)
    {
        return new BrowsedMessage(id, 1_000L, Map.of("JMSMessageID", id, "JMSType", jmsType), Map.of(), "{}", 2);
    }
}
