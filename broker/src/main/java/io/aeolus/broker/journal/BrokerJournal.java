package io.aeolus.broker.journal;

import io.aeolus.store.H2Journal;
import io.aeolus.store.JournalAgent;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.JournalCompletion;
import io.aeolus.store.JournalProxy;
import io.aeolus.store.StoredReference;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The broker's journal as the conductor sees it. Commands are numbered in the order appended; the journal thread
 * commits them in batches and reports the highest committed number, and callbacks waiting for a number run on the
 * conductor thread once it is durable. When the journal's queue is full, commands wait here, in order, and are
 * offered again on the next duty cycle: the conductor never blocks. In memory mode nothing is written and every
 * callback runs at once. Conductor thread only, except {@link #start()} and {@link #close()}.
 */
public final class BrokerJournal implements AutoCloseable
{
    private static final int COMPLETION_LIMIT = 64;

    private final H2Journal store;
    private final JournalAgent agent;
    private final JournalProxy proxy;
    private final ErrorHandler errorHandler;
    private final ArrayDeque<JournalCommand> backlog = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Consumer<JournalCompletion> completionHandler = this::onCompletion;
    private ArrayList<JournalCommand> group;
    private int groupDepth;
    private AgentRunner runner;
    private PageListener pageListener;
    private long appended;
    private long durable;
    private Throwable failure;
    private DiskSpaceGuard diskSpaceGuard;

    /**
     * Receives pages of references read back from the journal (paging).
     */
    @FunctionalInterface
    public interface PageListener
    {
        /**
         * A page arrived.
         *
         * @param queue      the queue it belongs to.
         * @param references in sequence order; empty at the end of the queue.
         */
        void onPage(String queue, List<StoredReference> references);
    }

    private BrokerJournal(final H2Journal store, final ErrorHandler errorHandler)
    {
        this.store = store;
        this.errorHandler = errorHandler;
        this.agent = null == store ? null : new JournalAgent(store);
        this.proxy = null == agent ? null : agent.proxy();
    }

    /**
     * @return a journal that keeps nothing: every message lives in memory only.
     */
    public static BrokerJournal inMemory()
    {
        return new BrokerJournal(null, (throwable) -> { });
    }

    /**
     * Opens the H2 journal; read what it holds with {@link #store()} before {@link #start()}.
     *
     * @param context      the journal's configuration.
     * @param errorHandler told about a journal failure.
     * @return the journal, not yet running.
     */
    public static BrokerJournal openH2(final H2Journal.Context context, final ErrorHandler errorHandler)
    {
        return new BrokerJournal(H2Journal.open(context), errorHandler);
    }

    /**
     * @return the store, for recovery reads before {@link #start()}; null in memory mode.
     */
    public H2Journal store()
    {
        return store;
    }

    /**
     * Starts the journal thread. Call once, after recovery.
     */
    public void start()
    {
        if (null != agent && null == runner)
        {
            runner = new AgentRunner(new BackoffIdleStrategy(10, 20, 1_000, 100_000), errorHandler, null, agent);
            AgentRunner.startOnThread(runner);
        }
    }

    /**
     * @return true if state is written to disk; false in memory mode.
     */
    public boolean isPersistent()
    {
        return null != store;
    }

    /**
     * @param guard refuses persistent sends while the journal's disk is nearly full; null for no check.
     * @return this.
     */
    public BrokerJournal diskSpaceGuard(final DiskSpaceGuard guard)
    {
        this.diskSpaceGuard = guard;
        return this;
    }

    /**
     * @return null if the journal can take persistent messages, else why not (a failure, or its disk nearly full).
     */
    public String refusal()
    {
        if (null != failure)
        {
            return "the journal failed, so persistent messages are refused: " + describe(failure);
        }
        return null == diskSpaceGuard ? null : diskSpaceGuard.refusal();
    }

    /**
     * @param failure a journal failure.
     * @return its message and, when it differs, its root cause's (H2 wraps "No space left on device" in a write
     *         error that does not say it).
     */
    public static String describe(final Throwable failure)
    {
        Throwable root = failure;
        while (null != root.getCause() && root.getCause() != root)
        {
            root = root.getCause();
        }
        final String text = String.valueOf(failure);
        return root == failure || null == root.getMessage() || text.contains(root.getMessage()) ? text :
            text + " (cause: " + root + ")";
    }

    /**
     * @return the failure that stopped the journal, or null while it works.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * @param listener receives pages answering {@link #readPage(String, long, int)}.
     */
    public void pageListener(final PageListener listener)
    {
        this.pageListener = listener;
    }

    /**
     * Appends a command.
     *
     * @param command what to write.
     * @return its number, to wait for with {@link #whenDurable}; 0 in memory mode.
     */
    public long append(final JournalCommand command)
    {
        if (null == proxy)
        {
            return 0;
        }
        if (groupDepth > 0)
        {
            group.add(command);
            return appended + 1;
        }
        appended++;
        if (!backlog.isEmpty() || !proxy.offer(command))
        {
            backlog.addLast(command);
        }
        return appended;
    }

    /**
     * Offers a command nobody waits for and that may be lost (the metrics history), only if the journal takes it at
     * once: it never waits in the backlog, so it never goes ahead of, or holds up, commands that wait for room.
     *
     * @param command what to write.
     * @return false if not offered: memory mode, inside a group, a failed or full journal, or commands waiting.
     */
    public boolean offerIfRoom(final JournalCommand command)
    {
        if (null == proxy || groupDepth > 0 || !backlog.isEmpty() || !proxy.offer(command))
        {
            return false;
        }
        // The proxy numbered it next: keep the conductor's numbering in step with the journal's.
        appended++;
        return true;
    }

    /**
     * Starts collecting commands into one atomic group (a transaction's commit, a dead-letter move). Groups nest:
     * only the outermost {@link #endGroup()} appends.
     */
    public void beginGroup()
    {
        if (null == proxy)
        {
            return;
        }
        if (0 == groupDepth++)
        {
            group = new ArrayList<>();
        }
    }

    /**
     * Appends the commands collected since {@link #beginGroup()} as one group, written all or nothing.
     *
     * @return the group's number to wait for, or the last number appended if the group was empty; 0 in memory
     *         mode.
     */
    public long endGroup()
    {
        if (null == proxy)
        {
            return 0;
        }
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

    /**
     * @return the number of the last command appended.
     */
    public long lastAppended()
    {
        return appended;
    }

    /**
     * Offers every waiting command, waiting for room: only while shutting down, after the conductor stopped.
     */
    public void flushBacklog()
    {
        final long deadlineNs = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        JournalCommand command;
        while (null != proxy && !proxy.isFailed() && null != (command = backlog.peekFirst()) &&
            System.nanoTime() - deadlineNs < 0)
        {
            if (proxy.offer(command))
            {
                backlog.pollFirst();
            }
            else
            {
                proxy.drainCompletions(completionHandler, COMPLETION_LIMIT);
                Thread.yield();
            }
        }
    }

    /**
     * Asks for a page of a queue's references; the answer comes to the {@link PageListener}.
     *
     * @param queue         the queue.
     * @param afterSequence the last sequence already held.
     * @param limit         most references.
     */
    public void readPage(final String queue, final long afterSequence, final int limit)
    {
        append(new JournalCommand.ReadReferences(queue, afterSequence, limit));
    }

    /**
     * Runs a callback once everything up to a command number is durable.
     *
     * @param sequence a number from {@link #append}, or 0 for nothing to wait for.
     * @param onDurable runs on the conductor thread when durable.
     * @param onFailed  runs instead if the journal failed before that.
     */
    public void whenDurable(final long sequence, final Runnable onDurable, final Consumer<Throwable> onFailed)
    {
        if (sequence <= durable)
        {
            onDurable.run();
        }
        else if (null != failure)
        {
            onFailed.accept(failure);
        }
        else
        {
            waiters.addLast(new Waiter(sequence, onDurable, onFailed));
        }
    }

    /**
     * Offers waiting commands and handles completions. Conductor duty cycle.
     *
     * @return work done.
     */
    public int poll()
    {
        if (null == proxy)
        {
            return 0;
        }
        int workCount = 0;
        JournalCommand command;
        while (null != (command = backlog.peekFirst()) && proxy.offer(command))
        {
            backlog.pollFirst();
            workCount++;
        }
        workCount += proxy.drainCompletions(completionHandler, COMPLETION_LIMIT);
        return workCount;
    }

    /**
     * @return what the journal thread has done (batches, commit times, file size), null without a journal.
     */
    public io.aeolus.store.JournalStatistics statistics()
    {
        return null == agent ? null : agent.statistics();
    }

    /**
     * @return commands appended and not yet durable.
     */
    public long pendingCount()
    {
        return appended - durable;
    }

    /**
     * Stops the journal thread (which writes what is queued) and closes the store.
     */
    public void close()
    {
        if (null != runner)
        {
            CloseHelper.quietClose(runner);
        }
        else if (null != store)
        {
            CloseHelper.quietClose(store);
        }
    }

    private void onCompletion(final JournalCompletion completion)
    {
        switch (completion.type())
        {
            case COMMITTED:
                durable = Math.max(durable, completion.sequence());
                Waiter waiter;
                while (null != (waiter = waiters.peekFirst()) && waiter.sequence <= durable)
                {
                    waiters.pollFirst();
                    waiter.onDurable.run();
                }
                break;
            case REFERENCES:
                if (null != pageListener)
                {
                    pageListener.onPage(completion.read().queue(), completion.references());
                }
                break;
            case FAILED:
            default:
                failure = null == completion.failure() ?
                    new IllegalStateException("journal failed") : completion.failure();
                durable = Math.max(durable, completion.sequence());
                errorHandler.onError(failure);
                Waiter failed;
                while (null != (failed = waiters.pollFirst()))
                {
                    if (failed.sequence <= durable)
                    {
                        failed.onDurable.run();
                    }
                    else
                    {
                        failed.onFailed.accept(failure);
                    }
                }
                break;
        }
    }

    private record Waiter(long sequence, Runnable onDurable, Consumer<Throwable> onFailed)
    {
    }
}
