package io.aeolus.console;

import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.scene.control.ComboBox;
import javafx.scene.control.TextArea;
import javafx.scene.control.Label;
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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real console, headless (Monocle), on a real embedded broker: the Destinations table shows a real queue; traffic
 * sent to a queue appears in its depth and rate; browsing shows a JSON body pretty-printed; and a message poisoned for
 * real (a consumer that rolls it back until the broker's delivery attempts for its queue run out) reaches the Dead
 * letters tab, and Retry puts it back on its queue (issue #7).
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class RealBrokerViewIT
{
    private static final String QUEUE = "console.view.it.payments";
    private static final String TRAFFIC_QUEUE = "console.view.it.traffic";
    private static final String JSON_QUEUE = "console.view.it.json";
    private static final String POISON_QUEUE = "console.view.it.poison";
    private static final int MAX_ATTEMPTS = 2;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @BeforeAll
    static void startBroker() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .destinationSetting(POISON_QUEUE, "max.delivery.attempts", Integer.toString(MAX_ATTEMPTS)));
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(QUEUE)).send(session.createTextMessage("pay"));
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
    void destinationsTableShowsTheRealQueue(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));

        waitUntil(20, () -> cellTexts(robot, "#destinationsTable").contains(QUEUE));
    }

    @Test
    void trafficSentToAQueueAppearsInItsDepthAndRate(final FxRobot robot) throws Exception
    {
        final AtomicBoolean sending = new AtomicBoolean(true);
        final Thread producer = new Thread(() -> sendUntilStopped(sending), "it-traffic");
        producer.start();
        try
        {
            robot.interact(() -> console.window.selectTab("dashboardTab"));
            waitUntil(30, () -> cellTexts(robot, "#topByRate").contains(TRAFFIC_QUEUE));
            assertTrue(rateShownFor(robot, TRAFFIC_QUEUE) > 0, cellTexts(robot, "#topByRate").toString());

            robot.interact(() -> console.window.selectTab("destinationsTab"));
            waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(TRAFFIC_QUEUE));
            robot.clickOn(cell(robot, "#destinationsTable", TRAFFIC_QUEUE));
            waitUntil(30, () -> depthShown(robot) >= 50);
            waitUntil(30, () -> console.viewModel.destinationDetail().history().points().stream()
                .anyMatch((point) -> point.inRatePerSec() > 0 && point.depth() > 0));
        }
        finally
        {
            sending.set(false);
            producer.join(10_000);
        }
    }

    @Test
    void browsingShowsAJsonBodyPrettyPrinted(final FxRobot robot) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue(JSON_QUEUE))
                .send(session.createTextMessage("{\"orderId\":7,\"lines\":[{\"sku\":\"A\",\"qty\":2}],\"gift\":true}"));
        }
        robot.interact(() -> console.window.selectTab("browserTab"));
        waitUntil(20, () -> console.viewModel.stateProperty().get().name().equals("CONNECTED"));

        robot.clickOn("#browserQueue").write(JSON_QUEUE);
        robot.clickOn("#browse");
        final TextArea body = robot.lookup("#messageBody").queryAs(TextArea.class);
        waitUntil(20, () -> !body.getText().isEmpty());

        assertEquals("{\n  \"orderId\": 7,\n  \"lines\": [\n    {\n      \"sku\": \"A\",\n      \"qty\": 2\n"
            + "    }\n  ],\n  \"gift\": true\n}", body.getText());
    }

    @Test
    void poisonedMessageReachesTheDeadLettersTabAndRetryPutsItBackOnItsQueue(final FxRobot robot) throws Exception
    {
        final String messageId = poison();
        final String dlq = "DLQ." + POISON_QUEUE;

        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
        waitUntil(30, () -> chooser.getItems().contains(dlq));
        robot.interact(() -> chooser.getSelectionModel().select(dlq));
        waitUntil(30, () -> cellTexts(robot, "#deadLettersTable").contains(messageId));
        assertTrue(cellTexts(robot, "#deadLettersTable").containsAll(
            List.of(POISON_QUEUE, "MAX_DELIVERY_ATTEMPTS", Integer.toString(MAX_ATTEMPTS))),
            cellTexts(robot, "#deadLettersTable").toString());

        robot.clickOn(cell(robot, "#deadLettersTable", messageId));
        robot.clickOn("#retrySelected");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#confirmOk");

        waitUntil(30, () -> !cellTexts(robot, "#deadLettersTable").contains(messageId));
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try (QueueBrowser deadLetters = session.createBrowser(session.createQueue(dlq)))
            {
                assertTrue(Collections.list(deadLetters.getEnumeration()).isEmpty(), "gone from the DLQ");
            }
            final Message back = session.createConsumer(session.createQueue(POISON_QUEUE)).receive(10_000);
            assertNotNull(back, "back on its queue");
            assertEquals(messageId, back.getJMSMessageID());
            assertEquals("poison", ((TextMessage)back).getText());
        }
    }

    /**
     * Sends a message and rolls back its delivery until the broker gives up on it and dead-letters it.
     */
    private static String poison() throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final TextMessage message = plain.createTextMessage("poison");
            plain.createProducer(plain.createQueue(POISON_QUEUE)).send(message);
            final Session transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer consumer = transacted.createConsumer(transacted.createQueue(POISON_QUEUE));
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++)
            {
                assertNotNull(consumer.receive(10_000), "delivery " + attempt);
                transacted.rollback();
            }
            consumer.close();
            return message.getJMSMessageID();
        }
    }

    private static void sendUntilStopped(final AtomicBoolean sending)
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(TRAFFIC_QUEUE));
            while (sending.get())
            {
                producer.send(session.createTextMessage("tick"));
                // Paces the traffic at about 50 messages a second; nothing waits on a condition here.
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private double rateShownFor(final FxRobot robot, final String queue)
    {
        final List<String> texts = cellTexts(robot, "#topByRate");
        final String rate = texts.get(texts.indexOf(queue) + 1);
        return Double.parseDouble(rate.replace(",", ""));
    }

    private long depthShown(final FxRobot robot)
    {
        final String figures = robot.lookup("#detailFigures").queryAs(Label.class).getText();
        // "queue: 123 waiting, ..."
        final String waiting = figures.substring(figures.indexOf(": ") + 2, figures.indexOf(" waiting"));
        return Long.parseLong(waiting.replace(",", ""));
    }
}
