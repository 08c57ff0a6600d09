package io.aeolus.cluster;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;

import java.util.function.IntSupplier;

/**
 * Keeps a restarted member from leading the group until its first election is over, when it found the group alive.
 * <p>
 * Aeron Cluster 1.47 treats a member elected leader in the first election after its process started as a whole
 * group starting: its consensus module times out every client session it knows (they are taken to be gone), and
 * neither it nor its service tells them of the new leader. That election object lasts until the member has caught
 * up and follows the leader; when the leader dies while the restarted member still catches up, the election starts
 * over inside the same object, and if the restarted member wins it closes every live client's session: the clients
 * never hear of the new leader, and their sends stay unconfirmed (BENCHMARKS.md, "Failover stage by stage").
 * <p>
 * The guard watches the member's consensus module: once its first election has found a live leader (a follower's
 * state: replay, catch-up, joining the log), the member does not nominate itself (Aeron's appointed-leader setting,
 * read by the election only when it decides whether to stand) until that election is over; it still votes, so the
 * member that followed the dead leader all along is elected, and that one tells the clients. If no other member has
 * been elected for {@code releaseAfterNs} since the member last followed a leader (the others cannot win, say its
 * log is the longest), it may stand again: a leader that closes the sessions is better than none. A whole group
 * starting together never meets a live leader in its first election, so nothing changes for it, nor for a member
 * with an appointed leader configured. Polled on the consensus module's own thread, by its idle strategy
 * ({@link GuardedIdleStrategy}): Aeron's appointed-leader setting is a plain field that the election reads on that
 * thread, so it must be written there too. Not thread-safe.
 */
final class StartupElectionGuard
{
    private final ConsensusModule.Context context;
    private final IntSupplier elections;
    private final IntSupplier electionState;
    private final int standInId;
    private final long releaseAfterNs;
    private boolean done;
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
        // A member alone has nobody to leave the lead to; an appointed leader configured is the operator's to keep.
        this.done = memberCount < 2 || Aeron.NULL_VALUE != context.appointedLeaderId();
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
     * @return true while the member is kept from standing for election.
     */
    boolean isHolding()
    {
        return holding;
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
