package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.store.XaBranchRecord;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After a restart, the deliveries that prepared XA branches acknowledged: as each comes back into memory (recovery
 * or a later page-in) the branch claims it, so no consumer gets it before the branch is resolved. Engine thread only.
 */
final class XaLocks
{
    /** Acknowledgements whose entries are not in memory yet; for lookups only, never walked for an outcome. */
    private final Map<String, XaBranch> locks = new HashMap<>();

    /**
     * Rebuilds the branches a store kept and remembers what they acknowledged.
     *
     * @param records      the branches, in Xid order.
     * @param destinations for message ids of the branches' sends.
     * @return the branches, in Xid order.
     */
    List<XaBranch> recover(final List<XaBranchRecord> records, final Destinations destinations)
    {
        final List<XaBranch> branches = new ArrayList<>(records.size());
        for (final XaBranchRecord record : records)
        {
            final BranchId id = new BranchId(record.formatId(), record.gtrid(), record.bqual());
            final XaBranch branch = new XaBranch(id, 0);
            branch.state = record.state() == XaBranchRecord.PREPARED ? XaBranch.State.PREPARED :
                record.state() == XaBranchRecord.HEURISTIC_COMMITTED ? XaBranch.State.HEURISTIC_COMMITTED :
                XaBranch.State.HEURISTIC_ROLLED_BACK;
            branch.preparedMs = record.preparedMs();
            for (final byte[] payload : record.sends())
            {
                branch.sends.add(BrokerMessage.decode(destinations.nextMessageId(), new UnsafeBuffer(payload), 0,
                    payload.length));
            }
            for (final XaBranchRecord.Ack ack : record.acks())
            {
                locks.put(lockKey(ack.queue(), ack.messageId()), branch);
                branch.pendingAcks.add(ack);
            }
            branches.add(branch);
        }
        return branches;
    }

    /**
     * @param entry an entry just read back from the store.
     * @return true if a prepared branch acknowledged it and now holds it.
     */
    boolean claim(final QueueEntry entry)
    {
        if (locks.isEmpty() || null == entry.queue().journalName())
        {
            return false;
        }
        final String queue = entry.queue().journalName();
        final long messageId = entry.message().messageId();
        final XaBranch branch = locks.remove(lockKey(queue, messageId));
        if (null == branch)
        {
            return false;
        }
        branch.acked.add(entry);
        branch.pendingAcks.remove(new XaBranchRecord.Ack(queue, messageId));
        return true;
    }

    /**
     * A branch is resolved: what it had not claimed yet is no longer locked.
     */
    void unlock(final XaBranch branch)
    {
        if (!branch.pendingAcks.isEmpty())
        {
            locks.values().removeIf((locked) -> locked == branch);
        }
    }

    private static String lockKey(final String queue, final long messageId)
    {
        return messageId + "@" + queue;
    }

    /**
     * For a snapshot's restore: locks what a restored branch acknowledged and has not claimed yet.
     */
    void relock(final XaBranch branch)
    {
        for (final XaBranchRecord.Ack ack : branch.pendingAcks)
        {
            locks.put(lockKey(ack.queue(), ack.messageId()), branch);
        }
    }
}
