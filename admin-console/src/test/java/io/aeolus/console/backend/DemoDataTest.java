package io.aeolus.console.backend;

import io.aeolus.management.HistoryPoint;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.JobState;
import io.aeolus.management.JobInfo;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataTest
{
    private static final long NOW_MS = 1_795_000_000_000L;

    private final long[] nowMs = {NOW_MS};
    private final FakeBackend backend = DemoData.demoBackend(NOW_MS).clock(() -> nowMs[0]);

    @Test
    void shouldOfferJobsOfOtherConsolesThatMoveAlongAtTheirRate() throws Exception
    {
        final JobInfo running = running(backend.jobs());

        nowMs[0] += 4_000;

        assertEquals(running.processed() + 4 * running.ratePerSec(), running(backend.jobs()).processed());
        assertEquals(List.of(JobState.PAUSED, JobState.DONE, JobState.CANCELLED, JobState.RUNNING),
            backend.jobs().stream().map(JobInfo::state).toList());
    }

    @Test
    void shouldOfferTrashBatchesThatRestoreAndDeadLettersToTriage() throws Exception
    {
        final List<TrashBatch> batches = backend.trashBatches();
        final TriageResult byReason = backend.triage("DLQ.orders", TriageGrouping.REASON, null, 24);
        final TriageResult byCode = backend.triage("DLQ.orders", TriageGrouping.PROPERTY, "errorCode", 24);

        assertEquals(List.of("search.index", "orders", "email.outbound"),
            batches.stream().map(TrashBatch::destination).toList());
        assertEquals(3, byReason.groups().size());
        assertEquals(60, byReason.total());
        assertEquals(List.of("E-STOCK", "E-PRICE", "E-TIMEOUT"),
            byCode.groups().stream().map(TriageGroup::key).toList());
        assertEquals(1_275, backend.restoreTrash(batches.get(0).batch()));
        assertEquals(2, backend.trashBatches().size());
    }

    @Test
    void shouldOfferHistoryForEveryRange() throws Exception
    {
        for (final HistoryRange range : HistoryRange.values())
        {
            final List<HistoryPoint> points = backend.history("orders", false, range);

            assertEquals(range.lengthMs() / range.stepMs(), points.size());
            assertTrue(points.stream().allMatch((point) -> point.inRatePerSec() > 0 && point.depth() >= 0));
        }
    }

    private static JobInfo running(final List<JobInfo> jobs)
    {
        return jobs.stream().filter((job) -> job.state() == JobState.RUNNING).findFirst().orElseThrow();
    }
}
