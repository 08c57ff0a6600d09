package io.aeolus.console;

import io.aeolus.console.backend.BackendListener;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.HistoryRange;
import io.aeolus.management.JobInfo;
import io.aeolus.management.JobKind;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.browser.MessageActions;
import io.aeolus.console.browser.MessageBrowserViewModel;
import io.aeolus.console.connections.ConnectionsViewModel;
import io.aeolus.console.dashboard.DashboardViewModel;
import io.aeolus.console.destinations.DestinationDetailViewModel;
import io.aeolus.console.destinations.DestinationsViewModel;
import io.aeolus.console.dlq.DeadLettersViewModel;
import io.aeolus.console.history.HistoryViewModel;
import io.aeolus.console.jobs.JobsViewModel;
import io.aeolus.console.notifications.Notifier;
import io.aeolus.console.overview.BrokerOverviewViewModel;
import io.aeolus.console.routing.BridgesViewModel;
import io.aeolus.console.routing.RoutingViewModel;
import io.aeolus.console.users.UsersViewModel;
import io.aeolus.console.xa.XaBranchesViewModel;
import io.aeolus.console.send.SendMessageViewModel;
import io.aeolus.console.subscriptions.SubscriptionsViewModel;
import io.aeolus.console.tasks.LatestValueCoalescer;
import io.aeolus.console.tasks.TaskRunner;
import io.aeolus.console.trash.TrashViewModel;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The console's root view model: owns the feature view models, the connection state shown in the status bar,
 * the {@link Notifier} every feature reports to, the shared "hide system destinations" switch, and the hand-over
 * of pushed backend events to the UI thread. Metrics snapshots are coalesced so the UI applies at most one batch
 * per tick. Whenever the backend reports it is connected (a connect, or a reconnect after the broker came back)
 * the destinations, connections, subscriptions, the dashboard's history and the jobs are loaded afresh; the jobs are
 * polled on the console's timer ({@link #tick}) while connected. A purge, a restore and a finished job reload what
 * they changed. Construct and use on the FX thread; the backend listener it registers may be called from any
 * thread.
 */
