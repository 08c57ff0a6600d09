package io.aeolus.management;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A broker-side bulk job as the broker reports it.
 *
 * @param id         the job's id.
 * @param kind       what it does.
 * @param queue      the queue it works on.
 * @param target     where a move sends messages, empty otherwise.
 * @param selector   the selector it was started with, empty for none.
 * @param state      where it is.
 * @param total      how many messages it will visit.
 * @param processed  how many it has handled.
 * @param skipped    how many it could not handle (gone, or refused by the target).
 * @param ratePerSec its rate limit, messages per second, 0 for none.
 * @param startedMs  when it started, ms since the epoch.
 * @param finishedMs when it finished, 0 while it has not.
 * @param notFound   a job by ids: the JMSMessageIDs it found nowhere in its queue, in memory or paged out to the
 *                   journal, one a line, once it is done (empty before, and for a job by selector). A named message
 *                   it found is counted in {@code processed}, or in {@code skipped} if it was gone by its turn.
 *                   A broker of before this field answers without it: read back as empty.
 */
public record JobInfo(long id, JobKind kind, String queue, String target, String selector, JobState state,
    long total, long processed, long skipped, long ratePerSec, long startedMs, long finishedMs, String notFound)
{
    private static final String ID = "jobId";
    private static final String KIND = "kind";
    private static final String QUEUE = "name";
    private static final String TARGET = "target";
    private static final String SELECTOR = "selector";
    private static final String STATE = "state";
    private static final String TOTAL = "total";
    private static final String PROCESSED = "processed";
    private static final String SKIPPED = "skipped";
    private static final String RATE = "rate";
    private static final String STARTED_MS = "startedMs";
    private static final String FINISHED_MS = "finishedMs";
    private static final String NOT_FOUND = "notFound";

    /**
     * Checks the kind, queue and state, and turns a null target, selector or notFound into the empty string.
     */
    public JobInfo
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(state, "state");
        target = null == target ? "" : target;
        selector = null == selector ? "" : selector;
        notFound = null == notFound ? "" : notFound;
    }

    /**
     * A job with every named message found (or one by selector).
     *
     * @param id         the job's id.
     * @param kind       what it does.
     * @param queue      the queue it works on.
     * @param target     where a move sends messages, empty otherwise.
     * @param selector   the selector it was started with, empty for none.
     * @param state      where it is.
     * @param total      how many messages it will visit.
     * @param processed  how many it has handled.
     * @param skipped    how many it could not handle.
     * @param ratePerSec its rate limit, messages per second, 0 for none.
     * @param startedMs  when it started, ms since the epoch.
     * @param finishedMs when it finished, 0 while it has not.
     */
    public JobInfo(final long id, final JobKind kind, final String queue, final String target, final String selector,
        final JobState state, final long total, final long processed, final long skipped, final long ratePerSec,
        final long startedMs, final long finishedMs)
    {
        this(id, kind, queue, target, selector, state, total, processed, skipped, ratePerSec, startedMs, finishedMs,
            "");
    }

    /**
     * @return the JMSMessageIDs a job by ids found nowhere in its queue, in the order named; empty if none.
     */
    public List<String> notFoundIds()
    {
        return notFound.isEmpty() ? List.of() : List.of(notFound.split("\n"));
    }

    /**
     * @return true once the job is done or cancelled.
     */
    public boolean isFinished()
    {
        return state.finished();
    }

    /**
     * @return how much of the job is done, 0 to 1.
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
     * @param newState      the state.
     * @param newFinishedMs when it finished, 0 if it has not.
     * @return this job in another state.
     */
    public JobInfo withState(final JobState newState, final long newFinishedMs)
    {
        return new JobInfo(id, kind, queue, target, selector, newState, total, processed, skipped, ratePerSec,
            startedMs, newFinishedMs, notFound);
    }

    /**
     * Writes the job into a reply body.
     *
     * @param out    the reply body.
     * @param prefix its row prefix, empty for a single job.
     */
    public void write(final Map<String, Object> out, final String prefix)
    {
        out.put(prefix + ID, id);
        out.put(prefix + KIND, kind.wireName());
        out.put(prefix + QUEUE, queue);
        out.put(prefix + TARGET, target);
        out.put(prefix + SELECTOR, selector);
        out.put(prefix + STATE, state.name());
        out.put(prefix + TOTAL, total);
        out.put(prefix + PROCESSED, processed);
        out.put(prefix + SKIPPED, skipped);
        out.put(prefix + RATE, ratePerSec);
        out.put(prefix + STARTED_MS, startedMs);
        out.put(prefix + FINISHED_MS, finishedMs);
        out.put(prefix + NOT_FOUND, notFound);
    }

    /**
     * @param in     a reply body.
     * @param prefix the row prefix, empty for a single job.
     * @return the job written there.
     */
    public static JobInfo read(final Map<String, Object> in, final String prefix)
    {
        return new JobInfo(Reply.longValue(in, prefix + ID), JobKind.parse(Reply.string(in, prefix + KIND)),
            Reply.string(in, prefix + QUEUE), Reply.string(in, prefix + TARGET), Reply.string(in, prefix + SELECTOR),
            JobState.parse(Reply.string(in, prefix + STATE)), Reply.longValue(in, prefix + TOTAL),
            Reply.longValue(in, prefix + PROCESSED), Reply.longValue(in, prefix + SKIPPED),
            Reply.longValue(in, prefix + RATE), Reply.longValue(in, prefix + STARTED_MS),
            Reply.longValue(in, prefix + FINISHED_MS), Reply.string(in, prefix + NOT_FOUND));
    }
}
