package io.aeolus.management;

import java.util.List;
import java.util.Map;

/**
 * One page of a browse or a search, with how many messages match in all: those waiting in memory and those paged out
 * to the journal, so that a client knows how many pages there are.
 *
 * @param messages the page's messages, in queue order.
 * @param total    the messages that match in the whole queue.
 */
public record MessagePage(List<MessageInfo> messages, long total)
{
    /**
     * @param messages the page's messages, copied.
     * @param total    the messages that match in the whole queue.
     */
    public MessagePage
    {
        messages = List.copyOf(messages);
    }

    /**
     * Reads the reply of a {@code browse} or a {@code search}.
     *
     * @param in the reply body.
     * @return the page.
     */
    public static MessagePage read(final Map<String, Object> in)
    {
        return new MessagePage(Reply.rows(in, MessageInfo::read), Reply.longValue(in, Reply.TOTAL));
    }
}
