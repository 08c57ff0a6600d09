package io.aeolus.broker.journal;

import io.aeolus.broker.engine.Durability;
import io.aeolus.broker.engine.EngineInputs;
import io.aeolus.store.JournalAgent;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.JournalCompletion;
import io.aeolus.store.JournalProxy;
import io.aeolus.store.JournalStatistics;
import io.aeolus.store.StoredReference;
import org.agrona.ErrorHandler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The engine's durability over the H2 journal. Commands are numbered (positions) in the order appended and offered
 * to the journal thread, which commits them in batches; when its queue is full they wait here, in order, and are
 * offered again on the next duty cycle, so the conductor never blocks. {@link #poll(EngineInputs)} turns the
 * journal's completions into engine inputs: {@code onDurable}, {@code onDurabilityFailed}, {@code onPage}; a
 * browse's page goes to the callback it came with.
 * Conductor thread only, except {@link #flushBacklog()} at shutdown.
 */
public final class H2Durability implements Durability
{
    private static final int COMPLETION_LIMIT = 64;

    private final JournalAgent agent;
    private final JournalProxy proxy;
    private final ErrorHandler errorHandler;
    private final ArrayDeque<JournalCommand> backlog = new ArrayDeque<>();
    private final Consumer<JournalCompletion> completionHandler = this::onCompletion;
    private ArrayList<JournalCommand> group;
    private int groupDepth;
    private long appended;
    private long durable;
    private Throwable failure;
    private EngineInputs inputs;
    private DiskSpaceGuard diskSpaceGuard;
    /** Browses waiting for their page, by number: answered, or failed in that order. */
    private final TreeMap<Long, BiConsumer<List<StoredReference>, String>> browses = new TreeMap<>();
    private long lastBrowseId;

    H2Durability(final JournalAgent agent, final ErrorHandler errorHandler)
    {
        this.agent = agent;
        this.proxy = agent.proxy();
        this.errorHandler = errorHandler;
    }

    /**
     * {@inheritDoc}
     */
    public boolean isPersistent()
    {
        return true;
    }

    /**
     * @return the failure that stopped the journal, or null while it works.
     */
    public Throwable failure()
    {
        return failure;
    }

    /**
     * @param guard refuses persistent sends while the journal's disk is nearly full; null for no check.
     */
    void diskSpaceGuard(final DiskSpaceGuard guard)
    {
        this.diskSpaceGuard = guard;
    }

    /**
     * {@inheritDoc}
     */
    public String refusal()
    {
        if (null != failure)
        {
            return "the journal failed, so persistent messages are refused: " + BrokerJournal.describe(failure);
        }
        return null == diskSpaceGuard ? null : diskSpaceGuard.refusal(0);
    }

    /**
     * {@inheritDoc}
     */
    public String refusal(final int messageLength)
    {
        if (null != failure)
        {
            return refusal();
        }
        return null == diskSpaceGuard ? null : diskSpaceGuard.refusal(messageLength);
    }

    /**
     * {@inheritDoc}
     */
    public long append(final JournalCommand command)
    {
        if (groupDepth > 0)
        {
            group.add(command);
            return appended + 1;
        }
        appended++;
        // Offered by the next poll(), at the start of the conductor's next duty cycle, together with the rest of
        // this cycle's commands: offered one by one, the store and the reference of one persistent send could be
        // written (and forced to disk) as two batches.
        backlog.addLast(command);
        return appended;
    }

    /**
     * {@inheritDoc}
     */
    public boolean offerIfRoom(final JournalCommand command)
    {
        if (groupDepth > 0)
        {
            return false;
        }
        offerBacklog();
        if (!backlog.isEmpty() || !proxy.offer(command))
        {
            return false;
        }
        // The proxy numbered it next: keep the conductor's numbering in step with the journal's.
        appended++;
        proxy.wakeJournal();
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void beginGroup()
    {
        if (0 == groupDepth++)
        {
            group = new ArrayList<>();
        }
    }

    /**
     * {@inheritDoc}
     */
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

    /**
     * {@inheritDoc}
     */
    public long lastAppended()
    {
        return appended;
    }

    /**
     * {@inheritDoc}
     */
    public void readPage(final String queue, final long afterSequence, final int limit)
    {
        append(new JournalCommand.ReadReferences(queue, afterSequence, limit));
    }

    /**
     * {@inheritDoc}
     */
    public void readBrowsePage(final String queue, final long afterSequence, final long skip, final int limit,
        final BiConsumer<List<StoredReference>, String> onPage)
    {
        if (null != failure)
        {
            throw new IllegalStateException("the journal failed: " + BrokerJournal.describe(failure));
        }
        final long browseId = ++lastBrowseId;
        browses.put(browseId, onPage);
        append(new JournalCommand.ReadReferences(queue, afterSequence, limit, skip, browseId));
    }

    /**
     * {@inheritDoc}
     */
    public long pendingCount()
    {
        return appended - durable;
    }

    /**
     * {@inheritDoc}
     */
    public JournalStatistics statistics()
    {
        return agent.statistics();
    }

    /**
     * Offers waiting commands and turns completions into engine inputs. Conductor duty cycle.
     *
     * @param inputs the engine.
     * @return work done.
     */
    public int poll(final EngineInputs inputs)
    {
        this.inputs = inputs;
        final int workCount = offerBacklog();
        return workCount + proxy.drainCompletions(completionHandler, COMPLETION_LIMIT);
    }

    private int offerBacklog()
    {
        int offered = 0;
        JournalCommand command;
        while (null != (command = backlog.peekFirst()) && proxy.offer(command))
        {
            backlog.pollFirst();
            offered++;
        }
        if (offered > 0)
        {
            proxy.wakeJournal();
        }
        return offered;
    }

    /**
     * Offers every waiting command, waiting for room: only while shutting down, after the conductor stopped.
     */
    public void flushBacklog()
    {
        final long deadlineNs = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        JournalCommand command;
        while (!proxy.isFailed() && null != (command = backlog.peekFirst()) && System.nanoTime() - deadlineNs < 0)
        {
            if (proxy.offer(command))
            {
                backlog.pollFirst();
                proxy.wakeJournal();
            }
            else
            {
                proxy.drainCompletions(completionHandler, COMPLETION_LIMIT);
                Thread.yield();
            }
        }
    }

    private void onCompletion(final JournalCompletion completion)
    {
        switch (completion.type())
        {
            case COMMITTED:
                durable = Math.max(durable, completion.sequence());
                if (null != inputs)
                {
                    inputs.onDurable(durable);
                }
                break;
            case REFERENCES:
                if (null != inputs)
                {
                    if (0 != completion.read().browseId())
                    {
                        final BiConsumer<List<StoredReference>, String> onPage =
                            browses.remove(completion.read().browseId());
                        if (null != onPage)
                        {
                            onPage.accept(completion.references(), null);
                        }
                    }
                    else
                    {
                        inputs.onPage(completion.read().queue(), completion.references());
                    }
                }
                break;
            case FAILED:
            default:
                failure = null == completion.failure() ?
                    new IllegalStateException("journal failed") : completion.failure();
                durable = Math.max(durable, completion.sequence());
                errorHandler.onError(failure);
                Map.Entry<Long, BiConsumer<List<StoredReference>, String>> browse;
                while (null != (browse = browses.pollFirstEntry()))
                {
                    browse.getValue().accept(null, BrokerJournal.describe(failure));
                }
                if (null != inputs)
                {
                    inputs.onDurabilityFailed(durable, BrokerJournal.describe(failure));
                }
                break;
        }
    }
}
