package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.transport.codecs.AckMode;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;

/**
 * A client session as the broker sees it: its acknowledgement mode, its consumers, and for a transacted session
 * the sends held back until commit. Conductor thread only.
 */
final class SessionState
{
    final long sessionId;
    final AckMode ackMode;
    final ArrayList<Consumer> consumers = new ArrayList<>();
    final ArrayList<BrokerMessage> transactedSends = new ArrayList<>();
    /** Per producer, a refused send it asked no answer for and was not yet told about ({@link SendRefusals}). */
    final Long2ObjectHashMap<SendRefusals.Refusal> refusals = new Long2ObjectHashMap<>();
    /** Why the current transaction can only roll back (a send in it was refused), or null. */
    String rollbackOnly;
    /** The XA branch the session works on now, null if none. */
    XaBranch xaBranch;

    SessionState(final long sessionId, final AckMode ackMode)
    {
        this.sessionId = sessionId;
        this.ackMode = ackMode;
    }

    /**
     * Ends the current transaction (commit or rollback): forgets its held sends and whether it was rollback-only.
     */
    void endTransaction()
    {
        transactedSends.clear();
        rollbackOnly = null;
    }

    boolean isTransacted()
    {
        return ackMode == AckMode.TRANSACTED;
    }
}
