package io.aeolus.broker.destination;

import io.aeolus.transport.TransportConfiguration;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Where a new subscription of a topic with retention starts: with the next message published (now, the default),
 * with the oldest message the topic retains (earliest), with those published at or after a time, or with those
 * published within a span before the subscription is made. Given as a destination option on the topic a consumer
 * names: {@code events?start=earliest}, {@code events?start=2026-12-06T10:00:00Z}, {@code events?start=-1h},
 * {@code events?start=now}. A durable subscription takes it only when it is created. Thread-safe: immutable.
 *
 * @param kind   which of the forms.
 * @param timeMs for {@link Kind#TIME}, the epoch ms; for {@link Kind#AGO}, the span in ms; else 0.
 */
public record StartPosition(Kind kind, long timeMs)
{
    /** The option's name in a destination: {@code <topic>?start=<value>}. */
    public static final String OPTION = "start";

    /** The default: only messages published from now on. */
    public static final StartPosition NOW = new StartPosition(Kind.NOW, 0);

    /** Every message the topic retains. */
    public static final StartPosition EARLIEST = new StartPosition(Kind.EARLIEST, 0);

    /**
     * The forms of a start position.
     */
    public enum Kind
    {
        /** Messages published from now on. */
        NOW,
        /** The oldest retained message first. */
        EARLIEST,
        /** Retained messages published at or after a time. */
        TIME,
        /** Retained messages published within a span before now. */
        AGO
    }

    /**
     * @param nowMs the time the subscription is made, epoch ms.
     * @return the earliest publication time, epoch ms, of the retained messages the subscription gets; Long.MAX_VALUE
     * for none (start now).
     */
    public long fromMs(final long nowMs)
    {
        switch (kind)
        {
            case EARLIEST:
                return Long.MIN_VALUE;
            case TIME:
                return timeMs;
            case AGO:
                return nowMs - timeMs;
            default:
                return Long.MAX_VALUE;
        }
    }

    /**
     * @return the position as a consumer writes it after {@code start=}.
     */
    public String text()
    {
        switch (kind)
        {
            case EARLIEST:
                return "earliest";
            case TIME:
                return Instant.ofEpochMilli(timeMs).toString();
            case AGO:
                return "-" + timeMs + "ms";
            default:
                return "now";
        }
    }

    /**
     * Splits a topic name a consumer gave into the topic's name and its options.
     *
     * @param destination the name, perhaps followed by {@code ?start=<value>}.
     * @return the topic's name without the options.
     */
    public static String baseName(final String destination)
    {
        final int at = destination.indexOf('?');
        return at < 0 ? destination : destination.substring(0, at);
    }

    /**
     * Reads the options of a topic name a consumer gave.
     *
     * @param destination the name, perhaps followed by {@code ?start=<value>}.
     * @return the start position, {@link #NOW} if the name has no options.
     * @throws IllegalArgumentException naming the option or value that is wrong: an unknown option, a repeated one,
     *                                  a value that is neither earliest, now, an ISO-8601 instant nor a negative
     *                                  duration, or an empty topic name.
     */
    public static StartPosition parse(final String destination)
    {
        final int at = destination.indexOf('?');
        if (at < 0)
        {
            return NOW;
        }
        if (at == 0)
        {
            throw new IllegalArgumentException("destination '" + destination + "' has options but no topic name");
        }
        StartPosition position = null;
        for (final String option : destination.substring(at + 1).split("&", -1))
        {
            final int equals = option.indexOf('=');
            final String name = equals < 0 ? option : option.substring(0, equals);
            if (!OPTION.equals(name))
            {
                throw new IllegalArgumentException("unknown destination option '" + name + "' in '" + destination +
                    "': a topic's consumer may give start=earliest, now, an ISO-8601 time or a negative duration");
            }
            if (null != position)
            {
                throw new IllegalArgumentException("destination option 'start' given twice in '" + destination + "'");
            }
            position = parseValue(equals < 0 ? "" : option.substring(equals + 1));
        }
        return position;
    }

    private static StartPosition parseValue(final String value)
    {
        if ("earliest".equalsIgnoreCase(value))
        {
            return EARLIEST;
        }
        if ("now".equalsIgnoreCase(value))
        {
            return NOW;
        }
        if (value.startsWith("-") && value.length() > 1)
        {
            final long ns = TransportConfiguration.parseDurationNs("start", value.substring(1), 0);
            return new StartPosition(Kind.AGO, ns / 1_000_000L);
        }
        try
        {
            return new StartPosition(Kind.TIME, Instant.parse(value).toEpochMilli());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new IllegalArgumentException("destination option start='" + value + "' is not earliest, now, an " +
                "ISO-8601 time such as 2026-12-06T10:00:00Z, or a negative duration such as -1h", ex);
        }
    }
}
