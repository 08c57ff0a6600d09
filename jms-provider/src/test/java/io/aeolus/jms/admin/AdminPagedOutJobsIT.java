package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.Argument;
import io.aeolus.management.ErrorCode;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import io.aeolus.management.MessageInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Request;
import io.aeolus.management.TrashBatch;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What still acted on the messages in memory only: the trash listing's counts, bulk jobs by ids, and the time limit of
 * a bulk operation's walk through the journal. A queue of 1,000 messages with a paging window of 100, so that most of
 * them (and most of what a purge puts in the trash) are paged out to the journal; every tenth message ({@code pick})
 * is chosen. Each test has its own queue on one broker.
 */
@Timeout(180)
class AdminPagedOutJobsIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int COUNT = 1000;
    private static final String PICKED = "pick = TRUE";
    private static final Pattern PROGRESS = Pattern.compile("(\\d+) messages in all were done, trash batch (\\S+)");

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir.resolve("broker"))
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
    }

    @AfterAll
    static void stop()
    {
        broker.close();
    }

    @Test
    void shouldCountTheWholeTrashBatchPagedOutMessagesIncluded() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("trash.count");
            final AdminTrash trash = new AdminTrash(admin);
            final AdminTrash.Removal removal = trash.purge("trash.count", null);
            assertEquals(COUNT, removal.count());

            final TrashBatch batch = batch(trash, removal.batch());

            assertNotNull(batch, "listed");
            assertEquals(COUNT, batch.count(), "the messages of the trash paged out to the journal count too");
            assertEquals("trash.count", batch.destination());
            assertEquals(TrashBatch.PURGE, batch.operation());
            assertEquals(COUNT, trash.restore(removal.batch()));
            assertNull(batch(trash, removal.batch()), "restored whole, the batch is gone");
            assertEquals(all(), receiveAll("trash.count"));
        }
    }

    @Test
    void shouldActOnTheNamedPagedOutMessagesOfAJobByIdsEachOnce() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("ids.job");
            final List<String> named = new ArrayList<>();
            for (final MessageInfo info : admin.browse("ids.job", PICKED, 0, 1000))
            {
                named.add(info.messageId());
            }
            assertEquals(100, named.size(), "10 in memory, 90 paged out");
            named.add(named.get(95)); // named twice, done once
            named.add("ID:no-such-message-1");
            named.add("ID:no-such-message-2");
            final AdminJobs jobs = new AdminJobs(admin);
            final AdminJobs.DryRun dryRun = jobs.dryRun(JobKind.MOVE, "ids.job", "ids.job.moved", null, named);
            assertEquals(100, dryRun.matched(), dryRun.toString());
            assertEquals(90, dryRun.pagedOut(), dryRun.toString());
            assertEquals(List.of("ID:no-such-message-1", "ID:no-such-message-2"), dryRun.notFound());

            final JobInfo done = awaitFinished(jobs, jobs.start(JobKind.MOVE, "ids.job", "ids.job.moved", null,
                named, 0));

            assertEquals(100, done.processed(), done.toString());
            assertEquals(0, done.skipped(), done.toString());
            assertEquals(100, done.total(), done.toString());
            assertEquals(List.of("ID:no-such-message-1", "ID:no-such-message-2"), done.notFoundIds());

            final JobInfo again = awaitFinished(jobs, jobs.start(JobKind.MOVE, "ids.job", "ids.job.moved", null,
                named, 0));

            assertEquals(0, again.processed(), again.toString());
            assertEquals(102, again.notFoundIds().size(), "each moved already, or never there: " + again);
            assertEquals(expected(true), receiveAll("ids.job.moved"));
            assertEquals(expected(false), receiveAll("ids.job"));
        }
    }

    @Test
    void shouldPurgeTheNamedPagedOutMessagesInAJobIntoOneTrashBatch() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("ids.purge");
            final List<String> named = new ArrayList<>();
            for (final MessageInfo info : admin.browse("ids.purge", "n >= 500", 0, 1000))
            {
                named.add(info.messageId());
            }
            final AdminJobs jobs = new AdminJobs(admin);
            final AdminTrash trash = new AdminTrash(admin);

            final JobInfo done = awaitFinished(jobs, jobs.start(JobKind.PURGE, "ids.purge", null, null, named, 0));

            assertEquals(500, done.processed(), done.toString());
            assertEquals(List.of(), done.notFoundIds());
            assertEquals(500, admin.browsePage("ids.purge", "", 0, 1).total());
            final TrashBatch batch = batch(trash, "job-" + done.id());
            assertNotNull(batch, "listed");
            assertEquals(500, batch.count());
            assertEquals(500, trash.restore(batch.batch()));
            assertEquals(all(), receiveAll("ids.purge"));
        }
    }

    @Test
    void shouldStopAPurgeAtItsTimeLimitWithItsProgressAndFinishItWhenRunAgain() throws Exception
    {
        try (Connection connection = connect(); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill("timeout.purge");
            final AdminTrash trash = new AdminTrash(admin);

            final JMSException stopped = assertThrows(JMSException.class, () -> admin.call(Request.of(
                Operation.PURGE, Argument.NAME, "timeout.purge", Argument.TIME_LIMIT_MS, 1)));

            assertEquals(ErrorCode.TIMEOUT, stopped.getErrorCode(), stopped.getMessage());
            final Matcher progress = PROGRESS.matcher(stopped.getMessage());
            assertTrue(progress.find(), stopped.getMessage());
            final int done = Integer.parseInt(progress.group(1));
            final String firstBatch = progress.group(2);
            assertTrue(done > 0 && done < COUNT, "some, not all: " + stopped.getMessage());
            assertEquals(COUNT - done, admin.browsePage("timeout.purge", "", 0, 1).total(), "the rest waits");
            assertEquals(done, batch(trash, firstBatch).count(), "what was done is in the trash");

            final AdminTrash.Removal rest = trash.purge("timeout.purge", null);

            assertEquals(COUNT - done, rest.count(), "run again, it does the rest");
            assertEquals(0, admin.browsePage("timeout.purge", "", 0, 1).total());
            assertEquals(done, trash.restore(firstBatch));
            assertEquals(COUNT - done, trash.restore(rest.batch()));
            final List<String> received = receiveAll("timeout.purge");
            assertEquals(COUNT, received.size(), "none lost, none twice");
            assertEquals(new HashSet<>(all()), new HashSet<>(received));
        }
    }

    private static TrashBatch batch(final AdminTrash trash, final String id) throws JMSException
    {
        for (final TrashBatch batch : trash.batches())
        {
            if (batch.batch().equals(id))
            {
                return batch;
            }
        }
        return null;
    }

    private static JobInfo awaitFinished(final AdminJobs jobs, final long jobId) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final JobInfo job = jobs.get(jobId);
            assertNotNull(job);
            if (job.state() == JobState.DONE)
            {
                return job;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("job " + jobId + " did not finish: " + jobs.get(jobId));
    }

    /**
     * @return the bodies of the picked messages, or of the others, in order.
     */
    private static List<String> expected(final boolean picked)
    {
        return PagedOutBodies.picked(COUNT, picked);
    }

    private static List<String> all()
    {
        return PagedOutBodies.all(COUNT);
    }

    private static void fill(final String queue) throws JMSException
    {
        try (Connection connection = connect())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageProducer producer = session.createProducer(session.createQueue(queue));
            for (int i = 0; i < COUNT; i++)
            {
                final TextMessage message = session.createTextMessage("m" + i);
                message.setIntProperty("n", i);
                message.setBooleanProperty("pick", i % 10 == 3);
                producer.send(message);
            }
        }
    }

    private static List<String> receiveAll(final String queue) throws JMSException
    {
        final List<String> bodies = new ArrayList<>();
        try (Connection connection = connect())
        {
            final Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            final MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            Message message;
            while (null != (message = consumer.receive(3000)))
            {
                bodies.add(message.getBody(String.class));
            }
        }
        return bodies;
    }

    private static Connection connect() throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(broker.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }
}
