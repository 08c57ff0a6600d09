package io.aeolus.jms.admin;

import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.ReplayInfo;
import io.aeolus.management.RetainedPage;
import io.aeolus.management.Reply;
import io.aeolus.management.Request;
import io.aeolus.management.RetentionInfo;
import jakarta.jms.JMSException;

import java.time.Instant;
import java.util.List;

/**
 * Event streaming through an {@link AdminClient}: the topics with retention and what they retain, and replays of a
 * time range of one into a queue, with their progress. A replay runs on the broker, a slice per timer tick; it
 * needs the manage permission on the topic and the send permission on the queue. Errors (no such topic, a topic
 * without retention, a bad time) come as a {@link JMSException} naming the problem.
 */
public final class AdminRetention
{
    private final AdminClient client;

    /**
     * @param client the client to call through.
     */
    public AdminRetention(final AdminClient client)
    {
        this.client = client;
    }

    /**
     * @return the topics with retention, in the order they were made.
     * @throws JMSException if the call fails or the user may not.
     */
    public List<RetentionInfo> list() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.RETENTION)), RetentionInfo::read);
    }

    /**
     * Starts replaying the messages a topic retains that were published from {@code from} (inclusive) to {@code to}
     * (exclusive) into a queue.
     *
     * @param topic a topic with retention.
     * @param queue the queue to copy into; created if it does not exist.
     * @param from  the range's start: an ISO-8601 time, epoch ms, or a negative duration before now ({@code -1h}).
     * @param to    the range's end in the same forms; null for now.
     * @return the replay as it started; {@link #replays()} shows how it goes on.
     * @throws JMSException naming the problem if the replay is refused, or if the call fails.
     */
    public ReplayInfo replay(final String topic, final String queue, final String from, final String to)
        throws JMSException
    {
        return ReplayInfo.read(client.call(Request.of(Operation.REPLAY, Argument.NAME, topic, Argument.TARGET, queue,
            Argument.FROM, from, Argument.TO, to)), "");
    }

    /**
     * Starts replaying a time range of a topic into a queue.
     *
     * @param topic a topic with retention.
     * @param queue the queue to copy into.
     * @param from  the range's start, inclusive.
     * @param to    the range's end, exclusive.
     * @return the replay as it started.
     * @throws JMSException naming the problem if the replay is refused, or if the call fails.
     */
    public ReplayInfo replay(final String topic, final String queue, final Instant from, final Instant to)
        throws JMSException
    {
        return replay(topic, queue, from.toString(), to.toString());
    }

    /**
     * Reads a page of what a topic or queue retains, oldest first, taking nothing: headers, properties and a body
     * preview of each message, when it was retained, the destination's retention summary and the next page's
     * cursor. Only the page is read (from the journal for persistent messages), never the whole log.
     *
     * @param name  a topic or queue with retention: bare (a topic's name if one retains, else a queue's), or
     *              {@code topic:<name>} / {@code queue:<name>}.
     * @param from  the first page's start: an ISO-8601 time, epoch ms, or a negative duration before now; null for the
     *              oldest. Ignored when {@code after} is not negative.
     * @param after the {@link RetainedPage#next()} of the page before; -1 for the first page.
     * @param limit most messages in the page (up to 1000).
     * @return the page.
     * @throws JMSException naming the problem (unknown destination, no retention, bad time or limit), or if the call
     *                      fails or the user may not browse the destination.
     */
    public RetainedPage retained(final String name, final String from, final long after, final int limit)
        throws JMSException
    {
        return RetainedPage.read(client.call(Request.of(Operation.RETAINED, Argument.NAME, name, Argument.FROM, from,
            Argument.AFTER, after < 0 ? null : after, Argument.LIMIT, limit)));
    }

    /**
     * @return the replays running and the last finished ones, oldest first.
     * @throws JMSException if the call fails or the user may not.
     */
    public List<ReplayInfo> replays() throws JMSException
    {
        return Reply.rows(client.call(Request.of(Operation.REPLAYS)), ReplayInfo::read);
    }

    /**
     * @param id a replay's id.
     * @return the replay, null if the broker no longer lists it.
     * @throws JMSException if the call fails or the user may not.
     */
    public ReplayInfo replay(final long id) throws JMSException
    {
        for (final ReplayInfo replay : replays())
        {
            if (replay.id() == id)
            {
                return replay;
            }
        }
        return null;
    }
}
