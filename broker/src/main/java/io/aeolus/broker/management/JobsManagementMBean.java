package io.aeolus.broker.management;

import javax.management.openmbean.CompositeData;

/**
 * Bulk jobs, the trash, dead-letter triage and the metrics history over JMX ({@code io.aeolus:type=Jobs}): the same
 * operations as the management queue's {@code startJob}, {@code jobs}, {@code pauseJob}, {@code resumeJob},
 * {@code cancelJob}, {@code trash}, {@code restoreTrash}, {@code triage} and {@code history}, with plain parameter
 * types and open data results (composites, one item per field) so that jconsole and VisualVM can call them and show
 * the answers as tables. Failures are {@code IllegalStateException}s whose message starts with the operation's error
 * code.
 */
public interface JobsManagementMBean
{
    /**
     * @return one composite per job, a record of io.aeolus.management.
     */
    CompositeData[] listJobs();

    /**
     * Counts what a job would take, changing nothing.
     *
     * @param kind     {@code retry}, {@code move} or {@code purge}.
     * @param queue    the queue it takes messages from.
     * @param target   a move's target queue; empty otherwise.
     * @param selector a selector; empty for all.
     * @return {@code matched} (in memory and paged out to the journal), {@code skipped} and {@code pagedOut} (how
     *         many of the matched are paged out).
     */
    CompositeData dryRun(String kind, String queue, String target, String selector);

    /**
     * Starts a job.
     *
     * @param kind     {@code retry}, {@code move} or {@code purge}.
     * @param queue    the queue it takes messages from.
     * @param target   a move's target queue; empty otherwise.
     * @param selector a selector; empty for all.
     * @param rate     most messages per second, 0 for no limit.
     * @return the job's id.
     */
    long startJob(String kind, String queue, String target, String selector, long rate);

    /**
     * @param jobId the job.
     */
    void pauseJob(long jobId);

    /**
     * @param jobId the job.
     */
    void resumeJob(long jobId);

    /**
     * @param jobId the job.
     */
    void cancelJob(long jobId);

    /**
     * @return one composite per batch in the trash, a record of io.aeolus.management.
     */
    CompositeData[] listTrash();

    /**
     * @param batch a batch of the trash.
     * @return messages put back on their queue.
     */
    int restoreTrash(String batch);

    /**
     * @param deadLetterQueue the queue.
     * @param groupBy         {@code reason}, {@code destination}, {@code consumer}, {@code deliveryCount} or
     *                        {@code property}.
     * @param property        the property with {@code groupBy} {@code property}; empty otherwise.
     * @return one composite per group, biggest first, a record of io.aeolus.management.
     */
    CompositeData[] triage(String deadLetterQueue, String groupBy, String property);

    /**
     * @param destination a queue or topic, empty for the broker as a whole.
     * @param type        {@code queue} or {@code topic}.
     * @param range       {@code 1m}, {@code 10m}, {@code 1h} or {@code 24h}.
     * @return one composite per point, a record of io.aeolus.management.
     */
    CompositeData[] history(String destination, String type, String range);
}
