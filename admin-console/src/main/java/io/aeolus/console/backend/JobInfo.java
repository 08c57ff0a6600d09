package io.aeolus.console.backend;

import java.util.Objects;

/**
 * A bulk job as the broker reports it; immutable. Jobs belong to the broker: they go on when the console that
 * started them disconnects, and every console sees them.
 *
 * @param id         the broker's id of the job.
 * @param kind       retry, move or purge.
 * @param queue      the queue it takes messages from.
 * @param target     where a move puts them, empty otherwise.
 * @param selector   the selector that chose the messages, empty if none or chosen by id.
 * @param state      running, paused, cancelled or done.
 * @param total      messages chosen so far (it grows as a paged queue pages messages in).
 * @param processed  messages it has moved or removed.
 * @param skipped    messages it passed over (gone when their turn came, or dead letters that do not say where from).
 * @param ratePerSec its limit in messages per second, 0 for none.
 * @param startedMs  when it started, epoch milliseconds.
 * @param finishedMs when it finished or was cancelled, 0 while it runs.
 */
public record JobInfo(
    long id,
    JobKind kind,
    String queue,
    String target,
    String selector,
    JobState state,
    long total,
    long processed,
    long skipped,
    long ratePerSec,
    long startedMs,
    long finishedMs)
{
    /**
     * Validates the texts.
     */
    public JobInfo
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(state, "state");
        target = null == target ? "" : target;
        selector = null == selector ? "" : selector;
    }

    /**
     * Share of the chosen messages handled so far, processed or skipped.
     *
     * @return a value in [0, 1]; 1 for a job that is done.
     */
    public double fractionDone()
    {
        if (state == JobState.DONE)
        {
            return 1.0;
        }
        if (total <= 0)
        {
            return 0.0;
        }
        return Math.min(1.0, (double)(processed + skipped) / total);
    }

    /**
     * The same job in another state, for fakes.
     *
     * @param newState      the state.
     * @param newFinishedMs when it ended, 0 while it runs.
     * @return a copy.
     */
    public JobInfo withState(final JobState newState, final long newFinishedMs)
    {
        return new JobInfo(id, kind, queue, target, selector, newState, total, processed, skipped, ratePerSec,
            startedMs, newFinishedMs);
    }
}
