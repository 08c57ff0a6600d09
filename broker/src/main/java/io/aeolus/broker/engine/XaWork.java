package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.store.JournalCommand;
import io.aeolus.store.XaBranchRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * What completing an XA branch does to the messages: prepare writes the branch to the durable store; commit routes
 * its sends and removes what it acknowledged; rollback drops its sends and gives back what it acknowledged as a
 * failed delivery. Each is one atomic durable group, with the branch's own record written or removed in it. Part of
 * {@link XaBranches}; engine thread only.
 */
final class XaWork
{
    private final Destinations destinations;
    private final DeadLetters deadLetters;

    XaWork(final Destinations destinations)
    {
        this.destinations = destinations;
        this.deadLetters = new DeadLetters(destinations);
    }

    /**
     * @return the position to wait for before the prepare is answered.
     */
    long prepare(final XaBranch branch)
    {
        final Durability durability = destinations.durability();
        durability.beginGroup();
        destinations.append(new JournalCommand.XaPrepare(record(branch, XaBranchRecord.PREPARED)));
        return durability.endGroup();
    }

    /**
     * Commits: sends routed, acknowledged entries removed.
     *
     * @param journaled the branch's own record to remove (prepared) or mark (heuristic).
     * @param heuristic {@link XaBranchRecord#HEURISTIC_COMMITTED} to keep the record as a heuristic outcome, else 0.
     * @return the position to wait for.
     */
    long commit(final XaBranch branch, final boolean journaled, final int heuristic)
    {
        final Durability durability = destinations.durability();
        durability.beginGroup();
        final ArrayList<QueueEntry> acked = branch.acked;
        for (int i = 0, size = acked.size(); i < size; i++)
        {
            final QueueEntry entry = acked.get(i);
            destinations.acknowledge(entry.queue(), List.of(entry));
        }
        for (final XaBranchRecord.Ack ack : branch.pendingAcks)
        {
            // Still paged out: removed from the store, it never comes into memory.
            destinations.append(new JournalCommand.RemoveReference(ack.queue(), ack.messageId()));
        }
        final ArrayList<BrokerMessage> sends = branch.sends;
        for (int i = 0, size = sends.size(); i < size; i++)
        {
            destinations.route(sends.get(i));
        }
        acked.clear();
        branch.pendingAcks.clear();
        sends.clear();
        closeRecord(branch, journaled, heuristic);
        return durability.endGroup();
    }

    /**
     * Rolls back: sends dropped, acknowledged entries back in their queues as failed deliveries.
     *
     * @param journaled the branch's own record to remove (prepared) or mark (heuristic).
     * @param heuristic {@link XaBranchRecord#HEURISTIC_ROLLED_BACK} to keep the record as a heuristic outcome, else 0.
     * @return the position to wait for.
     */
    long rollback(final XaBranch branch, final boolean journaled, final int heuristic)
    {
        final Durability durability = destinations.durability();
        durability.beginGroup();
        final ArrayList<QueueEntry> acked = branch.acked;
        for (int i = 0, size = acked.size(); i < size; i++)
        {
            deadLetters.takeBackFromTransaction(acked.get(i), branch.lastConsumer);
        }
        acked.clear();
        // Still paged out: they come into memory as any other message.
        branch.pendingAcks.clear();
        branch.sends.clear();
        closeRecord(branch, journaled, heuristic);
        return durability.endGroup();
    }

    /**
     * @return the position to wait for before a forget is answered.
     */
    long forget(final XaBranch branch)
    {
        final Durability durability = destinations.durability();
        durability.beginGroup();
        closeRecord(branch, true, 0);
        return durability.endGroup();
    }

    private void closeRecord(final XaBranch branch, final boolean journaled, final int heuristic)
    {
        if (!journaled)
        {
            return;
        }
        final BranchId id = branch.id;
        if (0 != heuristic)
        {
            destinations.append(new JournalCommand.XaHeuristic(id.formatId(), id.gtrid(), id.bqual(), heuristic));
        }
        else
        {
            destinations.append(new JournalCommand.XaForget(id.formatId(), id.gtrid(), id.bqual()));
        }
    }

    private static XaBranchRecord record(final XaBranch branch, final int state)
    {
        final List<byte[]> sends = new ArrayList<>(branch.sends.size());
        for (final BrokerMessage message : branch.sends)
        {
            sends.add(message.encodedBytes());
        }
        final List<XaBranchRecord.Ack> acks = new ArrayList<>(branch.acked.size());
        for (final QueueEntry entry : branch.acked)
        {
            final MessageQueue queue = entry.queue();
            // Only what the store holds can be locked again after a restart; a non-persistent message is gone then.
            if (queue.isJournaled(entry.message()))
            {
                acks.add(new XaBranchRecord.Ack(queue.journalName(), entry.message().messageId()));
            }
        }
        acks.addAll(branch.pendingAcks);
        final BranchId id = branch.id;
        return new XaBranchRecord(id.formatId(), id.gtrid(), id.bqual(), state, branch.preparedMs, sends, acks);
    }
}
