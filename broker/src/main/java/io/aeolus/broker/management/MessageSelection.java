package io.aeolus.broker.management;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.selector.Selector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages an operation names: by JMSMessageID (the {@code ids} argument) if given, else by a selector (the
 * {@code selector} argument; all messages without one). Conductor thread only.
 */
final class MessageSelection
{
    private final Set<String> ids;
    private final Selector selector;

    MessageSelection(final List<String> ids, final Selector selector)
    {
        this.ids = null == ids ? null : new HashSet<>(ids);
        this.selector = selector;
    }

    /**
     * @param arguments a request's arguments.
     * @return the selection its {@code ids} or {@code selector} argument names.
     * @throws ManagementException if the selector does not parse.
     */
    static MessageSelection of(final Map<String, Object> arguments)
    {
        final List<String> ids = Arguments.ids(arguments);
        return new MessageSelection(ids, null != ids ? Selector.MATCH_ALL : Arguments.selector(arguments));
    }

    /**
     * @return the selector of a selection by selector; {@link Selector#MATCH_ALL} for one by ids.
     */
    Selector selector()
    {
        return selector;
    }

    /**
     * @return the JMSMessageIDs of a selection by ids; null for one by selector.
     */
    Set<String> ids()
    {
        return ids;
    }

    /**
     * @return the waiting entries of the queue this selection picks, in delivery order.
     */
    List<QueueEntry> pick(final MessageQueue queue, final MessageView view)
    {
        return pick(queue, view, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * @return the waiting entries with a sequence after one and before another that this selection picks.
     */
    List<QueueEntry> pick(
        final MessageQueue queue, final MessageView view, final long afterSequence, final long beforeSequence)
    {
        final List<QueueEntry> selected = new ArrayList<>();
        for (final QueueEntry entry : queue.waitingEntries())
        {
            if (entry.sequence() > afterSequence && entry.sequence() < beforeSequence && (null != ids ?
                ids.contains(view.messageId(entry)) : queue.matches(entry, selector)))
            {
                selected.add(entry);
            }
        }
        return selected;
    }
}
