package io.aeolus.broker.engine;

import java.util.Map;

/**
 * The XA part of the engine's input port ({@link EngineInputs#xa()}): a transaction manager's calls on a branch, as
 * an adapter decodes them. Same thread and order rules as {@link EngineInputs}. Each request is answered on
 * {@link ClientEgress}: Ok (prepare's value {@link #XA_OK} or {@link #XA_RDONLY}), an error whose code is one of the
 * {@code XA_*} {@link EngineError}s, or for recover {@link ClientEgress#xaRecovered}. Flag values are the XA
 * specification's (as {@code javax.transaction.xa.XAResource} has them).
 */
public interface XaInputs
{
    /** No flags. */
    int TMNOFLAGS = 0;
    /** Start: join a branch another session started. */
    int TMJOIN = 0x00200000;
    /** Start: resume a branch this session suspended. */
    int TMRESUME = 0x08000000;
    /** End: the work is done. */
    int TMSUCCESS = 0x04000000;
    /** End: the work failed; the branch must roll back. */
    int TMFAIL = 0x20000000;
    /** End: suspend; the same session resumes it later. */
    int TMSUSPEND = 0x02000000;
    /** Prepare answered: the branch will commit when told. */
    int XA_OK = 0;
    /** Prepare answered: the branch did nothing; it is already gone. */
    int XA_RDONLY = 3;

    /**
     * A session starts (or joins, or resumes) work on a branch: its sends and acknowledgements belong to the branch
     * until it ends.
     *
     * @param connectionId   the client.
     * @param correlationId  the request's correlation id.
     * @param sessionId      a session created transacted (an XA session).
     * @param branch         the Xid.
     * @param flags          {@link #TMNOFLAGS}, {@link #TMJOIN} or {@link #TMRESUME}.
     * @param timeoutSeconds for a new branch, seconds until an unprepared branch is rolled back; 0 for none.
     */
    void onXaStart(long connectionId, long correlationId, long sessionId, BranchId branch, int flags,
        int timeoutSeconds);

    /**
     * A session ends its work on a branch: what it sent is held by the branch, and the deliveries up to each
     * consumer's last consumed one are acknowledged by the branch (locked until it completes).
     *
     * @param connectionId           the client.
     * @param correlationId          the request's correlation id.
     * @param sessionId              the session.
     * @param branch                 the Xid.
     * @param flags                  {@link #TMSUCCESS}, {@link #TMFAIL} or {@link #TMSUSPEND}.
     * @param lastConsumedByConsumer the session's consumers with their last delivery consumed.
     */
    void onXaEnd(long connectionId, long correlationId, long sessionId, BranchId branch, int flags,
        Map<Long, Long> lastConsumedByConsumer);

    /**
     * Prepares a branch: journaled, answered once durable.
     */
    void onXaPrepare(long connectionId, long correlationId, BranchId branch);

    /**
     * Commits a branch: one-phase (not prepared) or two-phase (prepared); answered once durable.
     */
    void onXaCommit(long connectionId, long correlationId, BranchId branch, boolean onePhase);

    /**
     * Rolls a branch back: its sends are dropped, its acknowledged deliveries come back (redelivered).
     */
    void onXaRollback(long connectionId, long correlationId, BranchId branch);

    /**
     * Forgets a heuristically completed branch.
     */
    void onXaForget(long connectionId, long correlationId, BranchId branch);

    /**
     * Lists the branches prepared or heuristically completed, answered by {@link ClientEgress#xaRecovered}.
     */
    void onXaRecover(long connectionId, long correlationId);
}
