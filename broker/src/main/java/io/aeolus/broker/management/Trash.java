package io.aeolus.broker.management;

import io.aeolus.management.Reply;
import io.aeolus.management.TrashBatch;
import io.aeolus.management.Argument;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.selector.Selector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The management side of the trash (queue {@code aeolus.trash}): what is in it, grouped by the request that removed it,
 * and restoring a group or chosen messages to the queues they came from. Messages get there through
 * {@link MessageMover#remove}; they leave when restored, or when their retention is up (they expire, and an expired
 * message of the trash is dropped). Both operations need {@code manage} on the trash; a restore also needs
 * {@code send} on every queue it puts messages back on. Conductor thread only.
 */
final class Trash
{
    private final ManagedBroker broker;
    private final MessageMover mover;
    private final MessageView view;

    Trash(final ManagedBroker broker, final MessageMover mover, final MessageView view)
    {
        this.broker = broker;
        this.mover = mover;
        this.view = view;
    }

    /**
     * The batches in the trash, newest first: {@code batch}, {@code operation}, {@code destination},
     * {@code timeMs}, {@code expiresMs}, {@code count}; and {@code retentionMs}. Counts the messages of the trash in
     * memory only: {@link #startList} counts those paged out too.
     */
    Map<String, Object> list(final Requester requester)
    {
        requester.require(Permission.MANAGE, AccessPolicy.TRASH_QUEUE);
        final Map<String, Batch> batches = new LinkedHashMap<>();
        for (final QueueEntry entry : trash().waitingEntries())
        {
            count(batches, entry.message());
        }
        return listing(batches);
    }

    /**
     * The listing of a trash with messages paged out to the journal: counts the batches' messages in memory at once,
     * then those paged out, read from the journal in batches by a {@link JournalPass} (each message once; only its
     * trash properties are read, never its body), within the request's {@code timeLimitMs} (as a scan's); answered
     * as {@link #list} once the pass is done, so each batch's {@code count} is the whole batch.
     *
     * @return the pass to run, or null if the trash has nothing paged out: {@link #list} answers at once.
     * @throws ManagementException if the request cannot be honoured.
     */
    JournalPass startList(final Map<String, Object> arguments, final Requester requester,
        final MessageOperations.PendingReply onReply)
    {
        final MessageQueue trash = broker.queues().get(AccessPolicy.TRASH_QUEUE);
        if (null == trash || !JournalPass.isNeeded(trash))
        {
            return null;
        }
        requester.require(Permission.MANAGE, AccessPolicy.TRASH_QUEUE);
        final long timeLimitMs = MessageSearch.timeLimitMs(arguments);
        final long endSequence = trash.nextSequence();
        final long afterSequence = trash.pageCursor();
        final Map<String, Batch> batches = new LinkedHashMap<>();
        for (final QueueEntry entry : trash.waitingEntries())
        {
            count(batches, entry.message());
        }
        return new JournalPass(broker, mover, trash, Selector.MATCH_ALL, afterSequence, endSequence, timeLimitMs,
            "the listing of the trash", new JournalPass.Visitor()
            {
                public void onPagedOut(final BrokerMessage message, final int deliveryCount)
                {
                    count(batches, message);
                }

                public void onInMemory(final QueueEntry entry)
                {
                    count(batches, entry.message());
                }
            }, new JournalPass.Outcome()
            {
                public void done()
                {
                    onReply.done(listing(batches));
                }

                public void failed(final ManagementException failure)
                {
                    onReply.failed(failure);
                }
            });
    }

    private static void count(final Map<String, Batch> batches, final BrokerMessage message)
    {
        final Object id = MessageMover.property(message, MessageMover.TRASH_BATCH);
        if (!(id instanceof String))
        {
            return;
        }
        final Batch batch = batches.computeIfAbsent((String)id, (key) -> new Batch(key, message));
        batch.count++;
        batch.expiresMs = Math.max(batch.expiresMs, message.expirationMs());
    }

    private Map<String, Object> listing(final Map<String, Batch> batches)
    {
        final List<Batch> sorted = new ArrayList<>(batches.values());
        sorted.sort((a, b) -> Long.compare(b.timeMs, a.timeMs));
        final List<TrashBatch> rows = new ArrayList<>();
        for (final Batch batch : sorted)
        {
            rows.add(new TrashBatch(batch.id, batch.operation, batch.destination, batch.timeMs, batch.expiresMs,
                batch.count));
        }
        final Map<String, Object> reply = Reply.putRows(new LinkedHashMap<>(), rows, TrashBatch::write);
        reply.put(Reply.RETENTION_MS, broker.trashRetentionMs());
        return reply;
    }

