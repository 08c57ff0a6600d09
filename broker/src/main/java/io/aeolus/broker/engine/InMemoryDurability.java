package io.aeolus.broker.engine;

import io.aeolus.store.JournalCommand;
import io.aeolus.store.JournalStatistics;

/**
 * Durability that keeps nothing: every message lives in memory only, every append is durable at once (position 0)
 * and no queue is ever paged out.
 */
public final class InMemoryDurability implements Durability
{
    /**
     * {@inheritDoc}
     */
    public boolean isPersistent()
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public long append(final JournalCommand command)
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public void beginGroup()
    {
    }

    /**
     * {@inheritDoc}
     */
    public long endGroup()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public void readPage(final String queue, final long afterSequence, final int limit)
    {
    }

    /**
     * {@inheritDoc}
     */
    public boolean offerIfRoom(final JournalCommand command)
    {
        return false;
    }

    /**
     * {@inheritDoc}
     */
    public long pendingCount()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public long lastAppended()
    {
        return 0;
    }

    /**
     * {@inheritDoc}
     */
    public JournalStatistics statistics()
    {
        return null;
    }
}
