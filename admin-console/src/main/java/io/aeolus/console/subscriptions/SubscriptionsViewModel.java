package io.aeolus.console.subscriptions;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.management.SubscriptionInfo;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ResourceBundle;

/**
 * State of the Subscriptions tab: the durable and shared subscriptions, sorted by topic and name, and their
 * total backlog. Reloaded on demand (the tab reloads when it is shown). FX thread only.
 */
public final class SubscriptionsViewModel
{
    private static final Comparator<SubscriptionInfo> ORDER =
        Comparator.comparing(SubscriptionInfo::topic).thenComparing(SubscriptionInfo::name)
            .thenComparing(SubscriptionInfo::clientId);

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ObservableList<SubscriptionInfo> subscriptions = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyLongWrapper totalBacklog = new ReadOnlyLongWrapper(this, "totalBacklog");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier tells of failures.
     * @param bundle   UI text.
     */
    public SubscriptionsViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
    }

    /**
     * Loads the subscriptions in the background.
     */
    public void reload()
    {
        if (busy.get())
        {
            return;
        }
        busy.set(true);
        runner.run((sink) -> backend.subscriptions(), this::onLoaded, (failure) ->
        {
            busy.set(false);
            status.set(MessageFormat.format(bundle.getString("subscriptions.failed"), notifier.describe(failure)));
            notifier.error(bundle.getString("subscriptions.loadFailed"), failure);
        });
    }

    /**
     * Whether a subscription may be deleted from here: a durable one (a shared non-durable one ends with its last
     * consumer). The broker itself refuses one that still has an active consumer, and says so.
     *
     * @param subscription a row, may be null.
     * @return true when it can be deleted.
     */
    public boolean canDelete(final SubscriptionInfo subscription)
    {
        return null != subscription && subscription.durable();
    }

    /**
     * Deletes a durable subscription with the messages it holds, in the background; call after the user confirmed.
     * Tells of the outcome as a notification and reloads the list.
     *
     * @param subscription the row to delete.
     */
    public void delete(final SubscriptionInfo subscription)
    {
        if (!canDelete(subscription) || busy.get())
        {
            return;
        }
        busy.set(true);
        status.set(MessageFormat.format(bundle.getString("subscriptions.deleting"), describe(subscription)));
        runner.run((sink) -> drop(subscription), (held) ->
        {
            busy.set(false);
            subscriptions.remove(subscription);
            final String text = MessageFormat.format(bundle.getString("subscriptions.deleted"),
                describe(subscription), held);
            status.set(text);
            notifier.info(bundle.getString("subscriptions.deletedTitle"), text);
            reload();
        }, (failure) ->
        {
            busy.set(false);
            status.set(MessageFormat.format(bundle.getString("subscriptions.failed"), notifier.describe(failure)));
            notifier.error(MessageFormat.format(bundle.getString("subscriptions.deleteFailed"),
                describe(subscription)), failure);
        });
    }

    private long drop(final SubscriptionInfo subscription) throws Exception
    {
        return backend.actions().dropSubscription(subscription.topic(), subscription.clientId(), subscription.name());
    }

    /**
     * How a subscription is named to the user.
     *
     * @param subscription the row.
     * @return e.g. {@code "audit" on orders (client id app-1)}.
     */
    public String describe(final SubscriptionInfo subscription)
    {
        return MessageFormat.format(bundle.getString("subscriptions.describe"), subscription.name(),
            subscription.topic(), subscription.clientId().isEmpty() ? "-" : subscription.clientId());
    }

    /**
     * How a subscription is kinded for the user: durable, shared, or both.
     *
     * @param subscription a row.
     * @return e.g. "durable, shared".
     */
    public String kind(final SubscriptionInfo subscription)
    {
        final List<String> parts = new ArrayList<>(2);
        parts.add(bundle.getString(subscription.durable() ? "subscriptions.durable" : "subscriptions.nonDurable"));
        if (subscription.shared())
        {
            parts.add(bundle.getString("subscriptions.shared"));
        }
        return String.join(", ", parts);
    }

    /**
     * The subscriptions, by topic, then name.
     *
     * @return the live list.
     */
    public ObservableList<SubscriptionInfo> subscriptions()
    {
        return subscriptions;
    }

    /**
     * True while a load runs.
     *
     * @return the property.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * Messages waiting over all subscriptions.
     *
     * @return the property.
     */
    public ReadOnlyLongProperty totalBacklogProperty()
    {
        return totalBacklog.getReadOnlyProperty();
    }

    /**
     * Outcome of the last load.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }

    private void onLoaded(final List<SubscriptionInfo> loaded)
    {
        busy.set(false);
        final List<SubscriptionInfo> sorted = new ArrayList<>(loaded);
        sorted.sort(ORDER);
        if (!sorted.equals(subscriptions))
        {
            subscriptions.setAll(sorted);
        }
        long backlog = 0;
        for (final SubscriptionInfo subscription : sorted)
        {
            backlog += subscription.backlog();
        }
        totalBacklog.set(backlog);
        status.set(MessageFormat.format(bundle.getString("subscriptions.count"), sorted.size(), backlog));
    }

    /**
     * Forgets what the last broker showed, when the console is no longer connected to it (disconnected, broker gone,
     * or another login under way), so no stale figure stays on screen. FX thread.
     */
    public void clear()
    {
        subscriptions.clear();
        totalBacklog.set(0);
        status.set("");
    }
}
