package io.aeolus.store;

import java.util.List;
import java.util.Objects;

/**
 * One record of a journal batch. A batch is a list of commands, applied in order in one H2 transaction and
 * committed together (group commit). Commands are immutable, so the thread that creates one may hand it to the
 * journal thread through a queue.
 * <p>
 * A command is allocated by its producer (the broker conductor, through {@link JournalProxy}); the message payload
 * it carries is allocated there anyway.
 */
public sealed interface JournalCommand
{
    /**
     * Stores a message. It stays stored while any queue references it; a message stored and then fully
     * acknowledged within one batch is not written at all.
     *
     * @param messageId      the id the broker gave the message, unique among stored messages.
     * @param priority       0 to 9.
     * @param expirationMs   expiration time in epoch milliseconds, 0 for none.
     * @param deliveryTimeMs earliest delivery time in epoch milliseconds, 0 for none.
     * @param payload        the opaque encoded message; not copied, so not to be changed after the command is made.
     */
    record StoreMessage(long messageId, int priority, long expirationMs, long deliveryTimeMs, byte[] payload)
        implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param messageId      id.
         * @param priority       0 to 9.
         * @param expirationMs   expiration.
         * @param deliveryTimeMs delivery time.
         * @param payload        not null.
         */
        public StoreMessage
        {
            Objects.requireNonNull(payload, "payload");
            if (priority < 0 || priority > 9)
            {
                throw new IllegalArgumentException("priority must be 0 to 9: " + priority);
            }
        }
    }

    /**
     * Adds a reference to a stored message at the given position of a queue, with delivery count 0.
     *
     * @param queue     the reference queue: a point-to-point queue or a durable subscription's queue.
     * @param messageId a message stored in this or an earlier batch.
     * @param sequence  the position in the queue, not negative; references are read back in sequence order.
     */
    record AddReference(String queue, long messageId, long sequence) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param queue     not null, at most {@link Destination#MAX_NAME_LENGTH} characters.
         * @param messageId id.
         * @param sequence  not negative.
         */
        public AddReference
        {
            Destination.requireName(queue, "queue");
            if (sequence < 0)
            {
                throw new IllegalArgumentException("sequence must not be negative: " + sequence);
            }
        }
    }

    /**
     * Removes a reference (the message was acknowledged, expired or moved). The message is deleted when no
     * reference to it remains. Removing a reference that does not exist does nothing.
     *
     * @param queue     the reference queue.
     * @param messageId the message.
     */
    record RemoveReference(String queue, long messageId) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param queue     not null.
         * @param messageId id.
         */
        public RemoveReference
        {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * Records how many times a message was delivered from a queue, so that recovery can set redelivery flags.
     *
     * @param queue         the reference queue.
     * @param messageId     the message.
     * @param deliveryCount the new count, not negative.
     */
    record UpdateDeliveryCount(String queue, long messageId, int deliveryCount) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param queue         not null.
         * @param messageId     id.
         * @param deliveryCount not negative.
         */
        public UpdateDeliveryCount
        {
            Objects.requireNonNull(queue, "queue");
            if (deliveryCount < 0)
            {
                throw new IllegalArgumentException("deliveryCount must not be negative: " + deliveryCount);
            }
        }
    }

    /**
     * Creates a destination. Creating one that exists does nothing.
     *
     * @param destination the destination.
     */
    record CreateDestination(Destination destination) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param destination not null.
         */
        public CreateDestination
        {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * Records whether a queue's deliveries are paused, so that a restarted broker keeps it paused.
     *
     * @param destination the queue.
     * @param paused      true if paused.
     */
    record PauseDestination(Destination destination, boolean paused) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param destination not null.
         * @param paused      true if paused.
         */
        public PauseDestination
        {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * Replaces the settings an administrator gave a destination at run time; none removes them. Deleting the
     * destination removes them too.
     *
     * @param settings the destination and its settings.
     */
    record PutSettings(StoredSettings settings) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param settings not null.
         */
        public PutSettings
        {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * Deletes a destination. For a queue, also deletes its references and the messages left without one.
     * The durable subscriptions of a topic are deleted on their own.
     *
     * @param destination the destination.
     */
    record DeleteDestination(Destination destination) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param destination not null.
         */
        public DeleteDestination
        {
            Objects.requireNonNull(destination, "destination");
        }
    }

    /**
     * Creates or replaces a durable subscription (a changed selector or topic replaces it; the broker purges its
     * queue first if JMS says so).
     *
     * @param subscription the definition.
     */
    record CreateDurableSubscription(DurableSubscription subscription) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param subscription not null.
         */
        public CreateDurableSubscription
        {
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /**
     * Deletes a durable subscription with its references and the messages left without one.
     *
     * @param queue the subscription's reference queue.
     */
    record DeleteDurableSubscription(String queue) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param queue not null.
         */
        public DeleteDurableSubscription
        {
            Objects.requireNonNull(queue, "queue");
        }
    }

    /**
     * Creates or replaces a routing rule made at run time.
     *
     * @param route the rule.
     */
    record PutRoute(StoredRoute route) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param route not null.
         */
        public PutRoute
        {
            Objects.requireNonNull(route, "route");
        }
    }

    /**
     * Deletes a routing rule made at run time; deleting one not recorded does nothing.
     *
     * @param name the rule's name.
     */
    record DeleteRoute(String name) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param name not null.
         */
        public DeleteRoute
        {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Creates or replaces a replay of a retained topic into a queue, with its progress. Grouped with the copies a
     * slice of the replay makes, so that the progress recorded and the copies committed always agree.
     *
     * @param replay the replay.
     */
    record PutReplay(StoredReplay replay) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param replay not null.
         */
        public PutReplay
        {
            Objects.requireNonNull(replay, "replay");
        }
    }

    /**
     * Deletes a recorded replay (one long finished that management no longer lists); deleting one not recorded does
     * nothing.
     *
     * @param id the replay's id.
     */
    record DeleteReplay(long id) implements JournalCommand
    {
    }

    /**
     * Records a prepared XA branch (or replaces its state, for a heuristic completion): written with everything it
     * holds, so that it survives a restart until {@link XaForget} removes it.
     *
     * @param branch the branch.
     */
    record XaPrepare(XaBranchRecord branch) implements JournalCommand
    {
        /**
         * Checks the branch.
         *
         * @param branch not null.
         */
        public XaPrepare
        {
            Objects.requireNonNull(branch, "branch");
        }
    }

    /**
     * Marks a recorded XA branch completed by an administrator ({@link XaBranchRecord#HEURISTIC_COMMITTED} or
     * {@link XaBranchRecord#HEURISTIC_ROLLED_BACK}); its sends and acknowledgements are dropped from the record (their
     * effect, if committed, is written in the same group).
     *
     * @param formatId the Xid's format id.
     * @param gtrid    the Xid's global transaction id.
     * @param bqual    the Xid's branch qualifier.
     * @param state    the heuristic state.
     */
    record XaHeuristic(int formatId, byte[] gtrid, byte[] bqual, int state) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param formatId format id.
         * @param gtrid    not null.
         * @param bqual    not null.
         * @param state    a heuristic state.
         */
        public XaHeuristic
        {
            Objects.requireNonNull(gtrid, "gtrid");
            Objects.requireNonNull(bqual, "bqual");
            if (state != XaBranchRecord.HEURISTIC_COMMITTED && state != XaBranchRecord.HEURISTIC_ROLLED_BACK)
            {
                throw new IllegalArgumentException("not a heuristic state: " + state);
            }
        }
    }

    /**
     * Removes a recorded XA branch, with what it held: after commit or rollback (grouped with their effect), or when
     * a heuristic outcome is forgotten. Removing a branch never recorded does nothing.
     *
     * @param formatId the Xid's format id.
     * @param gtrid    the Xid's global transaction id.
     * @param bqual    the Xid's branch qualifier.
     */
    record XaForget(int formatId, byte[] gtrid, byte[] bqual) implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param formatId format id.
         * @param gtrid    not null.
         * @param bqual    not null.
         */
        public XaForget
        {
            Objects.requireNonNull(gtrid, "gtrid");
            Objects.requireNonNull(bqual, "bqual");
        }
    }

    /**
     * Commands that must land in the same batch, so atomically: for example the writes of one JMS transaction.
     * It takes one slot in the journal queue, so back-pressure applies to the group as a whole.
     *
     * @param commands the commands, in order; groups may not nest, and reads and history may not be grouped.
     */
    record Group(List<JournalCommand> commands) implements JournalCommand
    {
        /**
         * Checks and copies the list.
         *
         * @param commands not null, no nested groups, no reads.
         */
        public Group
        {
            commands = List.copyOf(commands);
            for (final JournalCommand command : commands)
            {
                if (command instanceof Group || command instanceof ReadReferences || command instanceof RecordHistory)
                {
                    throw new IllegalArgumentException("a group holds message and structure writes only: " + command);
                }
            }
        }
    }

    /**
     * Asks the journal thread for a page of a queue's references: the {@code limit} references after
     * {@code afterSequence}, in order. Not a write: {@link H2Journal#write(List)} rejects it, and the
     * {@link JournalAgent} answers it with a {@link JournalCompletion.Type#REFERENCES} completion. The page reflects
     * at least every command offered before it.
     *
     * <p>
     * A browse read ({@code browseId} not 0) skips {@code skip} references first and only looks: the broker shows
     * the page to an administrator and leaves the messages paged out.
     *
     * @param queue         the reference queue.
     * @param afterSequence exclusive lower bound; -1 for the start of the queue.
     * @param limit         the largest number of references to return, at least 1.
     * @param skip          references after {@code afterSequence} to pass over before the page starts, at least 0.
     * @param browseId      0 for a page the broker takes into memory; else the browse this read answers.
     */
    record ReadReferences(String queue, long afterSequence, int limit, long skip, long browseId)
        implements JournalCommand
    {
        /**
         * Checks the fields.
         *
         * @param queue         not null.
         * @param afterSequence lower bound.
         * @param limit         at least 1.
         * @param skip          at least 0.
         * @param browseId      any.
         */
        public ReadReferences
        {
            Objects.requireNonNull(queue, "queue");
            if (limit < 1)
            {
                throw new IllegalArgumentException("limit must be at least 1: " + limit);
            }
            if (skip < 0)
            {
                throw new IllegalArgumentException("skip must not be negative: " + skip);
            }
        }

        /**
         * A page read for paging: nothing skipped, no browse.
         *
         * @param queue         not null.
         * @param afterSequence lower bound.
         * @param limit         at least 1.
         */
        public ReadReferences(final String queue, final long afterSequence, final int limit)
        {
            this(queue, afterSequence, limit, 0, 0);
        }
    }

    /**
     * Writes points of the broker's metrics history and deletes the points older than {@code pruneBeforeMs}. Not
     * durability-critical: the {@link JournalAgent} writes it in a transaction of its own after the batch it came
     * with is committed and its completion posted, without a forced write, so it never delays the confirmation of
     * a message; if it fails, it is reported to the error handler and lost, and the journal goes on. Not part of a
     * {@link Group}, and {@link H2Journal#write(List)} rejects it: {@link H2Journal#writeHistory(RecordHistory)}
     * writes it.
     *
     * @param points        the points, in any order; a point at a time and series already stored replaces it.
     * @param pruneBeforeMs points with an earlier time are deleted; {@link Long#MIN_VALUE} deletes none.
     */
    record RecordHistory(List<HistoryPoint> points, long pruneBeforeMs) implements JournalCommand
    {
        /**
         * Checks and copies the list.
         *
         * @param points        not null, no null element.
         * @param pruneBeforeMs epoch milliseconds.
         */
        public RecordHistory
        {
            points = List.copyOf(points);
        }
    }
}
