package io.aeolus.console.backend;

import io.aeolus.management.ConnectionInfo;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.management.HistoryPoint;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.JobInfo;
import java.util.List;

/**
 * Everything the console asks of a broker. Every method except the listener registration blocks, so callers
 * run them on the console's background executor and never on the FX thread. Implementations are thread-safe.
 */
public interface ConsoleBackend
{
    /**
     * Connects to a broker.
     *
     * @param url      broker URL, e.g. {@code aeolus:udp://host:5150}.
     * @param user     user name, may be empty.
     * @param password password, may be empty.
     * @throws Exception when the broker cannot be reached; {@link ConsoleAccessException} when it refuses the
     *                   credentials or the user may not manage it.
     */
    void connect(String url, String user, char[] password) throws Exception;

    /**
     * Disconnects; does nothing when not connected.
     */
    void disconnect();

    /**
     * Registers a listener for metrics and connection state; may be called from any thread.
     *
     * @param listener the listener, called on a backend thread.
     */
    void addListener(BackendListener listener);

    /**
     * Lists all destinations with their statistics.
     *
     * @return a snapshot list.
     * @throws Exception when the broker call fails.
     */
    List<DestinationInfo> destinations() throws Exception;

    /**
     * Lists the open client connections.
     *
     * @return a snapshot list.
     * @throws Exception when the broker call fails.
     */
    List<ConnectionInfo> connections() throws Exception;

    /**
     * @return the client id of the connection this console itself uses, empty while not connected; cheap, never
     * blocks, any thread (the connections view marks that row and will not close it).
     */
    String ownClientId();

    /**
     * Closes a client connection; the client's {@code ExceptionListener} hears of it.
     *
     * @param connectionId the broker's id of the connection, from {@link #connections()}.
     * @throws Exception when there is no such connection or the broker call fails.
     */
    void closeConnection(long connectionId) throws Exception;

    /**
     * Lists the durable and shared topic subscriptions with their backlog.
     *
     * @return a snapshot list.
     * @throws Exception when the broker call fails.
     */
    List<SubscriptionInfo> subscriptions() throws Exception;

    /**
     * Sends one message, as an application would.
     *
     * @param message the message, already validated.
     * @throws Exception when the broker refuses it or the send fails.
     */
    void sendMessage(OutgoingMessage message) throws Exception;

    /**
     * Browses a queue without consuming.
     *
     * @param queue    queue name.
     * @param selector JMS message selector, or an empty string for all messages.
     * @param offset   messages to skip, counted after the selector.
     * @param limit    most messages to return.
     * @return the messages of that page, in queue order.
     * @throws Exception when the queue does not exist or the selector is invalid.
     */
    List<BrowsedMessage> browse(String queue, String selector, int offset, int limit) throws Exception;

    /**
     * Browses a queue without consuming, with how many messages match the selector in all. By default the total is
     * not known (-1).
     *
     * @param queue    queue name.
     * @param selector JMS message selector, or an empty string for all messages.
     * @param offset   messages to skip, counted after the selector.
     * @param limit    most messages to return.
     * @return the page and the total.
     * @throws Exception when the queue does not exist, the selector is invalid or the broker gave up.
     */
    default BrowsedPage browsePage(final String queue, final String selector, final int offset, final int limit)
        throws Exception
    {
        return new BrowsedPage(browse(queue, selector, offset, limit), -1);
    }

    /**
     * A browsed message with more of its body: the raw bytes of a text, bytes or object body up to a limit, where a
     * browse cut the body or held no bytes (an object body). Backends that hold whole bodies return the message.
     *
     * @param queue    the queue it waits in.
     * @param message  the message as browsed.
     * @param maxBytes most body bytes to fetch.
     * @return the message with as much of its body as fetched; the same message if there is nothing more.
     * @throws Exception when the broker call fails (the message may have gone).
     */
    default BrowsedMessage withBody(String queue, BrowsedMessage message, int maxBytes) throws Exception
    {
        return message;
    }

    /**
     * Exports a queue's messages (those a selector picks) to a file that {@code AdminClient.importMessages} reads
     * back: headers, properties and bodies byte for byte.
     *
     * @param queue    the queue.
     * @param selector a selector, empty for all.
     * @param file     the file to write; replaced if it exists.
     * @return messages exported.
     * @throws Exception when the broker call or the write fails, or the backend cannot export.
     */
    default int exportMessages(String queue, String selector, java.nio.file.Path file) throws Exception
    {
        throw new UnsupportedOperationException("this backend cannot export messages");
    }

    /**
     * Writes a message's whole body to a file, fetched from the broker in slices so that a body of any size goes to
     * disk without being held in memory at once. Backends that hold whole bodies write what they hold.
     *
     * @param queue   the queue it waits in.
     * @param message the message.
     * @param file    where to write; replaced if it exists.
     * @return bytes written.
     * @throws Exception when the broker call or the write fails.
     */
    default long saveBody(String queue, BrowsedMessage message, java.nio.file.Path file) throws Exception
    {
        final byte[] content = message.contentBytes();
        java.nio.file.Files.write(file, content);
        return content.length;
    }

