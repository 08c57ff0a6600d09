package io.aeolus.broker.management;

import io.aeolus.management.SystemDestinations;
import io.aeolus.management.MetricsSnapshot;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.store.JournalStatistics;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * <p>
 * With many destinations (from {@link MetricsChanges#DEFAULT_THRESHOLD}) most snapshots carry only the destinations
 * whose figures changed, and the removed ones ({@code changesOnly}, {@code removed.<i>.name}/{@code type},
 * {@code removedCount}), with a complete snapshot every {@link MetricsChanges#DEFAULT_COMPLETE_INTERVAL_MS} ms and
 * at once when a subscriber is new; the message property {@link MetricsSnapshot#COMPLETE_PROPERTY} says which it is.
 * See {@link MetricsChanges}: chosen over a lower rate because a console then still sees every change within a
 * second, and a broker with 10,000 mostly idle destinations publishes a few KiB a second instead of 12 MiB.
 */
final class MetricsPublisher
{
    static final String TOPIC = SystemDestinations.METRICS_TOPIC;
    static final long INTERVAL_MS = 1000;

    private final ManagedBroker broker;
    private final ManagementFrames frames;
    private final Listings listings;
    private final Figures figures = new Figures();
    private final long startedMs;
    private final Map<String, long[]> previousCounts = new HashMap<>();
    private final MetricsChanges changes;
    /** The metrics topic's subscriptions at the last snapshot: a new one gets a complete snapshot at once. */
    private final Set<MessageQueue> subscribers = Collections.newSetFromMap(new IdentityHashMap<>());
    private long nextPublishMs;
    private long lastPublishMs;
    private long lastBatches;
    private long lastCommands;
    private long lastCommitNanos;

    MetricsPublisher(
        final ManagedBroker broker, final ManagementFrames frames, final Listings listings, final long startedMs)
    {
        this(broker, frames, listings, startedMs, new MetricsChanges());
    }

    MetricsPublisher(
        final ManagedBroker broker,
        final ManagementFrames frames,
        final Listings listings,
        final long startedMs,
        final MetricsChanges changes)
    {
        this.changes = changes;
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
        return publish(nowMs);
    }

    /**
     * Publishes a snapshot now, whatever the schedule: a broker group's members publish at the same points of the
     * group's log, which its timer events set.
     *
     * @param nowMs the time now.
     * @return 1 if it published, 0 if the topic has no subscriber.
     */
    int publish(final long nowMs)
    {
        return publish(nowMs, false);
    }

    /**
     * Publishes a complete snapshot now, never one of changes only: what a broker group's members publish. Each
     * member's figures are its own, so which destinations changed since the last snapshot can differ between members,
     * while the message each one puts on the replicated topic must be the same size on all of them.
     *
     * @param nowMs the time now.
     * @return 1 if it published, 0 if the topic has no subscriber.
     */
    int publishComplete(final long nowMs)
    {
        return publish(nowMs, true);
    }

    private int publish(final long nowMs, final boolean complete)
    {
        final Topic topic = broker.topics().get(TOPIC);
        final double elapsedS = Math.max(1, nowMs - lastPublishMs) / 1000.0;
        lastPublishMs = nowMs;
        if (null == topic || topic.subscriptions().isEmpty())
        {
            previousCounts.clear();
            subscribers.clear();
            return 0;
        }
        boolean newSubscriber = false;
        for (final MessageQueue subscription : topic.subscriptions())
        {
            newSubscriber |= !subscribers.contains(subscription);
        }
        if (newSubscriber || subscribers.size() != topic.subscriptions().size())
        {
            subscribers.clear();
            subscribers.addAll(topic.subscriptions());
        }
        final MetricsSnapshot snapshot = changes.toPublish(snapshot(nowMs, elapsedS), newSubscriber || complete);
        final Map<String, Object> body = new LinkedHashMap<>();
        snapshot.write(body);
        broker.route(frames.mapMessage(broker.nextMessageId(), TOPIC, DestinationType.TOPIC, new byte[0], false,
            Map.of(MetricsSnapshot.COMPLETE_PROPERTY, !snapshot.changesOnly()), body, nowMs));
        return 1;
    }

    private MetricsSnapshot.Journal journal()
    {
        final JournalStatistics statistics = broker.journalStatistics();
        if (null == statistics)
        {
            return MetricsSnapshot.Journal.NONE;
        }
        final long batches = statistics.batches();
        final long commands = statistics.commands();
        final long commitNanos = statistics.commitNanos();
        final long intervalBatches = batches - lastBatches;
        final MetricsSnapshot.Journal journal = new MetricsSnapshot.Journal(statistics.fileBytes(), intervalBatches,
            0 == intervalBatches ? 0.0 : (commands - lastCommands) / (double)intervalBatches,
            0 == intervalBatches ? 0.0 : (commitNanos - lastCommitNanos) / 1000.0 / intervalBatches,
            statistics.takeMaxCommitNanos() / 1000);
        lastBatches = batches;
        lastCommands = commands;
        lastCommitNanos = commitNanos;
        return journal;
    }

    /**
     * @return the snapshot of now; rates over the interval since the previous one.
     */
    MetricsSnapshot snapshot(final long nowMs, final double elapsedS)
    {
        int sessions = 0;
        for (final ManagedBroker.ConnectionView connection : broker.connections())
        {
            sessions += connection.sessions();
        }
        final Runtime runtime = Runtime.getRuntime();
        final MetricsSnapshot.Journal journal = journal();
        final Map<String, Integer> producers = listings.producersByDestination();
        final List<MetricsSnapshot.Destination> destinations = new ArrayList<>();
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
                destinations.add(destination(figures, elapsedS));
            }
        }
        for (final Topic topic : broker.topics().values())
        {
            if (topic.type() == DestinationType.TOPIC)
            {
                figures.clear(topic.name(), "TOPIC");
                for (final MessageQueue subscription : topic.subscriptions())
                {
                    if (!subscription.isRetentionTap())
                    {
                        figures.add(subscription, nowMs);
                    }
                }
                figures.producers = producers.getOrDefault("t/" + topic.name(), 0);
                figures.dlqDepth = listings.deadLetterDepth(topic.policy().deadLetterQueueFor(topic.name()));
                figures.enqueued = topic.publishedCount();
                destinations.add(destination(figures, elapsedS));
            }
        }
        return new MetricsSnapshot(nowMs, broker.connections().size(), sessions, nowMs - startedMs,
            runtime.totalMemory() - runtime.freeMemory(), runtime.maxMemory(), broker.journalPending(), destinations,
            journal);
    }

    private MetricsSnapshot.Destination destination(final Figures f, final double elapsedS)
    {
        final long[] previous = previousCounts.computeIfAbsent(f.type + ":" + f.name,
            (ignored) -> new long[]{f.enqueued, f.dequeued, f.expired, f.deadLettered});
        final MetricsSnapshot.Destination destination = new MetricsSnapshot.Destination(f.name, f.type, f.depth,
            f.inFlight, f.consumers, f.enqueued, f.dequeued, (f.enqueued - previous[0]) / elapsedS,
            Math.max(0, f.dequeued - previous[1]) / elapsedS, f.scheduled, f.producers, f.expired, f.deadLettered,
            Math.max(0, f.expired - previous[2]) / elapsedS, Math.max(0, f.deadLettered - previous[3]) / elapsedS,
            f.heldBytes, f.oldestAgeMs, f.dlqDepth);
        previous[0] = f.enqueued;
        previous[1] = f.dequeued;
        previous[2] = f.expired;
        previous[3] = f.deadLettered;
        return destination;
    }

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
