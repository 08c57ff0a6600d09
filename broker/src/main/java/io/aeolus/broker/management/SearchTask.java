package io.aeolus.broker.management;

import io.aeolus.management.Reply;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.selector.Selector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@code search} run in slices: it looks at the messages that waited in the queue when it started, at most a
 * given number per duty cycle ({@link ManagementService#SEARCH_ENTRIES_PER_CYCLE}), so that searching a queue of
 * any depth never stalls deliveries. A message taken from the queue meanwhile is skipped. Conductor thread only.
 */
final class SearchTask
{
    private final MessageQueue queue;
    private final List<QueueEntry> entries;
    private final String text;
    private final Selector selector;
    private final int offset;
    private final int limit;
    private final Consumer<Map<String, Object>> onDone;
    private final MessageView view = new MessageView();
    private final Map<String, Object> reply = new LinkedHashMap<>();
    private int index;
    private int matched;
    private int rows;

    SearchTask(final MessageQueue queue, final String text, final Selector selector, final int offset,
        final int limit, final Consumer<Map<String, Object>> onDone)
    {
        this.queue = queue;
        this.entries = queue.waitingEntries();
        this.text = text;
        this.selector = selector;
        this.offset = offset;
        this.limit = limit;
        this.onDone = onDone;
    }

    /**
     * Looks at the next messages.
     *
     * @param budget most messages to look at now.
     * @return messages looked at; when the last is done, the reply has been handed on.
     */
    int step(final int budget)
    {
        int done = 0;
        while (done < budget && index < entries.size())
        {
            final QueueEntry entry = entries.get(index++);
            done++;
            if (!entry.isWaiting() || !queue.matches(entry, selector) ||
                !MessageSearch.contains(view.read(entry), text))
            {
                continue;
            }
            if (matched >= offset && rows < limit)
            {
                view.write(rows + ".", reply);
                rows++;
            }
            matched++;
        }
        if (isDone())
        {
            reply.put(Reply.COUNT, rows);
            reply.put(Reply.TOTAL, matched);
            onDone.accept(reply);
        }
        return done;
    }

    boolean isDone()
    {
        return index >= entries.size();
    }
}
