package io.aeolus.console.xa;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.ListTabViewModel;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.PreparedBranch;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;

/**
 * State of the XA branches tab: the branches the broker holds, in the broker's (Xid) order, and the heuristic commit
 * or rollback of a prepared one. Reloaded on demand (the tab reloads when it is shown) and after each completion.
 * FX thread only.
 */
public final class XaBranchesViewModel extends ListTabViewModel<List<PreparedBranch>>
{
    /** The state of a branch that waits for its transaction manager's second phase. */
    public static final String PREPARED = "PREPARED";

    private final LongSupplier clock;
    private final ObservableList<PreparedBranch> branches = FXCollections.observableArrayList();
    private long loadedMs;

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of outcomes and failures.
     * @param bundle   UI text.
     * @param clock    the time now, ms since the epoch (for the branches' age).
     */
    public XaBranchesViewModel(final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier,
        final ResourceBundle bundle, final LongSupplier clock)
    {
        super(backend, runner, notifier, bundle, "xa");
        this.clock = clock;
    }

    /**
     * Whether a branch can be completed from here: only a prepared one (the broker rolls back an unprepared branch
     * itself when its connection goes or its timeout passes).
     *
     * @param branch a row, may be null.
     * @return true when Commit and Roll back apply.
     */
    public boolean canComplete(final PreparedBranch branch)
    {
        return null != branch && PREPARED.equals(branch.state());
    }

    /**
     * Commits or rolls back a prepared branch heuristically, in the background; call after the user confirmed. Tells
     * of the outcome (or the broker's error, e.g. that the branch is no longer there) as the status text and a
     * notification, then reloads the list either way.
     *
     * @param branch the row.
     * @param commit true to commit, false to roll back.
     */
    public void complete(final PreparedBranch branch, final boolean commit)
    {
        if (!canComplete(branch) || busy())
        {
            return;
        }
        final String xid = branch.xid();
        status(text(commit ? "xa.committing" : "xa.rollingBack", xid));
        act((sink) ->
        {
            backend.actions().completeXaBranch(xid, commit);
            return xid;
        }, () -> branches.remove(branch), bundle.getString(commit ? "xa.committedTitle" : "xa.rolledBackTitle"),
            text(commit ? "xa.committed" : "xa.rolledBack", xid),
            text(commit ? "xa.commitFailed" : "xa.rollbackFailed", xid));
    }

    /**
     * What the confirmation of a completion says.
     *
     * @param branch the row.
     * @param commit true for a commit.
     * @return the text, naming the branch, what happens to its messages and what its transaction manager hears.
     */
    public String confirmation(final PreparedBranch branch, final boolean commit)
    {
        return text(commit ? "xa.confirmCommit" : "xa.confirmRollback", branch.xid(), branch.sends(),
            branch.acknowledged());
    }

    /**
     * The format id of a branch's Xid.
     *
     * @param branch a row.
     * @return the number as text, or the Xid whole when it is not in the broker's form.
     */
    public static String formatId(final PreparedBranch branch)
    {
        final String[] parts = parts(branch.xid());
        return null == parts ? branch.xid() : parts[0];
    }

    /**
     * The global transaction id of a branch's Xid.
     *
     * @param branch a row.
     * @return its bytes in hex, followed by their text in quotes when they are all printable ASCII.
     */
    public static String globalId(final PreparedBranch branch)
    {
        final String[] parts = parts(branch.xid());
        return null == parts ? "" : readable(parts[1]);
    }

    /**
     * The branch qualifier of a branch's Xid.
     *
     * @param branch a row.
     * @return its bytes in hex, followed by their text in quotes when they are all printable ASCII.
     */
    public static String branchQualifier(final PreparedBranch branch)
    {
        final String[] parts = parts(branch.xid());
        return null == parts ? "" : readable(parts[2]);
    }

    /**
     * How long ago a branch was prepared, as of the last load.
     *
     * @param branch a row.
     * @return e.g. {@code 1 h 0 min 7 s}, or {@code -} when it is not prepared.
     */
    public String age(final PreparedBranch branch)
    {
        return branch.preparedMs() <= 0 ? "-" : duration(loadedMs - branch.preparedMs());
    }

    /**
     * A duration for people: days, hours, minutes and seconds, leading zero units left out.
     *
     * @param durationMs the duration, ms.
     * @return e.g. {@code 2 d 3 h 0 min 5 s}.
     */
    static String duration(final long durationMs)
    {
        final long seconds = Math.max(0, durationMs) / 1000;
        final long days = seconds / 86_400;
        final long hours = seconds / 3600 % 24;
        final long minutes = seconds / 60 % 60;
        final StringBuilder text = new StringBuilder();
        if (days > 0)
        {
            text.append(days).append(" d ");
        }
        if (days > 0 || hours > 0)
        {
            text.append(hours).append(" h ");
        }
        if (days > 0 || hours > 0 || minutes > 0)
        {
            text.append(minutes).append(" min ");
        }
        return text.append(seconds % 60).append(" s").toString();
    }

    /**
     * Hex with its printable text.
     *
     * @param hex bytes in hex, as the broker lists them.
     * @return e.g. {@code 6f7264 ("ord")}; just the hex when a byte is not printable ASCII or the hex is malformed.
     */
    static String readable(final String hex)
    {
        if (hex.isEmpty() || hex.length() % 2 != 0)
        {
            return hex;
        }
        final StringBuilder text = new StringBuilder(hex.length() / 2);
        for (int i = 0; i < hex.length(); i += 2)
        {
            final int high = Character.digit(hex.charAt(i), 16);
            final int low = Character.digit(hex.charAt(i + 1), 16);
            final int value = high << 4 | low;
            if (high < 0 || low < 0 || value < 0x20 || value > 0x7e)
            {
                return hex;
            }
            text.append((char)value);
        }
        return hex + " (\"" + text + "\")";
    }

    private static String[] parts(final String xid)
    {
        final String[] parts = xid.split(":", -1);
        return parts.length == 3 ? parts : null;
    }

    /**
     * The branches, in the broker's order.
     *
     * @return the live list.
     */
    public ObservableList<PreparedBranch> branches()
    {
        return branches;
    }

    @Override
    protected List<PreparedBranch> load() throws Exception
    {
        return backend.actions().xaBranches();
    }

    @Override
    protected String show(final List<PreparedBranch> loaded)
    {
        loadedMs = clock.getAsLong();
        branches.setAll(loaded);
        return countText(loaded, (branch) -> PREPARED.equals(branch.state()));
    }

    @Override
    protected void forget()
    {
        branches.clear();
    }
}
