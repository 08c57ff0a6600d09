package io.aeolus.jms.admin;

import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import io.aeolus.management.DeadLetterGroups;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.JobInfo;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk jobs and the trash through {@link AdminJobs} and {@link AdminTrash} against a broker: a throttled retry that
 * goes on after the client that started it disconnects, a cancelled job, and a purge undone from the trash after a
 * broker restart (the trash is journaled).
 */
@Timeout(90)
class AdminJobsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void shouldRunARetryJobThatOutlivesTheClientThatStartedItWithoutDuplicates() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir))
        {
            sendDeadLetters(broker, 400);
            final long jobId;
            try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
            {
                final AdminJobs jobs = new AdminJobs(admin);
                final AdminJobs.DryRun dryRun = jobs.dryRun(JobKind.RETRY, "DLQ.orders", null, null, null);
                assertEquals(400, dryRun.matched());
                assertEquals(0, dryRun.skipped());
                jobId = jobs.start(JobKind.RETRY, "DLQ.orders", null, null, null, 200);
                final JobInfo started = jobs.get(jobId);
                assertEquals(400, started.total());
                assertTrue(started.processed() < 400, "throttled: " + started);
            }
            try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
            {
                final AdminJobs jobs = new AdminJobs(admin);
                // The same retry again, while the first still runs: it may take only what the first has not.
                final long again = jobs.start(JobKind.RETRY, "DLQ.orders", null, null, null, 0);
                final JobInfo first = awaitFinished(jobs, jobId);
                final JobInfo second = awaitFinished(jobs, again);
                assertEquals(JobState.DONE, first.state());
                assertEquals(400, first.processed() + second.processed());
                assertEquals(0, depth(admin, "DLQ.orders"));
            }
            assertEquals(400, drainDistinct(broker, "orders"), "each message once");
        }
    }

    @Test
    void shouldTriageDeadLettersByCauseAndRetryOnlyOneCause() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            sendDeadLetters(broker, 30);
            final DeadLetterGroups groups = new AdminJobs(admin).triage("DLQ.orders", "property", "cause", 12);
            assertEquals(30, groups.total());
            assertEquals(3, groups.groups().size());
            final DeadLetterGroups.Group biggest = groups.groups().get(0);
            assertEquals("timeout", biggest.key());
            assertEquals(15, biggest.count());
            assertEquals(12, biggest.histogram().length);
            assertEquals(15, java.util.Arrays.stream(biggest.histogram()).sum());

            final long jobId = new AdminJobs(admin).start(
                JobKind.RETRY, "DLQ.orders", null, biggest.selector(), null, 0);
            assertEquals(15, awaitFinished(new AdminJobs(admin), jobId).processed());
            assertEquals(15, depth(admin, "DLQ.orders"));
            assertEquals(15, depth(admin, "orders"));
        }
    }

    @Test
    void shouldFollowAQueueThatIsPagedOutToTheJournalUntilItIsEmpty() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            send(broker, "orders", 1000);
            final AdminJobs jobs = new AdminJobs(admin);
            final AdminJobs.DryRun dryRun = jobs.dryRun(JobKind.MOVE, "orders", "orders.copy", null, null);
            assertEquals(1000, dryRun.matched(), "in memory and paged out: " + dryRun);
            assertEquals(900, dryRun.pagedOut(), "of them paged out: " + dryRun);

            final JobInfo done = awaitFinished(jobs,
                jobs.start(JobKind.MOVE, "orders", "orders.copy", null, null, 0));
            assertEquals(1000, done.processed(), done.toString());
            assertEquals(1000, done.total());
            assertEquals(0, depth(admin, "orders"));
            assertEquals(1000, depth(admin, "orders.copy"));
        }
    }

    @Test
    void shouldRunJobsTrashTriageAndHistoryThroughJmx() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            sendDeadLetters(broker, 10);
            send(broker, "orders.old", 5);
            final javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            final javax.management.ObjectName jobs = new javax.management.ObjectName("io.aeolus:type=Jobs");
            final String[] four = {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String"};

            final CompositeData dryRun = (CompositeData)server.invoke(jobs, "dryRun",
                new Object[]{"retry", "DLQ.orders", "", ""}, four);
            final CompositeData[] groups = (CompositeData[])server.invoke(jobs, "triage",
                new Object[]{"DLQ.orders", "property", "cause"}, new String[]{"java.lang.String", "java.lang.String",
                    "java.lang.String"});
            final long jobId = (Long)server.invoke(jobs, "startJob", new Object[]{"purge", "orders.old", "", "", 0L},
                new String[]{"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String", "long"});
            final JobInfo purge = awaitFinished(new AdminJobs(admin), jobId);
            final CompositeData[] listed = (CompositeData[])server.invoke(jobs, "listJobs", new Object[0],
                new String[0]);
            final CompositeData[] trash = (CompositeData[])server.invoke(jobs, "listTrash", new Object[0],
                new String[0]);
            final String batch = (String)trash[0].get("batch");
            final Object restored = server.invoke(jobs, "restoreTrash", new Object[]{batch},
                new String[]{"java.lang.String"});
            final CompositeData[] history = (CompositeData[])server.invoke(jobs, "history",
                new Object[]{"", "queue", "1m"},
                new String[]{"java.lang.String", "java.lang.String", "java.lang.String"});

            assertEquals(10L, dryRun.get("matched"));
            assertEquals(0L, dryRun.get("skipped"));
            assertEquals(0L, dryRun.get("pagedOut"));
            assertEquals(3, groups.length, java.util.Arrays.toString(groups));
            assertEquals("timeout", groups[0].get("key"), groups[0].toString());
            assertEquals(5, groups[0].get("count"));
            assertEquals(5, purge.processed());
            assertEquals(jobId, listed[0].get("id"));
            assertEquals("PURGE", listed[0].get("kind"));
            assertEquals("orders.old", listed[0].get("queue"));
            assertEquals(5, restored);
            assertEquals(5, depth(admin, "orders.old"));
            assertNotNull(history);
        }
    }

    @Test
    void shouldCancelAJobAndLeaveTheRestWhereItWas() throws Exception
    {
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            sendDeadLetters(broker, 200);
            final AdminJobs jobs = new AdminJobs(admin);
            final long jobId = jobs.start(JobKind.MOVE, "DLQ.orders", "orders.parked", "n >= 100", null, 20);
            assertEquals(JobState.PAUSED, jobs.pause(jobId).state());
            final JobInfo cancelled = jobs.cancel(jobId);
            assertEquals(JobState.CANCELLED, cancelled.state());
            assertEquals(100, cancelled.total());
            assertEquals(200 - cancelled.processed(), depth(admin, "DLQ.orders"));
        }
    }

    @Test
    void shouldUndoAPurgeFromTheTrashEvenAfterARestart() throws Exception
    {
        final String batch;
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            send(broker, "orders", 50);
            assertEquals(50, admin.purge("orders"));
            final List<TrashBatch> batches = new AdminTrash(admin).batches();
            assertEquals(1, batches.size());
            assertEquals("orders", batches.get(0).destination());
            assertEquals(50, batches.get(0).count());
            batch = batches.get(0).batch();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.startIsolated(dataDir);
            Connection connection = connect(broker);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            assertEquals(50, new AdminTrash(admin).restore(batch));
            assertEquals(0, new AdminTrash(admin).batches().size());
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
            for (int i = 0; i < 50; i++)
            {
                final TextMessage message = (TextMessage)consumer.receive(10_000);
                assertNotNull(message, "restored message " + i);
                assertEquals("m" + i, message.getText());
                assertNull(message.getStringProperty("AEOLUS_TRASH_BATCH"));
            }
        }
    }

    private static Connection connect(final EmbeddedBroker broker) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }

    private static void sendDeadLetters(final EmbeddedBroker broker, final int count) throws JMSException
    {
        try (Connection connection = connect(broker))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue("DLQ.orders"));
            for (int i = 0; i < count; i++)
            {
                final TextMessage message = session.createTextMessage("d" + i);
                message.setIntProperty("n", i);
                message.setStringProperty("cause", i % 2 == 0 ? "timeout" : i % 3 == 0 ? "bad-input" : "unknown");
                message.setStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION", "orders");
                message.setStringProperty("AEOLUS_DLQ_ORIGINAL_DESTINATION_TYPE", "QUEUE");
                producer.send(message);
            }
        }
    }

    private static void send(final EmbeddedBroker broker, final String queue, final int count) throws JMSException
    {
        try (Connection connection = connect(broker))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < count; i++)
            {
                producer.send(session.createTextMessage("m" + i));
            }
        }
    }

    private static JobInfo awaitFinished(final AdminJobs jobs, final long jobId) throws Exception
    {
        final long deadlineNs = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true)
        {
            final JobInfo job = jobs.get(jobId);
            if (null != job && job.isFinished())
            {
                return job;
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new AssertionError("job " + jobId + " did not finish: " + job);
            }
            Thread.onSpinWait();
        }
    }

    private static long depth(final AdminClient admin, final String queue) throws JMSException
    {
        return admin.queue(queue).depth();
    }

    private static int drainDistinct(final EmbeddedBroker broker, final String queue) throws JMSException
    {
        final Set<String> seen = new HashSet<>();
        try (Connection connection = connect(broker))
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (TextMessage message = (TextMessage)consumer.receive(2_000); null != message;
                message = (TextMessage)consumer.receive(500))
            {
                assertTrue(seen.add(message.getText()), "delivered twice: " + message.getText());
            }
        }
        return seen.size();
    }
}
