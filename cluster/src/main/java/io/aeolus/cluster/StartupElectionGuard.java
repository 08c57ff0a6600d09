package io.aeolus.cluster;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Makes a member's first election after its start keep the group's client sessions if it makes the member leader.
 * <p>
 * Aeron Cluster 1.47 treats a member elected leader in the first election after its process started as a whole
 * group starting: its consensus module times out every client session it knows (they are taken to be gone), and
 * neither it nor its service tells them of the new leader. That election object lasts until the member has caught
 * up and follows the leader; when the leader dies while a restarted member still catches up, the election starts
 * over inside the same object, and if the restarted member wins it closes every live client's session: the clients
 * never hear of the new leader, and their sends stay unconfirmed (BENCHMARKS.md, "Failover stage by stage").
 * <p>
 * Once the consensus module runs, the guard clears that election's startup mark ({@link StartupElectionMark}) as
 * soon as the election is past its first {@code INIT}: whoever the election makes leader then keeps the sessions and
 * announces itself to them, as in any later election, and the guard is done. Until the mark is {@link #attach
 * attached} (the consensus module launched), or when it could not be reached (another Aeron, or the JVM refused the
 * access), the guard falls back to holding the member back: once its first election has found a live leader (a
 * follower's state: replay, catch-up, joining the log), the member does not nominate itself (Aeron's
 * appointed-leader setting, read by the election only when it decides whether to stand) until that election is over;
 * it still votes, so the member that followed the dead leader all along is elected, and that one tells the clients.
 * If no other member has been elected for {@code releaseAfterNs} since the member last followed a leader (the others
 * cannot win, say its log is the longest), it may stand again: a leader that closes the sessions is better than
 * none. A member alone, or with an appointed leader configured, is not held. Polled on the consensus module's own
 * thread, by its idle strategy ({@link GuardedIdleStrategy}): the election and Aeron's appointed-leader setting are
 * plain fields read on that thread, so they must be written there too. Not thread-safe, except {@link #attach}.
 */
final class StartupElectionGuard
{
    private final ConsensusModule.Context context;
    private final IntSupplier elections;
    private final IntSupplier electionState;
    private final int standInId;
    private final long releaseAfterNs;
    private final boolean canHold;
    private volatile BooleanSupplier mark;
    private RuntimeException markFailure;
    private boolean done;
    private boolean cleared;
    private boolean holding;
    private long lastFollowedNs;

    /**
     * @param context        the member's consensus module settings, where the appointed leader is set.
     * @param elections      how many elections the member's consensus module started since it was launched.
     * @param electionState  the code of its current election state ({@link ElectionState#code()}).
     * @param memberCount    the members of the group.
     * @param releaseAfterNs how long the member holds back without a leader after it last followed one.
     */
    StartupElectionGuard(final ConsensusModule.Context context, final IntSupplier elections,
        final IntSupplier electionState, final int memberCount, final long releaseAfterNs)
    {
        this.context = context;
        this.elections = elections;
        this.electionState = electionState;
        this.standInId = (context.clusterMemberId() + 1) % Math.max(1, memberCount);
        this.releaseAfterNs = releaseAfterNs;
        // A member alone is a whole group starting each time; an appointed leader configured is the operator's to
        // keep: such a member is not held back, though its first election's mark is still cleared.
        this.done = memberCount < 2;
        this.canHold = Aeron.NULL_VALUE == context.appointedLeaderId();
    }

    /**
     * @param context        the launched consensus module's settings (its counters allocated).
     * @param memberCount    the members of the group.
     * @param releaseAfterNs how long the member holds back without a leader after it last followed one.
     * @return a guard reading the consensus module's election counters.
     */
    static StartupElectionGuard of(final ConsensusModule.Context context, final int memberCount,
        final long releaseAfterNs)
    {
        // A consensus module closed (the member stopping) ends the guard: read as a later election.
        return new StartupElectionGuard(context,
            () -> context.electionCounter().isClosed() ? Integer.MAX_VALUE : (int)context.electionCounter().get(),
            () -> context.electionStateCounter().isClosed() ? ElectionState.CLOSED.code() :
            (int)context.electionStateCounter().get(), memberCount, releaseAfterNs);
    }

    /**
     * Looks at the election once.
     *
     * @param nowNs the time.
     * @return true while the guard still has work (its member's first election is not over).
     */
    boolean poll(final long nowNs)
    {
        if (done)
        {
            return false;
        }
        final int count = elections.getAsInt();
        final int state = electionState.getAsInt();
        if (count > 1 || count == 1 && ElectionState.CLOSED.code() == state)
        {
            // The first election is over: later ones are Aeron's ordinary elections, which keep the sessions.
            finish();
            return false;
        }
        if (tryClearMark())
        {
            // Whoever this election makes leader now keeps the sessions: nothing left to guard.
            cleared = true;
            finish();
            return false;
        }
        if (!canHold)
        {
            return true;
        }
        if (count == 1 && isFollowing(state))
        {
            lastFollowedNs = nowNs;
            if (!holding)
            {
                holding = true;
                context.appointedLeaderId(standInId);
            }
        }
        else if (holding && nowNs - lastFollowedNs > releaseAfterNs)
        {
            finish();
            return false;
        }
        return true;
    }

    /**
     * Hands the guard the launched consensus module's startup mark. Any thread.
     *
     * @param mark clears the mark of the current election once past its first INIT ({@link
     *             StartupElectionMark#tryClear()}): true when cleared (or not a startup election), false while it
     *             cannot be yet; an exception when it cannot be at all.
     */
    void attach(final BooleanSupplier mark)
    {
        this.mark = mark;
    }

    /**
     * @return why the mark could not be cleared, once (the guard then holds the member back instead); else null.
     */
    RuntimeException takeMarkFailure()
    {
        final RuntimeException failure = markFailure;
        markFailure = null;
        return failure;
    }

    /**
     * Gives up: lets the member stand for election as Aeron would (after an error in the guard).
     */
    void abandon()
    {
        finish();
    }

    /**
     * @return true once the guard has cleared the first election's startup mark.
     */
    boolean hasCleared()
    {
        return cleared;
    }

    /**
     * @return true while the member is kept from standing for election.
     */
    boolean isHolding()
    {
        return holding;
    }

    private boolean tryClearMark()
    {
        final BooleanSupplier mark = this.mark;
        if (null == mark)
        {
            return false;
        }
        try
        {
            return mark.getAsBoolean();
        }
        catch (final RuntimeException ex)
        {
            this.mark = null;
            markFailure = ex;
            return false;
        }
    }

    private void finish()
    {
        done = true;
        if (holding)
        {
            holding = false;
            context.appointedLeaderId(Aeron.NULL_VALUE);
        }
    }

    private static boolean isFollowing(final int state)
    {
        return state >= ElectionState.FOLLOWER_LOG_REPLICATION.code() && state <= ElectionState.FOLLOWER_READY.code();
    }
}
