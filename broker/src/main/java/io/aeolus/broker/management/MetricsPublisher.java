package io.aeolus.broker.management;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.store.JournalStatistics;
import io.aeolus.transport.codecs.DestinationType;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes a metrics snapshot every second on the topic {@code aeolus.metrics}, as a map message: broker-wide
 * figures ({@code connections}, {@code sessions}, {@code uptimeMs}, {@code heapUsed}, {@code heapMax},
 * {@code journalPending}; with a journal also {@code journalBytes}, the file's size, and over the last interval
 * {@code journalBatches}, {@code journalAverageBatch} commands, {@code journalCommitAverageUs} and
 * {@code journalCommitMaxUs}) and, per queue and topic, {@code <row>.name}, {@code type}, {@code depth},
 * {@code inFlight}, {@code consumers}, {@code enqueued}, {@code dequeued} and the rates per second since the last
 * snapshot ({@code enqueueRate}, {@code dequeueRate}), with {@code count} rows. Nothing is built while the topic
 * has no subscriber. Conductor thread only; allocates once a second.
 */
final class MetricsPublisher
{
    static final String TOPIC = "aeolus.metrics";
    static final long INTERVAL_MS = 1000;

    private final ManagedBroker broker;
    private final ManagementFrames frames;
    private final long startedMs;
    private final Map<String, long[]> previousCounts = new HashMap<>();
    private long nextPublishMs;
    private long lastPublishMs;
    private long lastBatches;
    private long lastCommands;
    private long lastCommitNanos;

    MetricsPublisher(final ManagedBroker broker, final ManagementFrames frames, final long startedMs)
    {
        this.broker = broker;
        this.frames = frames;
        this.startedMs = startedMs;
        this.nextPublishMs = startedMs + INTERVAL_MS;
        this.lastPublishMs = startedMs;
    }

    int onTimer(final long nowMs)
    {
        if (nowMs - nextPublishMs < 0)
        {
            return 0;
        }
        nextPublishMs = nowMs + INTERVAL_MS;
        final Topic topic = broker.topics().get(TOPIC);
        final double elapsedS = Math.max(1, nowMs - lastPublishMs) / 1000.0;
        lastPublishMs = nowMs;
        if (null == topic || topic.subscriptions().isEmpty())
        {
            previousCounts.clear();
            return 0;
        }
        final Map<String, Object> body = snapshot(nowMs, elapsedS);
        broker.route(frames.mapMessage(broker.nextMessageId(), TOPIC, DestinationType.TOPIC, new byte[0], false,
            Map.of(), body, nowMs));
        return 1;
    }

    private void putJournal(final Map<String, Object> body)
    {
        final JournalStatistics statistics = broker.journalStatistics();
        if (null == statistics)
        {
            return;
        }
        final long batches = statistics.batches();
        final long commands = statistics.commands();
        final long commitNanos = statistics.commitNanos();
        final long intervalBatches = batches - lastBatches;
        body.put("journalBytes", statistics.fileBytes());
        body.put("journalBatches", intervalBatches);
        body.put("journalAverageBatch",
            0 == intervalBatches ? 0.0 : (commands - lastCommands) / (double)intervalBatches);
        body.put("journalCommitAverageUs", 0 == intervalBatches ? 0.0 :
            (commitNanos - lastCommitNanos) / 1000.0 / intervalBatches);
        body.put("journalCommitMaxUs", statistics.takeMaxCommitNanos() / 1000);
        lastBatches = batches;
        lastCommands = commands;
        lastCommitNanos = commitNanos;
    }

    private Map<String, Object> snapshot(final long nowMs, final double elapsedS)
    {
        final Map<String, Object> body = new LinkedHashMap<>();
        int sessions = 0;
        for (final ManagedBroker.ConnectionView connection : broker.connections())
        {
            sessions += connection.sessions();
        }
        final Runtime runtime = Runtime.getRuntime();
        body.put("timestamp", nowMs);
        body.put("connections", broker.connections().size());
        body.put("sessions", sessions);
        body.put("uptimeMs", nowMs - startedMs);
        body.put("heapUsed", runtime.totalMemory() - runtime.freeMemory());
        body.put("heapMax", runtime.maxMemory());
        body.put("journalPending", broker.journalPending());
        putJournal(body);
        int row = 0;
        for (final MessageQueue queue : broker.queues().values())
        {
            if (queue.destinationType() == DestinationType.QUEUE)
            {
                row = put(body, row, queue.name(), "QUEUE", (long)queue.depth() + queue.pagedCount(),
                    queue.inFlightCount(), queue.consumers().size(), queue.enqueuedCount(), queue.acknowledgedCount(),
                    elapsedS);
            }
        }
        for (final Topic topic : broker.topics().values())
        {
            if (topic.type() == DestinationType.TOPIC)
            {
                long depth = 0;
                int inFlight = 0;
                int consumers = 0;
                long dequeued = 0;
                for (final MessageQueue subscription : topic.subscriptions())
                {
                    depth += subscription.depth();
                    inFlight += subscription.inFlightCount();
                    consumers += subscription.consumers().size();
                    dequeued += subscription.acknowledgedCount();
                }
                row = put(body, row, topic.name(), "TOPIC", depth, inFlight, consumers, topic.publishedCount(),
                    dequeued, elapsedS);
            }
        }
        body.put("count", row);
        return body;
    }

    private int put(final Map<String, Object> body, final int row, final String name, final String type,
        final long depth, final int inFlight, final int consumers, final long enqueued, final long dequeued,
        final double elapsedS)
    {
        final String prefix = row + ".";
        final String key = type + ":" + name;
        final long[] previous = previousCounts.computeIfAbsent(key, (ignored) -> new long[]{enqueued, dequeued});
        body.put(prefix + "name", name);
        body.put(prefix + "type", type);
        body.put(prefix + "depth", depth);
        body.put(prefix + "inFlight", inFlight);
        body.put(prefix + "consumers", consumers);
        body.put(prefix + "enqueued", enqueued);
        body.put(prefix + "dequeued", dequeued);
        body.put(prefix + "enqueueRate", (enqueued - previous[0]) / elapsedS);
        body.put(prefix + "dequeueRate", (dequeued - previous[1]) / elapsedS);
        previous[0] = enqueued;
        previous[1] = dequeued;
        return row + 1;
    }
}
