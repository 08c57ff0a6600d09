package io.aeolus.cluster;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StartupElectionGuardTest
{
    private static final long RELEASE_NS = TimeUnit.SECONDS.toNanos(3);

    private final ConsensusModule.Context context = new ConsensusModule.Context().clusterMemberId(1);
    private int elections = 1;
    private ElectionState state = ElectionState.CANVASS;
    private final StartupElectionGuard guard = new StartupElectionGuard(context, () -> elections,
        () -> state.code(), 3, RELEASE_NS);

    @Test
    void aMemberThatFoundALiveLeaderDoesNotStandUntilItsFirstElectionIsOver()
    {
        assertTrue(guard.poll(0));
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), "canvassing, no leader seen yet");
        state = ElectionState.FOLLOWER_CATCHUP;
        assertTrue(guard.poll(1));
        assertEquals(2, context.appointedLeaderId(), "another member stands in: this one may not nominate itself");
        // The leader died during the catch-up: the election starts over inside the same (startup) election.
        state = ElectionState.CANVASS;
        assertTrue(guard.poll(RELEASE_NS));
        assertEquals(2, context.appointedLeaderId());
        state = ElectionState.FOLLOWER_READY;
        assertTrue(guard.poll(RELEASE_NS + 1));
        state = ElectionState.CLOSED;
        assertFalse(guard.poll(RELEASE_NS + 2));
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), "its first election over, it may lead again");
        assertFalse(guard.isHolding());
        state = ElectionState.FOLLOWER_CATCHUP;
        assertFalse(guard.poll(RELEASE_NS + 3));
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), "done for good");
    }

    @Test
    void standsAgainWhenNoOtherMemberIsElectedInTime()
    {
        state = ElectionState.FOLLOWER_REPLAY;
        guard.poll(100);
        assertTrue(guard.isHolding());
        state = ElectionState.CANVASS;
        assertTrue(guard.poll(100 + RELEASE_NS));
        assertEquals(2, context.appointedLeaderId());
        assertFalse(guard.poll(101 + RELEASE_NS));
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), "a leader that closes sessions beats none");
    }

    @Test
    void aWholeGroupStartingTogetherIsNotHeldBack()
    {
        for (final ElectionState step : new ElectionState[]{ElectionState.INIT, ElectionState.CANVASS,
            ElectionState.NOMINATE, ElectionState.CANDIDATE_BALLOT, ElectionState.LEADER_REPLAY,
            ElectionState.LEADER_READY})
        {
            state = step;
            assertTrue(guard.poll(0));
            assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), step.name());
        }
        state = ElectionState.CLOSED;
        assertFalse(guard.poll(0));
    }

    @Test
    void laterElectionsAreLeftAlone()
    {
        elections = 2;
        state = ElectionState.FOLLOWER_CATCHUP;
        assertFalse(guard.poll(0));
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId());
    }

    @Test
    void anAppointedLeaderConfiguredIsKept()
    {
        final ConsensusModule.Context appointed = new ConsensusModule.Context().clusterMemberId(1)
            .appointedLeaderId(0);
        final StartupElectionGuard kept = new StartupElectionGuard(appointed, () -> 1,
            ElectionState.FOLLOWER_CATCHUP::code, 3, RELEASE_NS);
        assertTrue(kept.poll(0));
        assertEquals(0, appointed.appointedLeaderId());
        assertFalse(kept.isHolding());
        kept.attach(() -> true);
        assertFalse(kept.poll(1), "its first election's mark cleared all the same");
        assertTrue(kept.hasCleared());
        assertEquals(0, appointed.appointedLeaderId());
    }

    @Test
    void aClearedMarkEndsTheGuardAndLetsTheMemberStand()
    {
        state = ElectionState.FOLLOWER_CATCHUP;
        assertTrue(guard.poll(0));
        assertTrue(guard.isHolding(), "held back until the consensus module's mark is attached");
        final int[] tries = new int[1];
        guard.attach(() -> ++tries[0] > 1);
        assertTrue(guard.poll(1), "the election not yet past its first INIT");
        assertTrue(guard.isHolding());
        assertFalse(guard.poll(2));
        assertTrue(guard.hasCleared());
        assertFalse(guard.isHolding());
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), "a member elected now keeps the sessions");
        assertFalse(guard.poll(3));
        assertEquals(2, tries[0], "done for good");
    }

    @Test
    void aMarkClearedBeforeAnyLeaderIsSeenMeansNoHoldAtAll()
    {
        guard.attach(() -> true);
        state = ElectionState.CANVASS;
        assertFalse(guard.poll(0));
        state = ElectionState.FOLLOWER_CATCHUP;
        assertFalse(guard.poll(1));
        assertFalse(guard.isHolding());
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId());
    }

    @Test
    void aMarkOutOfReachIsReportedOnceAndTheGuardHoldsInstead()
    {
        final IllegalStateException refused = new IllegalStateException("refused");
        guard.attach(() ->
        {
            throw refused;
        });
        state = ElectionState.FOLLOWER_CATCHUP;
        assertTrue(guard.poll(0));
        assertEquals(refused, guard.takeMarkFailure());
        assertNull(guard.takeMarkFailure());
        assertTrue(guard.isHolding());
        assertEquals(2, context.appointedLeaderId());
        assertTrue(guard.poll(1));
        assertNull(guard.takeMarkFailure(), "not tried again");
        assertFalse(guard.hasCleared());
    }

    @Test
    void aMarkIsNotTouchedOnceTheFirstElectionIsOver()
    {
        guard.attach(() ->
        {
            throw new AssertionError("touched");
        });
        state = ElectionState.CLOSED;
        assertFalse(guard.poll(0));
        assertFalse(guard.hasCleared());
    }

    @Test
    void aMemberAloneIsNeverHeld()
    {
        final ConsensusModule.Context alone = new ConsensusModule.Context().clusterMemberId(0);
        final StartupElectionGuard single = new StartupElectionGuard(alone, () -> 1,
            ElectionState.FOLLOWER_CATCHUP::code, 1, RELEASE_NS);
        assertFalse(single.poll(0));
        assertEquals(Aeron.NULL_VALUE, alone.appointedLeaderId());
    }
}