public final class ConsoleViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final ResourceBundle bundle;
    private final Executor uiExecutor;
    private final Notifier notifier;
    private final BooleanProperty hideSystem = new SimpleBooleanProperty(this, "hideSystem", true);
    private final DashboardViewModel dashboard;
    private final DestinationsViewModel destinations;
    private final DestinationDetailViewModel destinationDetail;
    private final JobsViewModel jobs;
    private final TrashViewModel trash;
    private final DeadLettersViewModel deadLetters;
    private final MessageBrowserViewModel browser;
    private final MessageActions messageActions;
    private final ConnectionsViewModel connections;
    private final SubscriptionsViewModel subscriptions;
    private final BrokerOverviewViewModel overview;
    private final XaBranchesViewModel xaBranches;
    private final RoutingViewModel routing;
    private final BridgesViewModel bridges;
    private final UsersViewModel users;
    private final SendMessageViewModel send;
    private final LatestValueCoalescer<MetricsSnapshot> metrics;
    private final ReadOnlyObjectWrapper<ConnectionState> state =
        new ReadOnlyObjectWrapper<>(this, "state", ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper windowTitle = new ReadOnlyStringWrapper(this, "windowTitle");

    /**
     * Creates the view model and subscribes to the backend's events.
     *
     * @param backend    the broker access.
     * @param runner     runs backend calls off the FX thread.
     * @param uiExecutor runs on the FX thread ({@code Platform::runLater}; a direct executor in unit tests).
     * @param bundle     UI text.
     */
    public ConsoleViewModel(
        final ConsoleBackend backend, final TaskRunner runner, final Executor uiExecutor, final ResourceBundle bundle)
    {
        this.backend = backend;
        this.runner = runner;
        this.bundle = bundle;
        this.uiExecutor = uiExecutor;
        notifier = new Notifier(bundle);
        jobs = new JobsViewModel(backend, runner, notifier, bundle);
        dashboard = new DashboardViewModel(hideSystem,
            new HistoryViewModel(backend, runner, notifier, bundle, HistoryRange.TEN_MINUTES));
        destinations = new DestinationsViewModel(
            backend, runner, notifier, bundle.getString("destinations.loadFailed"), hideSystem);
        trash = new TrashViewModel(backend, runner, notifier, bundle, this::onMessagesChanged);
        destinationDetail = new DestinationDetailViewModel(
            backend, runner, notifier, bundle, jobs, trash, this::onMessagesChanged);
        deadLetters = new DeadLettersViewModel(backend, runner, notifier, bundle, jobs);
        jobs.addFinishedListener(this::onJobFinished);
        browser = new MessageBrowserViewModel(backend, runner, notifier, bundle, hideSystem);
        jobs.targetNames(browser.queueNames());
        messageActions = new MessageActions(backend, runner, notifier, bundle, browser, trash, this::onMessagesChanged);
        connections = new ConnectionsViewModel(backend, runner, notifier, bundle);
        subscriptions = new SubscriptionsViewModel(backend, runner, notifier, bundle);
        overview = new BrokerOverviewViewModel(backend, runner, notifier, bundle);
        xaBranches = new XaBranchesViewModel(backend, runner, notifier, bundle, System::currentTimeMillis);
        routing = new RoutingViewModel(backend, runner, notifier, bundle);
        bridges = new BridgesViewModel(backend, runner, notifier, bundle);
        users = new UsersViewModel(backend, runner, notifier, bundle);
        send = new SendMessageViewModel(backend, runner, notifier, bundle);
        metrics = new LatestValueCoalescer<>(uiExecutor, this::onMetrics);
        statusText.set(bundle.getString("status.disconnected"));
        windowTitle.set(bundle.getString("app.title.disconnected"));
        backend.addListener(new BackendListener()
        {
            @Override
            public void onMetrics(final MetricsSnapshot snapshot)
            {
                metrics.offer(snapshot);
            }

            @Override
            public void onConnectionState(final ConnectionState newState, final String detail)
            {
                // State changes are rare; each one is applied, in order.
                uiExecutor.execute(() -> applyState(newState, detail));
            }
        });
    }

    /**
     * Connects in the background; the status bar shows "connecting" until the backend reports the outcome, and a
     * failure also becomes a notification.
     *
     * @param url      broker URL.
     * @param user     user name.
     * @param password password; the array is handed to the backend.
     */
    public void connect(final String url, final String user, final char[] password)
    {
        connect(url, user, password, () -> {}, (reason) -> {});
    }

    /**
     * Connects in the background and reports the outcome; the connect dialog's {@code Connector}.
     *
     * @param url         broker URL.
     * @param user        user name.
     * @param password    password; the array is handed to the backend and cleared after the attempt.
     * @param onConnected called on the FX thread when connected.
     * @param onFailed    called on the FX thread with the reason, in words, when not.
     */
    public void connect(
        final String url,
        final String user,
        final char[] password,
        final Runnable onConnected,
        final Consumer<String> onFailed)
    {
        applyState(ConnectionState.CONNECTING, url);
        runner.run(
            (sink) ->
            {
                try
                {
                    backend.connect(url, user, password);
                }
                finally
                {
                    Arrays.fill(password, '\0');
                }
                return url;
            },
            (connectedUrl) -> onConnected.run(),
            (failure) ->
            {
                final String reason = notifier.describe(failure);
                applyState(ConnectionState.DISCONNECTED, reason);
                notifier.error(MessageFormat.format(bundle.getString("connect.failedTitle"), url), failure);
                onFailed.accept(reason);
            });
    }

    /**
     * Disconnects in the background.
     */
    public void disconnect()
    {
        runner.run((sink) ->
        {
            backend.disconnect();
            return Boolean.TRUE;
        }, (done) -> {}, (failure) -> notifier.error(bundle.getString("disconnect.failedTitle"), failure));
    }

    /**
     * Called by the console's timer about once a second: polls the jobs when due. FX thread.
     *
     * @param nowMs the time, epoch milliseconds.
     */
    public void tick(final long nowMs)
    {
        jobs.onTick(nowMs);
        overview.group().onTick(nowMs);
    }

    private void onMessagesChanged()
    {
        destinations.reload();
        deadLetters.reload();
    }

    private void onJobFinished(final JobInfo job)
    {
        destinations.reload();
        if (job.queue().equals(deadLetters.selectedQueueProperty().get()))
        {
            deadLetters.reload();
        }
        if (job.kind() == JobKind.PURGE)
        {
            trash.reload();
        }
    }

    private void onConnected()
    {
        destinations.reload();
        dashboard.loadHistory();
        destinationDetail.history().load();
        runner.run((sink) -> backend.destinations(), (list) ->
        {
            deadLetters.onDestinations(list);
            browser.onDestinations(list);
            send.onDestinations(list);
        }, (failure) -> {}); // the Destinations tab's own load above reports the same failure
        connections.reload();
        subscriptions.reload();
        jobs.setConnected(true);
    }

    private void onMetrics(final MetricsSnapshot snapshot)
    {
        if (state.get() != ConnectionState.CONNECTED)
        {
            return; // a batch from the broker left behind must not bring its figures back
        }
        dashboard.onMetrics(snapshot);
        destinations.applyBatch(snapshot.destinations());
        destinationDetail.onMetrics(snapshot);
        deadLetters.onDestinations(snapshot.destinations());
        browser.onDestinations(snapshot.destinations());
        send.onDestinations(snapshot.destinations());
        connections.onConnectionCount(snapshot.connections());
    }

    private void applyState(final ConnectionState newState, final String detail)
    {
        final boolean becameConnected = newState == ConnectionState.CONNECTED && state.get() != newState;
        final boolean leftBroker = state.get() == ConnectionState.CONNECTED && newState != ConnectionState.CONNECTED;
        state.set(newState);
        if (leftBroker)
        {
            clearBrokerData();
        }
        if (newState != ConnectionState.CONNECTED)
        {
            jobs.setConnected(false);
        }
        if (becameConnected)
        {
            // After a connect and after the backend reconnected by itself alike: load what metrics do not carry.
            onConnected();
        }
        final String key = switch (newState)
        {
            case CONNECTED -> "status.connected";
            case CONNECTING -> "status.connecting";
            default -> detail.isEmpty() ? "status.disconnected" : "status.disconnectedDetail";
        };
        statusText.set(MessageFormat.format(bundle.getString(key), detail));
        windowTitle.set(newState == ConnectionState.DISCONNECTED ? bundle.getString("app.title.disconnected") :
            MessageFormat.format(bundle.getString(newState == ConnectionState.CONNECTED ? "app.title.connected" :
            "app.title.connecting"), detail));
    }

    private void clearBrokerData()
    {
        dashboard.clear();
        destinations.clear();
        deadLetters.clear();
        browser.clear();
        connections.clear();
        subscriptions.clear();
        overview.clear();
        xaBranches.clear();
        routing.clear();
        bridges.clear();
        users.clear();
        trash.clear();
        jobs.clear();
    }

    /**
     * The main window's title: the broker the console shows, or that it shows none.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty windowTitleProperty()
    {
        return windowTitle.getReadOnlyProperty();
    }

    /**
     * Connection state.
     *
     * @return the property.
     */
    public ReadOnlyObjectProperty<ConnectionState> stateProperty()
    {
        return state.getReadOnlyProperty();
    }

    /**
     * Text for the status bar.
     *
     * @return the property.
     */
    public ReadOnlyStringProperty statusTextProperty()
    {
        return statusText.getReadOnlyProperty();
    }

    /**
     * Whether system destinations (management queue, metrics topic, temporary destinations) are hidden from the
     * Destinations tab and the dashboard's top lists; on by default.
     *
     * @return the property.
     */
    public BooleanProperty hideSystemProperty()
    {
        return hideSystem;
    }

    /**
     * Where every feature reports completed operations and failures.
     *
     * @return the notifier.
     */
    public Notifier notifier()
    {
        return notifier;
    }

    /**
     * The Dashboard tab's state.
     *
     * @return the view model.
     */
    public DashboardViewModel dashboard()
    {
        return dashboard;
    }

    /**
     * The Destinations tab's state.
     *
     * @return the view model.
     */
    public DestinationsViewModel destinations()
    {
        return destinations;
    }

    /**
     * The destination detail's state (under the Destinations table).
     *
     * @return the view model.
     */
    public DestinationDetailViewModel destinationDetail()
    {
        return destinationDetail;
    }

    /**
     * The Jobs tab's state.
     *
     * @return the view model.
     */
    public JobsViewModel jobs()
    {
        return jobs;
    }

    /**
     * The Trash tab's state.
     *
     * @return the view model.
     */
    public TrashViewModel trash()
    {
        return trash;
    }

    /**
     * The Dead letters tab's state.
     *
     * @return the view model.
     */
    public DeadLettersViewModel deadLetters()
    {
        return deadLetters;
    }

    /**
     * The Message browser tab's state.
     *
     * @return the view model.
     */
    public MessageBrowserViewModel browser()
    {
        return browser;
    }

    /**
     * The message browser's per-message work.
     *
     * @return the logic.
     */
    public MessageActions messageActions()
    {
        return messageActions;
    }

    /**
     * The Connections tab's state.
     *
     * @return the view model.
     */
    public ConnectionsViewModel connections()
    {
        return connections;
    }

    /**
     * The Subscriptions tab's state.
     *
     * @return the view model.
     */
    public SubscriptionsViewModel subscriptions()
    {
        return subscriptions;
    }

    /**
     * The Broker tab's state.
     *
     * @return the view model.
     */
    public BrokerOverviewViewModel overview()
    {
        return overview;
    }

    /**
     * The XA branches tab's state.
     *
     * @return the view model.
     */
    public XaBranchesViewModel xaBranches()
    {
        return xaBranches;
    }

    /**
     * The Routing tab's state.
     *
     * @return the view model.
     */
    public RoutingViewModel routing()
    {
        return routing;
    }

    /**
     * The Bridges tab's state.
     *
     * @return the view model.
     */
    public BridgesViewModel bridges()
    {
        return bridges;
    }

    /**
     * The Users tab's state.
     *
     * @return the view model.
     */
    public UsersViewModel users()
    {
        return users;
    }

    /**
     * The Send message dialog's form, kept between openings.
     *
     * @return the view model.
     */
    public SendMessageViewModel send()
    {
        return send;
    }

    /**
     * Executor that runs on the UI thread.
     *
     * @return the executor.
     */
    public Executor uiExecutor()
    {
        return uiExecutor;
    }
}
