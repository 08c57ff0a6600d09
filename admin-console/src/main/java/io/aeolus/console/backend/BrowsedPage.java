package io.aeolus.console.backend;

import java.util.List;

/**
 * One page of a browse or a search, with how many messages match in the whole queue; immutable.
 *
 * @param messages the page's messages, in queue order.
 * @param total    the messages that match in all, the ones paged out to the broker's journal included; -1 when the
 *                 backend does not know.
 */
public record BrowsedPage(List<BrowsedMessage> messages, long total)
{
    /**
     * Copies the list.
     */
    public BrowsedPage
    {
        messages = List.copyOf(messages);
    }
}
