package io.aeolus.console.backend;

import io.aeolus.management.DeadLetterProperty;
import io.aeolus.management.DeadLetterGroups;
import io.aeolus.management.MessageInfo;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the records of {@code io.aeolus.jms.admin.AdminClient}, {@code AdminJobs} and {@code AdminTrash} into the
 * console's own records. The broker's metrics snapshot does not say which destinations are dead-letter queues nor how
 * many messages each dead-lettered, so those figures come from the last full destination listing, passed in as
 * {@code known}. A listed queue counts as a dead-letter queue when the broker marks it so (it has dead-lettered into
 * it) or when another destination names it as its dead-letter queue, so a DLQ is found before its first dead letter.
 */
final class AdminRecords
{
    static final String DLQ_ORIGINAL_DESTINATION = DeadLetterProperty.ORIGINAL_DESTINATION;
    static final String DLQ_REASON = DeadLetterProperty.REASON;
    static final String DLQ_TIME = DeadLetterProperty.TIME;
    static final String DLQ_DELIVERY_COUNT = DeadLetterProperty.DELIVERY_COUNT;
    static final String DLQ_LAST_CONSUMER = DeadLetterProperty.LAST_CONSUMER;
    private static final String DLQ_PROPERTY_PREFIX = DeadLetterProperty.PREFIX;
    private static final String DLQ_NAME_PREFIX = "DLQ.";

    private AdminRecords()
    {
    }

    static DestinationType type(final String brokerType)
    {
        return brokerType.endsWith("TOPIC") ? DestinationType.TOPIC : DestinationType.QUEUE;
    }

    static boolean temporary(final String brokerType)
    {
        return brokerType.startsWith("TEMPORARY");
    }

    static DestinationInfo destination(final io.aeolus.management.DestinationInfo info, final boolean deadLetterQueue)
    {
        return new DestinationInfo(info.name(), type(info.type()), info.depth(), info.inFlight(), info.consumers(),
            info.enqueued(), info.deadLettered(), deadLetterQueue, temporary(info.type()), 0, 0, info.dlqDepth(),
            info.oldestAgeMs(), info.paused());
    }

    static List<DestinationInfo> destinations(final List<io.aeolus.management.DestinationInfo> infos)
    {
        final Set<String> named = new HashSet<>();
        for (final io.aeolus.management.DestinationInfo info : infos)
        {
            if (null != info.dlq() && !info.dlq().isEmpty())
            {
                named.add(info.dlq());
            }
        }
        final List<DestinationInfo> rows = new ArrayList<>(infos.size());
        for (final io.aeolus.management.DestinationInfo info : infos)
        {
            rows.add(destination(info, info.deadLetterQueue() || info.isQueue() && named.contains(info.name())));
        }
        return rows;
    }

    static MetricsSnapshot metrics(
        final io.aeolus.management.MetricsSnapshot snapshot, final Map<String, DestinationInfo> known)
    {
        double inRatePerSec = 0;
        double outRatePerSec = 0;
        final List<DestinationInfo> rows = new ArrayList<>(snapshot.destinations().size());
        for (final io.aeolus.management.MetricsSnapshot.Destination destination : snapshot.destinations())
        {
            inRatePerSec += destination.enqueueRate();
            outRatePerSec += destination.dequeueRate();
            final DestinationInfo previous = known.get(destination.name());
            final boolean deadLetterQueue = null != previous ?
                previous.deadLetterQueue() : destination.name().startsWith(DLQ_NAME_PREFIX);
            rows.add(new DestinationInfo(destination.name(), type(destination.type()), destination.depth(),
                destination.inFlight(), destination.consumers(), destination.enqueued(),
                null != previous ? previous.deadLettered() : 0, deadLetterQueue, temporary(destination.type()),
                destination.enqueueRate(), destination.dequeueRate(), null != previous ? previous.dlqDepth() : 0,
                null != previous ? previous.oldestAgeMs() : 0, null != previous && previous.paused()));
        }
        final io.aeolus.management.MetricsSnapshot.Journal journal = snapshot.journal();
        return new MetricsSnapshot(snapshot.timestamp(), inRatePerSec, outRatePerSec, snapshot.connections(), rows,
            new MetricsSnapshot.JournalFigures(journal.fileBytes(), journal.batches(), journal.averageBatch(),
            journal.commitAverageUs(), journal.commitMaxUs()));
    }

