package io.aeolus.console;

import io.aeolus.console.backend.BackendListener;
import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.ConsoleBackend;
import io.aeolus.console.backend.MetricsSnapshot;
import io.aeolus.console.browser.MessageBrowserViewModel;
import io.aeolus.console.dashboard.DashboardViewModel;
import io.aeolus.console.destinations.DestinationsViewModel;
import io.aeolus.console.dlq.DeadLettersViewModel;
import io.aeolus.console.tasks.LatestValueCoalescer;
import io.aeolus.console.tasks.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.concurrent.Executor;

/**
 * The console's root view model: owns the feature view models, the connection state shown in the status bar,
 * and the hand-over of pushed backend events to the UI thread. Metrics snapshots are coalesced so the UI
 * applies at most one batch per tick. Construct and use on the FX thread; the backend listener it registers
 * may be called from any thread.
 */
public final class ConsoleViewModel
{
    private final ConsoleBackend backend;
    private final TaskRunner runner;
    private final ResourceBundle bundle;
    private final Executor uiExecutor;
    private final DashboardViewModel dashboard = new DashboardViewModel();
    private final DestinationsViewModel destinations;
    private final DeadLettersViewModel deadLetters;
    private final MessageBrowserViewModel browser;
    private final LatestValueCoalescer<MetricsSnapshot> metrics;
    private final ReadOnlyObjectWrapper<ConnectionState> state =
        new ReadOnlyObjectWrapper<>(this, "state", ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");

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
        destinations = new DestinationsViewModel(backend, runner);
        deadLetters = new DeadLettersViewModel(backend, runner, bundle);
        browser = new MessageBrowserViewModel(backend, runner, bundle);
        metrics = new LatestValueCoalescer<>(uiExecutor, this::onMetrics);
        statusText.set(bundle.getString("status.disconnected"));
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
     * Connects in the background; the status bar shows "connecting" until the backend reports the outcome.
     *
     * @param url      broker URL.
     * @param user     user name.
     * @param password password; the array is handed to the backend.
     */
    public void connect(final String url, final String user, final char[] password)
    {
        applyState(ConnectionState.CONNECTING, url);
        runner.run(
            (sink) ->
            {
                backend.connect(url, user, password);
                return url;
            },
            (connectedUrl) -> onConnected(),
            (failure) -> applyState(ConnectionState.DISCONNECTED, String.valueOf(failure.getMessage())));
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
        }, (done) -> {}, (failure) -> {});
    }

    private void onConnected()
    {
        destinations.reload();
        runner.run((sink) -> backend.destinations(), (list) ->
        {
            deadLetters.onDestinations(list);
            browser.onDestinations(list);
        }, (failure) -> {});
    }

    private void onMetrics(final MetricsSnapshot snapshot)
    {
        dashboard.onMetrics(snapshot);
        destinations.applyBatch(snapshot.destinations());
        deadLetters.onDestinations(snapshot.destinations());
        browser.onDestinations(snapshot.destinations());
    }

    private void applyState(final ConnectionState newState, final String detail)
    {
        state.set(newState);
        final String key = switch (newState)
        {
            case CONNECTED -> "status.connected";
            case CONNECTING -> "status.connecting";
            default -> detail.isEmpty() ? "status.disconnected" : "status.disconnectedDetail";
        };
        statusText.set(MessageFormat.format(bundle.getString(key), detail));
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
     * Executor that runs on the UI thread.
     *
     * @return the executor.
     */
    public Executor uiExecutor()
    {
        return uiExecutor;
    }
}
