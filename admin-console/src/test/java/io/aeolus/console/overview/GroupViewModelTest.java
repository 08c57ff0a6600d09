package io.aeolus.console.overview;

import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import io.aeolus.management.GroupMember;
import io.aeolus.management.GroupStatus;

import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Broker tab's group section: the leader marked, unknown lags as a dash, hidden for a broker without a group
 * (BrokerGroupViewIT shows it on a real group, across a failover).
 */
class GroupViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final GroupMember FOLLOWER = new GroupMember(0, "127.0.0.1:20000", false, 2, 3968, 128, 40);
    private static final GroupMember LEADER = new GroupMember(1, "127.0.0.1:20010", true, 2, 4096, 0, 0);
    private static final GroupMember GONE = new GroupMember(2, "127.0.0.1:20020", false, -1, -1, -1, -1);

    private final FakeBackend backend = new FakeBackend();
    private final ImmediateTaskRunner runner = new ImmediateTaskRunner();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final GroupViewModel viewModel = new GroupViewModel(backend, runner, notifier, BUNDLE);

    @Test
    void shouldShowTheMembersWithTheLeaderMarked()
    {
        viewModel.onLoaded(new GroupStatus(1, 1, 2, 4096, true, List.of(FOLLOWER, LEADER, GONE)));

        assertTrue(viewModel.groupProperty().get());
        assertEquals(List.of(FOLLOWER, LEADER, GONE), viewModel.members());
        assertEquals("Leader: member 1 (127.0.0.1:20010), term 2; as member 1 sees it",
            viewModel.summaryProperty().get());
        assertEquals("\u2605 leader", viewModel.role(LEADER));
        assertEquals("follower", viewModel.role(FOLLOWER));
        assertEquals("128 bytes", viewModel.lag(FOLLOWER));
        assertEquals("–", viewModel.lag(GONE));
    }

    @Test
    void shouldSayWhenTheViewIsNotTheLeadersOrNoLeaderIsKnown()
    {
        viewModel.onLoaded(new GroupStatus(0, 1, 2, 3968, false, List.of(FOLLOWER, LEADER, GONE)));
        assertTrue(viewModel.summaryProperty().get().endsWith("(not the leader: lags unknown)"),
            viewModel.summaryProperty().get());

        viewModel.onLoaded(new GroupStatus(0, -1, 3, 3968, false, List.of(FOLLOWER, GONE)));
        assertEquals("No leader known (an election is under way)", viewModel.summaryProperty().get());
    }

    @Test
    void shouldStayHiddenForABrokerWithoutAGroupAndForgetOnClear()
    {
        viewModel.reload();
        viewModel.onTick(System.currentTimeMillis());

        assertFalse(viewModel.groupProperty().get());
        assertTrue(viewModel.members().isEmpty());
        assertTrue(notifier.history().isEmpty());

        viewModel.onLoaded(new GroupStatus(1, 1, 2, 4096, true, List.of(FOLLOWER, LEADER)));
        viewModel.clear();
        assertFalse(viewModel.groupProperty().get());
        assertTrue(viewModel.members().isEmpty());
        assertEquals("", viewModel.summaryProperty().get());
    }
}
