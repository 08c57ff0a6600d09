package io.aeolus.console;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.BrowsedMessage;
import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.destinations.DestinationRow;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import javafx.stage.Window;
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

import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 defect 7 (rough edges) and defect 2 (a destination without history says why) through the real console
 * (headless) on an embedded broker that keeps no destination's history: a long name is shown whole, a new queue takes
 * its place in name order, the browser's queue chooser is sorted and finds queues by any part of their name, message
 * ids are told apart by their end and the Type column is JMSType, sending to a queue that does not exist asks first,
 * the bulk dialog on a whole queue offers no "selected messages", and a destination's last hour, empty, says why.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class RoughEdgesViewIT
{
    private static final String PREFIX = "console.it.rough.";
    private static final String LONG_NAME = PREFIX + "payments.inbound.europe-west-1";
    private static final String ALPHA = PREFIX + "alpha.payments";
    private static final String ZETA = PREFIX + "zeta.payments";
    private static final String ORDERS = PREFIX + "orders";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @BeforeAll
    static void startBroker() throws Exception
    {
        // No destination's history at all: what a destination evicted past history.max.destinations shows.
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.HISTORY_MAX_DESTINATIONS, "0"));
        for (final String queue : List.of(ZETA, LONG_NAME, ALPHA))
        {
            BrokerClients.send(broker, queue, "to " + queue);
        }
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(ORDERS));
            for (final String type : List.of("order.created", "order.cancelled"))
            {
                final TextMessage message = session.createTextMessage("{\"type\":\"" + type + "\"}");
                message.setJMSType(type);
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
    void start(final Stage stage)
    {
        this.stage = stage;
        console = new RealConsole();
        // Wide enough for every tab header, so that the robot's clicks on the browser's fields land.
        stage.setScene(console.window.createScene(1400, 700, false));
        stage.show();
        console.viewModel.connect(broker.ipcUrl(), "", new char[0]);
    }

    @AfterEach
    void close() throws Exception
    {
        console.close(stage);
    }

    @Test
    void aLongDestinationNameIsShownWholeAndANewQueueTakesItsPlaceInNameOrder(final FxRobot robot)
        throws Exception
    {
        showDestinations(robot);
        waitUntil(20, () -> LONG_NAME.equals(renderedCellText(robot, "#destinationsTable", LONG_NAME)));

        final String added = PREFIX + "b.added";
        BrokerClients.send(broker, added, "new");
        robot.interact(() -> console.viewModel.destinations().reload());
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains(added));

        final List<String> names = WaitForAsyncUtils.waitForAsyncFx(10_000, () ->
            console.viewModel.destinations().visibleRows().stream().map(DestinationRow::name).toList());
        assertEquals(names.stream().sorted().toList(), names);
    }

    @Test
    void theBrowsersQueueChooserIsSortedAndFindsQueuesByAnyPartOfTheirName(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "browserTab");
        @SuppressWarnings("unchecked")
        final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
        waitUntil(20, () -> onFx(() -> queue.getItems().containsAll(List.of(LONG_NAME, ALPHA, ZETA, ORDERS))));
        final List<String> items = onFx(() -> List.copyOf(queue.getItems()));
        assertEquals(items.stream().sorted().toList(), items);

        robot.clickOn("#browserQueue").write("paym");

        waitUntil(20, () -> List.of(ALPHA, LONG_NAME, ZETA).equals(suggestions()));
    }

    @Test
    void messageIdsAreToldApartByTheirEndAndTheTypeColumnIsJmsType(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "browserTab");
        @SuppressWarnings("unchecked")
        final ComboBox<String> queue = robot.lookup("#browserQueue").queryAs(ComboBox.class);
        robot.interact(() -> queue.setValue(ORDERS));
        robot.clickOn("#browse");
        @SuppressWarnings("unchecked")
        final TableView<BrowsedMessage> table = robot.lookup("#browserMessages").queryAs(TableView.class);
        waitUntil(20, () -> onFx(() -> 2 == table.getItems().size()));
        final List<String> ids = onFx(() -> table.getItems().stream().map(BrowsedMessage::messageId).toList());
        waitUntil(20, () -> cellTexts(robot, "#browserMessages").containsAll(ids));

        final String first = renderedCellText(robot, "#browserMessages", ids.get(0));
        final String second = renderedCellText(robot, "#browserMessages", ids.get(1));
        assertNotEquals(first, second, "the rendered ids must differ: " + ids);
        final List<String> types = onFx(() ->
        {
            final TableColumn<BrowsedMessage, ?> type = table.getColumns().get(2);
            return table.getItems().stream().map((row) -> String.valueOf(type.getCellObservableValue(row).getValue()))
                .toList();
        });
        assertEquals(List.of("order.cancelled", "order.created"), types.stream().sorted().toList());
        final List<String> bodyTypes = onFx(() ->
        {
            final TableColumn<BrowsedMessage, ?> bodyType = table.getColumns().stream()
                .filter((column) -> "browserBodyType".equals(column.getId())).findFirst().orElseThrow();
            return table.getItems().stream()
                .map((row) -> String.valueOf(bodyType.getCellObservableValue(row).getValue())).toList();
        });
        assertEquals(List.of("TEXT", "TEXT"), bodyTypes);
    }

    @Test
    void sendingToAQueueThatDoesNotExistAsksFirstAndTheBodyWraps(final FxRobot robot) throws Exception
    {
        final String typo = PREFIX + "ordres";
        console.showTab(robot, "destinationsTab");
        robot.interact(() -> Platform.runLater(console.window::showSendDialog));
        waitUntil(20, () -> onFx(() -> null != FxQueries.dialogWindow(stage)));
        assertTrue(onFx(() -> robot.lookup("#sendBody").queryAs(TextArea.class).isWrapText()));

        robot.clickOn("#sendBody").write("hello");
        robot.clickOn("#sendDestination").write(typo);
        WaitForAsyncUtils.waitForFxEvents();
        final Button send = robot.lookup("#sendOk").queryButton();
        Platform.runLater(send::fire); // the question waits in a nested event loop

        waitUntil(20, () -> onFx(() -> robot.lookup("#createConfirm").tryQuery().isPresent()));
        assertTrue(FxQueries.windowShows("No queue '" + typo + "' exists"));
        robot.clickOn("#confirmCancel");
        WaitForAsyncUtils.waitForFxEvents();

        final List<String> names = console.backend.destinations().stream().map(DestinationInfo::name).toList();
        assertFalse(names.contains(typo), "no queue is created without a yes: " + names);
        assertTrue(names.contains(ORDERS), names.toString());
    }

    @Test
    void theBulkDialogOnAWholeQueueOffersNoSelectedMessages(final FxRobot robot) throws Exception
    {
        showDestinations(robot);
        robot.clickOn(onFx(() -> FxQueries.cell(robot, "#destinationsTable", ORDERS)));
        final Button bulk = robot.lookup("#bulkDestination").queryButton();
        Platform.runLater(bulk::fire);
        waitUntil(20, () -> onFx(() -> robot.lookup("#jobKind").tryQuery().isPresent()));

        assertFalse(onFx(() -> robot.lookup("#jobSelected").query().isVisible()), "no selection on a whole queue");
        assertTrue(onFx(() -> robot.lookup("#jobBySelector").query().isVisible()));
    }

    @Test
    void aDestinationWithoutHistorySaysWhy(final FxRobot robot) throws Exception
    {
        showDestinations(robot);

        robot.clickOn(onFx(() -> FxQueries.cell(robot, "#destinationsTable", ORDERS)));
        // The last hour has no live points: what it shows is only what the broker kept.
        robot.clickOn("#detailRange1h");

        waitUntil(20, () -> onFx(() -> robot.lookup("#detailHistoryStatus").queryAs(Label.class).getText()
            .contains("history.max.destinations")));
        assertTrue(FxQueries.windowShows("history.max.destinations"));
    }

    private void showDestinations(final FxRobot robot) throws Exception
    {
        console.showTab(robot, "destinationsTab");
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").containsAll(List.of(LONG_NAME, ORDERS)));
    }

    /** The text a table's cell shows, as clipped to its column, read on the FX thread. */
    private static String renderedCellText(final FxRobot robot, final String table, final String text)
    {
        return onFx(() ->
        {
            final TableCell<?, ?> cell = FxQueries.cell(robot, table, text);
            final Text shown = (Text)cell.lookup(".text");
            return null == shown ? "" : shown.getText();
        });
    }

    /** The names a showing suggestion popup offers, empty if none shows; read on the FX thread. */
    private static List<String> suggestions()
    {
        return onFx(() -> Stream.of(Window.getWindows().toArray(Window[]::new))
            .filter((window) -> window.isShowing() && null != window.getScene() && !(window instanceof Stage))
            .map((window) -> window.getScene().getRoot().lookup(".list-view"))
            .filter(ListView.class::isInstance)
            .findFirst()
            .map((list) -> ((ListView<?>)list).getItems().stream().map(Object::toString).toList())
            .orElse(List.of()));
    }

    private static <T> T onFx(final java.util.concurrent.Callable<T> read)
    {
        return WaitForAsyncUtils.waitForAsyncFx(10_000, read);
    }
}
