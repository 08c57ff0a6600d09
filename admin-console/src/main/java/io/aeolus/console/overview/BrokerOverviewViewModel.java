package io.aeolus.console.overview;

import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.management.BrokerStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * State of the Broker tab: the broker's status as text, one property per line of the overview. Reloaded on demand
 * (the tab reloads when it is shown). FX thread only.
 */
public final class BrokerOverviewViewModel
{
    private static final DateTimeFormatter STARTED =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final long MIB = 1024L * 1024L;

    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final Notifier notifier;
    private final ResourceBundle bundle;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper(this, "version", "");
    private final ReadOnlyStringWrapper started = new ReadOnlyStringWrapper(this, "started", "");
    private final ReadOnlyStringWrapper heap = new ReadOnlyStringWrapper(this, "heap", "");
    private final ReadOnlyStringWrapper journal = new ReadOnlyStringWrapper(this, "journal", "");
    private final ReadOnlyStringWrapper clients = new ReadOnlyStringWrapper(this, "clients", "");
    private final ReadOnlyStringWrapper destinations = new ReadOnlyStringWrapper(this, "destinations", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final GroupViewModel group;

    /**
     * Creates the view model.
     *
     * @param backend  the broker access.
     * @param runner   runs backend calls off the FX thread.
     * @param notifier describes failures.
     * @param bundle   UI text.
     */
    public BrokerOverviewViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Notifier notifier, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.notifier = notifier;
        this.bundle = bundle;
        this.group = new GroupViewModel(backend, runner, notifier, bundle);
    }

    /**
     * @return the broker group section's state.
     */
    public GroupViewModel group()
    {
        return group;
    }

    /**
     * Loads the broker's status in the background.
     */
    public void reload()
    {
        group.reload();
        if (busy.get())
        {
            return;
        }
        busy.set(true);
        runner.run((sink) -> backend.actions().status(), this::onLoaded, (failure) ->
        {
            busy.set(false);
            status.set(MessageFormat.format(bundle.getString("overview.failed"), notifier.describe(failure)));
        });
    }

    /**
     * Forgets what the last broker showed. FX thread.
     */
    public void clear()
    {
        for (final ReadOnlyStringWrapper line : new ReadOnlyStringWrapper[]{
            version, started, heap, journal, clients, destinations, status})
        {
            line.set("");
        }
        group.clear();
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

    private void onLoaded(final BrokerStatus loaded)
    {
        busy.set(false);
        version.set(loaded.version());
        started.set(MessageFormat.format(bundle.getString("overview.startedValue"),
            STARTED.format(Instant.ofEpochMilli(loaded.startedMs())), duration(loaded.uptimeMs())));
        heap.set(loaded.heapMaxBytes() > 0 ?
            MessageFormat.format(bundle.getString("overview.heapValue"), loaded.heapUsedBytes() / MIB,
            loaded.heapMaxBytes() / MIB, 100 * loaded.heapUsedBytes() / loaded.heapMaxBytes()) :
            MessageFormat.format(bundle.getString("overview.heapNoMax"), loaded.heapUsedBytes() / MIB));
        journal.set(loaded.journalBytes() < 0 ? bundle.getString("overview.noJournal") :
            MessageFormat.format(bundle.getString("overview.journalValue"),
            String.format(Locale.ROOT, "%.1f", loaded.journalBytes() / (double)MIB), loaded.journalPending()));
        clients.set(MessageFormat.format(bundle.getString("overview.clientsValue"), loaded.connections(),
            loaded.sessions()));
        destinations.set(MessageFormat.format(bundle.getString("overview.destinationsValue"), loaded.queues(),
            loaded.topics()));
        status.set(MessageFormat.format(bundle.getString("overview.loaded"),
            STARTED.format(Instant.now())));
    }

    /**
     * @return true while a load runs.
     */
    public ReadOnlyBooleanProperty busyProperty()
    {
        return busy.getReadOnlyProperty();
    }

    /**
     * @return the broker's version.
     */
    public ReadOnlyStringProperty versionProperty()
    {
        return version.getReadOnlyProperty();
    }

    /**
     * @return when it started and its uptime.
     */
    public ReadOnlyStringProperty startedProperty()
    {
        return started.getReadOnlyProperty();
    }

    /**
     * @return heap in use and its limit.
     */
    public ReadOnlyStringProperty heapProperty()
    {
        return heap.getReadOnlyProperty();
    }

    /**
     * @return the journal's size and pending writes, or that there is none.
     */
    public ReadOnlyStringProperty journalProperty()
    {
        return journal.getReadOnlyProperty();
    }

    /**
     * @return connections and sessions.
     */
    public ReadOnlyStringProperty clientsProperty()
    {
        return clients.getReadOnlyProperty();
    }

    /**
     * @return queues and topics.
     */
    public ReadOnlyStringProperty destinationsProperty()
    {
        return destinations.getReadOnlyProperty();
    }

    /**
     * @return outcome of the last load.
     */
    public ReadOnlyStringProperty statusProperty()
    {
        return status.getReadOnlyProperty();
    }
}
