package io.aeolus.store;

import java.util.List;
import java.util.Objects;

/**
 * An XA branch as the journal keeps it from {@code prepare} until it is forgotten: its Xid, its state, the encoded
 * messages it sends when committed and the references it acknowledges when committed. Immutable; the byte arrays
 * are not copied, so not to be changed after the record is made.
 *
 * @param formatId   the Xid's format id.
 * @param gtrid      the Xid's global transaction id, 1 to 64 bytes.
 * @param bqual      the Xid's branch qualifier, 0 to 64 bytes.
 * @param state      {@link #PREPARED}, {@link #HEURISTIC_COMMITTED} or {@link #HEURISTIC_ROLLED_BACK}.
 * @param preparedMs when it was prepared, ms since the epoch (the engine's time).
 * @param sends      the encoded messages, in the order sent.
 * @param acks       the references acknowledged, in the order acknowledged.
 */
public record XaBranchRecord(int formatId, byte[] gtrid, byte[] bqual, int state, long preparedMs,
    List<byte[]> sends, List<Ack> acks)
{
    /** Prepared: waits for the transaction manager's commit or rollback. */
    public static final int PREPARED = 1;
    /** Committed by an administrator; kept until the transaction manager forgets it. */
    public static final int HEURISTIC_COMMITTED = 2;
    /** Rolled back by an administrator; kept until the transaction manager forgets it. */
    public static final int HEURISTIC_ROLLED_BACK = 3;

    /** Longest gtrid and bqual (the XA specification's MAXGTRIDSIZE and MAXBQUALSIZE). */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Checks the fields and copies the lists.
     *
     * @param formatId   format id.
     * @param gtrid      1 to 64 bytes.
     * @param bqual      0 to 64 bytes.
     * @param state      one of the states.
     * @param preparedMs time.
     * @param sends      not null.
     * @param acks       not null.
     */
    public XaBranchRecord
    {
        requireId(gtrid, 1, "gtrid");
        requireId(bqual, 0, "bqual");
        if (state < PREPARED || state > HEURISTIC_ROLLED_BACK)
        {
            throw new IllegalArgumentException("unknown XA branch state " + state);
        }
        sends = List.copyOf(Objects.requireNonNull(sends, "sends"));
        acks = List.copyOf(Objects.requireNonNull(acks, "acks"));
    }

    private static void requireId(final byte[] id, final int minLength, final String name)
    {
        Objects.requireNonNull(id, name);
        if (id.length < minLength || id.length > MAX_ID_LENGTH)
        {
            throw new IllegalArgumentException(name + " must be " + minLength + " to " + MAX_ID_LENGTH +
                " bytes: " + id.length);
        }
    }

    /**
     * A reference the branch acknowledges when committed.
     *
     * @param queue     the reference queue's journal name.
     * @param messageId the message.
     */
    public record Ack(String queue, long messageId)
    {
        /**
         * Checks the queue.
         *
         * @param queue     not null.
         * @param messageId the message.
         */
        public Ack
        {
            Objects.requireNonNull(queue, "queue");
        }
    }
}
