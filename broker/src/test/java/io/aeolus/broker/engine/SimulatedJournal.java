package io.aeolus.broker.engine;

import io.aeolus.store.JournalCommand;
import io.aeolus.store.JournalStatistics;
import io.aeolus.store.StoredReference;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A persistent durability in memory, for driving the engine without H2: it writes each append as a line of the
 * engine's output, keeps what a journal would (messages, references per queue, delivery counts) so that page reads
 * can be answered, and holds those reads until the driver turns them into {@code onPage} inputs. Positions become
 * durable only when the driver says so ({@code onDurable}).
 */
final class SimulatedJournal implements Durability
{
    private final List<String> out;
    private final TreeMap<Long, JournalCommand.StoreMessage> messages = new TreeMap<>();
    private final TreeMap<String, TreeMap<Long, long[]>> references = new TreeMap<>();
    private final List<JournalCommand.ReadReferences> pendingReads = new ArrayList<>();
    private final List<JournalCommand.ReadReferences> browseReads = new ArrayList<>();
    private final List<BiConsumer<List<StoredReference>, String>> browseAnswers = new ArrayList<>();
    private final List<JournalCommand.ReadReferences> browseReadsAnswered = new ArrayList<>();
    private ArrayList<JournalCommand> group;
    private int groupDepth;
    private long appended;

    SimulatedJournal(final List<String> out)
    {
        this.out = out;
    }

    public boolean isPersistent()
    {
        return true;
    }

    public long append(final JournalCommand command)
    {
        if (groupDepth > 0)
        {
            group.add(command);
            return appended + 1;
        }
        appended++;
        out.add("append " + appended + " " + render(command));
        apply(command);
        return appended;
    }

    public void beginGroup()
    {
        if (0 == groupDepth++)
        {
            group = new ArrayList<>();
        }
    }

    public long endGroup()
    {
        if (--groupDepth > 0)
        {
            return appended + 1;
        }
        final ArrayList<JournalCommand> commands = group;
        group = null;
        if (commands.isEmpty())
        {
            return appended;
        }
        return append(commands.size() == 1 ? commands.get(0) : new JournalCommand.Group(commands));
    }

    public void readPage(final String queue, final long afterSequence, final int limit)
    {
        append(new JournalCommand.ReadReferences(queue, afterSequence, limit));
    }

    /**
     * Holds a browse's read until {@link #answerBrowses()}, as the journal thread would answer it later.
     */
    public void readBrowsePage(final String queue, final long afterSequence, final long skip, final int limit,
        final BiConsumer<List<StoredReference>, String> onPage)
    {
        browseReads.add(new JournalCommand.ReadReferences(queue, afterSequence, limit, skip, 1));
        browseAnswers.add(onPage);
    }

    /**
     * Answers the browse reads asked for so far, in order, from what the journal holds now.
     *
     * @return reads answered.
     */
    int answerBrowses()
    {
        final List<JournalCommand.ReadReferences> reads = new ArrayList<>(browseReads);
        final List<BiConsumer<List<StoredReference>, String>> answers = new ArrayList<>(browseAnswers);
        browseReads.clear();
        browseAnswers.clear();
        for (int i = 0; i < reads.size(); i++)
        {
            final JournalCommand.ReadReferences read = reads.get(i);
            final List<StoredReference> page = new ArrayList<>();
            long skipped = 0;
            final TreeMap<Long, long[]> queue = references.getOrDefault(read.queue(), new TreeMap<>());
            for (final Map.Entry<Long, long[]> entry : queue.tailMap(read.afterSequence(), false).entrySet())
            {
                if (skipped++ < read.skip())
                {
                    continue;
                }
                if (page.size() >= read.limit())
                {
                    break;
                }
                page.add(reference(entry));
            }
            browseReadsAnswered.add(read);
            answers.get(i).accept(page, null);
        }
        return reads.size();
    }

    /**
     * @return the browse reads answered so far, in order.
     */
    List<JournalCommand.ReadReferences> browseReadsAnswered()
    {
        return browseReadsAnswered;
    }

    /**
     * @return browse reads asked for and not yet answered.
     */
    int pendingBrowseReads()
    {
        return browseReads.size();
    }

    private StoredReference reference(final Map.Entry<Long, long[]> entry)
    {
        final JournalCommand.StoreMessage message = messages.get(entry.getValue()[0]);
        return new StoredReference(entry.getKey(), message.messageId(), (int)entry.getValue()[1],
            message.priority(), message.expirationMs(), message.deliveryTimeMs(), message.payload());
    }

    public boolean offerIfRoom(final JournalCommand command)
    {
        return false;
    }

    public long pendingCount()
    {
        return 0;
    }

