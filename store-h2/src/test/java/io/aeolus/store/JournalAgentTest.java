package io.aeolus.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JournalAgentTest
{
    @TempDir
    Path directory;

    private final List<JournalCompletion> completions = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private H2Journal journal;
    private JournalAgent agent;
    private JournalProxy proxy;

    @AfterEach
    void close()
    {
        if (null != agent)
        {
            agent.onClose();
        }
    }

    @Test
    void shouldPostCumulativeCompletionOnceTheBatchIsWritten()
    {
        start(new H2Journal.Context());
        assertTrue(proxy.storeMessage(1, 4, 0, 0, new byte[] {1}));
        assertTrue(proxy.addReference("q", 1, 0));
        assertTrue(proxy.createDestination("q", DestinationType.QUEUE));

        final int workCount = agent.doWork();

        assertEquals(4, workCount, "three commands and one completion");
        assertEquals(List.of("COMMITTED 3"), drain());
        assertEquals(List.of(1L), messageIds(journal.readReferences("q")));
        assertEquals(0, agent.doWork());
    }

    @Test
    void shouldCountBatchesCommandsCommitTimeAndTheFileSize()
    {
        start(new H2Journal.Context());
        assertTrue(proxy.offer(store(1)));
        assertTrue(proxy.offer(add("q", 1, 0)));
        agent.doWork();

        final JournalStatistics statistics = agent.statistics();
        assertEquals(1, statistics.batches());
        assertEquals(2, statistics.commands());
        assertTrue(statistics.commitNanos() > 0);
        assertTrue(statistics.takeMaxCommitNanos() > 0);
        assertEquals(0, statistics.takeMaxCommitNanos(), "a new period starts at each take");
        assertTrue(statistics.fileBytes() > 0, "measured at the first duty cycle");
    }

    @Test
    void shouldReadTheFileSizeOnlyWhileTheJournalWritesAndOnceAMinuteWhenIdle()
    {
        final CachedNanoClock clock = new CachedNanoClock();
        journal = H2Journal.open(new H2Journal.Context().dataDirectory(directory).errorHandler(errors::add));
        agent = new JournalAgent(journal, clock);
        proxy = agent.proxy();

        agent.doWork();
        assertEquals(1, agent.fileSizeReads(), "read at the first duty cycle");
        final long empty = agent.statistics().fileBytes();
        assertTrue(empty > 0);

        // Idle: once a second only during the settle time after opening, then once a minute.
        for (int second = 1; second <= 120; second++)
        {
            clock.advance(TimeUnit.SECONDS.toNanos(1));
            agent.doWork();
        }
        final long idleReads = agent.fileSizeReads();
        assertTrue(idleReads <= 1 + 5 + 2 + 1, "an idle journal read its size " + idleReads + " times in 120 s");

        // A write: read again within a second, and each second while the file may still grow.
        final byte[] body = new byte[200_000];
        new java.util.Random(7).nextBytes(body);
        assertTrue(proxy.offer(new JournalCommand.StoreMessage(1, 4, 0, 0, body)));
        agent.doWork();
        clock.advance(TimeUnit.SECONDS.toNanos(1));
        agent.doWork();
        assertEquals(idleReads + 1, agent.fileSizeReads(), "read in the second after the write");
        assertTrue(agent.statistics().fileBytes() >= 200_000, "the size after the write, not the idle one");
        for (int second = 1; second <= 10; second++)
        {
            clock.advance(TimeUnit.SECONDS.toNanos(1));
            agent.doWork();
        }
        assertTrue(agent.fileSizeReads() >= idleReads + 5, "read each second for a while after the write");
        assertTrue(agent.fileSizeReads() <= idleReads + 7, "then back to once a minute");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void shouldTakeAtMostMaxBatchSizeCommandsPerDutyCycle()
    {
        start(new H2Journal.Context().maxBatchSize(2));
        for (int id = 0; id < 5; id++)
        {
            assertTrue(proxy.offer(store(id)));
        }

        agent.doWork();
        agent.doWork();
        agent.doWork();

        assertEquals(List.of("COMMITTED 2", "COMMITTED 4", "COMMITTED 5"), drain());
        assertEquals(3, agent.batchCount());
    }

    @Test
    void shouldRefuseCommandsWhenTheQueueIsFull()
    {
        start(new H2Journal.Context().commandQueueCapacity(4));
        for (int id = 0; id < 4; id++)
        {
            assertTrue(proxy.offer(store(id)));
        }

        assertFalse(proxy.offer(store(4)));
        assertEquals(4, proxy.lastOfferedSequence());

        agent.doWork();

        assertTrue(proxy.offer(store(4)));
        assertEquals(5, proxy.lastOfferedSequence());
    }

    @Test
    void shouldStopTakingCommandsWhileTheBrokerDoesNotDrainCompletions()
    {
        start(new H2Journal.Context().maxBatchSize(1).completionQueueCapacity(2));
        for (int id = 0; id < 5; id++)
        {
            assertTrue(proxy.offer(store(id)));
        }
        agent.doWork();
        agent.doWork();
        agent.doWork();

        assertEquals(0, agent.doWork(), "completion queue full: no new command taken");

        assertEquals(List.of("COMMITTED 1", "COMMITTED 2"), drain());
        agent.doWork();
        assertEquals(List.of("COMMITTED 3", "COMMITTED 4"), drain());
    }

    @Test
    void shouldBeWokenWhenTheBrokerDrainsCompletionsItHeldBack()
    {
        // The journal thread parks up to a second once idle: held-back completions must not wait for that.
        start(new H2Journal.Context().maxBatchSize(1).completionQueueCapacity(2));
        final int[] wakeUps = {0};
        agent.wakers(() -> wakeUps[0]++, () -> { });
        for (int id = 0; id < 5; id++)
        {
            assertTrue(proxy.offer(store(id)));
        }
        agent.doWork();
        agent.doWork();
        assertEquals(List.of("COMMITTED 1", "COMMITTED 2"), drain());
        assertEquals(0, wakeUps[0], "nothing held back: draining wakes nobody");

        agent.doWork();
        agent.doWork();
        agent.doWork();
        assertEquals(0, agent.doWork(), "completion queue full: the fifth completion is held back");
        assertEquals(List.of("COMMITTED 3", "COMMITTED 4"), drain());

        assertEquals(1, wakeUps[0]);
    }

    @Test
    void shouldAnswerPageReadAfterWritingTheCommandsBeforeIt()
    {
        start(new H2Journal.Context());
        for (int id = 0; id < 3; id++)
        {
            proxy.offer(store(id));
            proxy.offer(add("q", id, id));
        }
        assertTrue(proxy.readReferences("q", 0, 10));

        agent.doWork();

        assertEquals(List.of("COMMITTED 7", "REFERENCES 7"), drain());
        assertEquals(List.of(1L, 2L), messageIds(completions.get(1).references()));
        assertEquals("q", completions.get(1).read().queue());
    }

    @Test
    void shouldWriteGroupAsOneCommandInOneBatch()
    {
        start(new H2Journal.Context().maxBatchSize(1));
        assertTrue(proxy.offerGroup(List.of(store(1), add("q", 1, 0), store(2), add("q", 2, 1))));

        agent.doWork();

        assertEquals(List.of("COMMITTED 1"), drain());
        assertEquals(List.of(1L, 2L), messageIds(journal.readReferences("q")));
    }

    @Test
    void shouldReportFailureThenRefuseCommands()
    {
        start(new H2Journal.Context());
        proxy.offer(store(1));
        agent.doWork();
        proxy.offer(store(1));
        proxy.offer(store(2));

        agent.doWork();

        assertEquals(List.of("COMMITTED 1", "FAILED 1"), drain());
        assertInstanceOf(JournalException.class, completions.get(1).failure());
        assertEquals(1, errors.size());
        assertTrue(proxy.isFailed());
        assertFalse(proxy.offer(store(3)));
        assertEquals(0, agent.doWork());
    }

    @Test
    void shouldWriteQueuedCommandsWhenClosed()
    {
        start(new H2Journal.Context());
        proxy.offer(store(1));
        proxy.offer(add("q", 1, 0));

        agent.onClose();
        agent = null;

        try (H2Journal reopened = open(directory))
        {
            assertEquals(List.of(1L), messageIds(reopened.readReferences("q")));
        }
    }

    @Test
    void shouldWriteHistoryOnlyAfterPostingTheCompletionOfItsBatch() throws Exception
    {
        start(new H2Journal.Context());
        final List<String> postedBeforeHistory = new ArrayList<>();
        HistoryInsertProbe.attach(journal.context().connectionUrl(), "metrics_history",
            () -> postedBeforeHistory.addAll(drain()));
        proxy.storeMessage(1, 4, 0, 0, new byte[] {1});
        proxy.addReference("q", 1, 0);
        assertTrue(proxy.recordHistory(List.of(new HistoryPoint("queue:q", 60_000, 1, 1, 0)), Long.MIN_VALUE));

        agent.doWork();

        assertEquals(List.of("COMMITTED 3"), postedBeforeHistory);
        assertEquals(1, journal.readHistory(0).size());
        assertEquals(List.of(1L), messageIds(journal.readReferences("q")));
    }

    @Test
    void shouldWriteOneHistoryCommandPerDutyCycleSoThatBatchesWaitForOneAtMost()
    {
        start(new H2Journal.Context());
        for (int minute = 1; minute <= 3; minute++)
        {
            proxy.recordHistory(List.of(new HistoryPoint("broker", minute * 60_000L, 0, 0, 0)), Long.MIN_VALUE);
        }
        proxy.storeMessage(1, 4, 0, 0, new byte[] {1});
        proxy.addReference("q", 1, 0);

        agent.doWork();
        assertEquals(List.of("COMMITTED 5"), drain());
        assertEquals(1, journal.readHistory(0).size());
        proxy.storeMessage(2, 4, 0, 0, new byte[] {2});
        proxy.addReference("q", 2, 1);
        agent.doWork();
        assertEquals(List.of("COMMITTED 7"), drain());
        assertEquals(2, journal.readHistory(0).size());
        agent.doWork();

        assertEquals(3, journal.readHistory(0).size());
        assertEquals(0, agent.doWork());
    }

    @Test
    void shouldReportAFailedHistoryWriteAndGoOn() throws Exception
    {
        start(new H2Journal.Context());
        MetricsHistoryJournalTest.dropHistoryTable(journal.context().connectionUrl());
        proxy.recordHistory(List.of(new HistoryPoint("queue:q", 60_000, 1, 1, 0)), 0);

        agent.doWork();
        proxy.storeMessage(1, 4, 0, 0, new byte[] {1});
        proxy.addReference("q", 1, 0);
        agent.doWork();

        assertEquals(List.of("COMMITTED 1", "COMMITTED 3"), drain());
        assertEquals(1, errors.size());
        assertEquals(1, agent.historyFailures());
        assertFalse(agent.isFailed());
        assertEquals(List.of(1L), messageIds(journal.readReferences("q")));
    }

    @Test
    void shouldWriteQueuedHistoryWhenClosed()
    {
        start(new H2Journal.Context());
        proxy.recordHistory(List.of(new HistoryPoint("broker", 60_000, 0, 0, 0)), Long.MIN_VALUE);

        agent.onClose();
        agent = null;

        try (H2Journal reopened = open(directory))
        {
            assertEquals(List.of(new HistoryPoint("broker", 60_000, 0, 0, 0)), reopened.readHistory(0));
        }
    }

    private void start(final H2Journal.Context context)
    {
        journal = H2Journal.open(context.dataDirectory(directory).errorHandler(errors::add));
        agent = new JournalAgent(journal);
        proxy = agent.proxy();
    }

    private List<String> drain()
    {
        final List<String> drained = new ArrayList<>();
        proxy.drainCompletions(
            (completion) ->
            {
                completions.add(completion);
                drained.add(completion.type() + " " + completion.sequence());
            },
            100);
        return drained;
    }
}
