package io.aeolus.console.backend;

import io.aeolus.management.HistoryPoint;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.JobState;
import io.aeolus.management.JobKind;
import io.aeolus.management.JobInfo;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FakeBackendTest
{
    private final long[] nowMs = {1_000_000L};
    private final FakeBackend backend = new FakeBackend().clock(() -> nowMs[0]);

    @Test
    void shouldMoveMessagesAtTheJobsRateByItsClock() throws Exception
    {
        for (int i = 0; i < 50; i++)
        {
            backend.addMessage("orders", new BrowsedMessage("ID:" + i, 0, Map.of(), Map.of("n", "" + i), "m", 1));
        }
        final long id = backend.startJob(new JobRequest(JobKind.MOVE, "orders", "orders.parked", "", null, 10));

        nowMs[0] += 2_000;
        final JobInfo job = backend.jobs().get(0);

        assertEquals(id, job.id());
        assertEquals(20, job.processed());
        assertEquals(30, backend.browse("orders", "", 0, 100).size());
        assertEquals(20, backend.browse("orders.parked", "", 0, 100).size());
        nowMs[0] += 10_000;
        assertEquals(JobState.DONE, backend.jobs().get(0).state());
    }

    @Test
    void shouldSkipDeadLettersThatDoNotSayWhereTheyCameFrom() throws Exception
    {
        backend.addDeadLetter("DLQ.x", new DeadLetter("ID:1", "", "expired", 1, 1));
        backend.addDeadLetter("DLQ.x", new DeadLetter("ID:2", "x", "expired", 2, 1));

        assertEquals(new DryRunResult(2, 1, 0),
            backend.dryRun(new JobRequest(JobKind.RETRY, "DLQ.x", "", "", null, 0)));
        backend.startJob(new JobRequest(JobKind.RETRY, "DLQ.x", "", "", null, 0));

        final JobInfo job = backend.jobs().get(0);
        assertEquals(List.of(1L, 1L, JobState.DONE), List.of(job.processed(), job.skipped(), job.state()));
        assertEquals(List.of("ID:2"), backend.retriedIds());
    }

    @Test
    void shouldPurgeIntoTheTrashByJobAndRestoreTheBatch() throws Exception
    {
        backend.addMessage("audit", new BrowsedMessage("ID:1", 0, Map.of(), Map.of("level", "DEBUG"), "a", 1));
        backend.addMessage("audit", new BrowsedMessage("ID:2", 0, Map.of(), Map.of("level", "INFO"), "b", 1));
        backend.startJob(new JobRequest(JobKind.PURGE, "audit", "", "level = 'DEBUG'", null, 0));
        backend.jobs();

        final List<TrashBatch> batches = backend.trashBatches();
        assertEquals(1, batches.size());
        assertEquals(1, batches.get(0).count());

        assertEquals(1, backend.restoreTrash(batches.get(0).batch()));
        assertEquals(2, backend.browse("audit", "", 0, 10).size());
        assertTrue(backend.trashBatches().isEmpty());
    }

    @Test
    void shouldForgetTrashBatchesPastTheirRetention() throws Exception
    {
        backend.addTrash("purge", "orders", nowMs[0], 3);

        nowMs[0] += 24 * 3_600_000L;

        assertTrue(backend.trashBatches().isEmpty());
    }

    @Test
    void shouldGenerateHistoryAtTheRangesSpacingUpToNow() throws Exception
    {
        backend.putDestination(new DestinationInfo("orders", DestinationType.QUEUE, 40, 0, 1, 40, 0, false, false,
            12.0, 11.0));

        final List<HistoryPoint> hour = backend.history("orders", false, HistoryRange.ONE_HOUR);
        final List<HistoryPoint> broker = backend.history("", false, HistoryRange.ONE_MINUTE);

        assertEquals(360, hour.size());
        assertEquals(10_000L, hour.get(1).timeMs() - hour.get(0).timeMs());
        assertEquals(1_000_000L, hour.get(359).timeMs());
        assertEquals(60, broker.size());
        assertThrows(IllegalArgumentException.class, () -> backend.history("gone", false, HistoryRange.ONE_DAY));
    }

    @Test
    void shouldRefuseAMoveWithoutTarget()
    {
        backend.addMessage("orders", new BrowsedMessage("ID:1", 0, Map.of(), Map.of(), "m", 1));

        assertThrows(IllegalArgumentException.class,
            () -> backend.startJob(new JobRequest(JobKind.MOVE, "orders", "", "", null, 0)));
    }
}
