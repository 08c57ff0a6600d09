package io.aeolus.store;

import java.util.List;
import java.util.function.Consumer;

import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * How the broker conductor reaches the {@link JournalAgent}: it offers commands to the agent's bounded queue and
 * drains the agent's completions. Never blocks: an offer returns false when the queue is full (back-pressure: retry
 * later, park the work, or refuse the send) or when the journal has failed ({@link #isFailed()}).
 * <p>
 * Commands are numbered 1, 2, 3... in the order offers succeed; {@link #lastOfferedSequence()} gives the number of
 * the last one, and {@link JournalCompletion}s refer to these numbers. Single producer and single consumer: one
 * thread, the conductor, makes every call. The convenience methods allocate the command record.
 */
public final class JournalProxy
{
    private final JournalAgent agent;
    private final OneToOneConcurrentArrayQueue<JournalCommand> commandQueue;
    private final OneToOneConcurrentArrayQueue<JournalCompletion> completionQueue;
    private long lastOfferedSequence;

    JournalProxy(
        final JournalAgent agent,
        final OneToOneConcurrentArrayQueue<JournalCommand> commandQueue,
        final OneToOneConcurrentArrayQueue<JournalCompletion> completionQueue)
    {
        this.agent = agent;
        this.commandQueue = commandQueue;
        this.completionQueue = completionQueue;
    }

    /**
     * Wakes the journal thread if it parks (see {@link JournalAgent#wakers}). Call once after offering what belongs
     * together (a duty cycle's commands), not after each command: woken between two commands of one message, the
     * journal would write and force them as two batches.
     */
    public void wakeJournal()
    {
        agent.journalWaker().run();
    }

    /**
     * Offers a command to the journal thread. It does not wake a parked journal thread: {@link #wakeJournal()} does.
     *
     * @param command a write, a {@link JournalCommand.Group} or a {@link JournalCommand.ReadReferences}.
     * @return true if queued, with number {@link #lastOfferedSequence()}; false if the queue is full or the journal
     * failed.
     */
    public boolean offer(final JournalCommand command)
    {
        if (agent.isFailed() || !commandQueue.offer(command))
        {
            return false;
        }
        lastOfferedSequence++;
        return true;
    }

    /**
     * The number of the last command queued, which a {@link JournalCompletion.Type#COMMITTED} completion with an
     * equal or greater sequence confirms.
     *
     * @return the number, 0 before the first.
     */
    public long lastOfferedSequence()
    {
        return lastOfferedSequence;
    }

    /**
     * Whether the journal failed: then offers are refused, and a {@link JournalCompletion.Type#FAILED} completion
     * is (or will be) in the completion queue.
     *
     * @return true once the journal failed.
     */
    public boolean isFailed()
    {
        return agent.isFailed();
    }

    /**
     * Hands waiting completions to a handler, in order, and wakes the journal thread if it was holding completions
     * back for want of room.
     *
     * @param handler called once per completion on this thread.
     * @param limit   the most completions to hand over.
     * @return how many were handed over.
     */
    public int drainCompletions(final Consumer<JournalCompletion> handler, final int limit)
    {
        final int drained = completionQueue.drain(handler, limit);
        if (drained > 0 && agent.completionsWaiting())
        {
            // The journal holds completions back for want of room, and takes no new commands meanwhile: now there
            // is room, and it may be in a long park.
            wakeJournal();
        }
        return drained;
    }

    /**
     * Offers {@link JournalCommand.StoreMessage}.
     *
     * @param messageId      the message id.
     * @param priority       0 to 9.
     * @param expirationMs   epoch ms, 0 for none.
     * @param deliveryTimeMs epoch ms, 0 for none.
     * @param payload        the encoded message, not to be changed afterwards.
     * @return true if queued.
     */
    public boolean storeMessage(
        final long messageId, final int priority, final long expirationMs, final long deliveryTimeMs,
        final byte[] payload)
    {
        return offer(new JournalCommand.StoreMessage(messageId, priority, expirationMs, deliveryTimeMs, payload));
    }

    /**
     * Offers {@link JournalCommand.AddReference}.
     *
     * @param queue     the reference queue.
     * @param messageId the message.
     * @param sequence  position in the queue.
     * @return true if queued.
     */
    public boolean addReference(final String queue, final long messageId, final long sequence)
    {
        return offer(new JournalCommand.AddReference(queue, messageId, sequence));
    }

    /**
     * Offers {@link JournalCommand.RemoveReference}.
     *
     * @param queue     the reference queue.
     * @param messageId the message.
     * @return true if queued.
     */
    public boolean removeReference(final String queue, final long messageId)
    {
        return offer(new JournalCommand.RemoveReference(queue, messageId));
    }

    /**
     * Offers {@link JournalCommand.UpdateDeliveryCount}.
     *
     * @param queue         the reference queue.
     * @param messageId     the message.
     * @param deliveryCount the new count.
     * @return true if queued.
     */
    public boolean updateDeliveryCount(final String queue, final long messageId, final int deliveryCount)
    {
        return offer(new JournalCommand.UpdateDeliveryCount(queue, messageId, deliveryCount));
    }

    /**
     * Offers {@link JournalCommand.CreateDestination}.
     *
     * @param name the destination name.
     * @param type queue or topic.
     * @return true if queued.
     */
    public boolean createDestination(final String name, final DestinationType type)
    {
        return offer(new JournalCommand.CreateDestination(new Destination(name, type)));
    }

    /**
     * Offers {@link JournalCommand.DeleteDestination}.
     *
     * @param name the destination name.
     * @param type queue or topic.
     * @return true if queued.
     */
    public boolean deleteDestination(final String name, final DestinationType type)
    {
        return offer(new JournalCommand.DeleteDestination(new Destination(name, type)));
    }

    /**
     * Offers {@link JournalCommand.CreateDurableSubscription}.
     *
     * @param subscription the definition.
     * @return true if queued.
     */
    public boolean createDurableSubscription(final DurableSubscription subscription)
    {
        return offer(new JournalCommand.CreateDurableSubscription(subscription));
    }

    /**
     * Offers {@link JournalCommand.DeleteDurableSubscription}.
     *
     * @param queue the subscription's reference queue.
     * @return true if queued.
     */
    public boolean deleteDurableSubscription(final String queue)
    {
        return offer(new JournalCommand.DeleteDurableSubscription(queue));
    }

    /**
     * Offers {@link JournalCommand.RecordHistory}: points of the metrics history, and the pruning of older ones.
     *
     * @param points        the points.
     * @param pruneBeforeMs points with an earlier time are deleted; {@link Long#MIN_VALUE} for none.
     * @return true if queued.
     */
    public boolean recordHistory(final List<HistoryPoint> points, final long pruneBeforeMs)
    {
        return offer(new JournalCommand.RecordHistory(points, pruneBeforeMs));
    }

    /**
     * Offers commands that must be written atomically, as one {@link JournalCommand.Group}.
     *
     * @param commands write commands, in order.
     * @return true if queued (all of them, under one number).
     */
    public boolean offerGroup(final List<JournalCommand> commands)
    {
        return offer(new JournalCommand.Group(commands));
    }

    /**
     * Offers {@link JournalCommand.ReadReferences}; the page arrives as a
     * {@link JournalCompletion.Type#REFERENCES} completion with this command's number.
     *
     * @param queue         the reference queue.
     * @param afterSequence exclusive lower bound, -1 for the start.
     * @param limit         the most references to return.
     * @return true if queued.
     */
    public boolean readReferences(final String queue, final long afterSequence, final int limit)
    {
        return offer(new JournalCommand.ReadReferences(queue, afterSequence, limit));
    }
}
