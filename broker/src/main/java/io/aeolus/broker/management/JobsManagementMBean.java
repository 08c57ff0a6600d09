package io.aeolus.broker.management;

/**
 * Bulk jobs, the trash, dead-letter triage and the metrics history over JMX ({@code io.aeolus:type=Jobs}): the same
 * operations as the management queue's {@code startJob}, {@code jobs}, {@code pauseJob}, {@code resumeJob},
 * {@code cancelJob}, {@code trash}, {@code restoreTrash}, {@code triage} and {@code history}, with plain types so that
 * jconsole and VisualVM can call them. Failures are {@code IllegalStateException}s whose message starts with the
 * operation's error code.
 */
public interface JobsManagementMBean
{
    /**
     * @return one line per job: id, kind, queue, target, selector, state, total, processed, skipped, rate.
     */
    String[] listJobs();

    /**
     * Counts what a job would take, changing nothing.
     *
     * @param kind     {@code retry}, {@code move} or {@code purge}.
     * @param queue    the queue it takes messages from.
     * @param target   a move's target queue; empty otherwise.
     * @param selector a selector; empty for all.
     * @return {@code matched=<n> skipped=<n> pagedOut=<n>}.
     */
    String dryRun(String kind, String queue, String target, String selector);

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
     * @return one line per batch in the trash: batch, operation, destination, time, expiry, count.
     */
    String[] listTrash();

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
     * @return one line per group, biggest first: key, count, first and last time, histogram, selector.
     */
    String[] triage(String deadLetterQueue, String groupBy, String property);

    /**
     * @param destination a queue or topic, empty for the broker as a whole.
     * @param type        {@code queue} or {@code topic}.
     * @param range       {@code 1m}, {@code 10m}, {@code 1h} or {@code 24h}.
     * @return one line per point: time, depth, in and out rates.
     */
    String[] history(String destination, String type, String range);
}
