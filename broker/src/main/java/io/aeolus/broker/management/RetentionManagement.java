package io.aeolus.broker.management;

import io.aeolus.broker.security.Permission;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetainedPage;
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

    private static final Set<String> RETAINED_ARGUMENTS = Set.of(Argument.NAME, Argument.FROM, Argument.AFTER,
        Argument.LIMIT);
    /** Rows of a page of retained messages when the request names no limit. */
    static final int RETAINED_PAGE = 20;

    private RetentionManagement()
    {
    }

    /**
     * A page of what a topic or queue retains ({@link Operation#RETAINED}): answered at once from memory, or once the
     * journal has read the page's messages held by reference.
     *
     * @throws ManagementException naming the bad argument, or the destination if it is unknown or retains nothing.
     */
    static void browse(final ManagedBroker broker, final Map<String, Object> arguments, final Requester requester,
        final MessageOperations.PendingReply pending)
    {
        Arguments.requireKnown(arguments, RETAINED_ARGUMENTS);
        final String name = Arguments.destinationName(arguments, Argument.NAME);
        requester.require(Permission.BROWSE, bareName(name));
        final String from = Arguments.optionalString(arguments, Argument.FROM);
        final long fromMs = null == from || from.isEmpty() ? Long.MIN_VALUE :
            time(Argument.FROM, from, broker.nowMs());
        final long after = Arguments.longValue(arguments, Argument.AFTER, -1, -1, Long.MAX_VALUE);
        final int limit = Arguments.intValue(arguments, Argument.LIMIT, RETAINED_PAGE,
            MessageOperations.MAX_BROWSE_LIMIT);
        final RetentionInfo summary = summary(broker, name);
        broker.browseRetained(name, fromMs, after, limit, (page, failure) ->
        {
            if (null == page)
            {
                pending.failed(new ManagementException(ManagementException.INTERNAL,
                    "the journal failed before the retained messages were read: " + failure));
                return;
            }
            final Map<String, Object> reply = new LinkedHashMap<>();
            summary.write(reply, RetainedPage.SUMMARY_PREFIX);
            final MessageView view = new MessageView();
            int row = 0;
            long next = -1;
            for (final RetainedMessage retained : page)
            {
                view.read(retained.message(), 0).write(row + ".", reply);
                reply.put(row + "." + RetainedPage.RETAINED_MS, retained.retainedMs());
                reply.put(row + "." + RetainedPage.SEQUENCE, retained.sequence());
                next = retained.sequence();
                row++;
            }
            reply.put(Reply.COUNT, row);
            reply.put(RetainedPage.NEXT, page.size() < limit ? -1L : next);
            pending.done(reply);
        });
    }

    private static RetentionInfo summary(final ManagedBroker broker, final String name)
    {
        final boolean queue = name.startsWith("queue:");
        final boolean topic = name.startsWith("topic:");
        final String bare = bareName(name);
        RetentionInfo found = null;
        for (final RetentionInfo info : broker.retention())
        {
            if (info.name().equals(bare) && (info.isQueue() ? !topic : !queue) && (null == found || found.isQueue()))
            {
                found = info;
            }
        }
        return null != found ? found : new RetentionInfo(bare, 0, 0, 0, 0, 0, 0, 0,
            queue ? RetentionInfo.QUEUE : RetentionInfo.TOPIC, 0);
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