    static BrowsedMessage message(final MessageInfo info)
    {
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put("JMSMessageID", info.messageId());
        headers.put("JMSCorrelationID", info.correlationId());
        headers.put("JMSType", info.type());
        headers.put("JMSReplyTo", info.replyTo());
        headers.put("JMSTimestamp", Long.toString(info.timestamp()));
        headers.put("JMSExpiration", Long.toString(info.expiration()));
        headers.put("JMSPriority", Integer.toString(info.priority()));
        headers.put("JMSDeliveryMode", info.persistent() ? "PERSISTENT" : "NON_PERSISTENT");
        headers.put("JMSXDeliveryCount", Integer.toString(info.deliveryCount()));
        headers.put("BodyType", String.valueOf(info.bodyType()));
        final Map<String, String> properties = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> property : info.properties().entrySet())
        {
            properties.put(property.getKey(), String.valueOf(property.getValue()));
        }
        final BodyType bodyType = BodyType.parse(info.bodyType());
        final String body = null == info.body() ? "" : info.body();
        if (bodyType == BodyType.BYTES)
        {
            // The broker sends a bytes body in base64, cut at a multiple of 4 characters, so what it sent decodes.
            final byte[] bytes = decodeBase64(body);
            if (null != bytes)
            {
                return new BrowsedMessage(info.messageId(), info.timestamp(), headers, properties, bodyType, "", bytes,
                    Math.max(info.bodySize(), bytes.length), info.truncated() || bytes.length < info.bodySize());
            }
        }
        return new BrowsedMessage(info.messageId(), info.timestamp(), headers, properties, bodyType, body, null,
            Math.max(info.bodySize(), body.length()), info.truncated());
    }

    private static byte[] decodeBase64(final String text)
    {
        try
        {
            return Base64.getDecoder().decode(text);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    static DeadLetter deadLetter(final MessageInfo info)
    {
        final Map<String, Object> properties = info.properties();
        final Map<String, String> own = new LinkedHashMap<>();
        for (final Map.Entry<String, Object> property : properties.entrySet())
        {
            if (!property.getKey().startsWith(DLQ_PROPERTY_PREFIX))
            {
                own.put(property.getKey(), text(property.getValue()));
            }
        }
        return new DeadLetter(info.messageId(), text(properties.get(DLQ_ORIGINAL_DESTINATION)),
            text(properties.get(DLQ_REASON)), number(properties.get(DLQ_TIME), info.timestamp()),
            (int)number(properties.get(DLQ_DELIVERY_COUNT), info.deliveryCount()),
            text(properties.get(DLQ_LAST_CONSUMER)), own);
    }

    static TriageResult triage(final DeadLetterGroups groups)
    {
        final List<TriageGroup> rows = new ArrayList<>(groups.groups().size());
        for (final DeadLetterGroups.Group group : groups.groups())
        {
            final List<Integer> histogram = new ArrayList<>(group.histogram().length);
            for (final int count : group.histogram())
            {
                histogram.add(count);
            }
            rows.add(new TriageGroup(text(group.key()), group.count(), group.firstMs(), group.lastMs(), histogram,
                text(group.selector())));
        }
        return new TriageResult(text(groups.property()), groups.total(), groups.fromMs(), groups.toMs(),
            groups.bucketMs(), rows);
    }

    private static String text(final Object value)
    {
        return null == value ? "" : value.toString();
    }

    private static long number(final Object value, final long fallback)
    {
        if (value instanceof Number)
        {
            return ((Number)value).longValue();
        }
        if (value instanceof String)
        {
            try
            {
                return Long.parseLong((String)value);
            }
            catch (final NumberFormatException ex)
            {
                return fallback;
            }
        }
        return fallback;
    }
}
