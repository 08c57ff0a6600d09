package io.aeolus.broker.management;

import io.aeolus.management.TrashBatch;
import io.aeolus.management.Reply;
import io.aeolus.management.Argument;
import io.aeolus.management.Operation;
import io.aeolus.management.Request;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.Permission;
import io.aeolus.broker.selector.Selector;
import io.aeolus.store.StoredReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The management operations on the messages of a queue: purge, browse, move, copy, retry of dead letters and delete.
 * They act on the messages waiting in memory, and on those paged out to the journal: named by JMSMessageID
 * ({@code ids}), those a lookup found ({@link #located}); chosen by a selector (purge, move, copy, delete), every
 * match, through a {@link JournalPass} ({@link #startBulk}); not on those in flight to a consumer. Each removal and
 * each copy is journaled, a move or a retry as one atomic group per message. A copy is a message of its own, with a
 * new JMSMessageID; the original stays. Conductor thread only.
 */
final class MessageOperations
{
    static final int MAX_BROWSE_LIMIT = 1000;
    private static final Set<String> COPY_ARGUMENTS = Set.of(Argument.NAME, Argument.TARGET, Argument.IDS,
        Argument.SELECTOR, Argument.TIME_LIMIT_MS);

    private final ManagedBroker broker;
    private final MessageView view = new MessageView();
    private final MessageMover mover;
    /** Messages named by id that a lookup found paged out to the journal, for the operation being answered. */
    private Map<String, ScanTask.Located> located = Map.of();

    MessageOperations(final ManagedBroker broker, final MessageMover mover)
    {
        this.broker = broker;
        this.mover = mover;
    }

    Map<String, Object> purge(final Map<String, Object> arguments, final Requester requester)
    {
        return runNow(prepare(Operation.PURGE, arguments, requester), arguments);
    }

    /**
     * Purge, and move, copy or delete by selector (not by ids), of a queue with messages paged out to the journal:
     * acts at once on the matching messages in memory, then hands back the pass that acts on the matching messages
     * paged out, in slices ({@link JournalPass}); the reply, counting both, goes to {@code onReply} once the pass is
     * done. The request's {@code timeLimitMs} (as a scan's) bounds the pass.
     *
     * @return the pass to run, or null if the operation is none of these or the queue has nothing paged out: it then
     *         runs at once (and refuses what it refuses).
     * @throws ManagementException if the request cannot be honoured; nothing was done then.
     */
    JournalPass startBulk(
        final Map<String, Object> arguments, final Requester requester, final PendingReply onReply)
    {
        final Operation op = Request.operation(arguments);
        if (Operation.PURGE != op && Operation.MOVE != op && Operation.COPY != op && Operation.DELETE_MESSAGES != op)
        {
            return null;
        }
        final Object name = arguments.get(Argument.NAME);
        final MessageQueue queue = name instanceof String ? broker.queues().get(name) : null;
        if (null == queue || !JournalPass.isNeeded(queue) ||
            (Operation.PURGE != op && null != Arguments.ids(arguments)))
        {
            return null;
        }
        final long timeLimitMs = MessageSearch.timeLimitMs(arguments);
        final Bulk bulk = prepare(op, arguments, requester);
        final long endSequence = queue.nextSequence();
        final long afterSequence = queue.pageCursor();
        for (final QueueEntry entry : bulk.selection.pick(queue, view))
        {
            bulk.onInMemory(entry);
        }
        return new JournalPass(broker, mover, queue, bulk.selector, afterSequence, endSequence, timeLimitMs,
            "the " + op.wireName() + " of queue '" + queue.name() + "'", bulk, new JournalPass.Outcome()
            {
                public void done()
                {
                    onReply.done(bulk.reply());
                }

                public void failed(final ManagementException failure)
                {
                    onReply.failed(new ManagementException(failure.code(), failure.getMessage() + "; " +
                        bulk.count + " messages in all were done" + (bulk.isTrashed() ?
                        ", trash batch " + bulk.batch : "")));
                }
            });
    }

    /**
     * Checks a purge, move, copy or delete and gets it ready: its queue, selection and target.
     *
     * @throws ManagementException if the request cannot be honoured; nothing was done then.
     */
    private Bulk prepare(final Operation op, final Map<String, Object> arguments, final Requester requester)
    {
        if (Operation.COPY == op)
        {
            Arguments.requireKnown(arguments, COPY_ARGUMENTS);
        }
        final MessageQueue source = queue(arguments, Argument.NAME);
        final String targetName = Operation.MOVE == op || Operation.COPY == op ?
            Arguments.destinationName(arguments, Argument.TARGET) : null;
        requester.require(Operation.COPY == op ? Permission.BROWSE : Permission.MANAGE, source.name());
        // Selected first: a bad selector must not leave a new target queue behind.
        final MessageSelection selection = Operation.PURGE == op ?
            new MessageSelection(null, Arguments.selector(arguments)) : MessageSelection.of(arguments);
        final MessageQueue target = null == targetName ? null : target(source, targetName, requester);
        final String batch = Operation.PURGE == op ? "purge-" + broker.nextMessageId() :
            Operation.DELETE_MESSAGES == op ? "delete-" + broker.nextMessageId() : null;
        return new Bulk(op, source, selection, target, batch);
    }

    /**
     * Runs a prepared operation on the messages in memory, and on those named by id that a lookup found paged out.
     */
    private Map<String, Object> runNow(final Bulk bulk, final Map<String, Object> arguments)
    {
        final List<QueueEntry> entries = bulk.selection.pick(bulk.source, view);
        final List<ScanTask.Located> pagedOut = Operation.PURGE == bulk.op ? List.of() : pagedOut(bulk.source,
            arguments);
        for (final QueueEntry entry : entries)
        {
            bulk.onInMemory(entry);
        }
        for (final ScanTask.Located message : pagedOut)
        {
            bulk.onPagedOut(message.message(), message.deliveryCount());
        }
        return bulk.reply();
    }

    /**
     * A purge, move, copy or delete under way: what it does to each message, and its count.
     */
    private final class Bulk implements JournalPass.Visitor
    {
        final Operation op;
        final MessageQueue source;
        final MessageSelection selection;
        final Selector selector;
        final MessageQueue target;
        final String batch;
        int count;

        Bulk(final Operation op, final MessageQueue source, final MessageSelection selection,
            final MessageQueue target, final String batch)
        {
            this.op = op;
            this.source = source;
            this.selection = selection;
            this.selector = selection.selector();
            this.target = target;
            this.batch = batch;
        }

        public void onInMemory(final QueueEntry entry)
        {
            switch (op)
            {
                case MOVE:
                    mover.move(entry, target.name());
                    break;
                case COPY:
                    broker.enqueue(target, broker.duplicate(entry.message(), target.name()));
                    break;
                case PURGE:
                    mover.remove(entry, TrashBatch.PURGE, batch);
                    break;
                default:
                    mover.remove(entry, TrashBatch.DELETE, batch);
                    break;
            }
            count++;
        }

        public void onPagedOut(final BrokerMessage message, final int deliveryCount)
        {
            switch (op)
            {
                case MOVE:
                    mover.movePagedOut(source, message, target.name());
                    break;
                case COPY:
                    broker.enqueue(target, broker.duplicate(message, target.name()));
                    break;
                case PURGE:
                    mover.removePagedOut(source, message, TrashBatch.PURGE, batch);
                    break;
                default:
                    mover.removePagedOut(source, message, TrashBatch.DELETE, batch);
                    break;
            }
            count++;
        }

        boolean isTrashed()
        {
            return null != batch && broker.trashRetentionMs() > 0 && count > 0;
        }

        Map<String, Object> reply()
        {
            return null != batch ? trashed(count, batch) : Map.of(Reply.COUNT, count);
        }
    }

    /**
     * The reply of a removal: the count, and the trash batch to restore it from if the broker keeps a trash.
     */
    private Map<String, Object> trashed(final int count, final String batch)
    {
        return broker.trashRetentionMs() > 0 && count > 0 ? Map.of(Reply.COUNT, count, Reply.BATCH, batch) :
            Map.of(Reply.COUNT, count);
    }

    Map<String, Object> browse(final Map<String, Object> arguments, final Requester requester)
    {
        return browse(arguments, requester, null);
    }

    /**
     * A browse with a selector of a queue that has messages paged out to the journal is a scan of the whole queue,
     * run in slices ({@link ScanTask}); any other browse is answered by {@link #browse}.
     *
     * @param onReply given the reply, or why there is none.
     * @return the scan to run, or null if the browse is not one.
     * @throws ManagementException if the request cannot be honoured.
     */
    ScanTask startScan(final Map<String, Object> arguments, final Requester requester, final PendingReply onReply)
    {
        final MessageQueue queue = queue(arguments, Argument.NAME);
        requester.require(Permission.BROWSE, queue.name());
        final Selector selector = Arguments.selector(arguments);
        final long timeLimitMs = MessageSearch.timeLimitMs(arguments);
        if (Selector.MATCH_ALL == selector || 0 == queue.pagedCount())
        {
            return null;
        }
        final int offset = Arguments.intValue(arguments, Argument.OFFSET, 0, Integer.MAX_VALUE);
        final int limit = Arguments.intValue(arguments, Argument.LIMIT, 100, MAX_BROWSE_LIMIT);
        return new ScanTask(broker, queue, null, selector, offset, limit, timeLimitMs, onReply);
    }

    /**
     * A page of the messages waiting in a queue, in queue order: those in memory first, then, without a selector,
     * those paged out to the journal (read from it, and left there). The reply's {@code total} counts the messages
     * the browse can page through: with a selector those in memory that match (a browse with a selector of a queue
     * with paged-out messages is a scan, {@link #startScan}), without one every waiting message.
     *
     * @param later where the reply goes when the page reaches into paged-out messages, which the journal thread
     *              reads; null to show the messages in memory only.
     * @return the reply, or null if it goes to {@code later}.
     */
    Map<String, Object> browse(
        final Map<String, Object> arguments, final Requester requester, final PendingReply later)
    {
        final MessageQueue queue = queue(arguments, Argument.NAME);
        requester.require(Permission.BROWSE, queue.name());
        final Selector selector = Arguments.selector(arguments);
        final int offset = Arguments.intValue(arguments, Argument.OFFSET, 0, Integer.MAX_VALUE);
        final int limit = Arguments.intValue(arguments, Argument.LIMIT, 100, MAX_BROWSE_LIMIT);
        final Map<String, Object> reply = new LinkedHashMap<>();
        int matched = 0;
        int rows = 0;
        for (final QueueEntry entry : queue.waitingEntries())
        {
            if (!queue.matches(entry, selector))
            {
                continue;
            }
            if (matched >= offset && rows < limit)
            {
                view.read(entry).write(rows + ".", reply);
                rows++;
            }
            matched++;
        }
        final long pagedOut = Selector.MATCH_ALL == selector ? queue.pagedCount() : 0;
        final long total = matched + pagedOut;
        reply.put(Reply.TOTAL, total <= Integer.MAX_VALUE ? (Object)(int)total : (Object)total);
        if (null == later || rows >= limit || pagedOut <= Math.max(0L, (long)offset - matched))
        {
            reply.put(Reply.COUNT, rows);
            return reply;
        }
        final int firstRow = rows;
        broker.browsePagedOut(queue, queue.pageCursor(), Math.max(0L, (long)offset - matched), limit - rows,
            (references, failure) -> onPagedOut(reply, firstRow, references, failure, later));
        return null;
    }

    private void onPagedOut(final Map<String, Object> reply, final int firstRow,
        final List<StoredReference> references, final String failure, final PendingReply later)
    {
        if (null == references)
        {
            later.failed(new ManagementException(ManagementException.INTERNAL,
                "the journal failed before the paged-out messages were read: " + failure));
            return;
        }
        int row = firstRow;
        for (final StoredReference reference : references)
        {
            final BrokerMessage message = BrokerMessage.decodeStored(reference.messageId(), reference.payload());
            if (null == message)
            {
                continue; // never written by this broker in that form: paging skips it too
            }
            view.read(message, reference.deliveryCount()).write(row + ".", reply);
            row++;
        }
        reply.put(Reply.COUNT, row);
        later.done(reply);
    }

    /**
     * Where a reply goes that waits for the journal.
     */
    interface PendingReply
    {
        /**
         * @param reply the operation's result.
         */
        void done(Map<String, Object> reply);

        /**
         * @param failure why it has none.
         */
        void failed(ManagementException failure);
    }

    /**
     * Gives the next operations the messages a lookup found paged out to the journal, by JMSMessageID; an empty map
     * once they are answered.
     */
    void located(final Map<String, ScanTask.Located> found)
    {
        located = found;
    }

    /**
     * @return the messages of the operation being answered found paged out, by JMSMessageID.
     */
    Map<String, ScanTask.Located> located()
    {
        return located;
    }

    /**
     * @return the named messages of the queue that are still paged out to the journal (a lookup found them, and no
     * page took them into memory since), in queue order.
     */
    private List<ScanTask.Located> pagedOut(final MessageQueue queue, final Map<String, Object> arguments)
    {
        final List<String> ids = Arguments.ids(arguments);
        final List<ScanTask.Located> pagedOut = new java.util.ArrayList<>();
        if (null == ids || located.isEmpty())
        {
            return pagedOut;
        }
        for (final String id : new java.util.LinkedHashSet<>(ids))
        {
            final ScanTask.Located message = located.get(id);
            if (null != message && message.isPagedOut(queue) && !mover.wasRemovedPagedOut(message.message()))
            {
                pagedOut.add(message);
            }
        }
        pagedOut.sort(java.util.Comparator.comparingLong(ScanTask.Located::sequence));
        return pagedOut;
    }

    /**
     * @return those of the JMSMessageIDs that no message waiting in the queue's memory has.
     */
    Set<String> notInMemory(final MessageQueue queue, final List<String> ids)
    {
        final Set<String> missing = new java.util.HashSet<>(ids);
        for (final QueueEntry entry : queue.waitingEntries())
        {
            missing.remove(view.messageId(entry));
        }
        return missing;
    }

    Map<String, Object> move(final Map<String, Object> arguments, final Requester requester)
    {
        return runNow(prepare(Operation.MOVE, arguments, requester), arguments);
    }

    Map<String, Object> copy(final Map<String, Object> arguments, final Requester requester)
    {
        return runNow(prepare(Operation.COPY, arguments, requester), arguments);
    }

    /**
     * The target of a move or a copy: another queue, which the requester may send to, created if it does not exist
     * (which needs the permission to create it).
     */
    private MessageQueue target(final MessageQueue source, final String targetName, final Requester requester)
    {
        requester.require(Permission.SEND, targetName);
        if (targetName.equals(source.name()))
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "source and target are the same");
        }
        if (ManagementService.isBuiltIn(targetName))
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE,
                "'" + targetName + "' is a built-in destination: messages cannot be put there");
        }
        MessageQueue target = broker.queues().get(targetName);
        if (null == target)
        {
            requester.require(Permission.CREATE_DESTINATION, targetName);
            broker.createQueue(targetName);
            target = broker.queues().get(targetName);
        }
        return target;
    }

    Map<String, Object> delete(final Map<String, Object> arguments, final Requester requester)
    {
        return runNow(prepare(Operation.DELETE_MESSAGES, arguments, requester), arguments);
    }

    Map<String, Object> retryDeadLetters(final Map<String, Object> arguments, final Requester requester)
    {
        final MessageQueue deadLetters = queue(arguments, Argument.NAME);
        requester.require(Permission.MANAGE, deadLetters.name());
        final List<String> ids = Arguments.ids(arguments);
        final List<QueueEntry> entries = new MessageSelection(ids, Selector.MATCH_ALL).pick(deadLetters, view);
        for (final QueueEntry entry : entries)
        {
            final String origin = MessageMover.deadLetterOrigin(entry);
            if (null != origin)
            {
                // Nothing moves unless every target is allowed: a retry is not half done by a refusal.
                requester.require(Permission.SEND, origin);
            }
        }
        int count = 0;
        int skipped = 0;
        for (final QueueEntry entry : entries)
        {
            if (mover.retry(entry))
            {
                count++;
            }
            else
            {
                skipped++;
            }
        }
        return Map.of(Reply.COUNT, count, Reply.SKIPPED, skipped);
    }

    /**
     * The entries an operation names: by the {@code ids} argument if present, else by the {@code selector}
     * argument (all if absent).
     */
    List<QueueEntry> select(final MessageQueue queue, final Map<String, Object> arguments)
    {
        return MessageSelection.of(arguments).pick(queue, view);
    }

    MessageQueue queue(final Map<String, Object> arguments, final String argument)
    {
        return queue(broker, arguments, argument);
    }

    /**
     * @return the queue an argument names.
     * @throws ManagementException with {@link ManagementException#UNKNOWN_DESTINATION} if there is none.
     */
    static MessageQueue queue(final ManagedBroker broker, final Map<String, Object> arguments, final String argument)
    {
        final String name = Arguments.string(arguments, argument);
        final MessageQueue queue = broker.queues().get(name);
        if (null == queue)
        {
            throw new ManagementException(ManagementException.UNKNOWN_DESTINATION, "no queue named '" + name + "'");
        }
        return queue;
    }
}