    public long lastAppended()
    {
        return appended;
    }

    public JournalStatistics statistics()
    {
        return null;
    }

    /**
     * @return a journal holding what this one holds now (the durable store a restored engine is given), writing its
     *         appends to {@code out}.
     */
    SimulatedJournal copy(final List<String> out)
    {
        final SimulatedJournal copy = new SimulatedJournal(out);
        copy.messages.putAll(messages);
        references.forEach((queue, entries) ->
        {
            final TreeMap<Long, long[]> copied = new TreeMap<>();
            entries.forEach((sequence, value) -> copied.put(sequence, value.clone()));
            copy.references.put(queue, copied);
        });
        copy.pendingReads.addAll(pendingReads);
        copy.appended = appended;
        return copy;
    }

    /**
     * @return the page reads asked for since the last call, with their answers, in the order asked.
     */
    List<Map.Entry<String, List<StoredReference>>> takePages()
    {
        final List<Map.Entry<String, List<StoredReference>>> pages = new ArrayList<>();
        for (final JournalCommand.ReadReferences read : pendingReads)
        {
            final List<StoredReference> page = new ArrayList<>();
            final TreeMap<Long, long[]> queue = references.getOrDefault(read.queue(), new TreeMap<>());
            for (final Map.Entry<Long, long[]> entry : queue.tailMap(read.afterSequence(), false).entrySet())
            {
                if (page.size() >= read.limit())
                {
                    break;
                }
                final JournalCommand.StoreMessage message = messages.get(entry.getValue()[0]);
                page.add(new StoredReference(entry.getKey(), message.messageId(), (int)entry.getValue()[1],
                    message.priority(), message.expirationMs(), message.deliveryTimeMs(), message.payload()));
            }
            pages.add(Map.entry(read.queue(), page));
        }
        pendingReads.clear();
        return pages;
    }

    /**
     * @return what the journal holds, for a digest: each queue's references (sequence, message, delivery count).
     */
    String contents()
    {
        final StringBuilder text = new StringBuilder();
        references.forEach((queue, entries) ->
        {
            text.append(queue).append(':');
            entries.forEach((sequence, value) -> text.append(' ').append(sequence).append('/').append(value[0])
                .append('/').append(value[1]));
            text.append('\n');
        });
        return text.toString();
    }

    private void apply(final JournalCommand command)
    {
        if (command instanceof JournalCommand.Group grouped)
        {
            grouped.commands().forEach(this::apply);
        }
        else if (command instanceof JournalCommand.StoreMessage store)
        {
            messages.put(store.messageId(), store);
        }
        else if (command instanceof JournalCommand.AddReference add)
        {
            references.computeIfAbsent(add.queue(), (name) -> new TreeMap<>())
                .put(add.sequence(), new long[]{ add.messageId(), 0 });
        }
        else if (command instanceof JournalCommand.RemoveReference remove)
        {
            final TreeMap<Long, long[]> queue = references.get(remove.queue());
            if (null != queue)
            {
                queue.values().removeIf((value) -> value[0] == remove.messageId());
            }
        }
        else if (command instanceof JournalCommand.UpdateDeliveryCount update)
        {
            final TreeMap<Long, long[]> queue = references.get(update.queue());
            if (null != queue)
            {
                queue.values().stream().filter((value) -> value[0] == update.messageId())
                    .forEach((value) -> value[1] = update.deliveryCount());
            }
        }
        else if (command instanceof JournalCommand.DeleteDurableSubscription delete)
        {
            references.remove(delete.queue());
        }
        else if (command instanceof JournalCommand.ReadReferences read)
        {
            pendingReads.add(read);
        }
    }

    static String render(final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            return "bytes(" + bytes.length + "," + RecordingEgress.checksum(bytes) + ")";
        }
        if (value instanceof String string)
        {
            return EngineRecording.quote(string);
        }
        if (value instanceof List<?> list)
        {
            final StringBuilder text = new StringBuilder("[");
            for (final Object element : list)
            {
                text.append(text.length() > 1 ? ", " : "").append(render(element));
            }
            return text.append(']').toString();
        }
        if (value instanceof Record record)
        {
            final StringBuilder text = new StringBuilder(record.getClass().getSimpleName()).append('(');
            boolean first = true;
            for (final RecordComponent component : record.getClass().getRecordComponents())
            {
                try
                {
                    text.append(first ? "" : " ").append(render(component.getAccessor().invoke(record)));
                }
                catch (final ReflectiveOperationException ex)
                {
                    throw new IllegalStateException(ex);
                }
                first = false;
            }
            return text.append(')').toString();
        }
        return String.valueOf(value);
    }
}
