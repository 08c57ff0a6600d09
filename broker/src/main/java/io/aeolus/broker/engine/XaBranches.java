package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.store.XaBranchRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The XA branches the engine holds, by Xid, and the transaction manager's calls on them (XA's state table: start,
 * end, prepare, commit, rollback, forget, recover), answered with the XA specification's codes. A prepared branch is
 * journaled with what it sends and acknowledges, survives a restart and keeps the deliveries it acknowledged from
 * every other consumer until it is resolved, by its transaction manager or heuristically by an administrator.
 * A branch not prepared is rolled back when its timeout passes or its connection goes. Branches are walked in Xid
 * order. Engine thread only.
 */
final class XaBranches implements XaInputs
{
    private final TreeMap<BranchId, XaBranch> branches = new TreeMap<>();
    private final XaLocks locks = new XaLocks();
    private final ConnectionRegistry connections;
    private final Destinations destinations;
    private final DurableWaiters waiters;
    private final ClientEgress egress;
    private final XaWork work;

    XaBranches(final ConnectionRegistry connections, final Destinations destinations, final DurableWaiters waiters,
        final ClientEgress egress)
    {
        this.connections = connections;
        this.destinations = destinations;
        this.waiters = waiters;
        this.egress = egress;
        this.work = new XaWork(destinations);
        destinations.transactionLocks = locks::claim;
    }

