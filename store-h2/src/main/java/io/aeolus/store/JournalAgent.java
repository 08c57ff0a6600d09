package io.aeolus.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Consumer;

import org.agrona.ErrorHandler;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The journal thread: the only thread that touches H2 once the broker runs. The broker offers commands through
 * {@link #proxy()}; each duty cycle takes up to {@code maxBatchSize} of them, writes them as one batch (one
 * transaction, one commit, one fsync with {@link Durability#SYNC}), then posts a cumulative
 * {@link JournalCompletion.Type#COMMITTED} completion, and the answers to page reads, to the completion queue.
 * <p>
 * Metrics history ({@link JournalCommand.RecordHistory}) is written after the batch it came with, once that batch's
 * completion is posted, one command per duty cycle, each in a transaction of its own; its failure is reported and
 * does not fail the journal. The broker sends the history in commands of a hundred points or so, so that a batch
 * of messages waits behind at most one of them.
 * <p>
 * A write failure is fatal: the agent posts one {@link JournalCompletion.Type#FAILED} completion, reports the
 * failure to the context's {@link ErrorHandler}, refuses new commands and discards queued ones (the completion says
 * they are lost). If the broker stops draining completions, the agent stops taking commands, so the command queue
 * fills and the proxy refuses more: back-pressure end to end, no unbounded buffer.
 * <p>
 * Runs on one thread (an {@code AgentRunner} or a {@code CompositeAgent}); owns the journal from construction and
 * closes it in {@link #onClose()}. Allocates per batch (the completion, and what H2 allocates), not per command.
 */
public final class JournalAgent implements Agent
{
    private final H2Journal journal;
    private final ErrorHandler errorHandler;
    private final int maxBatchSize;
    private final OneToOneConcurrentArrayQueue<JournalCompletion> completionQueue;
    private final OneToOneConcurrentArrayQueue<JournalCommand> commandQueue;
    private final JournalProxy proxy;
    private final ArrayList<JournalCommand> writes = new ArrayList<>();
    /** How often the file's size is read while the journal writes, and for this long after its last write. */
    static final long FILE_SIZE_INTERVAL_NS = 1_000_000_000L;
    /** How long after its last write the file may still grow (H2 stores its chunks in the background). */
    static final long FILE_SIZE_SETTLE_NS = 5_000_000_000L;
    /** How often the file's size is read while nothing is written. */
    static final long IDLE_FILE_SIZE_INTERVAL_NS = 60_000_000_000L;

    private final JournalStatistics statistics = new JournalStatistics();
    private Runnable journalWaker = () -> { };
    private Runnable completionWaker = () -> { };
    private volatile boolean completionsWaiting;
    private final NanoClock clock;
    private final FileHousekeeping housekeeping;
    private long nextFileSizeNs;
    private long lastWriteNs;
    private long writesAtFileSize = -1;
    private long historyWritten;
    private long fileSizeReads;
    private final ArrayList<JournalCommand.ReadReferences> reads = new ArrayList<>();
    private final ArrayDeque<JournalCommand.RecordHistory> history = new ArrayDeque<>();
    private final LongArrayList readSequences = new LongArrayList();
    private final ArrayDeque<JournalCompletion> pendingCompletions = new ArrayDeque<>();
    private final Consumer<JournalCommand> onCommand = this::onCommand;
    private long drainedSequence;
    private long completedSequence;
    private long batchCount;
    private long historyFailures;
    private volatile boolean isFailed;

    /**
     * Creates the agent and its queues, sized from the journal's context. The journal is owned by the agent from
     * now on: only the agent's thread may use it, and the agent closes it.
     *
     * @param journal an open journal.
     */
    public JournalAgent(final H2Journal journal)
    {
        this(journal, SystemNanoClock.INSTANCE);
    }

    JournalAgent(final H2Journal journal, final NanoClock clock)
    {
        this.journal = journal;
        this.clock = clock;
        this.nextFileSizeNs = clock.nanoTime();
        final H2Journal.Context context = journal.context();
        errorHandler = context.errorHandler();
        maxBatchSize = context.maxBatchSize();
        commandQueue = new OneToOneConcurrentArrayQueue<>(context.commandQueueCapacity());
        completionQueue = new OneToOneConcurrentArrayQueue<>(context.completionQueueCapacity());
        proxy = new JournalProxy(this, commandQueue, completionQueue);
        isFailed = journal.isFailed();
        try
        {
            housekeeping = FileHousekeeping.of(journal, nextFileSizeNs);
        }
        catch (final java.sql.SQLException ex)
        {
            throw new JournalException("cannot open the journal's file housekeeping: " + ex.getMessage(), ex);
        }
    }

    /**
     * Sets who is woken when work is handed over, so that neither thread has to poll often: {@code journalWaker} is
     * run by {@link JournalProxy#wakeJournal()} after commands are queued (it wakes this agent's thread),
     * {@code completionWaker} by this agent after it posts completions (it wakes the thread that drains them). Call
     * before the agent's thread starts; both default to doing nothing.
     *
     * @param journalWaker    wakes the journal thread; run on the offering thread.
     * @param completionWaker wakes the completions' reader; run on the journal thread.
     * @return this.
     */
    public JournalAgent wakers(final Runnable journalWaker, final Runnable completionWaker)
    {
        this.journalWaker = Objects.requireNonNull(journalWaker, "journalWaker");
        this.completionWaker = Objects.requireNonNull(completionWaker, "completionWaker");
        return this;
    }

    Runnable journalWaker()
    {
        return journalWaker;
    }

    /**
     * The proxy through which one other thread (the broker conductor) offers commands and drains completions.
     *
     * @return the proxy, the same one on every call.
     */
    public JournalProxy proxy()
    {
        return proxy;
    }

    /**
     * Whether the journal failed. Any thread.
     *
     * @return true once a write failed.
     */
    public boolean isFailed()
    {
        return isFailed;
    }

    /**
     * Batches written since start. Journal thread only (or after it stopped).
     *
     * @return the count.
     */
    public long batchCount()
    {
        return batchCount;
    }

    /**
     * @return what the journal thread has done, for metrics; any thread.
     */
    public JournalStatistics statistics()
    {
        return statistics;
    }

    /**
     * Metrics history writes that failed since start (each was reported to the error handler and lost). Journal
     * thread only (or after it stopped).
     *
     * @return the count.
     */
    public long historyFailures()
    {
        return historyFailures;
    }

    /**
     * Posts waiting completions, then takes up to {@code maxBatchSize} commands and writes them as one batch. The
     * metrics history among them waits; one history command is written per duty cycle, after the batch's
     * completion is posted, so a batch waits for at most one history write.
     *
     * @return commands taken plus completions posted plus history commands written; 0 when idle.
     */
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (nowNs - nextFileSizeNs >= 0 || batchCount + historyWritten != writesAtFileSize)
        {
            readFileSize(nowNs);
        }
        int workCount = postCompletions();
        if (!pendingCompletions.isEmpty())
        {
            // The broker is behind on completions: hold new commands back rather than buffer without bound.
            return workCount;
        }

        final int drained = commandQueue.drain(onCommand, maxBatchSize);
        if (drained > 0)
        {
            if (isFailed)
            {
                // Lost, and the FAILED completion already says so: every command after its sequence.
                clearBatch();
            }
            else
            {
                writeBatch();
            }
            workCount += drained + postCompletions();
        }

        return workCount + writeHistory() + compact(nowNs);
    }

    /**
     * Writes the commands queued before the broker stopped, then closes the journal. Completions are offered but
     * may be dropped if the broker no longer drains them.
     */
    public void onClose()
    {
        while (!isFailed && commandQueue.drain(onCommand, maxBatchSize) > 0)
        {
            writeBatch();
            postCompletions();
        }
        postCompletions();
        // Nothing waits for messages any more: the history left is written at once.
        while (!isFailed && !history.isEmpty())
        {
            writeHistory();
        }
        try
        {
            journal.close();
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    /**
     * {@inheritDoc}
     */
    public String roleName()
    {
        return "journal";
    }

    private void onCommand(final JournalCommand command)
    {
        drainedSequence++;
        if (command instanceof JournalCommand.ReadReferences read)
        {
            reads.add(read);
            readSequences.addLong(drainedSequence);
        }
        else if (command instanceof JournalCommand.RecordHistory record)
        {
            history.add(record);
        }
        else
        {
            writes.add(command);
        }
    }

    private void writeBatch()
    {
        try
        {
            final long startNs = System.nanoTime();
            journal.write(writes);
            statistics.onBatch(writes.size(), System.nanoTime() - startNs);
            batchCount++;
            completedSequence = drainedSequence;
            pendingCompletions.addLast(JournalCompletion.committed(completedSequence));
            for (int i = 0, size = reads.size(); i < size; i++)
            {
                final JournalCommand.ReadReferences read = reads.get(i);
                pendingCompletions.addLast(JournalCompletion.references(
                    readSequences.getLong(i),
                    read,
                    journal.readReferences(read.queue(), read.afterSequence(), read.skip(), read.limit())));
            }
        }
        catch (final RuntimeException ex)
        {
            onFailure(ex);
        }
        finally
        {
            clearBatch();
        }
    }

    private void onFailure(final Throwable failure)
    {
        isFailed = true;
        pendingCompletions.addLast(JournalCompletion.failed(completedSequence, failure));
        errorHandler.onError(failure);
    }

    /**
     * Reads the file's size once a second while the journal writes and for {@link #FILE_SIZE_SETTLE_NS} after, and
     * once a minute while it writes nothing: an idle broker makes no file-system calls for a size that cannot change.
     */
    private void readFileSize(final long nowNs)
    {
        final long writes = batchCount + historyWritten;
        if (writes != writesAtFileSize)
        {
            // (The first call counts as a write: the journal was just opened, recovered or created.)
            lastWriteNs = nowNs;
            writesAtFileSize = writes;
            if (nextFileSizeNs - (nowNs + FILE_SIZE_INTERVAL_NS) > 0)
            {
                // On the idle schedule: the first write after a quiet spell is measured at once.
                nextFileSizeNs = nowNs;
            }
        }
        if (nowNs - nextFileSizeNs >= 0)
        {
            nextFileSizeNs = nowNs + (nowNs - lastWriteNs < FILE_SIZE_SETTLE_NS ?
                FILE_SIZE_INTERVAL_NS : IDLE_FILE_SIZE_INTERVAL_NS);
            fileSizeReads++;
            statistics.fileBytes(journal.fileBytes());
        }
    }

    /**
     * Keeps the file compact where H2's background writer no longer does ({@link FileHousekeeping}), after the
     * batch's completion is posted. A failure is reported; a broken file fails the next batch.
     */
    private int compact(final long nowNs)
    {
        if (isFailed)
        {
            return 0;
        }
        try
        {
            return housekeeping.run(nowNs);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
            return 0;
        }
    }

    /**
     * @return the file's housekeeping (for tests).
     */
    FileHousekeeping housekeeping()
    {
        return housekeeping;
    }

    /**
     * @return how often the file's size was read (for tests).
     */
    long fileSizeReads()
    {
        return fileSizeReads;
    }

    /**
     * Writes the oldest history command waiting, in a transaction of its own, after the batch it came with has been
     * written and its completion posted: it never delays a confirmation. The batch's COMMITTED completion already
     * covers it; nothing waits for it.
     *
     * @return 1 if one was written (or failed), else 0.
     */
    private int writeHistory()
    {
        if (isFailed)
        {
            history.clear();
            return 0;
        }
        final JournalCommand.RecordHistory record = history.pollFirst();
        if (null == record)
        {
            return 0;
        }
        try
        {
            journal.writeHistory(record);
            historyWritten++;
        }
        catch (final RuntimeException ex)
        {
            // Not durability-critical: reported and lost; the journal goes on.
            historyFailures++;
            errorHandler.onError(ex);
        }
        return 1;
    }

    private void clearBatch()
    {
        writes.clear();
        reads.clear();
        readSequences.clear();
    }

    private int postCompletions()
    {
        int posted = 0;
        while (!pendingCompletions.isEmpty() && completionQueue.offer(pendingCompletions.peekFirst()))
        {
            pendingCompletions.pollFirst();
            posted++;
        }
        if (posted > 0)
        {
            completionWaker.run();
        }
        final boolean waiting = !pendingCompletions.isEmpty();
        if (waiting != completionsWaiting)
        {
            completionsWaiting = waiting;
        }
        return posted;
    }

    /**
     * Whether completions wait for room in the completion queue: the journal then takes no new commands until the
     * broker drains some, and the broker wakes it when it does ({@link JournalProxy#drainCompletions}). Any thread.
     *
     * @return true while completions wait.
     */
    boolean completionsWaiting()
    {
        return completionsWaiting;
    }
}
