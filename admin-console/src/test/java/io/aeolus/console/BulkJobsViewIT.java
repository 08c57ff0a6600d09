package io.aeolus.console;

import io.aeolus.management.JobKind;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.management.JobState;
import io.aeolus.console.jobs.JobRow;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.admin.AdminClient;
import io.aeolus.jms.admin.AdminJobs;
import io.aeolus.management.DestinationInfo;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
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
import static io.aeolus.console.FxQueries.dialogWindow;
import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7, bulk operations as jobs, through the real console (headless) on an embedded broker: a retry of a few
 * hundred dead letters at 20 messages a second from the Dead letters tab, with a dry run before it starts, its
 * progress in the Jobs tab, and a cancel mid-way that leaves the rest in the dead-letter queue; and a job another
 * client starts shows up in the Jobs tab by itself.
 */
@Timeout(180)
@ExtendWith(ApplicationExtension.class)
class BulkJobsViewIT
{
    private static final int DEAD_LETTERS = 300;
    private static final String ORIGIN = "orders";
    private static final String DLQ = "DLQ.orders";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;
    private RealConsole console;
    private Stage stage;

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
        console = new RealConsole();
        stage.setScene(console.window.createScene(1150, 720, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void bulkRetryWithDryRunProgressAndCancel(final FxRobot robot) throws Exception
    {
        sendDeadLetters(DLQ, ORIGIN, DEAD_LETTERS);
        robot.interact(() -> console.viewModel.connect(broker.ipcUrl(), "", new char[0]));
        robot.interact(() -> console.window.selectTab("deadLettersTab"));
        @SuppressWarnings("unchecked")
        final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
        waitUntil(30, () -> chooser.getItems().contains(DLQ));
        robot.interact(() -> chooser.getSelectionModel().select(DLQ));
        waitUntil(30, () -> console.viewModel.deadLetters().messages().size() == DEAD_LETTERS);

        robot.clickOn("#bulkDlq");
        waitUntil(10, () -> null != dialogWindow(stage));
        robot.clickOn("#jobRate").write("20");
        assertTrue(robot.lookup("#jobStart").queryAs(Button.class).isDisabled(), "no start before a dry run");
        robot.clickOn("#jobDryRun");
        final Label counted = robot.lookup("#jobDryRunResult").queryAs(Label.class);
        waitUntil(20, () -> counted.getText().startsWith(DEAD_LETTERS + " message(s) match, 0 of them"));
        robot.clickOn("#jobStart");
        waitUntil(20, () -> null == dialogWindow(stage));

        robot.interact(() -> console.window.selectTab("jobsTab"));
        waitUntil(20, () -> !console.viewModel.jobs().rows().isEmpty());
        final JobRow job = console.viewModel.jobs().rows().get(0);
        waitUntil(30, () -> job.processedProperty().get() >= 40);
        assertTrue(cellTexts(robot, "#jobsTable").containsAll(List.of("Retry", DLQ, "running", "20 / s")),
            cellTexts(robot, "#jobsTable").toString());
        assertTrue(job.processedProperty().get() < DEAD_LETTERS, "the rate holds it back");
        robot.clickOn(cell(robot, "#jobsTable", DLQ));
        robot.clickOn("#cancelJob");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#cancelJobConfirm").tryQuery().isPresent(), "cancel asks first");
        robot.clickOn("#confirmOk");

        waitUntil(20, () -> job.stateProperty().get() == JobState.CANCELLED);
        waitUntil(20, () -> cellTexts(robot, "#jobsTable").contains("cancelled"));
        final long processed = job.processedProperty().get();
        assertTrue(processed > 0 && processed < DEAD_LETTERS, "cancelled mid-way at " + processed);
        assertTrue(cellTexts(robot, "#jobsTable").contains(processed + " / " + DEAD_LETTERS),
            cellTexts(robot, "#jobsTable").toString());
        assertEquals(processed, depth(ORIGIN), "what it did stays done");
        assertEquals(DEAD_LETTERS - processed, depth(DLQ), "the rest stays in the dead-letter queue");
        waitUntil(20, () -> FxQueries.windowShows("Job " + job.id() + " cancelled"));
    }

    @Test
    void jobStartedByAnotherClientShowsUpInTheJobsTab(final FxRobot robot) throws Exception
    {
        sendDeadLetters("DLQ.payments", "payments", 50);
        robot.interact(() -> console.viewModel.connect(broker.ipcUrl(), "", new char[0]));
        robot.interact(() -> console.window.selectTab("jobsTab"));
        waitUntil(30, () -> console.viewModel.stateProperty().get() == ConnectionState.CONNECTED);

        final long jobId;
        try (Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection())
        {
            connection.start();
            try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                jobId = new AdminJobs(admin).start(JobKind.RETRY, "DLQ.payments", null, "", null, 5);
            }
            // The job belongs to the broker: it goes on after this client has gone.
        }

        waitUntil(30, () -> console.viewModel.jobs().rows().stream().anyMatch((row) -> row.id() == jobId));
        waitUntil(20, () -> cellTexts(robot, "#jobsTable").contains("DLQ.payments"));
        final JobRow row = console.viewModel.jobs().rows().stream().filter((r) -> r.id() == jobId).findFirst()
            .orElseThrow();
        final long seen = row.processedProperty().get();
        waitUntil(20, () -> row.processedProperty().get() > seen);
    }

    /**
     * Issue #20: with a paging window of 100, a retry by selector of 1,000 dead letters counts in its dry run the
     * matches paged out to the journal too, and the job then retries exactly those.
     */
    @Test
    void dryRunCountsWhatTheJobThenDoesOnAPagedOutQueue(final FxRobot robot, @TempDir final Path own)
        throws Exception
    {
        try (EmbeddedBroker paging = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(own)
            .set(io.aeolus.broker.BrokerConfiguration.PAGING_WINDOW, "100")))
        {
            sendDeadLetters(paging, "DLQ.invoices", "invoices", 1000);
            robot.interact(() -> console.viewModel.connect(paging.ipcUrl(), "", new char[0]));
            robot.interact(() -> console.window.selectTab("deadLettersTab"));
            @SuppressWarnings("unchecked")
            final ComboBox<String> chooser = robot.lookup("#dlqChooser").queryAs(ComboBox.class);
            waitUntil(30, () -> chooser.getItems().contains("DLQ.invoices"));
            robot.interact(() -> chooser.getSelectionModel().select("DLQ.invoices"));
            waitUntil(30, () -> !console.viewModel.deadLetters().messages().isEmpty());

            robot.clickOn("#bulkDlq");
            waitUntil(10, () -> null != dialogWindow(stage));
            robot.clickOn("#jobSelector").write("pick = TRUE");
            robot.clickOn("#jobDryRun");
            final Label counted = robot.lookup("#jobDryRunResult").queryAs(Label.class);
            // 10 of the 100 in memory match, 90 of the 900 paged out.
            waitUntil(30, () -> counted.getText().startsWith("100 message(s) match, 0 of them"));
            assertTrue(counted.getText().contains("90 of them are paged out to the journal"), counted.getText());
            robot.clickOn("#jobStart");
            waitUntil(20, () -> null == dialogWindow(stage));

            robot.interact(() -> console.window.selectTab("jobsTab"));
            waitUntil(20, () -> !console.viewModel.jobs().rows().isEmpty());
            final JobRow job = console.viewModel.jobs().rows().get(0);
            waitUntil(60, () -> job.stateProperty().get() == JobState.DONE);
            assertEquals(100, job.processedProperty().get(), "what the dry run counted");
            assertEquals(100, depth(paging, "invoices"));
            assertEquals(900, depth(paging, "DLQ.invoices"));
        }
    }

