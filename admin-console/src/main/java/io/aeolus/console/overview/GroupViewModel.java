package io.aeolus.console.overview;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.GroupMember;
import io.aeolus.management.GroupStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/**
 * State of the Broker tab's group section: when the console is connected to a broker group (an
 * {@code aeolus:cluster://} URL), its members with their role, term, log position and lag behind the leader, the
 * leader marked. Hidden for a single broker (which refuses the {@code group} operation). Once a group was seen it is
 * asked again every {@link #REFRESH_MS} on the console's timer, so a failover shows: the client follows the new
 * leader by itself and the next answer names it. FX thread only.
 */
public final class GroupViewModel
{
    /** How often a group's view is asked for again while the console is connected to one, ms. */
    public static final long REFRESH_MS = 2_000;
    /** What a single broker's refusal says, which hides the section rather than showing an error. */
    static final String NOT_A_GROUP = "not a member of a broker group";

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<GroupMember> members = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper group = new ReadOnlyBooleanWrapper(this, "group");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private boolean busy;
    private long nextRefreshMs;

    /**
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier describes failures.
     * @param bundle   UI text.
     */
    public GroupViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
    }

    /**
     * Asks for the group's view in the background.
     */
    public void reload()
    {
        if (busy)
        {
            return;
        }
        busy = true;
        runner.run((sink) -> backend.actions().group(), this::onLoaded, this::onFailed);
    }

    /**
     * The console's timer: asks again when due, while connected to a group. FX thread.
     *
     * @param nowMs the time, epoch ms.
     */
    public void onTick(final long nowMs)
    {
        if (group.get() && nowMs - nextRefreshMs >= 0)
        {
            nextRefreshMs = nowMs + REFRESH_MS;
            reload();
        }
    }

    /**
     * Forgets the last group (a disconnect). FX thread.
     */
    public void clear()
    {
        members.clear();
        summary.set("");
        group.set(false);
    }

    /**
     * Shows a view of the group. FX thread.
     *
     * @param loaded the group as its leader sees it.
     */
    void onLoaded(final GroupStatus loaded)
    {
        busy = false;
        group.set(true);
        members.setAll(loaded.members());
        final GroupMember leader = loaded.leader();
        summary.set(null == leader ? bundle.getString("group.noLeader") :
            MessageFormat.format(bundle.getString("group.summary"), leader.memberId(), leader.endpoint(),
            loaded.leadershipTermId(), loaded.answeringMemberId()) +
            (loaded.leaderView() ? "" : " " + bundle.getString("group.notLeaderView")));
    }

    private void onFailed(final Throwable failure)
    {
        busy = false;
        if (String.valueOf(failure.getMessage()).contains(NOT_A_GROUP))
        {
            clear();
            return;
        }
        if (group.get())
        {
            // Between two leaders, or the group out of reach: keep the last view, say so.
            summary.set(MessageFormat.format(bundle.getString("group.failed"), notifier.describe(failure)));
        }
    }

    /**
     * @param member a member's row.
     * @return its role for people: the leader marked.
     */
    public String role(final GroupMember member)
    {
        return bundle.getString(member.leader() ? "group.leader" : "group.follower");
    }

    /**
     * @param member a member's row.
     * @return its lag behind the leader, or a dash when not known.
     */
    public String lag(final GroupMember member)
    {
        return member.lagBytes() < 0 ? "–" : MessageFormat.format(bundle.getString("group.lagValue"),
            member.lagBytes());
    }

    /**
     * @return the members, in member id order.
     */
    public ObservableList<GroupMember> members()
    {
        return members;
    }

    /**
     * @return true while the console is connected to a broker group.
     */
    public ReadOnlyBooleanProperty groupProperty()
    {
        return group.getReadOnlyProperty();
    }

    /**
     * @return the leader and term, or why the last view could not be refreshed.
     */
    public ReadOnlyStringProperty summaryProperty()
    {
        return summary.getReadOnlyProperty();
    }
}
