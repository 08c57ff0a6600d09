package io.aeolus.jms.admin;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MapMessage;

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
        switch (code)
        {
            case "UNKNOWN_DESTINATION":
                throw new InvalidDestinationException(message, code);
            case "INVALID_SELECTOR":
                throw new InvalidSelectorException(message, code);
            case "ILLEGAL_STATE":
                throw new IllegalStateException(message, code);
            case "ACCESS_DENIED":
                throw new JMSSecurityException(message, code);
            default:
                throw new JMSException(message, code);
        }
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

    static MetricsSnapshot metrics(final MapMessage snapshot) throws JMSException
    {
        final List<MetricsSnapshot.Destination> destinations = new ArrayList<>();
        for (int i = 0, count = snapshot.getInt("count"); i < count; i++)
        {
            final String p = i + ".";
            destinations.add(new MetricsSnapshot.Destination(snapshot.getString(p + "name"),
                snapshot.getString(p + "type"), snapshot.getLong(p + "depth"), snapshot.getInt(p + "inFlight"),
                snapshot.getInt(p + "consumers"), snapshot.getLong(p + "enqueued"), snapshot.getLong(p + "dequeued"),
                snapshot.getDouble(p + "enqueueRate"), snapshot.getDouble(p + "dequeueRate")));
        }
        return new MetricsSnapshot(snapshot.getLong("timestamp"), snapshot.getInt("connections"),
            snapshot.getInt("sessions"), snapshot.getLong("uptimeMs"), snapshot.getLong("heapUsed"),
            snapshot.getLong("heapMax"), snapshot.getLong("journalPending"), destinations);
    }

    private static String string(final MapMessage reply, final String name) throws JMSException
    {
        final String value = reply.getString(name);
        return null == value ? "" : value;
    }
}
