package io.aeolus.jms.admin;

import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobState;
import io.aeolus.management.MessageInfo;
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

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 2: purge, and move, copy and delete with a selector, act on the whole queue, the messages in memory
 * and those paged out to the journal, each exactly once: a queue of 1,000 messages of which a paging window of 100 is
 * in memory, every tenth message ({@code pick}) selected, so that 90 of the 100 chosen are paged out. Each test has
 * its own queue on one broker; the restart test has a broker of its own.
 */
@Timeout(180)
class AdminPagedOutBulkIT
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int COUNT = 1000;
    private static final String PICKED = "pick = TRUE";

    @TempDir
    static Path dataDir;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception
    {
        broker = EmbeddedBroker.start(EmbeddedBroker.isolatedContext(dataDir.resolve("shared"))
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
    }

    @AfterAll
    static void stop()
    {
        broker.close();
    }

    @Test
    void shouldPurgeTheWholeQueueIntoTheTrashAndUndoIt() throws Exception
    {
        try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(broker, "bulk.purge");
            final AdminTrash trash = new AdminTrash(admin);

            final AdminTrash.Removal picked = trash.purge("bulk.purge", PICKED);

            assertEquals(100, picked.count(), "10 in memory, 90 paged out");
            assertEquals(COUNT - 100, total(admin, "bulk.purge", ""));
            assertEquals(0, total(admin, "bulk.purge", PICKED));

            final AdminTrash.Removal rest = trash.purge("bulk.purge", null);
            assertEquals(COUNT - 100, rest.count(), "a purge without a selector empties the queue");
            assertEquals(0, total(admin, "bulk.purge", ""));

            assertEquals(100, trash.restore(picked.batch()), "undo puts back every purged message");
            assertEquals(expected(true), receiveAll(broker, "bulk.purge"));
        }
    }

    @Test
    void shouldMoveTheMatchingMessagesOfTheWholeQueue() throws Exception
    {
        try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(broker, "bulk.move");

            assertEquals(100, admin.move("bulk.move", "bulk.moved", null, PICKED));

            assertEquals(expected(true), bodies(admin, "bulk.moved"));
            assertEquals(expected(false), receiveAll(broker, "bulk.move"));
            assertEquals(expected(true), receiveAll(broker, "bulk.moved"));
        }
    }

    @Test
    void shouldCopyTheMatchingMessagesOfTheWholeQueue() throws Exception
    {
        try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(broker, "bulk.copy");

            assertEquals(100, admin.copy("bulk.copy", "bulk.copied", null, PICKED));

            assertEquals(COUNT, total(admin, "bulk.copy", ""), "the originals stay");
            assertEquals(expected(true), receiveAll(broker, "bulk.copied"));
            assertEquals(all(), receiveAll(broker, "bulk.copy"));
        }
    }

    @Test
    void shouldDeleteTheMatchingMessagesOfTheWholeQueue() throws Exception
    {
        try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(broker, "bulk.delete");

            assertEquals(100, admin.deleteMessages("bulk.delete", null, PICKED));

            assertEquals(expected(false), receiveAll(broker, "bulk.delete"));
        }
    }

    @Test
    void shouldMoveThroughJmxAsThroughTheManagementQueue() throws Exception
    {
        fill(broker, "bulk.jmx");
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name = new ObjectName("io.aeolus:type=Broker");

        final Object moved = server.invoke(name, "moveMessages", new Object[]{"bulk.jmx", "bulk.jmx.moved", PICKED},
            new String[]{String.class.getName(), String.class.getName(), String.class.getName()});

        assertEquals(100, moved);
        assertEquals(expected(false), receiveAll(broker, "bulk.jmx"));
        assertEquals(expected(true), receiveAll(broker, "bulk.jmx.moved"));
    }

    @Test
    void shouldCountInTheDryRunWhatTheJobThenMoves() throws Exception
    {
        try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(broker, "bulk.job");
            final AdminJobs jobs = new AdminJobs(admin);

            final AdminJobs.DryRun dryRun = jobs.dryRun(JobKind.MOVE, "bulk.job", "bulk.job.moved", PICKED, null);
            assertEquals(100, dryRun.matched(), dryRun.toString());
            assertEquals(90, dryRun.pagedOut(), "of them paged out: " + dryRun);

            final JobInfo done = awaitFinished(jobs,
                jobs.start(JobKind.MOVE, "bulk.job", "bulk.job.moved", PICKED, null, 0));
            assertEquals(dryRun.matched(), done.processed(), done.toString());
            assertEquals(0, done.skipped(), done.toString());
            assertEquals(expected(true), receiveAll(broker, "bulk.job.moved"));
            assertEquals(expected(false), receiveAll(broker, "bulk.job"));
        }
    }

    @Test
    void shouldNeitherDuplicateNorLoseAMessageConsumedDuringAMove() throws Exception
    {
        try (Connection connection = connect(broker); AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(broker, "bulk.race");
            final CompletableFuture<List<String>> consumed = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return receiveAll(broker, "bulk.race");
                }
                catch (final JMSException ex)
                {
                    throw new IllegalStateException(ex);
                }
            });

            final int moved = admin.move("bulk.race", "bulk.race.moved", null, PICKED);

            final List<String> received = consumed.get(120, TimeUnit.SECONDS);
            final List<String> movedBodies = receiveAll(broker, "bulk.race.moved");
            assertEquals(moved, movedBodies.size());
            final Set<String> seen = new HashSet<>();
            for (final String body : received)
            {
                assertTrue(seen.add(body), "consumed twice: " + body);
            }
            for (final String body : movedBodies)
            {
                assertTrue(seen.add(body), "moved and consumed, or moved twice: " + body);
                assertTrue(body.endsWith("3"), "only picked messages move: " + body);
            }
            assertEquals(COUNT, seen.size(), "every message once, consumed or moved");
        }
    }

    @Test
    void shouldKeepWhatMovedPurgedAndDeletedAfterARestart(@TempDir final Path own) throws Exception
    {
        try (EmbeddedBroker first = start(own); Connection connection = connect(first);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            fill(first, "restart.source");
            assertEquals(100, admin.copy("restart.source", "restart.copied", null, "n < 100"));
            assertEquals(100, admin.move("restart.source", "restart.moved", null, PICKED));
            assertEquals(90, admin.deleteMessages("restart.source", null, "n >= 100 AND n < 200"), "10 moved");
            assertEquals(90, new AdminTrash(admin).purge("restart.source", "n >= 900").count(), "10 moved");
            assertEquals(720, total(admin, "restart.source", ""), "before the restart");
        }
        try (EmbeddedBroker second = start(own); Connection connection = connect(second);
            AdminClient admin = new AdminClient(connection, TIMEOUT))
        {
            final List<String> left = new ArrayList<>();
            for (final String body : expected(false))
            {
                final int n = Integer.parseInt(body.substring(1));
                if (n < 100 || n >= 200 && n < 900)
                {
                    left.add(body);
                }
            }
            assertEquals(left.size(), total(admin, "restart.source", ""));
            assertEquals(expected(true), receiveAll(second, "restart.moved"));
            final List<String> copied = new ArrayList<>();
            for (int i = 0; i < 100; i++)
            {
                copied.add("m" + i);
            }
            assertEquals(copied, receiveAll(second, "restart.copied"));
            assertEquals(left, receiveAll(second, "restart.source"));
        }
    }

    private static EmbeddedBroker start(final Path directory)
    {
        return EmbeddedBroker.start(EmbeddedBroker.isolatedContext(directory)
            .set(BrokerConfiguration.PAGING_WINDOW, "100"));
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

    private static long total(final AdminClient admin, final String queue, final String selector) throws JMSException
    {
        return admin.browsePage(queue, selector, 0, 1).total();
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

    private static List<String> bodies(final AdminClient admin, final String queue) throws JMSException
    {
        final List<String> bodies = new ArrayList<>();
        for (final MessageInfo info : admin.browse(queue, "", 0, 1000))
        {
            bodies.add(info.body());
        }
        return bodies;
    }

    private static void fill(final EmbeddedBroker target, final String queue) throws JMSException
    {
        try (Connection connection = connect(target))
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

    private static List<String> receiveAll(final EmbeddedBroker source, final String queue) throws JMSException
    {
        final List<String> bodies = new ArrayList<>();
        try (Connection connection = connect(source))
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

    private static Connection connect(final EmbeddedBroker target) throws JMSException
    {
        final Connection connection = new AeolusConnectionFactory(target.ipcUrl()).createConnection();
        connection.start();
        return connection;
    }
}
