package io.aeolus.broker.management;

import io.aeolus.management.DeadLetterProperty;
import io.aeolus.management.Argument;
import io.aeolus.management.DeadLetterGroups;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.Permission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dead-letter triage ({@code triage}): the messages of a dead-letter queue grouped by why they are there, biggest group
 * first, each with its time range, a histogram over the queue's whole time range, and the selector that picks exactly
 * that group, so that a client can act on one cause ("retry only these") with a job or a one-shot operation.
 * <p>
 * {@code groupBy} is {@code reason}, {@code destination} (original destination), {@code consumer} (the last consumer
 * that failed it), {@code deliveryCount}, or {@code property} with {@code property} naming any message property (an
 * application's error code, say). Time is the dead-lettering time ({@code AEOLUS_DLQ_TIME}; the message's timestamp
 * for a message without it). Needs {@code browse} on the queue. Conductor thread only.
 */
final class DeadLetterTriage
{
    static final int DEFAULT_BUCKETS = 24;
    static final int MAX_BUCKETS = 240;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private final ManagedBroker broker;

    DeadLetterTriage(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    Map<String, Object> triage(final Map<String, Object> arguments, final Requester requester)
    {
        final String name = Arguments.string(arguments, Argument.NAME);
        final MessageQueue queue = broker.queues().get(name);
        if (null == queue)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION, "no queue named '" + name + "'");
        }
        requester.require(Permission.BROWSE, name);
        final String property = groupingProperty(arguments);
        final int buckets = Arguments.intValue(arguments, Argument.BUCKETS, DEFAULT_BUCKETS, MAX_BUCKETS);
        if (0 == buckets)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument 'buckets' must be at least 1");
        }

        final List<QueueEntry> entries = queue.waitingEntries();
        long fromMs = Long.MAX_VALUE;
        long toMs = Long.MIN_VALUE;
        final long[] times = new long[entries.size()];
        for (int i = 0; i < times.length; i++)
        {
            times[i] = time(entries.get(i));
            fromMs = Math.min(fromMs, times[i]);
            toMs = Math.max(toMs, times[i]);
        }
        final long bucketMs = times.length == 0 ? 1 : Math.max(1, (toMs - fromMs) / buckets + 1);
        final Map<Object, Group> groups = new LinkedHashMap<>();
        for (int i = 0; i < times.length; i++)
        {
            final Object key = MessageMover.property(entries.get(i).message(), property);
            final Group group = groups.computeIfAbsent(key, (k) -> new Group(k, buckets));
            group.add(times[i], (int)((times[i] - fromMs) / bucketMs));
        }
        final List<Group> sorted = new ArrayList<>(groups.values());
        sorted.sort((a, b) -> Integer.compare(b.count, a.count));

        final List<DeadLetterGroups.Group> rows = new ArrayList<>(sorted.size());
        for (final Group group : sorted)
        {
            rows.add(new DeadLetterGroups.Group(null == group.key ? "" : String.valueOf(group.key), group.count,
                group.firstMs, group.lastMs, group.histogram, selector(property, group.key)));
        }
        final Map<String, Object> reply = new LinkedHashMap<>();
        new DeadLetterGroups(property, times.length, times.length == 0 ? 0 : fromMs, times.length == 0 ? 0 : toMs,
            bucketMs, rows).write(reply);
        return reply;
    }

    private static String groupingProperty(final Map<String, Object> arguments)
    {
        final String groupBy = Arguments.optionalString(arguments, Argument.GROUP_BY);
        switch (null == groupBy ? DeadLetterGroups.BY_REASON : groupBy)
        {
            case DeadLetterGroups.BY_REASON:
                return DeadLetterProperty.REASON;
            case DeadLetterGroups.BY_DESTINATION:
                return MessageMover.DLQ_ORIGINAL_DESTINATION;
            case DeadLetterGroups.BY_CONSUMER:
                return DeadLetterProperty.LAST_CONSUMER;
            case DeadLetterGroups.BY_DELIVERY_COUNT:
                return DeadLetterProperty.DELIVERY_COUNT;
            case DeadLetterGroups.BY_PROPERTY:
                final String property = Arguments.string(arguments, Argument.PROPERTY);
                if (!IDENTIFIER.matcher(property).matches())
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                        "argument 'property' must be a property name (a Java identifier), not '" + property + "'");
                }
                return property;
            default:
                throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument 'groupBy' must be " +
                    "reason, destination, consumer, deliveryCount or property, not '" + groupBy + "'");
        }
    }

    private static long time(final QueueEntry entry)
    {
        final Object time = MessageMover.property(entry.message(), DeadLetterProperty.TIME);
        return time instanceof Long ? (Long)time : entry.message().timestampMs();
    }

    /**
     * @return a selector that matches exactly the messages whose property has this value.
     */
    static String selector(final String property, final Object value)
    {
        if (null == value)
        {
            return property + " IS NULL";
        }
        if (value instanceof String)
        {
            return property + " = '" + ((String)value).replace("'", "''") + "'";
        }
        if (value instanceof Boolean)
        {
            return property + " = " + ((Boolean)value ? "TRUE" : "FALSE");
        }
        return property + " = " + value;
    }

    private static final class Group
    {
        final Object key;
        final int[] histogram;
        int count;
        long firstMs = Long.MAX_VALUE;
        long lastMs = Long.MIN_VALUE;

        Group(final Object key, final int buckets)
        {
            this.key = key;
            this.histogram = new int[buckets];
        }

        void add(final long timeMs, final int bucket)
        {
            count++;
            firstMs = Math.min(firstMs, timeMs);
            lastMs = Math.max(lastMs, timeMs);
            histogram[Math.min(bucket, histogram.length - 1)]++;
        }
    }
}
