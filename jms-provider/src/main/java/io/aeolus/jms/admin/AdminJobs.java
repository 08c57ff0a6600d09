package io.aeolus.jms.admin;

import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
     * What a job does.
     */
    public enum Kind
    {
        /** Dead letters back to the destination they came from. */
        RETRY,
        /** Messages to another queue. */
        MOVE,
        /** Messages into the trash. */
        PURGE
    }

    /**
     * What a dry run found.
     *
     * @param matched  messages in memory the job would take.
     * @param skipped  of those, messages it would pass over (a retry's dead letters that do not say where they came
     *                 from).
     * @param pagedOut messages of the queue paged out to the journal: a job takes those it selects as they page in.
     */
    public record DryRun(int matched, int skipped, long pagedOut)
    {
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
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "triage");
        request.put("name", deadLetterQueue);
        request.put("groupBy", groupBy);
        if (null != property)
        {
            request.put("property", property);
        }
        request.put("buckets", buckets);
        final MapMessage reply = client.call(request);
        final List<DeadLetterGroups.Group> groups = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            final String[] counts = reply.getString(p + "histogram").split(",");
            final int[] histogram = new int[counts.length];
            for (int b = 0; b < counts.length; b++)
            {
                histogram[b] = Integer.parseInt(counts[b]);
            }
            groups.add(new DeadLetterGroups.Group(reply.getString(p + "key"), reply.getInt(p + "count"),
                reply.getLong(p + "firstMs"), reply.getLong(p + "lastMs"), histogram, reply.getString(p + "selector")));
        }
        return new DeadLetterGroups(reply.getString("property"), reply.getInt("total"), reply.getLong("fromMs"),
            reply.getLong("toMs"), reply.getLong("bucketMs"), groups);
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
    public DryRun dryRun(final Kind kind, final String queue, final String target, final String selector,
        final List<String> ids) throws JMSException
    {
        final Map<String, Object> request = request(kind, queue, target, selector, ids, 0);
        request.put("dryRun", true);
        final MapMessage reply = client.call(request);
        return new DryRun(reply.getInt("matched"), reply.getInt("skipped"), reply.getLong("pagedOut"));
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
    public long start(final Kind kind, final String queue, final String target, final String selector,
        final List<String> ids, final long rate) throws JMSException
    {
        return client.call(request(kind, queue, target, selector, ids, rate)).getLong("jobId");
    }

    /**
     * @return the running jobs and the last finished ones, oldest first.
     * @throws JMSException if the call fails.
     */
    public List<JobInfo> list() throws JMSException
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "jobs");
        final MapMessage reply = client.call(request);
        final List<JobInfo> jobs = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            jobs.add(job(reply, i + "."));
        }
        return jobs;
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
        return control("pauseJob", jobId);
    }

    /**
     * @param jobId the job's id.
     * @return the job, running again.
     * @throws JMSException if there is no such job, it has finished, or the call fails.
     */
    public JobInfo resume(final long jobId) throws JMSException
    {
        return control("resumeJob", jobId);
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
        return control("cancelJob", jobId);
    }

    private JobInfo control(final String op, final long jobId) throws JMSException
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        request.put("jobId", jobId);
        return job(client.call(request), "");
    }

    private static Map<String, Object> request(final Kind kind, final String queue, final String target,
        final String selector, final List<String> ids, final long rate)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "startJob");
        request.put("kind", kind.name().toLowerCase());
        request.put("name", queue);
        if (null != target)
        {
            request.put("target", target);
        }
        if (null != ids)
        {
            request.put("ids", String.join("\n", ids));
        }
        else if (null != selector && !selector.isBlank())
        {
            request.put("selector", selector);
        }
        request.put("rate", rate);
        return request;
    }

    private static JobInfo job(final MapMessage reply, final String p) throws JMSException
    {
        return new JobInfo(reply.getLong(p + "jobId"), reply.getString(p + "kind"), reply.getString(p + "name"),
            reply.getString(p + "target"), reply.getString(p + "selector"), reply.getString(p + "state"),
            reply.getLong(p + "total"), reply.getLong(p + "processed"), reply.getLong(p + "skipped"),
            reply.getLong(p + "rate"), reply.getLong(p + "startedMs"), reply.getLong(p + "finishedMs"));
    }
}
