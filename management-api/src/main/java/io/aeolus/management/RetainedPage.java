package io.aeolus.management;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A page of the messages a topic or queue retains, as the management operation {@link Operation#RETAINED} answers:
 * the destination's retention summary, the messages (headers, properties and a body preview, oldest first), when
 * each was retained, and the cursor of the next page.
 *
 * @param retention  the destination's retention: window, count, bytes, oldest and newest.
 * @param messages   the page's messages, oldest first.
 * @param retainedMs for each message, when it was published to the topic or given to the queue, epoch ms.
 * @param sequences  for each message, its place in the log (a page that ends with it would give it as next).
 * @param next       the cursor to pass as {@link Argument#AFTER} for the next page; -1 at the end.
 */
public record RetainedPage(RetentionInfo retention, List<MessageInfo> messages, List<Long> retainedMs,
    List<Long> sequences, long next)
{
    /** The reply prefix of the retention summary. */
    public static final String SUMMARY_PREFIX = "retention.";
    /** The reply field of the next page's cursor. */
    public static final String NEXT = "next";
    /** The row field of when a message was retained. */
    public static final String RETAINED_MS = "retainedMs";
    /** The row field of a message's place in the log. */
    public static final String SEQUENCE = "sequence";

    /**
     * Checks the parts are present and agree.
     */
    public RetainedPage
    {
        Objects.requireNonNull(retention, "retention");
        messages = List.copyOf(messages);
        retainedMs = List.copyOf(retainedMs);
        sequences = List.copyOf(sequences);
        if (messages.size() != retainedMs.size() || messages.size() != sequences.size())
        {
            throw new IllegalArgumentException("a retention time and sequence per message: " + messages.size() +
                " messages, " + retainedMs.size() + " times, " + sequences.size() + " sequences");
        }
    }

    /**
     * @return true if no page follows this one.
     */
    public boolean isLast()
    {
        return next < 0;
    }

    /**
     * @param in a reply body.
     * @return the page written there.
     */
    public static RetainedPage read(final Map<String, Object> in)
    {
        final List<MessageInfo> messages = Reply.rows(in, MessageInfo::read);
        final List<Long> times = new ArrayList<>(messages.size());
        final List<Long> sequences = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++)
        {
            times.add(Reply.longValue(in, i + "." + RETAINED_MS));
            sequences.add(Reply.longValue(in, i + "." + SEQUENCE));
        }
        return new RetainedPage(RetentionInfo.read(in, SUMMARY_PREFIX), messages, times, sequences,
            Reply.longValue(in, NEXT));
    }
}