    private static void sendDeadLetters(final String dlq, final String origin, final int count) throws Exception
    {
        sendDeadLetters(broker, dlq, origin, count);
    }

    private static void sendDeadLetters(final EmbeddedBroker target, final String dlq, final String origin,
        final int count) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(target.ipcUrl()).createConnection())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // The origin exists, so the broker names the dead-letter queue as its DLQ in listings.
            session.createConsumer(session.createQueue(origin)).close();
            final MessageProducer producer = session.createProducer(session.createQueue(dlq));
            for (int i = 0; i < count; i++)
            {
                final TextMessage message = session.createTextMessage("dead " + i);
                message.setStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION", origin);
                message.setBooleanProperty("pick", i % 10 == 3);
                producer.send(message);
            }
        }
    }

    private static long depth(final String queue) throws Exception
    {
        return depth(broker, queue);
    }

    private static long depth(final EmbeddedBroker target, final String queue) throws Exception
    {
        try (Connection connection = new AeolusConnectionFactory(target.ipcUrl()).createConnection())
        {
            connection.start();
            try (AdminClient admin = new AdminClient(connection, Duration.ofSeconds(10)))
            {
                final DestinationInfo info = admin.queue(queue);
                return null == info ? 0 : info.depth();
            }
        }
    }
}
