package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.management.SubscriptionInfo;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

import static io.aeolus.console.FxQueries.cell;
import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 4, deleting a durable subscription through the real console (headless) on an embedded broker: the
 * Subscriptions tab's Delete subscription… asks first (saying how many messages go with it), then the broker no longer
 * has it (also from the row menu and the Delete key); one with an active consumer is refused with the broker's
 * reason and stays.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class SubscriptionDeleteViewIT
{
    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private static int tests;
    private RealConsole console;
    private Stage stage;
    private String topic;

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
        topic = "console.it.subs." + ++tests;
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
    void deleteAsksThenRemovesTheDurableSubscriptionWithItsMessages(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.setClientID("it-subscriber-" + tests);
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Topic destination = session.createTopic(topic);
            session.createDurableConsumer(destination, "audit").close();
            final MessageProducer producer = session.createProducer(destination);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage("a"));
            producer.send(session.createTextMessage("b"));
        }
        waitUntil(20, () -> admin().stream().anyMatch((s) -> topic.equals(s.topic()) && 2 == s.backlog()));

        showRow(robot);
        robot.clickOn("#deleteSubscription");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(FxQueries.windowShows("Its 2 waiting message(s) are discarded"), "the confirmation says what goes");
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> admin().stream().noneMatch((s) -> topic.equals(s.topic())));
        waitUntil(20, () -> !cellTexts(robot, "#subscriptionsTable").contains(topic));
        waitUntil(20, () -> FxQueries.windowShows("with 2 message(s) it held"));
    }

    @Test
    void aSharedDurableSubscriptionWithoutClientIdIsDeletedToo(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Topic destination = session.createTopic(topic);
            session.createSharedDurableConsumer(destination, "workers").close();
            session.createProducer(destination).send(session.createTextMessage("x"));
        }
        waitUntil(20, () -> admin().stream().anyMatch((s) -> topic.equals(s.topic()) && s.shared() &&
            1 == s.backlog()));

        showRow(robot);
        robot.clickOn("#deleteSubscription");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");
        waitUntil(20, () -> admin().stream().noneMatch((s) -> topic.equals(s.topic())));
        waitUntil(20, () -> FxQueries.windowShows("with 1 message(s) it held"));
    }

    @Test
    void cancelKeepsItAndAnActiveConsumerIsRefusedWithTheBrokersReason(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.setClientID("it-subscriber-" + tests);
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createDurableConsumer(session.createTopic(topic), "live");
            waitUntil(20, () -> admin().stream().anyMatch((s) -> topic.equals(s.topic())));

            showRow(robot);
            robot.type(KeyCode.DELETE);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(FxQueries.windowShows("Delete a durable subscription?"), "the Delete key asks first");
            robot.clickOn("#confirmCancel");
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(admin().stream().anyMatch((s) -> topic.equals(s.topic())), "cancel keeps it");

            FxQueries.openContextMenu(robot, cell(robot, "#subscriptionsTable", topic));
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn(FxQueries.menuItem("deleteSubscriptionMenuItem"));
            WaitForAsyncUtils.waitForFxEvents();
            robot.clickOn("#confirmOk");
            waitUntil(20, () -> FxQueries.windowShows("has 1 active consumer(s); close them first"));
            assertTrue(admin().stream().anyMatch((s) -> topic.equals(s.topic())), "still there");
        }
    }

    private void showRow(final FxRobot robot) throws Exception
    {
        waitUntil(20, () -> console.backend.ownClientId().length() > 0);
        robot.interact(() -> console.window.selectTab("subscriptionsTab"));
        robot.interact(() -> console.viewModel.subscriptions().reload());
        waitUntil(30, () -> cellTexts(robot, "#subscriptionsTable").contains(topic));
        robot.clickOn(cell(robot, "#subscriptionsTable", topic));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<SubscriptionInfo> admin() throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            try (AdminClient client = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                return client.subscriptions();
            }
        }
    }
}
