package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.management.RetainedMessage;
import io.aeolus.store.StoredReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Pages of what a topic's or queue's retention log holds, for management's {@code retained} operation: each message
 * with its place in the log and when it was retained, taking nothing. The thread that owns the engine.
 */
final class RetainedPages
{
    private RetainedPages()
    {
    }

    /**
     * Reads a page of a retention log: the messages it holds in memory as they are, the ones it holds by reference
     * from the journal (one read of exactly those, in sequence order), never the whole log.
     *
     * @param durability    the journal the log's by-reference messages are in.
     * @param log           the retention log.
     * @param fromMs        the page starts at the first message retained at or after this time, when no cursor.
     * @param afterSequence the page starts after this sequence; -1 for none.
     * @param limit         messages at most.
     * @param onPage        receives the page, or null and why the journal could not be read.
     */
    static void read(final Durability durability, final RetentionLog log, final long fromMs, final long afterSequence,
        final int limit, final BiConsumer<List<RetainedMessage>, String> onPage)
    {
        final int first = afterSequence >= 0 ? log.indexOfSequence(afterSequence + 1) : log.indexOfTime(fromMs);
        final int end = (int)Math.min(log.size(), (long)first + Math.max(0, limit));
        int byReference = 0;
        long firstReference = -1;
        for (int index = first; index < end; index++)
        {
            if (log.isByReference(index))
            {
                firstReference = byReference == 0 ? log.sequence(index) : firstReference;
                byReference++;
            }
        }
        final long[] sequences = new long[end - first];
        final BrokerMessage[] held = new BrokerMessage[end - first];
        for (int index = first; index < end; index++)
        {
            sequences[index - first] = log.sequence(index);
            held[index - first] = log.message(index);
        }
        if (0 == byReference)
        {
            onPage.accept(page(sequences, held, Map.of()), null);
            return;
        }
        // The journal holds exactly the log's by-reference messages under its name, in sequence order.
        durability.readBrowsePage(log.journalName, firstReference - 1, 0, byReference,
            (references, failure) ->
            {
                if (null == references)
                {
                    onPage.accept(null, failure);
                    return;
                }
                final Map<Long, StoredReference> bySequence = new HashMap<>();
                for (final StoredReference reference : references)
                {
                    bySequence.put(reference.sequence(), reference);
                }
                onPage.accept(page(sequences, held, bySequence), null);
            });
    }

    private static List<RetainedMessage> page(
        final long[] sequences, final BrokerMessage[] held, final Map<Long, StoredReference> bySequence)
    {
        final List<RetainedMessage> page = new ArrayList<>(sequences.length);
        for (int i = 0; i < sequences.length; i++)
        {
            BrokerMessage message = held[i];
            if (null == message)
            {
                final StoredReference reference = bySequence.get(sequences[i]);
                if (null == reference)
                {
                    continue; // dropped from the window while the page was read
                }
                message = BrokerMessage.decodeStored(reference.messageId(), reference.payload());
                if (null == message)
                {
                    continue; // never written by this broker in that form: readers pass it by too
                }
            }
            page.add(new RetainedMessage(sequences[i], RetentionLog.timeOf(sequences[i]), message));
        }
        return page;
    }
}
