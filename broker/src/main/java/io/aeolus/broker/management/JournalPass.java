package io.aeolus.broker.management;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.MessageSelectorSource;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.selector.Selector;
import io.aeolus.store.StoredReference;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second half of a bulk operation with a selector (purge, move, copy, delete, a job, a job's dry run): a pass
 * through the messages of a queue that were paged out to the journal when the operation acted on those in memory. The
 * journal is read in batches of {@link ManagementService#SCAN_JOURNAL_BATCH} references after the last sequence seen,
 * up to the last message the queue held when the operation started, so a queue of any depth costs one batch of
 * memory; each matching message is handed to a {@link Visitor} exactly once:
 * <ul>
 * <li>still paged out (its sequence after the queue's page cursor): as the message read back, and only while no page
 * of the queue is on its way into memory, so that a page read after the visitor removed it from the journal cannot
 * bring it back;</li>
 * <li>paged into memory since the batch was read (consumers drained the queue meanwhile): as its entry, if it still
 * waits there and still matches; one consumed or moved meanwhile is skipped.</li>
 * </ul>
 * A message another operation removed from the journal after this pass read it is skipped
 * ({@link MessageMover#wasRemovedPagedOut}). Runs in slices ({@link SlicedTask}); gives up with
 * {@link ManagementException#TIMEOUT} once its time limit, if any, is up, and with
 * {@link ManagementException#UNKNOWN_DESTINATION} if the queue is deleted meanwhile. Conductor thread only.
 */
final class JournalPass implements SlicedTask
{
    private static final int JOURNAL_BATCH = ManagementService.SCAN_JOURNAL_BATCH;

    /**
     * What a pass does with each matching message.
     */
    interface Visitor
    {
        /**
         * A matching message still paged out to the journal, with no page of its queue on its way into memory.
         *
         * @param message       the message, read back.
         * @param deliveryCount its journaled delivery count.
         */
        void onPagedOut(BrokerMessage message, int deliveryCount);

        /**
         * A matching message paged into memory since the operation started, still waiting.
         *
         * @param entry its entry.
         */
        void onInMemory(QueueEntry entry);

        /**
         * A narrower choice than the selector's, asked of each matching message before it is handed on (a job by ids
         * wants the messages it names); one it does not want counts for no budget.
         *
         * @param message       the message, read back.
         * @param deliveryCount its journaled delivery count.
         * @return true to have it handed to {@link #onPagedOut} or, if still waiting in memory, {@link #onInMemory}.
         */
        default boolean wants(final BrokerMessage message, final int deliveryCount)
        {
            return true;
        }
    }

    /**
     * How a pass ends.
     */
    interface Outcome
    {
        /**
         * Every message up to the operation's start was looked at.
         */
        void done();

        /**
         * @param failure why the pass stopped before that: the journal failed, or the time limit was up.
         */
        void failed(ManagementException failure);
    }

    private final ManagedBroker broker;
    private final MessageMover mover;
    private final MessageQueue queue;
    private final Selector selector;
    private final long endSequence;
    private final long timeLimitMs;
    private final long deadlineMs;
    private final String what;
    private final Visitor visitor;
    private final Outcome outcome;
    private final MessageSelectorSource source = new MessageSelectorSource();
    private long cursor;
    private boolean journalLeft;
    private boolean reading;
    private List<StoredReference> batch;
    private int batchIndex;
    private Map<Long, QueueEntry> inMemory;
    private String journalFailure;
    private long lookedAt;
    private long matched;
    private boolean done;

    /**
     * @param queue         the queue.
     * @param selector      what a message must match.
     * @param afterSequence the queue's page cursor when the operation looked at the messages in memory: the pass
     *                      starts after it.
     * @param endSequence   the queue's next sequence when the operation started: the pass stops before it.
     * @param timeLimitMs   how long the pass may take, in ms of the broker's clock; 0 for no limit (a job).
     * @param what          the operation, for the time limit's error text (e.g. {@code the purge of queue 'q'}).
     * @param visitor       given each matching message.
     * @param outcome       told how the pass ended.
     */
    JournalPass(final ManagedBroker broker, final MessageMover mover, final MessageQueue queue,
        final Selector selector, final long afterSequence, final long endSequence, final long timeLimitMs,
        final String what, final Visitor visitor, final Outcome outcome)
    {
        this.broker = broker;
        this.mover = mover;
        this.queue = queue;
        this.selector = selector;
        this.cursor = afterSequence;
        this.endSequence = endSequence;
        this.timeLimitMs = timeLimitMs;
        this.deadlineMs = broker.nowMs() + timeLimitMs;
        this.what = what;
        this.visitor = visitor;
        this.outcome = outcome;
        this.journalLeft = queue.pagedCount() > 0 && null != queue.journalName();
    }

    /**
     * @return true if a queue has messages paged out to the journal that a pass would read.
     */
    static boolean isNeeded(final MessageQueue queue)
    {
        return queue.pagedCount() > 0 && null != queue.journalName();
    }

    /**
     * {@inheritDoc}
     */
    public int step(final int budget)
    {
        return step(budget, Integer.MAX_VALUE);
    }

    /**
     * Looks at the next messages of the batch read from the journal, asking for the next batch when one is used up.
     *
     * @param lookBudget most messages to look at now.
     * @param matchBudget most matching messages to hand to the visitor now (a job's rate).
     * @return messages looked at.
     */
    int step(final int lookBudget, final int matchBudget)
    {
        if (done)
        {
            return 0;
        }
        if (timeLimitMs > 0 && broker.nowMs() - deadlineMs > 0)
        {
            fail(new ManagementException(ManagementException.TIMEOUT, what + " stopped at its time limit of " +
                timeLimitMs + " ms, after looking at " + lookedAt + " paged-out messages (" + matched +
                " matched and were done): run it again to go on, or give a longer 'timeLimitMs'"));
            return 0;
        }
        if (broker.queues().get(queue.name()) != queue)
        {
            fail(new ManagementException(ManagementException.UNKNOWN_DESTINATION, what + " stopped: the queue was " +
                "deleted meanwhile, after " + matched + " paged-out messages were done"));
            return 0;
        }
        inMemory = null;
        final int stepped = stepBatch(lookBudget, matchBudget);
        if (null != batch && batchIndex >= batch.size())
        {
            journalLeft = batch.size() >= JOURNAL_BATCH;
            batch = null;
        }
        if (null != journalFailure)
        {
            fail(new ManagementException(ManagementException.INTERNAL,
                "the journal failed before the paged-out messages were read: " + journalFailure));
            return stepped;
        }
        if (journalLeft && null == batch && !reading)
        {
            reading = true;
            try
            {
                broker.browsePagedOut(queue, cursor, 0, JOURNAL_BATCH, this::onBatch);
            }
            catch (final RuntimeException ex)
            {
                onBatch(null, String.valueOf(ex.getMessage()));
            }
        }
        if (!journalLeft && !reading && null == batch && !done)
        {
            done = true;
            outcome.done();
        }
        return stepped;
    }

    /**
     * Looks at the next references of the batch read, unless a page of the queue is on its way.
     *
     * @return references looked at.
     */
    private int stepBatch(final int lookBudget, final int matchBudget)
    {
        int stepped = 0;
        int handed = 0;
        // While a page is on its way, what it brings is neither surely paged out nor in memory yet: wait for it.
        while (stepped < lookBudget && handed < matchBudget && null != batch && batchIndex < batch.size() &&
            !queue.isPageRequested())
        {
            final StoredReference reference = batch.get(batchIndex++);
            stepped++;
            lookedAt++;
            cursor = reference.sequence();
            if (reference.sequence() >= endSequence)
            {
                journalLeft = false; // arrived after the operation started
                batch = null;
                break;
            }
            final BrokerMessage message = BrokerMessage.decodeStored(reference.messageId(), reference.payload());
            if (null == message)
            {
                continue; // never written by this broker in that form: paging skips it too
            }
            if (selector != Selector.MATCH_ALL && !selector.matches(source.wrap(message, reference.deliveryCount())) ||
                !visitor.wants(message, reference.deliveryCount()))
            {
                continue;
            }
            if (isPagedOut(reference.sequence()))
            {
                if (!mover.wasRemovedPagedOut(message))
                {
                    matched++;
                    handed++;
                    visitor.onPagedOut(message, reference.deliveryCount());
                }
                continue;
            }
            final QueueEntry entry = inMemory(reference.sequence());
            if (null != entry && entry.isWaiting() && queue.matches(entry, selector))
            {
                matched++;
                handed++;
                visitor.onInMemory(entry);
            }
        }
        return stepped;
    }

    private boolean isPagedOut(final long sequence)
    {
        return queue.pagedCount() > 0 && sequence > queue.pageCursor();
    }

    /**
     * @return the waiting entry with a sequence, among those of the current batch's range; indexed once per slice,
     *         only when a message of the batch was paged in since it was read.
     */
    private QueueEntry inMemory(final long sequence)
    {
        if (null == inMemory)
        {
            inMemory = new HashMap<>();
            final long first = batch.get(0).sequence();
            final long last = batch.get(batch.size() - 1).sequence();
            for (final QueueEntry entry : queue.waitingEntries())
            {
                if (entry.sequence() >= first && entry.sequence() <= last)
                {
                    inMemory.put(entry.sequence(), entry);
                }
            }
        }
        return inMemory.get(sequence);
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

    private void fail(final ManagementException failure)
    {
        done = true;
        batch = null;
        outcome.failed(failure);
    }

    /**
     * Reads no further: the visitor found all it looks for (a job by ids). The pass then ends as done, its outcome
     * told so, once the current slice is over. Called from the visitor, or between slices.
     */
    void stopEarly()
    {
        journalLeft = false;
        batch = null;
    }

    /**
     * Stops the pass without a word to its outcome (a cancelled job).
     */
    void cancel()
    {
        done = true;
        batch = null;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isDone()
    {
        return done;
    }

    /**
     * @return matching messages handed to the visitor so far.
     */
    long matched()
    {
        return matched;
    }
}
