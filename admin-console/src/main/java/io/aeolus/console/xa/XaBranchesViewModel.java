package io.aeolus.console.xa;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.PreparedBranch;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.LongSupplier;

/**
 * State of the XA branches tab: the branches the broker holds, in the broker's (Xid) order, and the heuristic commit
 * or rollback of a prepared one. Reloaded on demand (the tab reloads when it is shown) and after each completion.
 * FX thread only.
 */
public final class XaBranchesViewModel
{
    /** The state of a branch that waits for its transaction manager's second phase. */
    public static final String PREPARED = "PREPARED";

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final LongSupplier clock;
    private final ObservableList<PreparedBranch> branches = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private long loadedMs;
    private String outcome = "";

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
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.clock = clock;
    }

    /**
     * Loads the branches in the background. A failure (the broker's refusal included) is shown as the status text
     * and as a notification, and the list is emptied so that nothing stale stays on screen.
     */
    public void reload()
    {
        if (busy.get())
        {
            return;
        }
        busy.set(true);
        runner.run((sink) -> backend.actions().xaBranches(), this::onLoaded, (failure) ->
        {
            busy.set(false);
            outcome = "";
            branches.clear();
            status.set(MessageFormat.format(bundle.getString("xa.failed"), notifier.describe(failure)));
            notifier.error(bundle.getString("xa.loadFailed"), failure);
        });
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
        if (!canComplete(branch) || busy.get())
        {
            return;
        }
        busy.set(true);
        final String xid = branch.xid();
        status.set(MessageFormat.format(bundle.getString(commit ? "xa.committing" : "xa.rollingBack"), xid));
        runner.run((sink) ->
        {
            backend.actions().completeXaBranch(xid, commit);
            return xid;
        }, (done) ->
        {
            busy.set(false);
            branches.remove(branch);
            final String text = MessageFormat.format(bundle.getString(commit ? "xa.committed" : "xa.rolledBack"),
                xid);
            status.set(text);
            outcome = text;
            notifier.info(bundle.getString(commit ? "xa.committedTitle" : "xa.rolledBackTitle"), text);
            reload();
        }, (failure) ->
        {
            busy.set(false);
            outcome = MessageFormat.format(bundle.getString("xa.failed"), notifier.describe(failure));
            status.set(outcome);
            notifier.error(MessageFormat.format(bundle.getString(commit ? "xa.commitFailed" : "xa.rollbackFailed"),
                xid), failure);
            reload();
        });
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
        return MessageFormat.format(bundle.getString(commit ? "xa.confirmCommit" : "xa.confirmRollback"),
            branch.xid(), branch.sends(), branch.acknowledged());
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
     * Forgets what the last broker showed. FX thread.
     */
    public void clear()
    {
        outcome = "";
        branches.clear();
        status.set("");
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

    /**
     * True while a load or a completion runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Outcome of the last load or completion.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onLoaded(final List<PreparedBranch> loaded)
    {
        busy.set(false);
        loadedMs = clock.getAsLong();
        branches.setAll(loaded);
        long prepared = 0;
        for (final PreparedBranch branch : loaded)
        {
            if (PREPARED.equals(branch.state()))
            {
                prepared++;
            }
        }
        final String count = MessageFormat.format(bundle.getString("xa.count"), loaded.size(), prepared);
        status.set(outcome.isEmpty() ? count : outcome + " " + count);
        outcome = "";
    }
}
