package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.DestinationInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.time.Duration;

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

import static io.aeolus.console.FxQueries.buttonInPopup;
import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 1, a destination's lifecycle through the real console (headless) on an embedded broker: New… creates
 * a queue or topic, the row menu pauses and resumes a queue, and Delete… (after confirmation) removes it with its
 * messages going to the trash first, from which Undo brings the queue back.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class DestinationLifecycleViewIT
{
    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String name;

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
        name = "console.it.lifecycle." + ++tests;
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
    void newCreatesAQueueAndATopic(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        create(robot, name, false);
        waitUntil(20, () -> null != admin((client) -> client.queue(name)));
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains(name));
        waitUntil(20, () -> FxQueries.windowShows("The queue was created."));

        create(robot, name + ".events", true);
        waitUntil(20, () -> admin((client) -> client.destinations().stream()
            .anyMatch((d) -> d.name().equals(name + ".events") && "TOPIC".equals(d.type()))));
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains(name + ".events"));
    }

    @Test
    void aNameWithSpacesIsRefusedInTheDialog(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        robot.clickOn("#newDestination");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#newDestinationName").queryAs(TextField.class).setText("bad name"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("A name cannot contain spaces."), "says why");
        assertTrue(robot.lookup("#createOk").query().isDisabled(), "Create is disabled");
        robot.clickOn("#createCancel");
    }

    @Test
    void rowMenuPausesAndResumesAQueue(final FxRobot robot) throws Exception
    {
        send(name, 2);
        showRow(robot);
        FxQueries.openContextMenu(robot, cell(robot, "#destinationsTable", name));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.menuItemDisabled("resumeMenuItem"), "Resume needs a paused queue");
        robot.clickOn(FxQueries.menuItem("pauseMenuItem"));
        waitUntil(20, () -> queue(name).paused());
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains("queue (paused)"));
        waitUntil(20, () -> FxQueries.windowShows("Deliveries paused"));

        FxQueries.openContextMenu(robot, cell(robot, "#destinationsTable", name));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.menuItemDisabled("pauseMenuItem"), "already paused");
        robot.clickOn(FxQueries.menuItem("resumeMenuItem"));
        waitUntil(20, () -> !queue(name).paused());
        waitUntil(20, () -> !cellTexts(robot, "#destinationsTable").contains("queue (paused)"));
    }

    @Test
    void deleteAsksThenRemovesTheQueueAndUndoBringsItBackWithItsMessages(final FxRobot robot) throws Exception
    {
        send(name, 3);
        showRow(robot);
        FxQueries.openContextMenu(robot, cell(robot, "#destinationsTable", name));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(FxQueries.menuItem("deleteMenuItem"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Its 3 waiting message(s) go to the broker's trash first"),
            "the confirmation says what happens to the messages");
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> null == queue(name));
        waitUntil(20, () -> !cellTexts(robot, "#destinationsTable").contains(name));
        waitUntil(20, () -> FxQueries.windowShows("3 message(s) moved to the trash."));
        waitUntil(20, () -> null != buttonInPopup(robot, "Undo"));
        robot.clickOn(buttonInPopup(robot, "Undo"));

        waitUntil(20, () -> null != queue(name) && 3 == queue(name).depth());
        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains(name));
    }

    @Test
    void deleteOfAQueueWithAConsumerIsRefusedWithTheBrokersReason(final FxRobot robot) throws Exception
    {
        send(name, 1);
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(name));
            showRow(robot);
            FxQueries.openContextMenu(robot, cell(robot, "#destinationsTable", name));
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(FxQueries.menuItem("deleteMenuItem"));
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#confirmOk");
            waitUntil(20, () -> FxQueries.windowShows("has consumers; close them first"));
            assertTrue(null != queue(name), "still there");
        }
    }

    private void create(final FxRobot robot, final String destination, final boolean topic)
    {
        robot.clickOn("#newDestination");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() ->
        {
            robot.lookup("#newDestinationName").queryAs(TextField.class).setText(destination);
            @SuppressWarnings("unchecked")
            final javafx.scene.control.ChoiceBox<String> type =
                robot.lookup("#newDestinationType").queryAs(javafx.scene.control.ChoiceBox.class);
            type.setValue(type.getItems().get(topic ? 1 : 0));
        });
        robot.clickOn("#createOk");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void showRow(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.viewModel.destinations().reload());
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(name));
        robot.clickOn(cell(robot, "#destinationsTable", name));
    }

    private static DestinationInfo queue(final String queue) throws Exception
    {
        return admin((client) -> client.queue(queue));
    }

    private interface AdminCall<T>
    {
        T call(AdminClient client) throws Exception;
    }

    private static <T> T admin(final AdminCall<T> call) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            try (AdminClient client = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                return call.call(client);
            }
        }
    }

    private static void send(final String queue, final int count) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }
}
