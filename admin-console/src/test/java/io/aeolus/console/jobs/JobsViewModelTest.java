package io.aeolus.console.jobs;

import io.aeolus.console.backend.DeadLetter;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.JobRequest;
import io.aeolus.management.JobState;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.QueuedTaskRunner;
import jakarta.jms.JMSException;
import javafx.collections.ListChangeListener;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobsViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");

    private final long[] nowMs = {1_000_000L};
    private final FakeBackend backend = new FakeBackend().clock(() -> nowMs[0]);
    private final QueuedTaskRunner runner = new QueuedTaskRunner();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final JobsViewModel viewModel = new JobsViewModel(backend, runner, notifier, BUNDLE);
    private final List<JobInfo> finished = new ArrayList<>();

    @BeforeEach
    void fillDeadLetterQueue()
    {
        for (int i = 0; i < 300; i++)
        {
            backend.addDeadLetter("DLQ.orders", new DeadLetter("ID:" + i, "orders", "expired", i, 5));
        }
        viewModel.addFinishedListener(finished::add);
        viewModel.setConnected(true);
    }

    @Test
    void shouldShowJobsStartedElsewhereAndFollowTheirProgressEachTick() throws Exception
    {
        final long id = backend.startJob(new JobRequest(JobKind.RETRY, "DLQ.orders", "", "", null, 20));

        tick(0);
        final JobRow row = viewModel.rows().get(0);
        assertEquals(id, row.id());
        assertEquals(JobState.RUNNING, row.stateProperty().get());
        tick(5_000);

        assertSame(row, viewModel.rows().get(0), "rows keep their identity");
        assertEquals(100, row.processedProperty().get());
        assertEquals(300, row.totalProperty().get());
        assertEquals(1.0 / 3, row.progressProperty().get(), 1e-9);
        assertEquals(1, viewModel.activeCountProperty().get());
    }

    @Test
    void shouldPollOncePerTickWithOneCallInFlightAndOneUpdatePerPoll() throws Exception
    {
        backend.startJob(new JobRequest(JobKind.RETRY, "DLQ.orders", "", "", null, 20));
        tick(0);
        final int[] changes = new int[1];
        viewModel.rows().addListener((ListChangeListener<JobRow>)(change) -> changes[0]++);

        viewModel.onTick(nowMs[0] + 1_000);
        viewModel.onTick(nowMs[0] + 1_500);

        assertEquals(1, runner.pending(), "no second poll while one is in flight");
        runner.runAll();
        assertEquals(0, changes[0], "progress updates the rows in place");
    }

    @Test
    void shouldPollOnlyEveryFiveSecondsWhileNoJobRuns()
    {
        tick(0);
        assertEquals(0, runner.pending());

        viewModel.onTick(nowMs[0] + 1_000);
        assertEquals(0, runner.pending());
        viewModel.onTick(nowMs[0] + JobsViewModel.IDLE_POLL_INTERVAL_MS);
        assertEquals(1, runner.pending());
    }

    @Test
    void shouldNotPollWhileDisconnected()
    {
        viewModel.setConnected(false);

        viewModel.onTick(nowMs[0] + 60_000);

        assertEquals(0, runner.pending());
    }

    @Test
    void shouldPauseResumeAndCancelAJob() throws Exception
    {
        backend.startJob(new JobRequest(JobKind.RETRY, "DLQ.orders", "", "", null, 20));
        tick(1_000);
        final JobRow row = viewModel.rows().get(0);

        viewModel.pause(row);
        runner.runAll();
        assertEquals(JobState.PAUSED, row.stateProperty().get());
        assertTrue(viewModel.canResume(row));
        assertFalse(viewModel.canPause(row));
        tick(5_000);
        assertEquals(20, row.processedProperty().get(), "a paused job takes nothing");

        viewModel.resume(row);
        runner.runAll();
        tick(1_000);
        viewModel.cancel(row);
        runner.runAll();

        assertEquals(JobState.CANCELLED, row.stateProperty().get());
        assertEquals(40, row.processedProperty().get());
        assertFalse(viewModel.canCancel(row));
        assertEquals(260, backend.deadLetterCount("DLQ.orders"));
        assertEquals("Job 1 cancelled", notifier.history().get(0).title());
        assertEquals("Retry of DLQ.orders: 40 of 300 processed, 0 skipped", notifier.history().get(0).text());
        assertEquals(1, finished.size());
    }

    @Test
    void shouldTellOfAJobSeenRunningThatIsDone() throws Exception
    {
        backend.startJob(new JobRequest(JobKind.RETRY, "DLQ.orders", "", "", null, 100));
        tick(0);

        tick(3_000);

        assertEquals(JobState.DONE, viewModel.rows().get(0).stateProperty().get());
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("Job 1 done", notifier.history().get(0).title());
        assertEquals(0, viewModel.activeCountProperty().get());
        assertEquals(List.of(JobState.DONE), finished.stream().map(JobInfo::state).toList());
    }

    @Test
    void shouldTellOfAJobStartedHereThatEndedBeforeTheFirstPoll()
    {
        final JobFormViewModel form = viewModel.newForm("DLQ.orders", true, List.of("ID:1"));
        form.dryRun();
        runner.runAll();

        form.start();
        runner.runAll();

        assertEquals("Job 1 started", notifier.history().get(0).title());
        assertEquals("Job 1 done", notifier.history().get(1).title());
        assertEquals(1, finished.size());
    }

    @Test
    void shouldTellOfAFailedControl()
    {
        backend.addJob(new JobInfo(0, JobKind.MOVE, "a", "b", "", JobState.RUNNING, 10, 0, 0, 1, nowMs[0], 0));
        tick(0);
        backend.failOn("pauseJob", new IllegalStateException("job 1 is done already"));

        viewModel.pause(viewModel.rows().get(0));
        runner.runNext();

        assertEquals("Pausing job 1 failed", notifier.history().get(0).title());
        assertEquals("job 1 is done already", notifier.history().get(0).text());
    }

    @Test
    void shouldTellOfAPollThatKeepsFailingOnce() throws Exception
    {
        backend.startJob(new JobRequest(JobKind.RETRY, "DLQ.orders", "", "", null, 20));
        tick(0);
        backend.failOn("jobs", new JMSException("the broker did not answer 'jobs' within 10000 ms", "TIMEOUT"));

        tick(1_000);
        tick(1_000);
        tick(1_000);

        assertEquals(1, notifier.history().size());
        assertEquals("Loading the jobs failed", notifier.history().get(0).title());
        assertEquals("Failed: the broker did not answer 'jobs' within 10000 ms", viewModel.statusProperty().get());
    }

    private void tick(final long advanceMs)
    {
        nowMs[0] += advanceMs;
        viewModel.onTick(nowMs[0]);
        runner.runAll();
    }
}
