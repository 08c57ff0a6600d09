package io.aeolus.console;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.geometry.Rectangle2D;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's screenshots, taken from a real broker with real traffic (issue #20, defect 8): starts an embedded
 * broker, drives producers and consumers for about ninety seconds (a backlog that grows, one that drains, a durable
 * subscription, a consumer that rolls back until the broker dead-letters its messages, messages that expire into an
 * expiry queue, a purge to the trash), connects the real console and writes {@code target/screenshots-real/*.png}.
 * Not part of the build (its name ends in neither Test nor IT); run it by name and copy the images:
 * <pre>
 * mvn -q -o -pl admin-console -am test -Dtest=RealBrokerScreenshots -Dsurefire.failIfNoSpecifiedTests=false \
 *   &amp;&amp; cp admin-console/target/screenshots-real/*.png docs/screenshots/
 * </pre>
 */
@Timeout(600)
@ExtendWith(ApplicationExtension.class)
class RealBrokerScreenshots
{
    private static final Path OUT = Path.of("target", "screenshots-real");
    private static final long TRAFFIC_MS = 90_000;

    @TempDir
    Path dataDir;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .destinationSetting("payments.#", "max.delivery.attempts", "3")
            .destinationSetting("notifications.#", "expiry.queue", "DLQ.notifications")
            .set(BrokerConfiguration.EXPIRY_SCAN_INTERVAL, "1s"));
        console = new RealConsole();
        stage.setScene(console.window.createScene(1200, 720, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        running.set(false);
        for (final Thread thread : threads)
        {
            thread.join(10_000);
        }
        FxQueries.closeOtherWindows(stage);
        console.close();
        broker.close();
    }

    @Test
    void shouldWriteScreenshotsOfALiveBroker(final FxRobot robot) throws Exception
    {
        Files.createDirectories(OUT);
        traffic();
        robot.interact(() -> console.viewModel.connect(broker.ipcUrl(), "", new char[0]));
        waitFor(30, () -> console.backend.ownClientId().length() > 0);
        final long endMs = System.currentTimeMillis() + TRAFFIC_MS;
        waitFor((int)(TRAFFIC_MS / 1000) + 60, () -> System.currentTimeMillis() > endMs);

        shoot(robot, "dashboardTab", "dashboard.png", false);
        shootDestinations(robot);
        shootDeadLetters(robot, "dlq.png", false);
        shootDeadLetters(robot, "dlq-dark.png", true);
        shootBrowser(robot);
        shoot(robot, "connectionsTab", "connections.png", false);
        robot.interact(() -> console.viewModel.subscriptions().reload());
        waitFor(30, () -> !console.viewModel.subscriptions().subscriptions().isEmpty());
        shoot(robot, "subscriptionsTab", "subscriptions.png", false);
        shootPurge(robot);

        for (final String file : List.of("dashboard.png", "destinations.png", "dlq.png", "message-viewer-json.png",
            "connections.png", "subscriptions.png", "purge-undo.png", "trash-dark.png"))
        {
            assertTrue(Files.size(OUT.resolve(file)) > 10_000, file);
        }
    }

    /**
     * Producers and consumers on their own threads until the test ends.
     */
    private void traffic() throws Exception
    {
        loop("orders-producer", (session) ->
        {
            final MessageProducer eu = session.createProducer(session.createQueue("orders.eu"));
            final MessageProducer us = session.createProducer(session.createQueue("orders.us"));
            final MessageProducer invoices = session.createProducer(session.createQueue("invoices"));
            final MessageProducer prices = session.createProducer(session.createTopic("prices"));
            final MessageProducer sms = session.createProducer(session.createQueue("notifications.sms"));
            sms.setTimeToLive(2_000);
            int n = 0;
            while (running.get())
            {
                final TextMessage order = session.createTextMessage("{\"orderId\": " + (41_000 + n) +
                    ", \"items\": [{\"sku\": \"A-" + (n % 17) + "\", \"qty\": " + (1 + n % 3) + "}], " +
                    "\"currency\": \"EUR\"}");
                order.setJMSType("OrderPlaced");
                order.setStringProperty("region", 0 == n % 2 ? "eu-west" : "eu-central");
                order.setIntProperty("attempt", 1);
                eu.send(order);
                us.send(session.createTextMessage("{\"orderId\": " + (71_000 + n) + "}"));
                if (0 == n % 3)
                {
                    invoices.send(session.createTextMessage("invoice " + n));
                }
                prices.send(session.createTextMessage("EURUSD " + (1.08 + (n % 50) / 10_000.0)));
                if (0 == n % 5)
                {
                    sms.send(session.createTextMessage("Your parcel " + n + " is on its way"));
                }
                n++;
                pause(0 == (n / 100) % 2 ? 60 : 120);
            }
        });
        loop("orders-consumer", (session) ->
        {
            final MessageConsumer consumer = session.createConsumer(session.createQueue("orders.eu"));
            while (running.get())
            {
                consumer.receive(200);
                pause(70);
            }
        });
        durableSubscription();
        loop("payments-poison", (session) ->
        {
            final MessageProducer producer = session.createProducer(session.createQueue("payments.card"));
            for (int i = 0; i < 6; i++)
            {
                final TextMessage payment = session.createTextMessage("{\"paymentId\": " + (9_000 + i) +
                    ", \"amount\": \"12.50\", \"card\": \"expired\"}");
                payment.setStringProperty("region", "eu-west");
                producer.send(payment);
            }
        });
        loop("payments-consumer", (session) -> rollBackEverything());
    }

    /**
     * A durable subscription with nobody reading it: its backlog grows.
     */
    private void durableSubscription() throws JMSException
    {
        try (Connection durable = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            durable.setClientID("price-board");
            final Session session = durable.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final Topic prices = session.createTopic("prices");
            session.createDurableSubscriber(prices, "board").close();
        }
    }

    /**
     * A consumer that fails every payment (a transacted session rolled back), so the broker dead-letters them after
     * their delivery attempts.
     */
    private void rollBackEverything() throws JMSException
    {
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("payments.card"));
            while (running.get())
            {
                final Message message = consumer.receive(200);
                if (null != message)
                {
                    session.rollback();
                }
            }
        }
    }

    private void loop(final String name, final SessionWork work)
    {
        final Thread thread = new Thread(() ->
        {
            try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
            {
                connection.start();
                work.run(connection.createSession(false, Session.AUTO_ACKNOWLEDGE));
            }
            catch (final JMSException ex)
            {
                if (running.get())
                {
                    ex.printStackTrace();
                }
            }
        }, "screenshots-" + name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static void pause(final long ms)
    {
        // Paces the traffic generator, not a wait for a condition.
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private void shootDestinations(final FxRobot robot) throws Exception
    {
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        final TableView<?> table = robot.lookup("#destinationsTable").queryAs(TableView.class);
        waitFor(30, () -> !table.getItems().isEmpty());
        robot.interact(() -> table.getSelectionModel().select(FxQueries.cell(robot, "#destinationsTable",
            "invoices").getIndex()));
        waitFor(30, () -> console.viewModel.destinationDetail().history().points().size() > 30);
        shoot(robot, "destinationsTab", "destinations.png", false);
    }

    private void shootDeadLetters(final FxRobot robot, final String file, final boolean dark) throws Exception
    {
        robot.interact(() ->
        {
            console.window.selectTab("deadLettersTab");
            console.viewModel.deadLetters().selectedQueueProperty().set("DLQ.payments.card");
        });
        final TableView<?> deadLetters = robot.lookup("#deadLettersTable").queryAs(TableView.class);
        waitFor(60, () -> !deadLetters.getItems().isEmpty() &&
            !console.viewModel.deadLetters().triage().groups().isEmpty());
        robot.interact(() -> deadLetters.getSelectionModel().select(0));
        waitFor(30, () -> null != console.viewModel.deadLetters().inspector().viewer().messageProperty().get());
        shoot(robot, "deadLettersTab", file, dark);
    }

    private void shootBrowser(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.viewModel.browser().queueProperty().set("orders.us");
            console.viewModel.browser().browse();
        });
        waitFor(30, () -> !console.viewModel.browser().busyProperty().get() &&
            !console.viewModel.browser().viewer().shownText().isEmpty());
        shoot(robot, "browserTab", "message-viewer-json.png", false);
    }

    private void shootPurge(final FxRobot robot) throws Exception
    {
        robot.interact(() ->
        {
            console.window.setDark(false);
            console.window.selectTab("destinationsTab");
            console.viewModel.destinationDetail().purge();
        });
        waitFor(30, () -> Window.getWindows().size() > 1);
        robot.sleep(1_000); // the popup fades in
        writePng(robot.capture(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
            .getImage(), "purge-undo.png");
        FxQueries.closeOtherWindows(stage);
        robot.interact(() -> console.window.selectTab("trashTab"));
        waitFor(30, () -> !console.viewModel.trash().batches().isEmpty());
        shoot(robot, "trashTab", "trash-dark.png", true);
    }

    private void shoot(final FxRobot robot, final String tabId, final String file, final boolean dark)
        throws IOException
    {
        robot.interact(() ->
        {
            console.window.setDark(dark);
            console.window.selectTab(tabId);
        });
        WaitForAsyncUtils.waitForFxEvents();
        final Image[] image = new Image[1];
        robot.interact(() -> image[0] = stage.getScene().snapshot(null));
        writePng(image[0], file);
    }

    private static void writePng(final Image image, final String file) throws IOException
    {
        final int width = (int)image.getWidth();
        final int height = (int)image.getHeight();
        final BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        final PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        ImageIO.write(png, "png", OUT.resolve(file).toFile());
    }

    private static void waitFor(final int seconds, final Callable<Boolean> condition) throws TimeoutException
    {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Work on a session of a connection of its own.
     */
    @FunctionalInterface
    interface SessionWork
    {
        void run(Session session) throws JMSException;
    }
}
