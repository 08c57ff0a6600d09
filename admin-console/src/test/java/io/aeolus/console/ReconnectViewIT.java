package io.aeolus.console;

import io.aeolus.broker.Broker;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.AdminClientBackend;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connect.RecentUrls;
import io.aeolus.console.tasks.FxTaskRunner;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.ResourceBundle;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;

import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console, headless, against an embedded broker that stops and starts again on the same endpoint (same Aeron
 * directory, UDP port and data directory): the status bar says disconnected while it is gone, and the console
 * reconnects by itself, without the user doing anything, and shows the restarted broker's data.
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class ReconnectViewIT
{
    private static final String QUEUE = "console.reconnect.it.orders";

    @TempDir
    Path dataDir;

    private final Preferences prefs = Preferences.userRoot().node("aeolus-console-it-" + UUID.randomUUID());
    private AdminClientBackend backend;
    private FxTaskRunner runner;
    private ConsoleViewModel viewModel;

    @Start
    void start(final Stage stage)
    {
        final ResourceBundle bundle = ResourceBundle.getBundle("io.aeolus.console.messages");
        backend = new AdminClientBackend();
        runner = new FxTaskRunner();
        viewModel = new ConsoleViewModel(backend, runner, Platform::runLater, bundle);
        final MainWindow window = new MainWindow(viewModel, new ConnectViewModel(new RecentUrls(prefs)), bundle);
        stage.setScene(window.createScene(1000, 650, false));
        stage.show();
        window.selectTab("destinationsTab");
    }

    @AfterEach
    void close() throws Exception
    {
        backend.close();
        runner.close();
        prefs.removeNode();
    }

    @Test
    void showsDisconnectedWhileTheBrokerIsGoneAndReconnectsByItself(final FxRobot robot) throws Exception
    {
        final String aeronDir = "/dev/shm/aeolus-console-reconnect-" + UUID.randomUUID();
        final String udpEndpoint = "127.0.0.1:" + freeUdpPort();
        final Label state = robot.lookup("#connectionState").queryAs(Label.class);
        final String url;
        try (EmbeddedBroker first = EmbeddedBroker.start(context(aeronDir, udpEndpoint)))
        {
            url = first.ipcUrl();
            sendPersistent(url);
            robot.interact(() -> viewModel.connect(first.ipcUrl(), "", new char[0]));
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
        }

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "disconnected".equals(state.getText()));
        assertEquals(ConnectionState.DISCONNECTED, viewModel.stateProperty().get());

        try (EmbeddedBroker second = EmbeddedBroker.start(context(aeronDir, udpEndpoint)))
        {
            assertEquals(url, second.ipcUrl());
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> "connected".equals(state.getText()));
            // Reloaded by itself on reconnecting: the restarted broker recovered the persistent message.
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> cellTexts(robot).contains(QUEUE));
        }
    }

    private Broker.Context context(final String aeronDir, final String udpEndpoint)
    {
        return EmbeddedBroker.isolatedContext(dataDir).aeronDirectoryName(aeronDir).udpEndpoint(udpEndpoint);
    }

    private static void sendPersistent(final String url) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(url).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage("survives a restart"));
        }
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private static List<String> cellTexts(final FxRobot robot)
    {
        return robot.from(robot.lookup("#destinationsTable").queryAs(TableView.class)).lookup(".table-cell")
            .queryAllAs(TableCell.class).stream().map(TableCell::getText).toList();
    }
}
