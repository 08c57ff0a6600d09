package io.aeolus.broker.engine;

import io.aeolus.store.Destination;
import io.aeolus.store.DurableSubscription;
import io.aeolus.store.StoredReference;

import java.util.List;

/**
 * What a durable store holds, read once at start to rebuild the engine ({@link MessagingEngine#recover}). The H2
 * journal is one; a replicated log's snapshot could be another.
 */
public interface RecoverySource
{
    /**
     * @return the highest message id ever stored.
     */
    long readLastMessageId();

    /**
     * @return the destinations, in the order created.
     */
    List<Destination> readDestinations();

    /**
     * @return the names of the queues paused.
     */
    List<String> readPausedQueues();

    /**
     * @return the durable subscriptions.
     */
    List<DurableSubscription> readDurableSubscriptions();

    /**
     * @param queue a queue's journal name.
     * @return how many references it holds.
     */
    long readReferenceCount(String queue);

    /**
     * @param queue         a queue's journal name.
     * @param afterSequence the last sequence not wanted, -1 for the first.
     * @param limit         most references.
     * @return its references in sequence order.
     */
    List<StoredReference> readReferences(String queue, long afterSequence, int limit);

    /**
     * A page of a queue's references with the length and expiration of each message, without the bodies: what a
     * retention log keeps of the messages it holds by reference. By default read with the bodies; a journal that
     * can, reads none.
     *
     * @param queue         the reference queue.
     * @param afterSequence exclusive lower bound; -1 for the start.
     * @param limit         most references.
     * @return the page, in sequence order.
     */
    default List<io.aeolus.store.ReferenceLength> readReferenceLengths(final String queue, final long afterSequence,
        final int limit)
    {
        final List<StoredReference> references = readReferences(queue, afterSequence, limit);
        final List<io.aeolus.store.ReferenceLength> lengths = new java.util.ArrayList<>(references.size());
        for (final StoredReference reference : references)
        {
            lengths.add(new io.aeolus.store.ReferenceLength(reference.sequence(), reference.messageId(),
                reference.payload().length, reference.expirationMs()));
        }
        return lengths;
    }

    /**
     * @param queue a queue's journal name.
     * @return the highest sequence it ever used.
     */
    long readLastSequence(String queue);

    /**
     * @return the XA branches prepared or heuristically completed and not yet forgotten, in Xid order; none if the
     * store keeps none.
     */
    default List<io.aeolus.store.XaBranchRecord> readXaBranches()
    {
        return List.of();
    }

    /**
     * @return the settings administrators gave destinations at run time, by destination name and type; none if the
     * store keeps none.
     */
    default List<io.aeolus.store.StoredSettings> readSettings()
    {
        return List.of();
    }

    /**
     * @return the routing rules made at run time, in name order; none if the store keeps none.
     */
    default List<io.aeolus.store.StoredRoute> readRoutes()
    {
        return List.of();
    }

    /**
     * @return the replays of retained topics into queues, with their progress, in id order; none if the store keeps
     * none.
     */
    default List<io.aeolus.store.StoredReplay> readReplays()
    {
        return List.of();
    }
}
