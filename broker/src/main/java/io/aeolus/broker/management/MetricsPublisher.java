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
 * {@code journalCommitMaxUs}) and, per queue and topic (a topic's figures summed over its subscriptions),
 * {@code <row>.name}, {@code type}, {@code depth} (paged-out messages included), {@code inFlight}, {@code scheduled},
 * {@code consumers}, {@code producers}, {@code enqueued}, {@code dequeued}, {@code expired}, {@code deadLettered},
 * the rates per second since the last snapshot ({@code enqueueRate}, {@code dequeueRate}, {@code expiredRate},
 * {@code deadLetteredRate}; never negative), {@code heldBytes} (memory used), {@code oldestAgeMs} and
 * {@code dlqDepth}, with {@code count} rows. Nothing is built while the topic
 * has no subscriber. Conductor thread only; allocates once a second.
 */
final class MetricsPublisher
{
    static final String TOPIC = "aeolus.metrics";
    static final long INTERVAL_MS = 1000;

    private final ManagedBroker broker;
    private final ManagementFrames frames;
    private final Listings listings;
    private final Figures figures = new Figures();
    private final long startedMs;
    private final Map<String, long[]> previousCounts = new HashMap<>();
    private long nextPublishMs;
    private long lastPublishMs;
    private long lastBatches;
    private long lastCommands;
    private long lastCommitNanos;

    MetricsPublisher(
        final ManagedBroker broker, final ManagementFrames frames, final Listings listings, final long startedMs)
    {
        this.broker = broker;
        this.frames = frames;
        this.listings = listings;
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
        final Map<String, Integer> producers = listings.producersByDestination();
        int row = 0;
        for (final MessageQueue queue : broker.queues().values())
        {
            if (queue.destinationType() == DestinationType.QUEUE)
            {
                figures.clear(queue.name(), "QUEUE");
                figures.add(queue, nowMs);
                figures.producers = producers.getOrDefault("q/" + queue.name(), 0);
                figures.dlqDepth = queue.isDeadLetterQueue() ? 0 :
                    listings.deadLetterDepth(queue.policy().deadLetterQueueFor(queue.name()));
                figures.enqueued = queue.enqueuedCount();
                row = put(body, row, figures, elapsedS);
            }
        }
        for (final Topic topic : broker.topics().values())
        {
            if (topic.type() == DestinationType.TOPIC)
            {
                figures.clear(topic.name(), "TOPIC");
                for (final MessageQueue subscription : topic.subscriptions())
                {
                    figures.add(subscription, nowMs);
                }
                figures.producers = producers.getOrDefault("t/" + topic.name(), 0);
                figures.dlqDepth = listings.deadLetterDepth(topic.policy().deadLetterQueueFor(topic.name()));
                figures.enqueued = topic.publishedCount();
                row = put(body, row, figures, elapsedS);
            }
        }
        body.put("count", row);
        return body;
    }

    private int put(final Map<String, Object> body, final int row, final Figures f, final double elapsedS)
    {
        final String prefix = row + ".";
        final long[] previous = previousCounts.computeIfAbsent(f.type + ":" + f.name,
            (ignored) -> new long[]{f.enqueued, f.dequeued, f.expired, f.deadLettered});
        body.put(prefix + "name", f.name);
        body.put(prefix + "type", f.type);
        body.put(prefix + "depth", f.depth);
        body.put(prefix + "inFlight", f.inFlight);
        body.put(prefix + "scheduled", f.scheduled);
        body.put(prefix + "consumers", f.consumers);
        body.put(prefix + "producers", f.producers);
        body.put(prefix + "enqueued", f.enqueued);
        body.put(prefix + "dequeued", f.dequeued);
        body.put(prefix + "expired", f.expired);
        body.put(prefix + "deadLettered", f.deadLettered);
        body.put(prefix + "enqueueRate", (f.enqueued - previous[0]) / elapsedS);
        body.put(prefix + "dequeueRate", Math.max(0, f.dequeued - previous[1]) / elapsedS);
        body.put(prefix + "expiredRate", Math.max(0, f.expired - previous[2]) / elapsedS);
        body.put(prefix + "deadLetteredRate", Math.max(0, f.deadLettered - previous[3]) / elapsedS);
        body.put(prefix + "heldBytes", f.heldBytes);
        body.put(prefix + "oldestAgeMs", f.oldestAgeMs);
        body.put(prefix + "dlqDepth", f.dlqDepth);
        previous[0] = f.enqueued;
        previous[1] = f.dequeued;
        previous[2] = f.expired;
        previous[3] = f.deadLettered;
        return row + 1;
    }

    /**
     * One destination's figures, summed over a topic's subscriptions; reused for every row.
     */
    private static final class Figures
    {
        String name;
        String type;
        long depth;
        int inFlight;
        int scheduled;
        int consumers;
        int producers;
        long enqueued;
        long dequeued;
        long expired;
        long deadLettered;
        long heldBytes;
        long oldestAgeMs;
        long dlqDepth;

        void clear(final String name, final String type)
        {
            this.name = name;
            this.type = type;
            depth = 0;
            inFlight = 0;
            scheduled = 0;
            consumers = 0;
            producers = 0;
            enqueued = 0;
            dequeued = 0;
            expired = 0;
            deadLettered = 0;
            heldBytes = 0;
            oldestAgeMs = 0;
            dlqDepth = 0;
        }

        void add(final MessageQueue queue, final long nowMs)
        {
            depth += (long)queue.depth() + queue.pagedCount();
            inFlight += queue.inFlightCount();
            scheduled += queue.scheduledCount();
            consumers += queue.consumers().size();
            dequeued += queue.acknowledgedCount();
            expired += queue.expiredCount();
            deadLettered += queue.deadLetteredCount();
            heldBytes += queue.heldBytes();
            oldestAgeMs = Math.max(oldestAgeMs, Listings.ageMs(queue.oldestTimestampMs(), nowMs));
        }
    }
}
