package io.aeolus.broker.journal;

import io.aeolus.broker.engine.RecoverySource;
import io.aeolus.store.Destination;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.H2Journal;
import io.aeolus.store.StoredReference;

import java.util.List;

/**
 * What the H2 journal holds, read for the engine's recovery before the journal thread starts.
 *
 * @param store the opened journal.
 */
public record H2RecoverySource(H2Journal store) implements RecoverySource
{
    /**
     * {@inheritDoc}
     */
    public long readLastMessageId()
    {
        return store.readLastMessageId();
    }

    /**
     * {@inheritDoc}
     */
    public List<Destination> readDestinations()
    {
        return store.readDestinations();
    }

    /**
     * {@inheritDoc}
     */
    public List<String> readPausedQueues()
    {
        return store.readPausedQueues();
    }

    /**
     * {@inheritDoc}
     */
    public List<DurableSubscription> readDurableSubscriptions()
    {
        return store.readDurableSubscriptions();
    }

    /**
     * {@inheritDoc}
     */
    public long readReferenceCount(final String queue)
    {
        return store.readReferenceCount(queue);
    }

    /**
     * {@inheritDoc}
     */
    public List<StoredReference> readReferences(final String queue, final long afterSequence, final int limit)
    {
        return store.readReferences(queue, afterSequence, limit);
    }

    /** {@inheritDoc} */
    @Override
    public List<io.aeolus.store.ReferenceLength> readReferenceLengths(final String queue, final long afterSequence,
        final int limit)
    {
        return store.readReferenceLengths(queue, afterSequence, limit);
    }

    /**
     * {@inheritDoc}
     */
    public long readLastSequence(final String queue)
    {
        return store.readLastSequence(queue);
    }

    /**
     * {@inheritDoc}
     */
    public List<io.aeolus.store.XaBranchRecord> readXaBranches()
    {
        return store.readXaBranches();
    }

    /**
     * {@inheritDoc}
     */
    public List<io.aeolus.store.StoredSettings> readSettings()
    {
        return store.readSettings();
    }

    /**
     * {@inheritDoc}
     */
    public List<io.aeolus.store.StoredRoute> readRoutes()
    {
        return store.readRoutes();
    }

    /**
     * {@inheritDoc}
     */
    public List<io.aeolus.store.StoredReplay> readReplays()
    {
        return store.readReplays();
    }
}