    /**
     * {@inheritDoc}
     */
    public void onXaStart(final long connectionId, final long correlationId, final long sessionId,
        final BranchId id, final int flags, final int timeoutSeconds)
    {
        final EngineConnection connection = connections.get(connectionId);
        final SessionState session = xaSession(connection, correlationId, sessionId);
        if (null == session)
        {
            return;
        }
        if (null != session.xaBranch)
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "session " + sessionId +
                " works on branch " + session.xaBranch.id + ": end it before starting another");
            return;
        }
        if (flags != TMNOFLAGS && flags != TMJOIN && flags != TMRESUME)
        {
            connection.sendError(correlationId, EngineError.XA_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, " +
                "not flags 0x" + Integer.toHexString(flags));
            return;
        }
        XaBranch branch = branches.get(id);
        if (flags == TMNOFLAGS)
        {
            if (null != branch)
            {
                connection.sendError(correlationId, EngineError.XA_DUPID, "branch " + id + " exists: use TMJOIN");
                return;
            }
            if (timeoutSeconds < 0)
            {
                connection.sendError(correlationId, EngineError.XA_INVAL, "negative timeout " + timeoutSeconds);
                return;
            }
            branch = new XaBranch(id, connectionId);
            if (timeoutSeconds > 0)
            {
                branch.deadlineMs = destinations.nowMs + timeoutSeconds * 1000L;
            }
            branches.put(id, branch);
        }
        else if (!canJoin(connection, correlationId, session, branch, id, flags))
        {
            return;
        }
        branch.associated.add(session);
        session.xaBranch = branch;
        connection.sendOk(correlationId, 0);
    }

    private boolean canJoin(final EngineConnection connection, final long correlationId, final SessionState session,
        final XaBranch branch, final BranchId id, final int flags)
    {
        if (null == branch)
        {
            connection.sendError(correlationId, EngineError.XA_NOTA, "no branch " + id + " to join or resume");
            return false;
        }
        if (branch.state == XaBranch.State.ROLLBACK_ONLY)
        {
            connection.sendError(correlationId, branch.rollbackReason, "branch " + id + " must roll back: " +
                branch.rollbackCause);
            return false;
        }
        if (branch.state != XaBranch.State.ACTIVE)
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " is " + branch.state +
                ": no more work can join it");
            return false;
        }
        if (flags == TMRESUME && !branch.suspended.remove(session))
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "session " + session.sessionId +
                " did not suspend branch " + id);
            return false;
        }
        return true;
    }

    /**
     * {@inheritDoc}
     */
    public void onXaEnd(final long connectionId, final long correlationId, final long sessionId, final BranchId id,
        final int flags, final Map<Long, Long> lastConsumedByConsumer)
    {
        final EngineConnection connection = connections.get(connectionId);
        final SessionState session = xaSession(connection, correlationId, sessionId);
        if (null == session)
        {
            return;
        }
        final XaBranch branch = branches.get(id);
        if (null == branch)
        {
            connection.sendError(correlationId, EngineError.XA_NOTA, "no branch " + id);
            return;
        }
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND)
        {
            connection.sendError(correlationId, EngineError.XA_INVAL, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, " +
                "not flags 0x" + Integer.toHexString(flags));
            return;
        }
        if (session.xaBranch == branch)
        {
            takeWork(connection, session, branch, lastConsumedByConsumer);
            branch.associated.remove(session);
            session.xaBranch = null;
            if (flags == TMSUSPEND)
            {
                branch.suspended.add(session);
            }
        }
        else if (flags == TMSUSPEND || !branch.suspended.remove(session))
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "session " + sessionId +
                " is not working on branch " + id + (flags == TMSUSPEND ? "" : " nor suspended it"));
            return;
        }
        if (flags == TMFAIL)
        {
            branch.rollbackOnly(EngineError.XA_RBROLLBACK, "ended with TMFAIL");
            connection.sendOk(correlationId, 0);
        }
        else if (branch.state == XaBranch.State.ROLLBACK_ONLY)
        {
            connection.sendError(correlationId, branch.rollbackReason, "branch " + id + " must roll back: " +
                branch.rollbackCause);
        }
        else
        {
            connection.sendOk(correlationId, 0);
        }
    }

    private void takeWork(final EngineConnection connection, final SessionState session, final XaBranch branch,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        branch.sends.addAll(session.transactedSends);
        session.transactedSends.clear();
        final long[] consumerIds = new long[lastConsumedByConsumer.size()];
        int count = 0;
        for (final Long consumerId : lastConsumedByConsumer.keySet())
        {
            consumerIds[count++] = consumerId;
        }
        // In consumer id order, whatever map the adapter built: the branch's record must not depend on hash order.
        Arrays.sort(consumerIds);
        for (final long consumerId : consumerIds)
        {
            final Consumer consumer = connection.consumersById.get(consumerId);
            if (null != consumer && consumer.sessionId() == session.sessionId && !consumer.isBrowser())
            {
                final List<QueueEntry> acked = consumer.acknowledge(lastConsumedByConsumer.get(consumerId), true);
                if (!acked.isEmpty())
                {
                    branch.acked.addAll(acked);
                    branch.lastConsumer = consumer.description();
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     */
    public void onXaPrepare(final long connectionId, final long correlationId, final BranchId id)
    {
        final EngineConnection connection = connections.get(connectionId);
        final XaBranch branch = completable(connection, correlationId, id, false);
        if (null == branch)
        {
            return;
        }
        if (branch.state != XaBranch.State.ACTIVE)
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " is " + branch.state +
                " already");
            return;
        }
        if (branch.isReadOnly())
        {
            branches.remove(id);
            connection.sendOk(correlationId, XA_RDONLY);
            return;
        }
        branch.state = XaBranch.State.PREPARED;
        branch.preparedMs = destinations.nowMs;
        final long position = work.prepare(branch);
        waiters.whenDurable(position, DurableReply.ok(connection, correlationId, XA_OK, EngineError.XA_RMERR,
            "the journal failed during prepare of " + id + ": "));
    }

    /**
     * {@inheritDoc}
     */
    public void onXaCommit(final long connectionId, final long correlationId, final BranchId id,
        final boolean onePhase)
    {
        final EngineConnection connection = connections.get(connectionId);
        final XaBranch branch = completable(connection, correlationId, id, true);
        if (null == branch)
        {
            return;
        }
        final boolean prepared = branch.state == XaBranch.State.PREPARED;
        if (prepared == onePhase)
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, onePhase ?
                "branch " + id + " is prepared: commit it in two phases" :
                "branch " + id + " is not prepared: prepare it or commit it in one phase");
            return;
        }
        branches.remove(id);
        locks.unlock(branch);
        final long position = work.commit(branch, prepared, 0);
        waiters.whenDurable(position, DurableReply.ok(connection, correlationId, 0, EngineError.XA_RMERR,
            "the journal failed during commit of " + id + ": "));
    }

    /**
     * {@inheritDoc}
     */
    public void onXaRollback(final long connectionId, final long correlationId, final BranchId id)
    {
        final EngineConnection connection = connections.get(connectionId);
        final XaBranch branch = known(connection, correlationId, id);
        if (null == branch || heuristicOutcome(connection, correlationId, branch))
        {
            return;
        }
        if (!branch.associated.isEmpty())
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " still has " +
                branch.associated.size() + " session(s) working on it: end them first");
            return;
        }
        final long position = remove(branch);
        waiters.whenDurable(position, DurableReply.ok(connection, correlationId, 0, EngineError.XA_RMERR,
            "the journal failed during rollback of " + id + ": "));
    }

    /**
     * {@inheritDoc}
     */
    public void onXaForget(final long connectionId, final long correlationId, final BranchId id)
    {
        final EngineConnection connection = connections.get(connectionId);
        final XaBranch branch = known(connection, correlationId, id);
        if (null == branch)
        {
            return;
        }
        if (!branch.isHeuristic())
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " is " + branch.state +
                ": only a heuristically completed branch is forgotten");
            return;
        }
        branches.remove(id);
        final long position = work.forget(branch);
        waiters.whenDurable(position, DurableReply.ok(connection, correlationId, 0, EngineError.XA_RMERR,
            "the journal failed during forget of " + id + ": "));
    }

    /**
     * {@inheritDoc}
     */
    public void onXaRecover(final long connectionId, final long correlationId)
    {
        final EngineConnection connection = connections.get(connectionId);
        if (null == connection)
        {
            return;
        }
        final List<BranchId> recoverable = new ArrayList<>();
        for (final XaBranch branch : branches.values())
        {
            if (branch.state == XaBranch.State.PREPARED || branch.isHeuristic())
            {
                recoverable.add(branch.id);
            }
        }
        egress.xaRecovered(connectionId, correlationId, recoverable);
    }

    /**
     * The branch for commit or prepare: known, not heuristic, not doomed (a doomed one is rolled back and its
     * reason answered), not associated. Answers and returns null otherwise.
     */
    private XaBranch completable(final EngineConnection connection, final long correlationId, final BranchId id,
        final boolean commit)
    {
        final XaBranch branch = known(connection, correlationId, id);
        if (null == branch || (commit && heuristicOutcome(connection, correlationId, branch)))
        {
            return null;
        }
        if (branch.isHeuristic())
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " is " + branch.state);
            return null;
        }
        if (branch.state == XaBranch.State.ROLLBACK_ONLY && !branch.associated.isEmpty())
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " still has sessions " +
                "working on it: end them first");
            return null;
        }
        if (branch.state == XaBranch.State.ROLLBACK_ONLY)
        {
            remove(branch);
            connection.sendError(correlationId, branch.rollbackReason, "branch " + id + " was rolled back: " +
                branch.rollbackCause);
            return null;
        }
        if (branch.isAssociated())
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "branch " + id + " still has sessions " +
                "working on it or suspended: end them first");
            return null;
        }
        return branch;
    }

    private XaBranch known(final EngineConnection connection, final long correlationId, final BranchId id)
    {
        if (null == connection)
        {
            return null;
        }
        final XaBranch branch = branches.get(id);
        if (null == branch)
        {
            connection.sendError(correlationId, EngineError.XA_NOTA, "no branch " + id);
        }
        return branch;
    }

    private static boolean heuristicOutcome(final EngineConnection connection, final long correlationId,
        final XaBranch branch)
    {
        if (branch.state == XaBranch.State.HEURISTIC_COMMITTED)
        {
            connection.sendError(correlationId, EngineError.XA_HEURCOM, "branch " + branch.id +
                " was committed by an administrator");
            return true;
        }
        if (branch.state == XaBranch.State.HEURISTIC_ROLLED_BACK)
        {
            connection.sendError(correlationId, EngineError.XA_HEURRB, "branch " + branch.id +
                " was rolled back by an administrator");
            return true;
        }
        return false;
    }

    /**
     * Rolls a branch back and forgets it.
     *
     * @return the position to wait for.
     */
    private long remove(final XaBranch branch)
    {
        branches.remove(branch.id);
        for (final SessionState session : branch.associated)
        {
            session.xaBranch = null;
        }
        branch.associated.clear();
        branch.suspended.clear();
        locks.unlock(branch);
        return work.rollback(branch, branch.state == XaBranch.State.PREPARED, 0);
    }

    private static SessionState xaSession(final EngineConnection connection, final long correlationId,
        final long sessionId)
    {
        if (null == connection)
        {
            return null;
        }
        final SessionState session = connection.sessions.get(sessionId);
        if (null == session || !session.isTransacted())
        {
            connection.sendError(correlationId, EngineError.XA_PROTO, "session " + sessionId +
                (null == session ? " does not exist" : " is not an XA (transacted) session"));
            return null;
        }
        return session;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sessions and connections that go, time, restart, administrators.

    /**
     * A session closes: a branch it still works on must roll back (its client did not end it).
     *
     * @param session the session, null if unknown.
     */
    void onSessionClosing(final SessionState session)
    {
        if (null == session)
        {
            return;
        }
        final XaBranch branch = session.xaBranch;
        if (null != branch)
        {
            branch.associated.remove(session);
            session.xaBranch = null;
            branch.rollbackOnly(EngineError.XA_RBROLLBACK, "session " + session.sessionId + " closed while working");
        }
        for (final XaBranch suspended : branches.values())
        {
            suspended.suspended.remove(session);
        }
    }

    /**
     * A connection is gone: its sessions leave their branches, and a branch it started that is not prepared and
     * has no other session working on it is rolled back (the XA specification lets a resource manager do so).
     */
    void onConnectionClosed(final EngineConnection connection)
    {
        // In session id order: which session's close dooms a branch shows in its rollback cause.
        // order-free: the keys are sorted before use.
        final long[] sessionIds = connection.sessions.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        for (final long sessionId : sessionIds)
        {
            onSessionClosing(connection.sessions.get(sessionId));
        }
        for (final XaBranch branch : new ArrayList<>(branches.values()))
        {
            if (branch.ownerConnectionId == connection.connectionId && !branch.isAssociated() &&
                (branch.state == XaBranch.State.ACTIVE || branch.state == XaBranch.State.ROLLBACK_ONLY))
            {
                remove(branch);
            }
        }
    }

    /**
     * Rolls back the work of branches not prepared whose timeout passed; the transaction manager hears
     * XA_RBTIMEOUT when it comes back.
     *
     * @return branches timed out now.
     */
    int onTimer(final long nowMs)
    {
        int timedOut = 0;
        for (final XaBranch branch : branches.values())
        {
            if (branch.state == XaBranch.State.ACTIVE && nowMs - branch.deadlineMs >= 0)
            {
                branch.rollbackOnly(EngineError.XA_RBTIMEOUT, "its timeout passed");
                work.rollback(branch, false, 0);
                timedOut++;
            }
        }
        return timedOut;
    }

    /**
     * Rebuilds the branches the store kept, before the messages are read back: entries they acknowledged are
     * claimed as they come into memory.
     *
     * @param records the branches, in Xid order.
     */
    void recover(final List<XaBranchRecord> records)
    {
        for (final XaBranch branch : locks.recover(records, destinations))
        {
            branches.put(branch.id, branch);
        }
    }

    /**
     * An administrator resolves a prepared branch whose transaction manager does not come back; the manager hears
     * XA_HEURCOM or XA_HEURRB and then forgets it.
     *
     * @param id     the branch.
     * @param commit true to commit, false to roll back.
     * @return null if done, else why not.
     */
    String completeHeuristically(final BranchId id, final boolean commit)
    {
        final XaBranch branch = branches.get(id);
        if (null == branch)
        {
            return "no branch " + id;
        }
        if (branch.state != XaBranch.State.PREPARED)
        {
            return "branch " + id + " is " + branch.state + ", not PREPARED";
        }
        locks.unlock(branch);
        if (commit)
        {
            work.commit(branch, true, XaBranchRecord.HEURISTIC_COMMITTED);
            branch.state = XaBranch.State.HEURISTIC_COMMITTED;
        }
        else
        {
            work.rollback(branch, true, XaBranchRecord.HEURISTIC_ROLLED_BACK);
            branch.state = XaBranch.State.HEURISTIC_ROLLED_BACK;
        }
        return null;
    }

    /**
     * @return every branch held, in Xid order, for management.
     */
    List<XaBranchInfo> list()
    {
        final List<XaBranchInfo> infos = new ArrayList<>(branches.size());
        for (final XaBranch branch : branches.values())
        {
            infos.add(new XaBranchInfo(branch.id.toString(), branch.state.name(), branch.preparedMs,
                branch.sends.size(), branch.acked.size() + branch.pendingAcks.size()));
        }
        return infos;
    }

    /**
     * @return branches held.
     */
    int size()
    {
        return branches.size();
    }

    /**
     * @return the branches in Xid order; for a snapshot, and its restore into an engine that has none.
     */
    TreeMap<BranchId, XaBranch> branches()
    {
        return branches;
    }

    XaLocks locks()
    {
        return locks;
    }
}