    /**
     * Restores the messages of a {@code batch}, or those with the given {@code ids}, to their queues.
     */
    Map<String, Object> restore(final Map<String, Object> arguments, final Requester requester)
    {
        requester.require(Permission.MANAGE, AccessPolicy.TRASH_QUEUE);
        final String batch = Arguments.optionalString(arguments, Argument.BATCH);
        final List<String> ids = Arguments.ids(arguments);
        if ((null == batch || batch.isEmpty()) == (null == ids))
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT,
                "name either a 'batch' or the message 'ids' to restore");
        }
        final List<QueueEntry> selected = select(batch, ids);
        final Set<String> targets = new HashSet<>();
        for (final QueueEntry entry : selected)
        {
            final String origin = MessageMover.trashOrigin(entry);
            if (null != origin && targets.add(origin))
            {
                requester.require(Permission.SEND, origin);
                if (!broker.queues().containsKey(origin))
                {
                    requester.require(Permission.CREATE_DESTINATION, origin);
                }
            }
        }
        int count = 0;
        for (final QueueEntry entry : selected)
        {
            if (mover.restore(entry))
            {
                count++;
            }
        }
        return Map.of(Reply.COUNT, count);
    }

    /**
     * The restore of a {@code batch} from a trash with messages paged out to the journal: restores the batch's
     * messages in memory at once, then those paged out, in a {@link JournalPass} (within the request's
     * {@code timeLimitMs}, as a scan's), each exactly once; answered with the {@code count} restored, and
     * {@code skipped}, those whose queue the requester may not send to (checked as they are read; those in memory are
     * checked before anything moves, as by {@link #restore}).
     *
     * @return the pass to run, or null if the request is not such a restore: it then runs at once.
     * @throws ManagementException if the request cannot be honoured.
     */
    JournalPass startRestore(final Map<String, Object> arguments, final Requester requester,
        final MessageOperations.PendingReply onReply)
    {
        final MessageQueue trash = broker.queues().get(AccessPolicy.TRASH_QUEUE);
        final String batch = Arguments.optionalString(arguments, Argument.BATCH);
        if (null == trash || !JournalPass.isNeeded(trash) || null == batch || batch.isEmpty() ||
            null != Arguments.ids(arguments))
        {
            return null;
        }
        final long timeLimitMs = MessageSearch.timeLimitMs(arguments);
        final long endSequence = trash.nextSequence();
        final long afterSequence = trash.pageCursor();
        final Map<String, Object> inMemory = restore(arguments, requester);
        final int[] counts = {((Number)inMemory.get(Reply.COUNT)).intValue(), 0};
        return new JournalPass(broker, mover, trash, Selector.MATCH_ALL, afterSequence,
            endSequence, timeLimitMs, "the restore of trash batch '" + batch + "'", new JournalPass.Visitor()
            {
                public void onPagedOut(final BrokerMessage message, final int deliveryCount)
                {
                    if (batch.equals(MessageMover.property(message, MessageMover.TRASH_BATCH)))
                    {
                        if (!mayRestoreTo(MessageMover.trashOrigin(message), requester))
                        {
                            counts[1]++;
                        }
                        else if (mover.restorePagedOut(trash, message))
                        {
                            counts[0]++;
                        }
                    }
                }

                public void onInMemory(final QueueEntry entry)
                {
                    if (batch.equals(MessageMover.property(entry.message(), MessageMover.TRASH_BATCH)))
                    {
                        if (!mayRestoreTo(MessageMover.trashOrigin(entry), requester))
                        {
                            counts[1]++;
                        }
                        else if (mover.restore(entry))
                        {
                            counts[0]++;
                        }
                    }
                }
            }, new JournalPass.Outcome()
            {
                public void done()
                {
                    onReply.done(0 == counts[1] ? Map.of(Reply.COUNT, counts[0]) :
                        Map.of(Reply.COUNT, counts[0], Reply.SKIPPED, counts[1]));
                }

                public void failed(final ManagementException failure)
                {
                    onReply.failed(new ManagementException(failure.code(),
                        failure.getMessage() + "; " + counts[0] + " messages in all were restored"));
                }
            });
    }

    private boolean mayRestoreTo(final String origin, final Requester requester)
    {
        if (null == origin)
        {
            return true; // restore leaves it in place
        }
        try
        {
            requester.require(Permission.SEND, origin);
            if (!broker.queues().containsKey(origin))
            {
                requester.require(Permission.CREATE_DESTINATION, origin);
            }
            return true;
        }
        catch (final ManagementException ex)
        {
            return false;
        }
    }

    private List<QueueEntry> select(final String batch, final List<String> ids)
    {
        final Set<String> wanted = null == ids ? Set.of() : new HashSet<>(ids);
        final List<QueueEntry> selected = new ArrayList<>();
        for (final QueueEntry entry : trash().waitingEntries())
        {
            final boolean matches = null != batch && !batch.isEmpty() ?
                batch.equals(MessageMover.property(entry.message(), MessageMover.TRASH_BATCH)) :
                wanted.contains(view.messageId(entry));
            if (matches)
            {
                selected.add(entry);
            }
        }
        return selected;
    }

    private MessageQueue trash()
    {
        MessageQueue trash = broker.queues().get(AccessPolicy.TRASH_QUEUE);
        if (null == trash)
        {
            broker.createQueue(AccessPolicy.TRASH_QUEUE);
            trash = broker.queues().get(AccessPolicy.TRASH_QUEUE);
        }
        return trash;
    }

    private static final class Batch
    {
        final String id;
        final String operation;
        final String destination;
        final long timeMs;
        long expiresMs;
        int count;

        Batch(final String id, final BrokerMessage first)
        {
            this.id = id;
            this.operation = String.valueOf(MessageMover.property(first, MessageMover.TRASH_OPERATION));
            this.destination = String.valueOf(MessageMover.trashOrigin(first));
            final Object time = MessageMover.property(first, MessageMover.TRASH_TIME);
            this.timeMs = time instanceof Long ? (Long)time : 0;
        }
    }
}
