package io.aeolus.cluster;

import io.aeron.Aeron;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GuardedIdleStrategyTest
{
    private final ConsensusModule.Context context = new ConsensusModule.Context().clusterMemberId(1);
    private final List<Thread> pollingThreads = new ArrayList<>();
    private final List<Integer> idled = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private ElectionState state = ElectionState.CANVASS;
    private int elections = 1;
    private long nowNs;
    private final StartupElectionGuard guard = new StartupElectionGuard(context, () -> elections, () ->
    {
        pollingThreads.add(Thread.currentThread());
        return state.code();
    }, 3, TimeUnit.SECONDS.toNanos(3));
    private final GuardedIdleStrategy strategy = new GuardedIdleStrategy(new RecordingIdleStrategy(), guard,
        () -> nowNs, errors::add);

    @Test
    void eachIdleCallPollsTheGuardOnTheCallingThreadThenIdles()
    {
        strategy.idle(0);
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId());

        state = ElectionState.FOLLOWER_CATCHUP;
        strategy.idle(3);

        assertEquals(2, context.appointedLeaderId(), "set by the idle call, before the next duty cycle");
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), pollingThreads);
        assertEquals(List.of(0, 3), idled);
    }

    @Test
    void theGuardIsNoLongerPolledOnceItIsDone()
    {
        state = ElectionState.FOLLOWER_CATCHUP;
        strategy.idle();
        state = ElectionState.CLOSED;
        strategy.idle();
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId(), "first election over: it may lead again");

        strategy.idle(1);
        strategy.idle();

        assertFalse(strategy.isGuarding());
        assertEquals(2, pollingThreads.size(), "polls");
        assertEquals(List.of(-1, -1, 1, -1), idled, "the wrapped strategy still idles");
    }

    @Test
    void aFailingGuardIsReportedAndDroppedWhileIdlingGoesOn()
    {
        final IllegalStateException failure = new IllegalStateException("counters closed");
        final StartupElectionGuard failing = new StartupElectionGuard(context, () ->
        {
            throw failure;
        }, () -> state.code(), 3, 0);
        final GuardedIdleStrategy guarded = new GuardedIdleStrategy(new RecordingIdleStrategy(), failing,
            () -> nowNs, errors::add);

        guarded.idle(0);
        guarded.idle(0);

        assertEquals(1, errors.size());
        assertSame(failure, errors.get(0));
        assertFalse(guarded.isGuarding());
        assertEquals(List.of(0, 0), idled);
    }

    @Test
    void laterElectionsLeaveOnlyTheWrappedStrategy()
    {
        elections = 2;
        state = ElectionState.FOLLOWER_CATCHUP;
        assertTrue(strategy.isGuarding());

        strategy.idle(0);

        assertFalse(strategy.isGuarding());
        assertEquals(Aeron.NULL_VALUE, context.appointedLeaderId());
        assertEquals("recording", strategy.alias());
    }

    /**
     * Records each idle call's work count, -1 for {@code idle()}.
     */
    private final class RecordingIdleStrategy implements IdleStrategy
    {
        public void idle(final int workCount)
        {
            idled.add(workCount);
        }

        public void idle()
        {
            idled.add(-1);
        }

        public void reset()
        {
        }

        public String alias()
        {
            return "recording";
        }
    }
}
