package io.aeolus.broker.management;

import io.aeolus.management.Reply;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.MessageSelectorSource;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.selector.Selector;
import io.aeolus.store.StoredReference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scan of a whole queue for the messages that match a selector and, for a {@code search}, contain a text: a browse
 * with a selector and every search run as one. It looks first at the messages that waited in memory when it started,
 * then at those paged out to the journal, read by the journal thread in batches of
 * {@link ManagementService#SCAN_JOURNAL_BATCH} after the last sequence seen, up to the last message the queue held
 * when the scan started; only the rows of the page asked for are kept, so a scan of a queue of any depth holds one
 * batch at a time. The reply's {@code total} counts every
 * match, so it is exact for the queue as it was at the start (less what was consumed meanwhile).
 * <p>
 * It runs in slices: at most a given number of messages per duty cycle
 * ({@link ManagementService#SEARCH_ENTRIES_PER_CYCLE}), so that deliveries go on. A message taken from the queue
 * meanwhile is skipped. It gives up with {@link ManagementException#TIMEOUT} once its time limit is up. Conductor
 * thread only.
 */
final class ScanTask implements SlicedTask
{
    private static final int JOURNAL_BATCH = ManagementService.SCAN_JOURNAL_BATCH;

    private final ManagedBroker broker;
    private final MessageQueue queue;
    private final List<QueueEntry> entries;
    private final String text;
    private final Selector selector;
    private final int offset;
    private final int limit;
    private final long deadlineMs;
    private final long timeLimitMs;
    private final long endSequence;
    private final MessageOperations.PendingReply onReply;
    private final MessageView view = new MessageView();
    private final MessageSelectorSource source = new MessageSelectorSource();
    private final Map<String, Object> reply = new LinkedHashMap<>();
    private int index;
    private long matched;
    private long lookedAt;
    private int rows;
    private boolean journalLeft;
    private long journalCursor;
    private boolean reading;
    private List<StoredReference> batch;
    private int batchIndex;
    private String journalFailure;
    private boolean done;
    private final java.util.Set<String> wanted;
    private final Map<String, Located> found = new java.util.HashMap<>();
    private final java.util.function.Consumer<Map<String, Located>> onFound;

    /**
     * @param text        what a message must contain (see {@link MessageSearch}); null for a browse.
     * @param timeLimitMs how long the scan may take, in ms of the broker's clock.
     * @param onReply     given the reply, or why there is none; on the conductor thread.
     */
    ScanTask(final ManagedBroker broker, final MessageQueue queue, final String text, final Selector selector,
        final int offset, final int limit, final long timeLimitMs, final MessageOperations.PendingReply onReply)
    {
        this(broker, queue, text, selector, offset, limit, timeLimitMs, onReply, null, null);
    }

    private ScanTask(final ManagedBroker broker, final MessageQueue queue, final String text, final Selector selector,
        final int offset, final int limit, final long timeLimitMs, final MessageOperations.PendingReply onReply,
        final java.util.Set<String> wanted, final java.util.function.Consumer<Map<String, Located>> onFound)
    {
        this.broker = broker;
        this.queue = queue;
        this.wanted = wanted;
        this.onFound = onFound;
        this.entries = null == wanted ? queue.waitingEntries() : List.of();
        this.text = text;
        this.selector = selector;
        this.offset = offset;
        this.limit = limit;
        this.timeLimitMs = timeLimitMs;
        this.deadlineMs = broker.nowMs() + timeLimitMs;
        this.onReply = onReply;
        // Memory holds the persistent messages up to the page cursor; the journal holds the rest, in queue order.
        this.journalLeft = queue.pagedCount() > 0 && null != queue.journalName();
        this.journalCursor = queue.pageCursor();
        this.endSequence = queue.nextSequence();
    }

    /**
     * A lookup of messages by JMSMessageID among those paged out to the journal, for an operation that names them:
     * the journal is read in the same batches as a scan's, until every id is found or the journal ends. It completes
     * only while no page of the queue is on its way into memory, so that what it found is either still paged out
     * (its sequence after the queue's page cursor) or in memory by then.
     *
     * @param ids     the JMSMessageIDs not found in memory.
     * @param onFound given the messages found, by id.
     * @param onFail  given why the lookup failed.
     * @return the lookup, to be run like a scan.
     */
    static ScanTask lookup(final ManagedBroker broker, final MessageQueue queue, final java.util.Set<String> ids,
        final long timeLimitMs, final java.util.function.Consumer<Map<String, Located>> onFound,
        final java.util.function.Consumer<ManagementException> onFail)
    {
        return new ScanTask(broker, queue, null, Selector.MATCH_ALL, 0, 0, timeLimitMs,
            new MessageOperations.PendingReply()
            {
                public void done(final Map<String, Object> reply)
                {
                }

                public void failed(final ManagementException failure)
                {
                    onFail.accept(failure);
                }
            }, new java.util.HashSet<>(ids), onFound);
    }

    /**
     * Looks at the next messages: those in memory, then those of the batch read from the journal, asking for the
     * next batch when one is used up.
     *
     * @param budget most messages to look at now.
     * @return messages looked at; when the last is done (or the scan failed), the reply has been handed on.
     */
    public int step(final int budget)
    {
        if (done)
        {
            return 0;
        }
        if (broker.nowMs() - deadlineMs > 0)
        {
            fail(new ManagementException(ManagementException.TIMEOUT, "the scan of queue '" + queue.name() +
                "' gave up at its time limit of " + timeLimitMs + " ms, after looking at " + lookedAt +
                " messages: narrow it with a selector, or give a longer 'timeLimitMs'"));
            return 0;
        }
        int stepped = 0;
        while (stepped < budget && index < entries.size())
        {
            final QueueEntry entry = entries.get(index++);
            stepped++;
            lookedAt++;
            if (entry.isWaiting() && queue.matches(entry, selector) &&
                (null == text || MessageSearch.contains(view.read(entry), text)))
            {
                onMatch(null == text ? view.read(entry) : view);
            }
        }
        if (index < entries.size())
        {
            return stepped;
        }
        stepped += stepJournal(budget - stepped);
        if (null != journalFailure)
        {
            fail(new ManagementException(ManagementException.INTERNAL,
                "the journal failed before the paged-out messages were read: " + journalFailure));
        }
        else if (!journalLeft && !reading && (null == wanted || !queue.isPageRequested()))
        {
            finish();
        }
        return stepped;
    }

    private int stepJournal(final int budget)
    {
        int stepped = 0;
        while (stepped < budget && null != batch && batchIndex < batch.size())
        {
            final StoredReference reference = batch.get(batchIndex++);
            stepped++;
            lookedAt++;
            journalCursor = reference.sequence();
            if (reference.sequence() >= endSequence)
            {
                journalLeft = false; // sent after the scan started
                batch = null;
                break;
            }
            final BrokerMessage message = BrokerMessage.decodeStored(reference.messageId(), reference.payload());
            if (null == message)
            {
                continue; // never written by this broker in that form: paging skips it too
            }
            if (null != wanted)
            {
                if (onLookedUp(reference, message))
                {
                    break;
                }
                continue;
            }
            if ((selector == Selector.MATCH_ALL || selector.matches(source.wrap(message, reference.deliveryCount())))
                && (null == text || MessageSearch.contains(view.read(message, reference.deliveryCount()), text)))
            {
                onMatch(null == text ? view.read(message, reference.deliveryCount()) : view);
            }
        }
        if (null != batch && batchIndex >= batch.size())
        {
            journalLeft = batch.size() >= JOURNAL_BATCH;
            batch = null;
        }
        if (journalLeft && null == batch && !reading)
        {
            reading = true;
            try
            {
                broker.browsePagedOut(queue, journalCursor, 0, JOURNAL_BATCH, this::onBatch);
            }
            catch (final RuntimeException ex)
            {
                onBatch(null, String.valueOf(ex.getMessage()));
            }
        }
        return stepped;
    }

    /**
     * @return true if every wanted id is found: the lookup reads no further.
     */
    private boolean onLookedUp(final StoredReference reference, final BrokerMessage message)
    {
        final String messageId = view.read(message, reference.deliveryCount()).messageId();
        if (null != messageId && wanted.remove(messageId))
        {
            found.put(messageId, new Located(message, reference.sequence(), reference.deliveryCount()));
        }
        if (wanted.isEmpty())
        {
            journalLeft = false;
            batch = null;
            return true;
        }
        return false;
    }

    private void onBatch(final List<StoredReference> references, final String failure)
    {
        reading = false;
        if (null == references)
        {
            journalFailure = null == failure ? "unknown failure" : failure;
            return;
        }
        batch = references;
        batchIndex = 0;
        if (references.isEmpty())
        {
            journalLeft = false;
            batch = null;
        }
    }

    private void onMatch(final MessageView matching)
    {
        if (matched >= offset && rows < limit)
        {
            matching.write(rows + ".", reply);
            rows++;
        }
        matched++;
    }

    private void finish()
    {
        done = true;
        if (null != onFound)
        {
            onFound.accept(found);
            return;
        }
        reply.put(Reply.COUNT, rows);
        reply.put(Reply.TOTAL, matched <= Integer.MAX_VALUE ? (Object)(int)matched : (Object)matched);
        onReply.done(reply);
    }

    private void fail(final ManagementException failure)
    {
        done = true;
        onReply.failed(failure);
    }

    public boolean isDone()
    {
        return done;
    }

    /**
     * A message a lookup found paged out to the journal.
     *
     * @param message       the message, read back.
     * @param sequence      its place in the queue.
     * @param deliveryCount its journaled delivery count.
     */
    record Located(BrokerMessage message, long sequence, int deliveryCount)
    {
        /**
         * @param queue the queue it was found in.
         * @return true if it is still paged out there (not paged into memory since; whether an operation removed it
         *         meanwhile the caller checks).
         */
        boolean isPagedOut(final MessageQueue queue)
        {
            return queue.pagedCount() > 0 && sequence > queue.pageCursor();
        }
    }
}
