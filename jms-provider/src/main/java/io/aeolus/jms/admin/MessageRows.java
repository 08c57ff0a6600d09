package io.aeolus.jms.admin;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;
import jakarta.jms.ResourceAllocationException;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads management replies and metrics snapshots: the status properties, and rows stored as
 * {@code <row>.<field>} map entries.
 */
final class MessageRows
{
    private MessageRows()
    {
    }

    /**
     * Reads one row of a reply.
     *
     * @param <T> the row's record.
     */
    @FunctionalInterface
    interface Row<T>
    {
        T read(MapMessage reply, String prefix) throws JMSException;
    }

    /**
     * @return every row of a reply ({@code count} of them), in order.
     */
    static <T> List<T> rows(final MapMessage reply, final Row<T> row) throws JMSException
    {
        final List<T> rows = new ArrayList<>();
        for (int i = 0, count = reply.getInt("count"); i < count; i++)
        {
            rows.add(row.read(reply, i + "."));
        }
        return rows;
    }

    static MapMessage checked(final MapMessage reply) throws JMSException
    {
        if ("OK".equals(reply.getStringProperty("AEOLUS_MGMT_STATUS")))
        {
            return reply;
        }
        final String code = reply.getStringProperty("AEOLUS_MGMT_ERROR_CODE");
        final String message = reply.getStringProperty("AEOLUS_MGMT_ERROR_MESSAGE");
        if (null == code)
        {
            throw new JMSException("the broker's reply has no status", "MALFORMED_REPLY");
        }
        throw exception(code, message);
    }

    /**
     * @return the exception for an error code: JMSSecurityException for ACCESS_DENIED, InvalidDestinationException
     * for UNKNOWN_DESTINATION, InvalidSelectorException for INVALID_SELECTOR, IllegalStateException for
     * ILLEGAL_STATE, ResourceAllocationException for RESOURCE_ALLOCATION, else a JMSException; the code is its
     * error code.
     */
    static JMSException exception(final String code, final String message)
    {
        switch (null == code ? "" : code)
        {
            case "UNKNOWN_DESTINATION":
                return new InvalidDestinationException(message, code);
            case "INVALID_SELECTOR":
                return new InvalidSelectorException(message, code);
            case "ILLEGAL_STATE":
                return new IllegalStateException(message, code);
            case "ACCESS_DENIED":
                return new JMSSecurityException(message, code);
            case "RESOURCE_ALLOCATION":
                return new ResourceAllocationException(message, code);
            default:
                return new JMSException(message, code);
        }
    }

    /**
     * @return an exception of the same kind and code, its message prefixed, linked to the original.
     */
    static JMSException prefixed(final JMSException original, final String prefix)
    {
        final JMSException prefixed = exception(original.getErrorCode(), prefix + original.getMessage());
        prefixed.setLinkedException(original);
        prefixed.initCause(original);
        return prefixed;
    }

    static MessageInfo message(final MapMessage reply, final String p) throws JMSException
    {
        final Map<String, Object> properties = new LinkedHashMap<>();
        final String propertyPrefix = p + "p.";
        for (final Enumeration<?> names = reply.getMapNames(); names.hasMoreElements(); )
        {
            final String name = (String)names.nextElement();
            if (name.startsWith(propertyPrefix))
            {
                properties.put(name.substring(propertyPrefix.length()), reply.getObject(name));
            }
        }
        return new MessageInfo(string(reply, p + "messageId"), string(reply, p + "correlationId"),
            string(reply, p + "type"), string(reply, p + "replyTo"), reply.getLong(p + "timestamp"),
            reply.getLong(p + "expiration"), reply.getInt(p + "priority"), reply.getBoolean(p + "persistent"),
            reply.getInt(p + "deliveryCount"), reply.getString(p + "bodyType"), reply.getInt(p + "bodySize"),
            reply.getString(p + "body"), reply.itemExists(p + "truncated") && reply.getBoolean(p + "truncated"),
            properties);
    }

    static DestinationInfo destination(final MapMessage reply, final String p) throws JMSException
    {
        return new DestinationInfo(reply.getString(p + "name"), reply.getString(p + "type"),
            number(reply, p + "depth"), (int)number(reply, p + "inFlight"), (int)number(reply, p + "scheduled"),
            (int)number(reply, p + "consumers"), number(reply, p + "enqueued"), number(reply, p + "acknowledged"),
            number(reply, p + "expired"), number(reply, p + "deadLettered"), number(reply, p + "heldBytes"),
            reply.getBoolean(p + "deadLetterQueue"), reply.getBoolean(p + "paused"), number(reply, p + "oldestAgeMs"),
            (int)number(reply, p + "producers"), string(reply, p + "dlq"), number(reply, p + "dlqDepth"));
    }

    static ConnectionInfo connection(final MapMessage reply, final String p) throws JMSException
    {
        return new ConnectionInfo(reply.getLong(p + "id"), reply.getString(p + "clientId"),
            reply.getString(p + "user"), reply.getString(p + "source"), reply.getInt(p + "sessions"),
            reply.getInt(p + "consumers"), reply.getInt(p + "producers"));
    }

