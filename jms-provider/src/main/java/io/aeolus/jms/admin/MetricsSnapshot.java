package io.aeolus.jms.admin;

import java.util.List;

/**
 * The broker's figures of one second, as published on the topic {@code aeolus.metrics}.
 *
 * @param timestamp      when the broker took it, ms since the epoch.
 * @param connections    open connections.
 * @param sessions       open sessions.
 * @param uptimeMs       time since the broker started.
 * @param heapUsed       bytes of heap in use.
 * @param heapMax        the heap's maximum in bytes.
 * @param journalPending journal records not yet durable.
 * @param destinations   per queue and topic figures.
 */
public record MetricsSnapshot(long timestamp, int connections, int sessions, long uptimeMs, long heapUsed,
    long heapMax, long journalPending, List<Destination> destinations)
{
    /**
     * The figures of one queue or topic.
     *
     * @param name        its name.
     * @param type        QUEUE or TOPIC.
     * @param depth       messages waiting.
     * @param inFlight    messages delivered and not yet acknowledged.
     * @param consumers   consumers attached.
     * @param enqueued    messages enqueued since the broker started.
     * @param dequeued    messages acknowledged since the broker started.
     * @param enqueueRate messages enqueued per second over the last interval.
     * @param dequeueRate messages acknowledged per second over the last interval.
     */
    public record Destination(String name, String type, long depth, int inFlight, int consumers, long enqueued,
        long dequeued, double enqueueRate, double dequeueRate)
    {
    }
}
