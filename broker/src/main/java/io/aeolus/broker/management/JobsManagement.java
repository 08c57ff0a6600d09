package io.aeolus.broker.management;

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
    public String[] listJobs()
    {
        return BrokerManagement.lines(call.apply(Map.of("op", "jobs")), "jobId", "kind", "name", "target",
            "selector", "state", "total", "processed", "skipped", "rate");
    }

    /**
     * {@inheritDoc}
     */
    public String dryRun(final String kind, final String queue, final String target, final String selector)
    {
        final Map<String, Object> request = job(kind, queue, target, selector, 0);
        request.put("dryRun", true);
        final Map<String, Object> reply = call.apply(request);
        return "matched=" + reply.get("matched") + " skipped=" + reply.get("skipped") + " pagedOut=" +
            reply.get("pagedOut");
    }

    /**
     * {@inheritDoc}
     */
    public long startJob(final String kind, final String queue, final String target, final String selector,
        final long rate)
    {
        return ((Number)call.apply(job(kind, queue, target, selector, rate)).get("jobId")).longValue();
    }

    /**
     * {@inheritDoc}
     */
    public void pauseJob(final long jobId)
    {
        call.apply(Map.of("op", "pauseJob", "jobId", jobId));
    }

    /**
     * {@inheritDoc}
     */
    public void resumeJob(final long jobId)
    {
        call.apply(Map.of("op", "resumeJob", "jobId", jobId));
    }

    /**
     * {@inheritDoc}
     */
    public void cancelJob(final long jobId)
    {
        call.apply(Map.of("op", "cancelJob", "jobId", jobId));
    }

    /**
     * {@inheritDoc}
     */
    public String[] listTrash()
    {
        return BrokerManagement.lines(call.apply(Map.of("op", "trash")), "batch", "operation", "destination",
            "timeMs", "expiresMs", "count");
    }

    /**
     * {@inheritDoc}
     */
    public int restoreTrash(final String batch)
    {
        return ((Number)call.apply(Map.of("op", "restoreTrash", "batch", batch)).get("count")).intValue();
    }

    /**
     * {@inheritDoc}
     */
    public String[] triage(final String deadLetterQueue, final String groupBy, final String property)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "triage");
        request.put("name", deadLetterQueue);
        request.put("groupBy", groupBy);
        if (null != property && !property.isEmpty())
        {
            request.put("property", property);
        }
        return BrokerManagement.lines(call.apply(request), "key", "count", "firstMs", "lastMs", "histogram",
            "selector");
    }

    /**
     * {@inheritDoc}
     */
    public String[] history(final String destination, final String type, final String range)
    {
        return BrokerManagement.lines(call.apply(Map.of("op", "history", "name", null == destination ? "" :
            destination, "type", null == type || type.isEmpty() ? "queue" : type, "range", range)),
            "t", "depth", "inRate", "outRate");
    }

    private static Map<String, Object> job(
        final String kind, final String queue, final String target, final String selector, final long rate)
    {
        final Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "startJob");
        request.put("kind", kind);
        request.put("name", queue);
        if (null != target && !target.isEmpty())
        {
            request.put("target", target);
        }
        if (null != selector && !selector.isEmpty())
        {
            request.put("selector", selector);
        }
        request.put("rate", rate);
        return request;
    }
}
