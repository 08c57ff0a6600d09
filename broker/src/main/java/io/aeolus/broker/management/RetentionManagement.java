package io.aeolus.broker.management;

import io.aeolus.broker.security.Permission;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetentionInfo;
import io.aeolus.transport.TransportConfiguration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The management operations of event streaming: list the topics and queues with retention, replay a time range of
 * one into a queue, list the replays with their progress. The source is named bare (a topic's name, else a queue's)
 * or as {@code topic:<name>} / {@code queue:<name>}. A replay needs the manage permission on the source and the send
 * permission on the queue (and create, if the queue does not exist yet). Times are ISO-8601 instants
 * ({@code 2026-12-06T10:00:00Z}), epoch ms, or a negative duration before now ({@code -1h}). Conductor thread.
 */
final class RetentionManagement
{
    private static final Set<String> REPLAY_ARGUMENTS = Set.of(Argument.NAME, Argument.TARGET, Argument.FROM,
        Argument.TO);

    private RetentionManagement()
    {
    }

    static Map<String, Object> execute(final ManagedBroker broker, final Operation op,
        final Map<String, Object> arguments, final Requester requester)
    {
        if (Operation.RETENTION == op)
        {
            Arguments.requireKnown(arguments, Set.of());
            return Reply.putRows(new LinkedHashMap<>(), broker.retention(), RetentionInfo::write);
        }
        if (Operation.REPLAYS == op)
        {
            Arguments.requireKnown(arguments, Set.of());
            return Reply.putRows(new LinkedHashMap<>(), broker.replays(), ReplayInfo::write);
        }
        Arguments.requireKnown(arguments, REPLAY_ARGUMENTS);
        final String topic = Arguments.destinationName(arguments, Argument.NAME);
        final String queue = Arguments.destinationName(arguments, Argument.TARGET);
        final long nowMs = broker.nowMs();
        final long fromMs = time(Argument.FROM, Arguments.string(arguments, Argument.FROM), nowMs);
        final String to = Arguments.optionalString(arguments, Argument.TO);
        final long toMs = null == to || to.isEmpty() ? nowMs + 1 : time(Argument.TO, to, nowMs);
        if (toMs < fromMs)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "argument 'to' (" + Instant.ofEpochMilli(toMs) + ") is before 'from' (" + Instant.ofEpochMilli(fromMs) +
                ")");
        }
        if (ManagementService.isBuiltIn(queue))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + queue + "' is a built-in destination: messages cannot be replayed there");
        }
        requester.require(Permission.MANAGE, bareName(topic));
        requester.require(Permission.SEND, queue);
        if (!broker.queues().containsKey(queue))
        {
            requester.require(Permission.CREATE_DESTINATION, queue);
        }
        final Map<String, Object> reply = new LinkedHashMap<>();
        broker.replay(topic, queue, fromMs, toMs).write(reply, "");
        return reply;
    }

    /**
     * @param name a retained destination as a request names it: bare, or {@code queue:<name>} / {@code topic:<name>}.
     * @return its name without the kind.
     */
    static String bareName(final String name)
    {
        if (name.startsWith("queue:"))
        {
            return name.substring("queue:".length());
        }
        return name.startsWith("topic:") ? name.substring("topic:".length()) : name;
    }

    /**
     * Reads a time argument.
     *
     * @param name  the argument's name, for the error.
     * @param text  an ISO-8601 instant, epoch ms, or a negative duration before now.
     * @param nowMs the time now, epoch ms.
     * @return the time, epoch ms.
     * @throws ManagementException naming the argument if the text is none of those.
     */
    static long time(final String name, final String text, final long nowMs)
    {
        final String value = text.trim();
        try
        {
            if (value.startsWith("-") && value.length() > 1)
            {
                return nowMs - TransportConfiguration.parseDurationNs(name, value.substring(1), 0) / 1_000_000L;
            }
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit))
            {
                return Long.parseLong(value);
            }
            return Instant.parse(value).toEpochMilli();
        }
        catch (final DateTimeParseException | IllegalArgumentException | ArithmeticException ex)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument '" + name + "' must be " +
                "an ISO-8601 time (2026-12-06T10:00:00Z), epoch ms or a negative duration (-1h), not '" + text + "'");
        }
    }
}