    static SubscriptionInfo subscription(final MapMessage reply, final String p) throws JMSException
    {
        return new SubscriptionInfo(reply.getString(p + "topic"), reply.getString(p + "name"),
            reply.getString(p + "clientId"), reply.getBoolean(p + "durable"), reply.getBoolean(p + "shared"),
            reply.getString(p + "selector"), reply.getLong(p + "backlog"), reply.getInt(p + "inFlight"),
            reply.getInt(p + "consumers"));
    }

    static SessionInfo session(final MapMessage reply, final String p) throws JMSException
    {
        return new SessionInfo(reply.getLong(p + "connectionId"), reply.getLong(p + "sessionId"),
            reply.getString(p + "ackMode"), reply.getInt(p + "consumers"), reply.getInt(p + "producers"),
            reply.getInt(p + "pendingSends"));
    }

    static ConsumerInfo consumer(final MapMessage reply, final String p) throws JMSException
    {
        return new ConsumerInfo(reply.getLong(p + "connectionId"), reply.getLong(p + "sessionId"),
            reply.getLong(p + "consumerId"), reply.getString(p + "destination"),
            reply.getString(p + "destinationType"), string(reply, p + "subscription"), string(reply, p + "selector"),
            reply.getBoolean(p + "browser"), reply.getInt(p + "prefetch"), reply.getInt(p + "credit"),
            reply.getInt(p + "inFlight"), reply.getLong(p + "delivered"), reply.getLong(p + "acknowledged"));
    }

    static ProducerInfo producer(final MapMessage reply, final String p) throws JMSException
    {
        return new ProducerInfo(reply.getLong(p + "connectionId"), reply.getLong(p + "sessionId"),
            reply.getLong(p + "producerId"), string(reply, p + "destination"), reply.getString(p + "destinationType"));
    }

    static MessageDetail detail(final MapMessage reply) throws JMSException
    {
        final Map<String, Object> properties = new LinkedHashMap<>();
        for (final Enumeration<?> names = reply.getMapNames(); names.hasMoreElements(); )
        {
            final String name = (String)names.nextElement();
            if (name.startsWith("p."))
            {
                properties.put(name.substring(2), reply.getObject(name));
            }
        }
        return new MessageDetail(string(reply, "messageId"), string(reply, "destination"),
            string(reply, "correlationId"), reply.itemExists("correlationIdBytes") ?
            reply.getBytes("correlationIdBytes") : null, string(reply, "type"), string(reply, "replyTo"),
            reply.getString("replyToType"), reply.getLong("timestamp"), reply.getLong("expiration"),
            reply.getLong("deliveryTime"), reply.getInt("priority"), reply.getBoolean("persistent"),
            reply.getInt("deliveryCount"), reply.getBoolean("scheduled"), reply.getString("bodyType"),
            reply.getInt("bodySize"), reply.getLong("bodyOffset"), reply.getBytes("body"),
            reply.getString("className"), properties);
    }

    private static long optionalLong(final MapMessage message, final String name) throws JMSException
    {
        return message.itemExists(name) ? message.getLong(name) : 0;
    }

    private static double optionalDouble(final MapMessage message, final String name) throws JMSException
    {
        return message.itemExists(name) ? message.getDouble(name) : 0;
    }

    static MetricsSnapshot metrics(final MapMessage snapshot) throws JMSException
    {
        final List<MetricsSnapshot.Destination> destinations = new ArrayList<>();
        for (int i = 0, count = snapshot.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            destinations.add(new MetricsSnapshot.Destination(snapshot.getString(p + "name"),
                snapshot.getString(p + "type"), snapshot.getLong(p + "depth"), snapshot.getInt(p + "inFlight"),
                snapshot.getInt(p + "consumers"), snapshot.getLong(p + "enqueued"), snapshot.getLong(p + "dequeued"),
                snapshot.getDouble(p + "enqueueRate"), snapshot.getDouble(p + "dequeueRate"),
                (int)optionalLong(snapshot, p + "scheduled"), (int)optionalLong(snapshot, p + "producers"),
                optionalLong(snapshot, p + "expired"), optionalLong(snapshot, p + "deadLettered"),
                optionalDouble(snapshot, p + "expiredRate"), optionalDouble(snapshot, p + "deadLetteredRate"),
                optionalLong(snapshot, p + "heldBytes"), optionalLong(snapshot, p + "oldestAgeMs"),
                optionalLong(snapshot, p + "dlqDepth")));
        }
        final MetricsSnapshot.Journal journal = snapshot.itemExists("journalBatches") ?
            new MetricsSnapshot.Journal(snapshot.getLong("journalBytes"), snapshot.getLong("journalBatches"),
                snapshot.getDouble("journalAverageBatch"), snapshot.getDouble("journalCommitAverageUs"),
                snapshot.getLong("journalCommitMaxUs")) : MetricsSnapshot.Journal.NONE;
        return new MetricsSnapshot(snapshot.getLong("timestamp"), snapshot.getInt("connections"),
            snapshot.getInt("sessions"), snapshot.getLong("uptimeMs"), snapshot.getLong("heapUsed"),
            snapshot.getLong("heapMax"), snapshot.getLong("journalPending"), destinations, journal);
    }

    private static String string(final MapMessage reply, final String name) throws JMSException
    {
        final String value = reply.getString(name);
        return null == value ? "" : value;
    }

    private static long number(final MapMessage reply, final String name) throws JMSException
    {
        final Object value = reply.getObject(name);
        return value instanceof Number ? ((Number)value).longValue() : 0;
    }
}
