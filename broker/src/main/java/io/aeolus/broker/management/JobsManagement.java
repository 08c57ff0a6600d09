package io.aeolus.broker.management;

import io.aeolus.management.Argument;
import io.aeolus.management.DeadLetterGroups;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.JobInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.TrashBatch;

import javax.management.openmbean.CompositeData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@link JobsManagementMBean}: each operation is one management request run by the conductor as a trusted
 * requester, through the same call as {@link BrokerManagement}.
 */
final class JobsManagement implements JobsManagementMBean
{
    private final Function<Map<String, Object>, Map<String, Object>> call;

    JobsManagement(final Function<Map<String, Object>, Map<String, Object>> call)
    {
        this.call = call;
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listJobs()
    {
        return OpenData.composites(Reply.rows(call.apply(Request.of(Operation.JOBS)), JobInfo::read));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData dryRun(final String kind, final String queue, final String target, final String selector)
    {
        final Map<String, Object> request = job(kind, queue, target, selector, 0);
        request.put(Argument.DRY_RUN, true);
        final Map<String, Object> reply = call.apply(request);
        return OpenData.composite(new DryRun(Reply.longValue(reply, Reply.MATCHED),
            Reply.longValue(reply, Reply.SKIPPED), Reply.longValue(reply, Reply.PAGED_OUT)));
    }

    /**
     * {@inheritDoc}
     */
    public long startJob(final String kind, final String queue, final String target, final String selector,
        final long rate)
    {
        return ((Number)call.apply(job(kind, queue, target, selector, rate)).get(Reply.JOB_ID)).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public void pauseJob(final long jobId)
    {
        call.apply(Request.of(Operation.PAUSE_JOB, Argument.JOB_ID, jobId));
    }

    /**
     * {@inheritDoc}
     */
    public void resumeJob(final long jobId)
    {
        call.apply(Request.of(Operation.RESUME_JOB, Argument.JOB_ID, jobId));
    }

    /**
     * {@inheritDoc}
     */
    public void cancelJob(final long jobId)
    {
        call.apply(Request.of(Operation.CANCEL_JOB, Argument.JOB_ID, jobId));
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] listTrash()
    {
        return OpenData.composites(Reply.rows(call.apply(Request.of(Operation.TRASH)), TrashBatch::read));
    }

    /**
     * {@inheritDoc}
     */
    public int restoreTrash(final String batch)
    {
        return ((Number)call.apply(Request.of(Operation.RESTORE_TRASH, Argument.BATCH, batch)).get(Reply.COUNT))
            .intValue();
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] triage(final String deadLetterQueue, final String groupBy, final String property)
    {
        final Map<String, Object> request = Request.of(Operation.TRIAGE, Argument.NAME, deadLetterQueue,
            Argument.GROUP_BY, groupBy, Argument.PROPERTY, null == property || property.isEmpty() ? null : property);
        return OpenData.composites(DeadLetterGroups.read(call.apply(request)).groups());
    }

    /**
     * {@inheritDoc}
     */
    public CompositeData[] history(final String destination, final String type, final String range)
    {
        return OpenData.composites(Reply.rows(call.apply(Request.of(Operation.HISTORY, Argument.NAME,
            null == destination ? "" : destination, Argument.TYPE,
                null == type || type.isEmpty() ? Argument.QUEUE : type,
            Argument.RANGE, range)), HistoryPoint::read));
    }

    private static Map<String, Object> job(
        final String kind, final String queue, final String target, final String selector, final long rate)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put(Argument.OP, Operation.START_JOB.wireName());
        request.put(Argument.KIND, kind);
        request.put(Argument.NAME, queue);
        if (null != target && !target.isEmpty())
        {
            request.put(Argument.TARGET, target);
        }
        if (null != selector && !selector.isEmpty())
        {
            request.put(Argument.SELECTOR, selector);
        }
        request.put(Argument.RATE, rate);
        return request;
    }

    /**
     * What a job would take.
     *
     * @param matched  messages it would visit.
     * @param skipped  of those, messages it would skip.
     * @param pagedOut matched messages still paged out to the journal.
     */
    record DryRun(long matched, long skipped, long pagedOut)
    {
    }
}
