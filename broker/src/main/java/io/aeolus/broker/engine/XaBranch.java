package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.store.XaBranchRecord;

import java.util.ArrayList;

/**
 * One XA branch: the sessions working on it now and those suspended, the sends it holds back and the deliveries it
 * acknowledged (taken from their consumers, still locked in their queues), and its state. Engine thread only.
 */
final class XaBranch
{
    /**
     * Where a branch is in its life (XA's states, as this broker holds them).
     */
    enum State
    {
        /** Started; sessions may be associated, suspended or none (idle, after end). */
        ACTIVE,
        /** Must roll back: ended with TMFAIL, its session or connection gone, or its timeout passed. */
        ROLLBACK_ONLY,
        /** Prepared and journaled: waits for commit or rollback, across restarts. */
        PREPARED,
        /** Committed by an administrator: reported as XA_HEURCOM until forgotten. */
        HEURISTIC_COMMITTED,
        /** Rolled back by an administrator: reported as XA_HEURRB until forgotten. */
        HEURISTIC_ROLLED_BACK
    }

    final BranchId id;
    final long ownerConnectionId;
    final ArrayList<SessionState> associated = new ArrayList<>();
    final ArrayList<SessionState> suspended = new ArrayList<>();
    final ArrayList<BrokerMessage> sends = new ArrayList<>();
    final ArrayList<QueueEntry> acked = new ArrayList<>();
    /** Acknowledgements of a branch read back at restart whose entries are not in memory yet (paged out). */
    final ArrayList<XaBranchRecord.Ack> pendingAcks = new ArrayList<>();
    State state = State.ACTIVE;
    /** Why it must roll back: {@link EngineError#XA_RBROLLBACK} or {@link EngineError#XA_RBTIMEOUT}. */
    EngineError rollbackReason = EngineError.XA_RBROLLBACK;
    String rollbackCause = "";
    long deadlineMs = Long.MAX_VALUE;
    long preparedMs;
    String lastConsumer = "";

    XaBranch(final BranchId id, final long ownerConnectionId)
    {
        this.id = id;
        this.ownerConnectionId = ownerConnectionId;
    }

    boolean isAssociated()
    {
        return !associated.isEmpty() || !suspended.isEmpty();
    }

    boolean isReadOnly()
    {
        return sends.isEmpty() && acked.isEmpty() && pendingAcks.isEmpty();
    }

    boolean isHeuristic()
    {
        return state == State.HEURISTIC_COMMITTED || state == State.HEURISTIC_ROLLED_BACK;
    }

    void rollbackOnly(final EngineError reason, final String cause)
    {
        if (state == State.ACTIVE)
        {
            state = State.ROLLBACK_ONLY;
            rollbackReason = reason;
            rollbackCause = cause;
        }
    }
}