    /**
     * Lists the messages of a dead-letter queue.
     *
     * @param deadLetterQueue name of the dead-letter queue.
     * @param limit           most messages to return.
     * @return the dead letters, oldest first.
     * @throws Exception when the broker call fails.
     */
    List<DeadLetter> deadLetters(String deadLetterQueue, int limit) throws Exception;

    /**
     * Removes every message waiting in a queue. A broker that keeps a trash puts them there, as one batch that
     * {@link #restoreTrash} puts back.
     *
     * @param queue queue name.
     * @return messages removed, and the trash batch they went to.
     * @throws Exception when the broker call fails.
     */
    PurgeResult purge(String queue) throws Exception;

    /**
     * Lists what the broker's trash holds, by the request that removed it.
     *
     * @return the batches, newest first.
     * @throws Exception when the broker call fails or the user may not manage the trash.
     */
    List<TrashBatch> trashBatches() throws Exception;

    /**
     * Puts every message of a trash batch back on the queue it came from, in their order.
     *
     * @param batch the batch's id.
     * @return messages restored.
     * @throws Exception when the broker call fails or the user may not.
     */
    long restoreTrash(String batch) throws Exception;

    /**
     * Counts what a bulk job would take, changing nothing.
     *
     * @param request the job.
     * @return the counts.
     * @throws Exception when the broker refuses an argument (a bad selector, say) or the call fails.
     */
    DryRunResult dryRun(JobRequest request) throws Exception;

    /**
     * Starts a bulk job in the broker; it goes on if the console disconnects.
     *
     * @param request the job.
     * @return the job's id.
     * @throws Exception when the broker refuses an argument or the call fails.
     */
    long startJob(JobRequest request) throws Exception;

    /**
     * Lists the broker's jobs, whoever started them: the running ones and the last finished ones.
     *
     * @return the jobs, oldest first.
     * @throws Exception when the broker call fails.
     */
    List<JobInfo> jobs() throws Exception;

    /**
     * Pauses a running job.
     *
     * @param jobId the job's id.
     * @return the job as it is now.
     * @throws Exception when there is no such job, it has finished, or the call fails.
     */
    JobInfo pauseJob(long jobId) throws Exception;

    /**
     * Resumes a paused job.
     *
     * @param jobId the job's id.
     * @return the job as it is now.
     * @throws Exception when there is no such job, it has finished, or the call fails.
     */
    JobInfo resumeJob(long jobId) throws Exception;

    /**
     * Cancels a job for good: what it did stays done, the rest stays where it was.
     *
     * @param jobId the job's id.
     * @return the job as it is now.
     * @throws Exception when there is no such job, it has finished, or the call fails.
     */
    JobInfo cancelJob(long jobId) throws Exception;

    /**
     * Groups the messages of a dead-letter queue by cause.
     *
     * @param deadLetterQueue the queue.
     * @param grouping        what to group by.
     * @param property        the property to group by with {@link TriageGrouping#PROPERTY}, else ignored.
     * @param buckets         histogram buckets, 1 to 240.
     * @return the groups, biggest first, each with the selector that picks it.
     * @throws Exception when an argument is refused or the call fails.
     */
    TriageResult triage(String deadLetterQueue, TriageGrouping grouping, String property, int buckets)
        throws Exception;

    /**
     * Reads the broker's metrics history of a destination or of the whole broker.
     *
     * @param destination the queue or topic, or an empty string for the broker as a whole.
     * @param topic       true when the destination is a topic.
     * @param range       how far back.
     * @return the points, oldest first, possibly none.
     * @throws Exception when the destination has no history or the call fails.
     */
    List<HistoryPoint> history(String destination, boolean topic, HistoryRange range) throws Exception;

    /**
     * Moves chosen dead letters back to their original destinations.
     *
     * @param deadLetterQueue name of the dead-letter queue.
     * @param messageIds      ids of the messages to retry.
     * @param progress        receives progress, on the calling thread.
     * @return messages moved.
     * @throws Exception when the broker call fails.
     */
    long retryDeadLetters(String deadLetterQueue, List<String> messageIds, ProgressSink progress) throws Exception;

    /**
     * Moves every message of a dead-letter queue back to its original destination.
     *
     * @param deadLetterQueue name of the dead-letter queue.
     * @param progress        receives progress, on the calling thread.
     * @return messages moved.
     * @throws Exception when the broker call fails.
     */
    long retryAllDeadLetters(String deadLetterQueue, ProgressSink progress) throws Exception;

    /**
     * The lifecycle, per-message and overview operations; cheap, any thread.
     *
     * @return the operations; by default one that refuses each with {@link UnsupportedOperationException}.
     */
    default BrokerActions actions()
    {
        return new BrokerActions()
        {
        };
    }
}
