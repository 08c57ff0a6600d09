package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.DeadLetterGroups;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import jakarta.jms.JMSException;

import java.util.List;
import java.util.Map;

/**
 * Bulk operations as broker-side jobs through an {@link AdminClient}: retry dead letters, move messages, or purge them
 * (into the trash), chosen by a selector or by ids; and dead-letter triage, whose groups each come with the selector
 * that makes a job act on that cause only. A {@link #dryRun dry run} counts first; a started job runs in the
 * broker at an optional rate, reports its progress, can be paused, resumed and cancelled, and goes on if this client
 * disconnects. Running the same retry twice cannot duplicate a message: a message already moved is skipped.
 */
public final class AdminJobs
{
    /**
     * What a dry run found.
     *
     * @param matched  messages the job would take: by selector, every match in the queue, by ids, every message named
     *                 that the queue holds; in memory or paged out to the journal.
     * @param skipped  of those, messages it would pass over (a retry's dead letters that do not say where they came
     *                 from).
     * @param pagedOut how many of the matched are paged out to the journal (the job reads them from there). A broker
     *                 of before the lookup of ids answers a dry run by ids with how many messages of the queue are
     *                 paged out, not counted.
     * @param notFound by ids, the JMSMessageIDs the queue holds nowhere, in the order named; empty by selector.
     */
    public record DryRun(int matched, int skipped, long pagedOut, List<String> notFound)
    {
        /**
         * Copies the list.
         */
        public DryRun
        {
            notFound = null == notFound ? List.of() : List.copyOf(notFound);
        }

        /**
         * A dry run with every named message found (or one by selector).
         *
         * @param matched  messages the job would take.
         * @param skipped  of those, messages it would pass over.
         * @param pagedOut how many of the matched are paged out to the journal.
         */
        public DryRun(final int matched, final int skipped, final long pagedOut)
        {
            this(matched, skipped, pagedOut, List.of());
        }
    }

    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminJobs(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * Groups the messages of a dead-letter queue by cause, with a time histogram and, per group, the selector that
     * picks it.
     *
     * @param deadLetterQueue the queue.
     * @param groupBy         reason, destination (original), consumer (last to fail it), deliveryCount, or property.
     * @param property        with groupBy property: the message property to group by; else null.
     * @param buckets         histogram buckets, 1 to 240.
     * @return the groups, biggest first.
     * @throws JMSException if an argument is refused, the user may not browse the queue, or the call fails.
     */
    public DeadLetterGroups triage(final String deadLetterQueue, final String groupBy, final String property,
        final int buckets) throws JMSException
    {
        return DeadLetterGroups.read(client.call(Request.of(Operation.TRIAGE, Argument.NAME, deadLetterQueue,
            Argument.GROUP_BY, groupBy, Argument.PROPERTY, property, Argument.BUCKETS, buckets)));
    }

    /**
     * Counts what a job would take, changing nothing.
     *
     * @param kind     retry, move or purge.
     * @param queue    the queue to take messages from.
     * @param target   a move's target queue, else null.
     * @param selector a selector, null or empty for all (ignored with ids).
     * @param ids      JMSMessageIDs, or null to choose by selector.
     * @return the counts.
     * @throws JMSException if an argument is refused, the user may not, or the call fails.
     */
    public DryRun dryRun(final JobKind kind, final String queue, final String target, final String selector,
        final List<String> ids) throws JMSException
    {
        final Map<String, Object> request = request(kind, queue, target, selector, ids, 0);
        request.put(Argument.DRY_RUN, true);
        final Map<String, Object> reply = client.call(request);
        final String notFound = Reply.string(reply, Reply.NOT_FOUND);
        return new DryRun(Reply.intValue(reply, Reply.MATCHED), Reply.intValue(reply, Reply.SKIPPED),
            Reply.longValue(reply, Reply.PAGED_OUT), notFound.isEmpty() ? List.of() : List.of(notFound.split("\n")));
    }

    /**
     * Starts a job.
     *
     * @param kind     retry, move or purge.
     * @param queue    the queue to take messages from.
     * @param target   a move's target queue, else null.
     * @param selector a selector, null or empty for all (ignored with ids).
     * @param ids      JMSMessageIDs, or null to choose by selector.
     * @param rate     most messages per second, 0 for no limit.
     * @return the job's id.
     * @throws JMSException if an argument is refused, the user may not, or the call fails.
     */
    public long start(final JobKind kind, final String queue, final String target, final String selector,
        final List<String> ids, final long rate) throws JMSException
    {
        return Reply.longValue(client.call(request(kind, queue, target, selector, ids, rate)), Reply.JOB_ID);
    }

    /**
     * @return the running jobs and the last finished ones, oldest first.
     * @throws JMSException if the call fails.
     */
    public List<JobInfo> list() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.JOBS)), JobInfo::read);
    }

    /**
     * @param jobId the job's id.
     * @return the job, or null if the broker no longer knows it.
     * @throws JMSException if the call fails.
     */
    public JobInfo get(final long jobId) throws JMSException
    {
        for (final JobInfo job : list())
        {
            if (job.id() == jobId)
            {
                return job;
            }
        }
        return null;
    }

    /**
     * @param jobId the job's id.
     * @return the job, paused.
     * @throws JMSException if there is no such job, it has finished, or the call fails.
     */
    public JobInfo pause(final long jobId) throws JMSException
    {
        return control(Operation.PAUSE_JOB, jobId);
    }

    /**
     * @param jobId the job's id.
     * @return the job, running again.
     * @throws JMSException if there is no such job, it has finished, or the call fails.
     */
    public JobInfo resume(final long jobId) throws JMSException
    {
        return control(Operation.RESUME_JOB, jobId);
    }

    /**
     * Stops a job for good; what it did stays done, the rest stays where it was.
     *
     * @param jobId the job's id.
     * @return the job, cancelled.
     * @throws JMSException if there is no such job, it has finished, or the call fails.
     */
    public JobInfo cancel(final long jobId) throws JMSException
    {
        return control(Operation.CANCEL_JOB, jobId);
    }

    private JobInfo control(final Operation operation, final long jobId) throws JMSException
    {
        return JobInfo.read(client.call(Request.of(operation, Argument.JOB_ID, jobId)), "");
    }

    private static Map<String, Object> request(final JobKind kind, final String queue, final String target,
        final String selector, final List<String> ids, final long rate)
    {
        return Request.of(Operation.START_JOB, Argument.KIND, kind.wireName(), Argument.NAME, queue, Argument.TARGET,
            target, Argument.IDS, null == ids ? null : String.join("\n", ids), Argument.SELECTOR,
            null != ids || null == selector || selector.isBlank() ? null : selector, Argument.RATE, rate);
    }
}
