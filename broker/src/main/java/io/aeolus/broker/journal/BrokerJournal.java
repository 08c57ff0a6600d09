package io.aeolus.broker.journal;

import io.aeolus.broker.engine.Durability;
import io.aeolus.broker.engine.EngineInputs;
import io.aeolus.broker.engine.InMemoryDurability;
import io.aeolus.broker.engine.RecoverySource;
import io.aeolus.store.H2Journal;
import io.aeolus.store.JournalAgent;
import io.aeolus.transport.ProgressiveIdleStrategy;
import io.aeolus.transport.TransportConfiguration;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;

/**
 * The broker's journal as the process sees it: the engine's {@link Durability} (the H2 journal, or memory), the
 * store to recover from, and the journal thread's life. The conductor polls it each duty cycle, which turns the
 * journal's completions into engine inputs.
 */
public final class BrokerJournal implements AutoCloseable
{
    private final H2Journal store;
    private final JournalAgent agent;
    private final H2Durability h2;
    private final Durability durability;
    private final ErrorHandler errorHandler;
    private AgentRunner runner;

    private BrokerJournal(final H2Journal store, final ErrorHandler errorHandler)
    {
        this.store = store;
        this.errorHandler = errorHandler;
        this.agent = null == store ? null : new JournalAgent(store);
        this.h2 = null == agent ? null : new H2Durability(agent, errorHandler);
        this.durability = null == h2 ? new InMemoryDurability() : h2;
    }

    /**
     * @return a journal that keeps nothing: every message lives in memory only.
     */
    public static BrokerJournal inMemory()
    {
        return new BrokerJournal(null, (throwable) -> { });
    }

    /**
     * Opens the H2 journal; read what it holds with {@link #recoverySource()} before {@link #start()}.
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
     * @return what to recover from, null in memory mode.
     */
    public RecoverySource recoverySource()
    {
        return null == store ? null : new H2RecoverySource(store);
    }

    /**
     * @return the engine's durability port.
     */
    public Durability durability()
    {
        return durability;
    }

    /**
     * Starts the journal thread. Call once, after recovery.
     */
    public void start()
    {
        start(() -> { });
    }

    /**
     * Starts the journal thread, which parks while it has nothing to do and is woken when {@link #poll()} has offered
     * a duty cycle's commands; it runs {@code completionWaker} after it posts completions. Call once, after recovery.
     *
     * @param completionWaker wakes the thread that drains completions (the conductor).
     */
    public void start(final Runnable completionWaker)
    {
        if (null != agent && null == runner)
        {
            // Every command comes with a wake-up, and so does room for held-back completions: parks long when idle.
            final ProgressiveIdleStrategy idleStrategy = TransportConfiguration.handedOverIdleStrategy();
            agent.wakers(idleStrategy::wake, completionWaker);
            runner = new AgentRunner(idleStrategy, errorHandler, null, agent);
            AgentRunner.startOnThread(runner);
        }
    }

    /**
     * @return true if state is written to disk; false in memory mode.
     */
    public boolean isPersistent()
    {
        return durability.isPersistent();
    }

    /**
     * @param guard refuses persistent sends while the journal's disk is nearly full; null for no check.
     * @return this.
     */
    public BrokerJournal diskSpaceGuard(final DiskSpaceGuard guard)
    {
        if (null != h2)
        {
            h2.diskSpaceGuard(guard);
        }
        return this;
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
        return null == h2 ? null : h2.failure();
    }

    /**
     * Offers waiting commands and turns the journal's completions into engine inputs. Conductor duty cycle.
     *
     * @param inputs the engine.
     * @return work done.
     */
    public int poll(final EngineInputs inputs)
    {
        return null == h2 ? 0 : h2.poll(inputs);
    }

    /**
     * Offers every waiting command, waiting for room: only while shutting down, after the conductor stopped.
     */
    public void flushBacklog()
    {
        if (null != h2)
        {
            h2.flushBacklog();
        }
    }

    /**
     * @return commands appended and not yet durable.
     */
    public long pendingCount()
    {
        return durability.pendingCount();
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
}
