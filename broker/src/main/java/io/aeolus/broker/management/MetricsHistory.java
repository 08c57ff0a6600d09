package io.aeolus.broker.management;

import io.aeolus.management.Reply;
import io.aeolus.management.Argument;
import io.aeolus.management.SystemDestinations;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;
import io.aeolus.broker.security.Permission;
import io.aeolus.store.H2Journal;
import io.aeolus.store.HistoryPoint;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker's built-in metrics history, so that charts need no Prometheus: once a second it samples the depth and
 * the enqueued and dequeued counters of every queue and topic and of the broker as a whole, and keeps points at
 * three resolutions in rings: 1 s points for 10 minutes, 10 s points for an hour, 1 min points for 24 hours. A point
 * holds the depth at its time and the enqueue and dequeue rates (messages per second) over the interval that ends
 * then. The management operation {@code history} answers from the resolution that fits the range asked for.
 * <p>
 * Temporary destinations (among them the admin clients' reply queues) and the broker's own (management queue,
 * metrics topic, trash, the MQTT gateway's queues: {@code SystemDestinations.isBuiltIn}) are
 * not recorded. Memory is bounded: at most {@code maxDestinations} destinations have points (2,400 points of 16
 * bytes, about 38 KB each); past that, a destination that becomes active takes the place of the one idle the
 * longest (for at least a minute), whose points are dropped; asking for a destination's history counts as using it,
 * so a destination someone looks at is not the first to lose its points. The 1-minute points go to the journal once a
 * minute (in {@code RecordHistory} commands of {@link #POINTS_PER_COMMAND} points, the first also pruning points older
 * than the retention), only if the journal takes them at once, and the journal thread writes them after the batch
 * they come with, so a persistent send is never confirmed later for them; at start {@link #recover} reads the last
 * 24 hours back. The 1 s and 10 s points are not journaled: after a restart, the short ranges start afresh.
 * <p>
 * Conductor thread only, except {@link #recover}, which runs before the conductor starts. Allocates the rings of a
 * destination when it gets a place, the list of points it journals once a minute, and the reply of a query; per
 * sample, only the iterators over the destination maps.
 */
public final class MetricsHistory
{
    /** The series of the broker as a whole. */
    static final String BROKER_SERIES = "broker";
    /** Prefix of a queue's series in the journal. */
    static final String QUEUE_PREFIX = "queue:";
    /** Prefix of a topic's series in the journal. */
    static final String TOPIC_PREFIX = "topic:";
    /** A destination with points gives its place to a newly active one only after this long idle. */
    static final long MIN_IDLE_BEFORE_EVICTION_MS = 60_000;
    /** Bounds the search for places per sample when many destinations become active at once. */
    static final int MAX_ADMISSIONS_PER_SAMPLE = 16;
    /**
     * Points per journal command: the journal thread writes one history command between two batches of messages,
     * and a hundred points take it about 0.3 ms (p50; 10 ms p99) where a thousand take 5 ms (70 ms p99).
     */
    static final int POINTS_PER_COMMAND = 100;
    private static final long SAMPLE_INTERVAL_MS = 1_000;

    /**
     * The resolutions kept, each in a ring of points per series.
     */
    enum Resolution
    {
        SECOND(1_000, 600),
        TEN_SECONDS(10_000, 360),
        MINUTE(60_000, 1_440);

        static final int COUNT = 3;
        static final Resolution[] VALUES = values();

        final long ms;
        final int capacity;

        Resolution(final long ms, final int capacity)
        {
            this.ms = ms;
            this.capacity = capacity;
        }

        long spanMs()
        {
            return ms * capacity;
        }
    }

    /**
     * The ranges a query may ask for, each answered from one resolution.
     */
    enum Range
    {
        ONE_MINUTE("1m", Resolution.SECOND, 60_000),
        TEN_MINUTES("10m", Resolution.SECOND, 600_000),
        ONE_HOUR("1h", Resolution.TEN_SECONDS, 3_600_000),
        ONE_DAY("24h", Resolution.MINUTE, 86_400_000);

        final String text;
        final Resolution resolution;
        final long ms;

        Range(final String text, final Resolution resolution, final long ms)
        {
            this.text = text;
            this.resolution = resolution;
            this.ms = ms;
        }

        static Range parse(final String text)
        {
            for (final Range range : values())
            {
                if (range.text.equals(text))
                {
                    return range;
                }
            }
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument 'range' must be 1m, 10m, 1h or 24h, not '" + text + "'");
        }
    }

    private final ManagedBroker broker;
    private final long retentionMs;
    private final int maxDestinations;
    private final Map<String, HistorySeries> queues = new HashMap<>();
    private final Map<String, HistorySeries> topics = new HashMap<>();
    private final HistorySeries total = new HistorySeries(BROKER_SERIES, "");
    private final long[] lastSlot = new long[Resolution.COUNT];
    private final long[] lastPointMs = new long[Resolution.COUNT];
    private long lastSecond;
    private long samples;
    private int recorded;
    private int admissions;
    private long droppedWrites;

    /**
     * @param broker the conductor's view of the broker, which gives the retention and the cap.
     */
    MetricsHistory(final ManagedBroker broker)
    {
        this.broker = broker;
        this.retentionMs = broker.historyRetentionMs();
        this.maxDestinations = broker.historyMaxDestinations();
        total.rings = newRings();
    }

    /**
     * Reads the 1-minute points of the last 24 hours (or of the retention, if shorter) back from the journal, at
     * start, before the conductor thread runs. Destinations past the cap keep no points. Nothing is read when the
     * retention is 0.
     *
     * @param store the journal, not yet started.
     * @param nowMs the time now, epoch milliseconds.
     * @return the points read.
     * @throws io.aeolus.store.JournalException if the journal cannot be read.
     */
    public long recover(final H2Journal store, final long nowMs)
    {
        if (retentionMs <= 0)
        {
            return 0;
        }
        return store.readHistory(nowMs - Math.min(retentionMs, Resolution.MINUTE.spanMs()), this::onRecoveredPoint);
    }

    /**
     * @return destinations that have points now; the broker's own series is not counted.
     */
    int recordedCount()
    {
        return recorded;
    }

    /**
     * @return times the journal did not take a minute's points, or the rest of them (memory mode, a busy or failed
     *         journal).
     */
    long droppedWrites()
    {
        return droppedWrites;
    }

    /**
     * Samples once a second (by the conductor's clock) and ends the intervals of the resolutions due. The thread that
     * owns the engine (a broker group's member samples from its service thread).
     *
     * @param nowMs the time now, epoch ms.
     * @return 1 if it sampled, else 0.
     */
    public int onTimer(final long nowMs)
    {
        final long second = Math.floorDiv(nowMs, SAMPLE_INTERVAL_MS);
        if (samples > 0 && second == lastSecond)
        {
            return 0;
        }
        lastSecond = second;
        final boolean baseline = 0 == samples;
        samples++;
        admissions = 0;
        sampleDestinations(nowMs, baseline);
        endIntervals(nowMs, baseline);
        sweep(nowMs);
        return 1;
    }

    /**
     * The {@code history} operation: the points of a destination ({@code name}, {@code type} queue or topic), or of
     * the broker as a whole (no name), over a {@code range} of 1m, 10m, 1h or 24h, oldest first, as rows {@code t},
     * {@code depth}, {@code inRate} and {@code outRate}, with {@code count} and {@code resolutionMs}. A destination
     * needs {@code browse}; the broker as a whole needs nothing beyond access to the management queue.
     */
    Map<String, Object> query(final Map<String, Object> arguments, final Requester requester)
    {
        final boolean topic = isTopic(Arguments.optionalString(arguments, Argument.TYPE));
        final Range range = Range.parse(Arguments.string(arguments, Argument.RANGE));
        final String name = Arguments.optionalString(arguments, Argument.NAME);
        final HistorySeries series = null == name || name.isEmpty() ?
            total : destinationSeries(Arguments.destinationName(arguments, Argument.NAME), topic, requester);
        final List<io.aeolus.management.HistoryPoint> points = new ArrayList<>();
        if (null != series && series != total)
        {
            series.lastViewedMs = broker.nowMs();
        }
        if (null != series && series.isRecorded())
        {
            final long nowMs = broker.nowMs();
            final HistoryRing ring = series.rings[range.resolution.ordinal()];
            for (long slot = ring.firstSlotAfter(nowMs - range.ms), last = ring.lastSlotAtOrBefore(nowMs);
                slot <= last; slot++)
            {
                if (ring.has(slot))
                {
                    points.add(new io.aeolus.management.HistoryPoint(slot * ring.resolutionMs(), ring.depth(slot),
                        ring.inRate(slot),
                        ring.outRate(slot)));
                }
            }
        }
        final Map<String, Object> reply = Reply.putRows(new LinkedHashMap<>(), points,
            io.aeolus.management.HistoryPoint::write);
        reply.put(Reply.RESOLUTION_MS, range.resolution.ms);
        return reply;
    }

    private HistorySeries destinationSeries(final String name, final boolean topic, final Requester requester)
    {
        requester.require(Permission.BROWSE, name);
        final DestinationType type = topic ? typeOf(broker.topics().get(name)) : typeOf(broker.queues().get(name));
        final DestinationType recordable = topic ? DestinationType.TOPIC : DestinationType.QUEUE;
        if (null != type && (type != recordable || !isRecordable(name)))
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument 'name': no history is " +
                "kept for the temporary or built-in " + (topic ? "topic" : "queue") + " '" + name + "'");
        }
        final HistorySeries series = (topic ? topics : queues).get(name);
        if (null == series && null == type)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION,
                "argument 'name': no " + (topic ? "topic" : "queue") + " named '" + name + "'");
        }
        return series;
    }

    private void sampleDestinations(final long nowMs, final boolean baseline)
    {
        long depth = 0;
        for (final MessageQueue queue : broker.queues().values())
        {
            if (queue.destinationType() == DestinationType.QUEUE && isRecordable(queue.name()))
            {
                final long queueDepth = (long)queue.depth() + queue.pagedCount();
                observe(queues, QUEUE_PREFIX, queue.name(), queue, queueDepth, queue.enqueuedCount(),
                    queue.acknowledgedCount(), nowMs, baseline);
                depth += queueDepth;
            }
        }
        for (final Topic topic : broker.topics().values())
        {
            if (topic.type() == DestinationType.TOPIC && isRecordable(topic.name()))
            {
                long topicDepth = 0;
                long dequeued = 0;
                final List<MessageQueue> subscriptions = topic.subscriptions();
                for (int i = 0, size = subscriptions.size(); i < size; i++)
                {
                    final MessageQueue subscription = subscriptions.get(i);
                    topicDepth += (long)subscription.depth() + subscription.pagedCount();
                    dequeued += subscription.acknowledgedCount();
                }
                observe(topics, TOPIC_PREFIX, topic.name(), topic, topicDepth, topic.publishedCount(), dequeued,
                    nowMs, baseline);
                depth += topicDepth;
            }
        }
        total.depth = depth;
        total.lastSample = samples;
    }

    private void observe(final Map<String, HistorySeries> map, final String prefix, final String name,
        final Object destination, final long depth, final long enqueued, final long dequeued, final long nowMs,
        final boolean baseline)
    {
        HistorySeries series = map.get(name);
        if (null == series)
        {
            series = new HistorySeries(prefix + name, name);
            series.lastActiveMs = nowMs;
            map.put(name, series);
        }
        final boolean isActive = series.sample(destination, depth, enqueued, dequeued, baseline);
        series.lastSample = samples;
        if (isActive)
        {
            series.lastActiveMs = nowMs;
        }
        total.add(series.sampledIn, series.sampledOut);
        if (!series.isRecorded())
        {
            admit(series, isActive, nowMs);
        }
    }

    /**
     * Gives a series its rings if there is room under the cap, or if it is active and another has been idle long
     * enough to give up its place.
     */
    private void admit(final HistorySeries series, final boolean isActive, final long nowMs)
    {
        if (recorded >= maxDestinations)
        {
            if (!isActive || admissions >= MAX_ADMISSIONS_PER_SAMPLE)
            {
                return;
            }
            admissions++;
            final HistorySeries victim = oldestIdle(nowMs - MIN_IDLE_BEFORE_EVICTION_MS);
            if (null == victim)
            {
                return;
            }
            evict(victim);
        }
        series.rings = newRings();
        recorded++;
    }

    private HistorySeries oldestIdle(final long idleSinceMs)
    {
        HistorySeries oldest = oldestIdle(queues, idleSinceMs, null);
        oldest = oldestIdle(topics, idleSinceMs, oldest);
        return oldest;
    }

    private static HistorySeries oldestIdle(
        final Map<String, HistorySeries> map, final long idleSinceMs, final HistorySeries oldestSoFar)
    {
        HistorySeries oldest = oldestSoFar;
        for (final HistorySeries series : map.values())
        {
            // Ties go by key, so the choice never depends on the order of a hash map. A destination whose history
            // someone looked at counts as used then: an idle dead-letter queue watched in a console keeps its place.
            if (series.isRecorded() && series.lastUsedMs() <= idleSinceMs && (null == oldest ||
                series.lastUsedMs() < oldest.lastUsedMs() ||
                series.lastUsedMs() == oldest.lastUsedMs() && series.key.compareTo(oldest.key) < 0))
            {
                oldest = series;
            }
        }
        return oldest;
    }

    private void evict(final HistorySeries series)
    {
        series.rings = null;
        recorded--;
        if (null == series.source)
        {
            (series.key.startsWith(TOPIC_PREFIX) ? topics : queues).remove(series.name);
        }
    }

    private void endIntervals(final long nowMs, final boolean baseline)
    {
        for (final Resolution resolution : Resolution.VALUES)
        {
            final int r = resolution.ordinal();
            final long slot = Math.floorDiv(nowMs, resolution.ms);
            if (!baseline && slot == lastSlot[r])
            {
                continue;
            }
            final boolean isClockBack = !baseline && slot < lastSlot[r];
            final double elapsedS = Math.max(1, nowMs - lastPointMs[r]) / 1000.0;
            lastSlot[r] = slot;
            lastPointMs[r] = nowMs;
            if (baseline || isClockBack)
            {
                // After a step back of the clock, the interval has no length to divide by: start a new one.
                skipInterval(queues, r);
                skipInterval(topics, r);
                total.skipPoint(r);
                continue;
            }
            final long timeMs = slot * resolution.ms;
            endInterval(queues, r, timeMs, elapsedS);
            endInterval(topics, r, timeMs, elapsedS);
            total.point(r, timeMs, elapsedS);
            if (Resolution.MINUTE == resolution)
            {
                journal(slot, nowMs);
            }
        }
    }

    private void endInterval(final Map<String, HistorySeries> map, final int r, final long timeMs,
        final double elapsedS)
    {
        for (final HistorySeries series : map.values())
        {
            if (series.lastSample == samples)
            {
                series.point(r, timeMs, elapsedS);
            }
            else
            {
                series.skipPoint(r);
            }
        }
    }

    private static void skipInterval(final Map<String, HistorySeries> map, final int r)
    {
        for (final HistorySeries series : map.values())
        {
            series.skipPoint(r);
        }
    }

    /**
     * Offers the minute's points to the journal, in commands of {@link #POINTS_PER_COMMAND}, the first with the
     * pruning of the points past the retention. What the journal does not take at once is dropped, not retried:
     * history must not hold up messages.
     */
    private void journal(final long slot, final long nowMs)
    {
        if (retentionMs <= 0)
        {
            return;
        }
        final List<HistoryPoint> points = new ArrayList<>(recorded + 1);
        addPoint(points, total, slot);
        for (final HistorySeries series : queues.values())
        {
            addPoint(points, series, slot);
        }
        for (final HistorySeries series : topics.values())
        {
            addPoint(points, series, slot);
        }
        for (int from = 0, size = points.size(); from < size; from += POINTS_PER_COMMAND)
        {
            final List<HistoryPoint> chunk = points.subList(from, Math.min(size, from + POINTS_PER_COMMAND));
            if (!broker.recordHistory(chunk, 0 == from ? nowMs - retentionMs : Long.MIN_VALUE))
            {
                droppedWrites++;
                return;
            }
        }
    }

    private void addPoint(final List<HistoryPoint> points, final HistorySeries series,
        final long slot)
    {
        if (series.isRecorded() && series.lastSample == samples)
        {
            final HistoryRing ring = series.rings[Resolution.MINUTE.ordinal()];
            if (ring.has(slot))
            {
                points.add(new HistoryPoint(series.key, slot * ring.resolutionMs(), ring.depth(slot),
                    ring.inRate(slot), ring.outRate(slot)));
            }
        }
    }

    /**
     * Forgets destinations that are gone: at once if they have no points, else once their newest point is older
     * than the longest range (or when an active destination takes their place).
     */
    private void sweep(final long nowMs)
    {
        sweep(queues, nowMs);
        sweep(topics, nowMs);
    }

    private void sweep(final Map<String, HistorySeries> map, final long nowMs)
    {
        for (final Iterator<HistorySeries> it = map.values().iterator(); it.hasNext(); )
        {
            final HistorySeries series = it.next();
            if (series.lastSample != samples)
            {
                series.source = null;
                if (!series.isRecorded())
                {
                    it.remove();
                }
                else if (series.newestPointMs() <= nowMs - Resolution.MINUTE.spanMs())
                {
                    series.rings = null;
                    recorded--;
                    it.remove();
                }
            }
        }
    }

    private void onRecoveredPoint(
        final String key, final long timeMs, final long depth, final double inRate, final double outRate)
    {
        final HistorySeries series;
        if (BROKER_SERIES.equals(key))
        {
            series = total;
        }
        else if (key.startsWith(QUEUE_PREFIX))
        {
            series = recoveredSeries(queues, key, key.substring(QUEUE_PREFIX.length()), timeMs);
        }
        else if (key.startsWith(TOPIC_PREFIX))
        {
            series = recoveredSeries(topics, key, key.substring(TOPIC_PREFIX.length()), timeMs);
        }
        else
        {
            return;
        }
        if (null != series)
        {
            series.rings[Resolution.MINUTE.ordinal()].put(timeMs, depth, inRate, outRate);
            if (inRate > 0 || outRate > 0)
            {
                series.lastActiveMs = Math.max(series.lastActiveMs, timeMs);
            }
        }
    }

    /**
     * The series of a recovered point, given a place if there is room; points come in time order, so the
     * destinations with the longest history get the places.
     */
    private HistorySeries recoveredSeries(
        final Map<String, HistorySeries> map, final String key, final String name, final long timeMs)
    {
        HistorySeries series = map.get(name);
        if (null == series && recorded < maxDestinations)
        {
            series = new HistorySeries(key, name);
            series.lastActiveMs = timeMs;
            series.rings = newRings();
            recorded++;
            map.put(name, series);
        }
        return series;
    }

    private static HistoryRing[] newRings()
    {
        final HistoryRing[] rings = new HistoryRing[Resolution.COUNT];
        for (final Resolution resolution : Resolution.VALUES)
        {
            rings[resolution.ordinal()] = new HistoryRing(resolution.ms, resolution.capacity);
        }
        return rings;
    }

    private static boolean isTopic(final String type)
    {
        if (null == type || type.isEmpty() || Argument.QUEUE.equalsIgnoreCase(type))
        {
            return false;
        }
        if (Argument.TOPIC.equalsIgnoreCase(type))
        {
            return true;
        }
        throw new ManagementException(ManagementException.INVALID_ARGUMENT,
            "argument 'type' must be queue or topic, not '" + type + "'");
    }

    private static boolean isRecordable(final String name)
    {
        // The same system destinations as the console leaves out of "messages waiting": the broker's own, by name.
        return !SystemDestinations.isBuiltIn(name);
    }

    private static DestinationType typeOf(final MessageQueue queue)
    {
        return null == queue ? null : queue.destinationType();
    }

    private static DestinationType typeOf(final Topic topic)
    {
        return null == topic ? null : topic.type();
    }
}
