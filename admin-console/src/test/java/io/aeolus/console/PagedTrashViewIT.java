package io.aeolus.console;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminTrash;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

import static io.aeolus.console.FxQueries.cellTexts;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Trash tab counts a purge whole when most of what it put in the trash is paged out to the journal: a queue of
 * 1,000 persistent messages on a broker with a paging window of 100, purged, shows a batch of 1,000 (the trash keeps
 * no more than its window in memory).
 */
@Timeout(120)
@ExtendWith(ApplicationExtension.class)
class PagedTrashViewIT
{
    private static final String QUEUE = "console.it.paged.trash";
    private static final int COUNT = 1000;

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

    @BeforeAll
    static void startBroker() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < COUNT; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
            try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(30)))
            {
                assertEquals(COUNT, new AdminTrash(admin).purge(QUEUE, null).count());
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
    void trashTabCountsThePagedOutMessagesOfABatchToo(final FxRobot robot) throws Exception
    {
        waitUntil(30, () -> cellTexts(robot, "#destinationsTable").contains(QUEUE)); // connected

        robot.interact(() -> console.window.selectTab("trashTab"));

        waitUntil(30, () -> cellTexts(robot, "#trashTable").containsAll(List.of("purge", QUEUE, "1000")));
    }
}
