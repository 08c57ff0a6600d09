package io.aeolus.jms.admin;

/**
 * A bulk operation running in the broker, as {@link AdminJobs} reports it.
 *
 * @param id         the job's id.
 * @param kind       retry, move or purge.
 * @param queue      the queue it takes messages from.
 * @param target     where a move puts them, empty otherwise.
 * @param selector   the selector that chose the messages, empty if none (or chosen by id).
 * @param state      RUNNING, PAUSED, CANCELLED or DONE.
 * @param total      messages chosen when it started.
 * @param processed  messages it has moved or removed.
 * @param skipped    messages it passed over: no longer waiting when their turn came, or (retry) not saying where they
 *                   came from.
 * @param rate       its limit in messages per second, 0 for none.
 * @param startedMs  when it started, ms since the epoch.
 * @param finishedMs when it finished or was cancelled, 0 while it runs.
 */
public record JobInfo(long id, String kind, String queue, String target, String selector, String state, long total,
    long processed, long skipped, long rate, long startedMs, long finishedMs)
{
    /**
     * @return true once the job is done or cancelled.
     */
    public boolean isFinished()
    {
        return "DONE".equals(state) || "CANCELLED".equals(state);
    }
}
