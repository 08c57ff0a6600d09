package io.aeolus.management;

import java.util.Map;

/**
 * The broker as a whole: the answer to {@link Operation#STATUS}.
 *
 * @param version        the broker's version.
 * @param startedMs      when it started, ms since the epoch.
 * @param uptimeMs       how long it has run, ms.
 * @param heapUsedBytes  heap in use.
 * @param heapMaxBytes   the heap's limit.
 * @param connections    open client connections.
 * @param sessions       their sessions.
 * @param queues         queues, temporary ones included.
 * @param topics         topics, temporary ones included.
 * @param journalPending journal writes waiting for their commit.
 * @param journalBytes   the journal's size on disk, -1 without a journal.
 */
public record BrokerStatus(String version, long startedMs, long uptimeMs, long heapUsedBytes, long heapMaxBytes,
    int connections, int sessions, int queues, int topics, long journalPending, long journalBytes)
{
    private static final String VERSION = "version";
    private static final String STARTED_MS = "startedMs";
    private static final String UPTIME_MS = "uptimeMs";
    private static final String HEAP_USED = "heapUsedBytes";
    private static final String HEAP_MAX = "heapMaxBytes";
    private static final String CONNECTIONS = "connections";
    private static final String SESSIONS = "sessions";
    private static final String QUEUES = "queues";
    private static final String TOPICS = "topics";
    private static final String JOURNAL_PENDING = "journalPending";
    private static final String JOURNAL_BYTES = "journalBytes";

    /**
     * @param out a reply body.
     */
    public void write(final Map<String, Object> out)
    {
        out.put(VERSION, version);
        out.put(STARTED_MS, startedMs);
        out.put(UPTIME_MS, uptimeMs);
        out.put(HEAP_USED, heapUsedBytes);
        out.put(HEAP_MAX, heapMaxBytes);
        out.put(CONNECTIONS, connections);
        out.put(SESSIONS, sessions);
        out.put(QUEUES, queues);
        out.put(TOPICS, topics);
        out.put(JOURNAL_PENDING, journalPending);
        out.put(JOURNAL_BYTES, journalBytes);
    }

    /**
     * @param in a reply body.
     * @return the status written there.
     */
    public static BrokerStatus read(final Map<String, Object> in)
    {
        return new BrokerStatus(Reply.string(in, VERSION), Reply.longValue(in, STARTED_MS),
            Reply.longValue(in, UPTIME_MS), Reply.longValue(in, HEAP_USED), Reply.longValue(in, HEAP_MAX),
            Reply.intValue(in, CONNECTIONS), Reply.intValue(in, SESSIONS), Reply.intValue(in, QUEUES),
            Reply.intValue(in, TOPICS), Reply.longValue(in, JOURNAL_PENDING), Reply.longValue(in, JOURNAL_BYTES));
    }
}
