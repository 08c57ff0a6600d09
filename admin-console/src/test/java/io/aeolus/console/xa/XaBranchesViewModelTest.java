package io.aeolus.console.xa;

import io.aeolus.console.backend.ActionsOnlyBackend;
import io.aeolus.console.backend.BrokerActions;
import io.aeolus.console.backend.FakeBackend;
import io.aeolus.console.notifications.NoticeLevel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ImmediateTaskRunner;
import io.aeolus.management.PreparedBranch;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The XA branches tab's state over a scripted broker: the Xid shown in its parts, the age, which rows can be
 * completed, the outcome or the broker's error (a refusal included) shown plainly, and the list reloaded.
 */
@Timeout(10)
class XaBranchesViewModelTest
{
    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("io.aeolus.console.messages");
    private static final long NOW = 1_000_000_000L;
    private static final PreparedBranch PREPARED =
        new PreparedBranch("4660:6f7264657273:01ff", "PREPARED", NOW - 3_607_000, 2, 1);
    private static final PreparedBranch ACTIVE = new PreparedBranch("7:ab:cd", "ACTIVE", 0, 1, 0);

    private final ScriptedActions actions = new ScriptedActions();
    private final Notifier notifier = new Notifier(BUNDLE);
    private final XaBranchesViewModel viewModel =
        new XaBranchesViewModel(ActionsOnlyBackend.of(actions), new ImmediateTaskRunner(), notifier, BUNDLE, () -> NOW);

    @Test
    void listsTheBranchesWithTheirXidPartsAndAge()
    {
        actions.branches.add(PREPARED);
        actions.branches.add(ACTIVE);

        viewModel.reload();

        assertEquals(List.of(PREPARED, ACTIVE), viewModel.branches());
        assertEquals("2 branch(es), 1 prepared", viewModel.statusProperty().get());
        assertEquals("4660", XaBranchesViewModel.formatId(PREPARED));
        assertEquals("6f7264657273 (\"orders\")", XaBranchesViewModel.globalId(PREPARED));
        assertEquals("01ff", XaBranchesViewModel.branchQualifier(PREPARED), "not printable: hex only");
        assertEquals("1 h 0 min 7 s", viewModel.age(PREPARED));
        assertEquals("-", viewModel.age(ACTIVE), "not prepared yet");
        assertTrue(viewModel.canComplete(PREPARED));
        assertFalse(viewModel.canComplete(ACTIVE), "only a prepared branch is completed by an administrator");
        assertFalse(viewModel.canComplete(null));
    }

    @Test
    void anXidNotInTheBrokersFormIsShownWhole()
    {
        final PreparedBranch odd = new PreparedBranch("strange", "PREPARED", NOW, 0, 0);
        assertEquals("strange", XaBranchesViewModel.formatId(odd));
        assertEquals("", XaBranchesViewModel.globalId(odd));
        assertEquals("6", XaBranchesViewModel.readable("6"), "odd length: left as it is");
        assertEquals("zz", XaBranchesViewModel.readable("zz"), "not hex: left as it is");
    }

    @Test
    void commitTellsTheOutcomeAndReloads()
    {
        actions.branches.add(PREPARED);
        viewModel.reload();

        viewModel.complete(PREPARED, true);

        assertEquals(List.of("commit " + PREPARED.xid()), actions.completions);
        assertTrue(viewModel.branches().isEmpty(), "reloaded: the broker no longer lists it");
        assertEquals("Committed XA branch 4660:6f7264657273:01ff heuristically. 0 branch(es), 0 prepared",
            viewModel.statusProperty().get());
        assertEquals(NoticeLevel.INFO, notifier.history().get(0).level());
        assertEquals("XA branch committed", notifier.history().get(0).title());
    }

    @Test
    void rollbackOfABranchNoLongerThereShowsTheBrokersError()
    {
        actions.branches.add(PREPARED);
        viewModel.reload();
        actions.completionFailure = new JMSException("no XA branch 4660:6f7264657273:01ff", "ILLEGAL_STATE");

        viewModel.complete(PREPARED, false);

        assertEquals("Failed: no XA branch 4660:6f7264657273:01ff 1 branch(es), 1 prepared",
            viewModel.statusProperty().get());
        assertEquals(NoticeLevel.ERROR, notifier.history().get(0).level());
        assertEquals("Rolling back XA branch 4660:6f7264657273:01ff failed", notifier.history().get(0).title());
        assertEquals("no XA branch 4660:6f7264657273:01ff", notifier.history().get(0).text());
    }

    @Test
    void anUnpreparedBranchIsNotSentToTheBroker()
    {
        viewModel.complete(ACTIVE, true);

        assertTrue(actions.completions.isEmpty());
    }

    @Test
    void aRefusalIsShownPlainlyAndNothingStaleStays()
    {
        actions.branches.add(PREPARED);
        viewModel.reload();
        actions.listFailure = new JMSSecurityException(
            "user 'carol' is not allowed to manage 'aeolus.management' (needs permission manage)");

        viewModel.reload();

        assertTrue(viewModel.branches().isEmpty());
        assertEquals("Failed: user 'carol' is not allowed to manage 'aeolus.management' (needs permission manage)",
            viewModel.statusProperty().get());
        assertEquals("Loading XA branches failed", notifier.history().get(0).title());
    }

    @Test
    void theDemoBackendHasNoBranches()
    {
        final XaBranchesViewModel demo =
            new XaBranchesViewModel(new FakeBackend(), new ImmediateTaskRunner(), notifier, BUNDLE, () -> NOW);

        demo.reload();

        assertTrue(demo.branches().isEmpty());
        assertEquals("0 branch(es), 0 prepared", demo.statusProperty().get());
    }

    /**
     * The broker's XA branches as a test sets them; a completion removes the branch, as the broker does.
     */
    private static final class ScriptedActions implements BrokerActions
    {
        final List<PreparedBranch> branches = new ArrayList<>();
        final List<String> completions = new ArrayList<>();
        Exception listFailure;
        Exception completionFailure;

        @Override
        public List<PreparedBranch> xaBranches() throws Exception
        {
            if (null != listFailure)
            {
                throw listFailure;
            }
            return List.copyOf(branches);
        }

        @Override
        public void completeXaBranch(final String xid, final boolean commit) throws Exception
        {
            if (null != completionFailure)
            {
                throw completionFailure;
            }
            completions.add((commit ? "commit " : "rollback ") + xid);
            branches.removeIf((branch) -> branch.xid().equals(xid));
        }
    }
}
