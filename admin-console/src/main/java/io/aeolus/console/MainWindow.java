package io.aeolus.console;

import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.browser.MessageBrowserView;
import io.aeolus.console.connect.ConnectDialog;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.connections.ConnectionsView;
import io.aeolus.console.dashboard.DashboardView;
import io.aeolus.console.destinations.DestinationRow;
import io.aeolus.console.destinations.DestinationsView;
import io.aeolus.console.dlq.DeadLettersView;
import io.aeolus.console.jobs.JobsView;
import io.aeolus.console.notifications.NotificationPresenter;
import io.aeolus.console.overview.BrokerOverviewView;
import io.aeolus.console.routing.BridgesView;
import io.aeolus.console.routing.RoutingView;
import io.aeolus.console.users.UsersView;
import io.aeolus.console.send.SendMessageDialog;
import io.aeolus.console.subscriptions.SubscriptionsView;
import io.aeolus.console.trash.TrashView;
import io.aeolus.console.xa.XaBranchesView;

import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.StatusBar;

/**
 * The main window's content: toolbar, feature tabs and a ControlsFX {@link StatusBar} with the connection
 * state; notices of background work pop up as ControlsFX notifications. The Connections, Subscriptions, Jobs and
 * Trash tabs reload when they are shown, and a timer ticks the console once a second (job polling) while the window
 * shows. Code-built; a thin controller over {@link ConsoleViewModel}. FX thread only.
 */
public final class MainWindow
{
    /** Base stylesheet, shared by both themes. */
    public static final String BASE_CSS = "/io/aeolus/console/console.css";
    /** Light theme colours. */
    public static final String LIGHT_CSS = "/io/aeolus/console/theme-light.css";
    /** Dark theme colours. */
    public static final String DARK_CSS = "/io/aeolus/console/theme-dark.css";

    private final BorderPane root = new BorderPane();
    private final ConsoleViewModel viewModel;
    private final ConnectViewModel connectViewModel;
    private final ResourceBundle bundle;
    private final TabPane tabs = new TabPane();
    private final ToggleButton darkTheme = new ToggleButton();

    /**
     * Builds the window content.
     *
     * @param viewModel        the console's state.
     * @param connectViewModel the connect form's state.
     * @param bundle           UI text.
     */
    public MainWindow(
        final ConsoleViewModel viewModel, final ConnectViewModel connectViewModel, final ResourceBundle bundle)
    {
        this.viewModel = viewModel;
        this.connectViewModel = connectViewModel;
        this.bundle = bundle;

        tabs.setId("tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().add(tab("dashboardTab", "tab.dashboard",
            new DashboardView(viewModel.dashboard(), bundle).root()));
        final DestinationsView destinations =
            new DestinationsView(viewModel.destinations(), viewModel.destinationDetail(), bundle);
        destinations.setOnOpen(this::openInBrowser);
        tabs.getTabs().add(tab("destinationsTab", "tab.destinations", destinations.root()));
        tabs.getTabs().add(tab("deadLettersTab", "tab.deadLetters",
            new DeadLettersView(viewModel.deadLetters(), bundle).root()));
        tabs.getTabs().add(tab("browserTab", "tab.browser",
            new MessageBrowserView(viewModel.browser(), viewModel.messageActions(), bundle).root()));
        tabs.getTabs().add(tab("connectionsTab", "tab.connections",
            new ConnectionsView(viewModel.connections(), bundle).root()));
        tabs.getTabs().add(tab("subscriptionsTab", "tab.subscriptions",
            new SubscriptionsView(viewModel.subscriptions(), bundle).root()));
        tabs.getTabs().add(tab("jobsTab", "tab.jobs", new JobsView(viewModel.jobs(), bundle).root()));
        tabs.getTabs().add(tab("trashTab", "tab.trash", new TrashView(viewModel.trash(), bundle).root()));
        tabs.getTabs().add(tab("overviewTab", "tab.overview",
            new BrokerOverviewView(viewModel.overview(), bundle).root()));
        tabs.getTabs().add(tab("xaBranchesTab", "tab.xaBranches",
            new XaBranchesView(viewModel.xaBranches(), bundle).root()));
        tabs.getTabs().add(tab("routingTab", "tab.routing", new RoutingView(viewModel.routing(), bundle).root()));
        tabs.getTabs().add(tab("bridgesTab", "tab.bridges", new BridgesView(viewModel.bridges(), bundle).root()));
        tabs.getTabs().add(tab("usersTab", "tab.users", new UsersView(viewModel.users(), bundle).root()));
        tabs.getSelectionModel().selectedItemProperty().addListener((observable, oldTab, newTab) -> onTabShown(newTab));
        new NotificationPresenter(viewModel.notifier(), this::window, darkTheme::isSelected,
            bundle.getString("notifications.summary"));

        root.setTop(toolbar());
        root.setCenter(tabs);
        root.setBottom(statusBar());
        root.getStyleClass().add("console-root");
    }

    private void openInBrowser(final DestinationRow row)
    {
        if (row.type() == DestinationType.QUEUE)
        {
            viewModel.browser().queueProperty().set(row.name());
            viewModel.browser().browse();
            selectTab("browserTab");
        }
    }

    /**
     * Creates a scene for this window with the chosen theme.
     *
     * @param width  scene width in pixels.
     * @param height scene height in pixels.
     * @param dark   true for the dark theme.
     * @return the scene.
     */
    public Scene createScene(final double width, final double height, final boolean dark)
    {
        final Scene scene = new Scene(root, width, height);
        darkTheme.setSelected(dark);
        applyTheme(scene, dark);
        startTicker(scene);
        return scene;
    }

    /**
     * Switches a scene between the light and the dark theme.
     *
     * @param scene the scene.
     * @param dark  true for the dark theme.
     */
    public static void applyTheme(final Scene scene, final boolean dark)
    {
        scene.getStylesheets().setAll(
            MainWindow.class.getResource(BASE_CSS).toExternalForm(),
            MainWindow.class.getResource(dark ? DARK_CSS : LIGHT_CSS).toExternalForm());
    }

    /**
     * Selects a tab by its id, e.g. {@code destinationsTab}.
     *
     * @param id the tab's id.
     */
    public void selectTab(final String id)
    {
        for (final Tab tab : tabs.getTabs())
        {
            if (id.equals(tab.getId()))
            {
                tabs.getSelectionModel().select(tab);
            }
        }
    }

    /**
     * Opens the connect dialog; it connects when the user presses Connect and stays open until connected or
     * cancelled, showing why a connect failed.
     */
    public void showConnectDialog()
    {
        new ConnectDialog(connectViewModel, viewModel::connect, bundle, window()).showAndWait();
    }

    /**
     * Connects to a broker named on the command line: the connect dialog opens filled in and connecting, closes once
     * connected, and otherwise stays open showing why, for the user to correct.
     *
     * @param url      broker URL.
     * @param user     user name, may be empty.
     * @param password password; handed over.
     */
    public void connectAtStart(final String url, final String user, final char[] password)
    {
        connectViewModel.urlProperty().set(url);
        connectViewModel.userProperty().set(user);
        connectViewModel.passwordProperty().set(new String(password));
        Arrays.fill(password, '\0');
        final ConnectDialog dialog = new ConnectDialog(connectViewModel, viewModel::connect, bundle, window());
        connectViewModel.submit(viewModel::connect);
        dialog.showAndWait();
    }

    /**
     * Opens the Send message dialog, filled with the queue the browser shows when the form has no destination yet.
     */
    public void showSendDialog()
    {
        final String browsed = viewModel.browser().queueProperty().get();
        if (viewModel.send().destinationProperty().get().isBlank() && null != browsed)
        {
            viewModel.send().destinationProperty().set(browsed.strip());
        }
        new SendMessageDialog(viewModel.send(), bundle, window()).showAndWait();
    }

    /**
     * Switches between the light and the dark theme, as the toolbar's toggle does.
     *
     * @param dark true for the dark theme.
     */
    public void setDark(final boolean dark)
    {
        darkTheme.setSelected(dark);
        if (null != root.getScene())
        {
            applyTheme(root.getScene(), dark);
        }
    }

    /**
     * Whether the dark theme is on.
     *
     * @return true for the dark theme.
     */
    public boolean isDark()
    {
        return darkTheme.isSelected();
    }

    /**
     * The root node.
     *
     * @return the root.
     */
    public Parent root()
    {
        return root;
    }

    private ToolBar toolbar()
    {
        final Button connect = new Button(bundle.getString("toolbar.connect"));
        connect.setId("connectButton");
        connect.setOnAction((event) -> showConnectDialog());
        final Button disconnect = new Button(bundle.getString("toolbar.disconnect"));
        disconnect.setId("disconnectButton");
        disconnect.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(ConnectionState.CONNECTED));
        disconnect.setOnAction((event) -> viewModel.disconnect());
        final Button send = new Button(bundle.getString("toolbar.send"));
        send.setId("sendButton");
        send.disableProperty().bind(viewModel.stateProperty().isNotEqualTo(ConnectionState.CONNECTED));
        send.setOnAction((event) -> showSendDialog());
        darkTheme.setText(bundle.getString("toolbar.darkTheme"));
        darkTheme.setId("darkTheme");
        darkTheme.selectedProperty().addListener((observable, oldValue, isDark) ->
        {
            if (null != root.getScene())
            {
                applyTheme(root.getScene(), isDark);
            }
        });
        final Label title = new Label(bundle.getString("app.title"));
        title.getStyleClass().add("app-title");
        return new ToolBar(title, connect, disconnect, send, darkTheme);
    }

    /**
     * Ticks the console once a second (job polling) while the scene is in a window; stops for good once the scene has
     * left its window (closed, or replaced by another scene), so a discarded window leaves no timer behind.
     */
    private void startTicker(final Scene scene)
    {
        final boolean[] shown = new boolean[1];
        final Timeline ticker = new Timeline();
        ticker.getKeyFrames().add(new KeyFrame(Duration.seconds(1), (event) ->
        {
            final Window window = scene.getWindow();
            if (null == window || !window.isShowing())
            {
                if (shown[0])
                {
                    ticker.stop();
                }
                return;
            }
            shown[0] = true;
            viewModel.tick(System.currentTimeMillis());
        }));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
    }

    private Window window()
    {
        return null == root.getScene() ? null : root.getScene().getWindow();
    }

    private void onTabShown(final Tab tab)
    {
        if (null == tab || viewModel.stateProperty().get() != ConnectionState.CONNECTED)
        {
            return;
        }
        if ("connectionsTab".equals(tab.getId()))
        {
            viewModel.connections().reload();
        }
        else if ("subscriptionsTab".equals(tab.getId()))
        {
            viewModel.subscriptions().reload();
        }
        else if ("overviewTab".equals(tab.getId()))
        {
            viewModel.overview().reload();
        }
        else if ("trashTab".equals(tab.getId()))
        {
            viewModel.trash().reload();
        }
        else if ("jobsTab".equals(tab.getId()))
        {
            viewModel.jobs().reload();
        }
        else if ("xaBranchesTab".equals(tab.getId()))
        {
            viewModel.xaBranches().reload();
        }
        else if ("routingTab".equals(tab.getId()))
        {
            viewModel.routing().reload();
        }
        else if ("bridgesTab".equals(tab.getId()))
        {
            viewModel.bridges().reload();
        }
        else if ("usersTab".equals(tab.getId()))
        {
            viewModel.users().reload();
        }
    }

    private StatusBar statusBar()
    {
        final StatusBar statusBar = new StatusBar();
        statusBar.setId("statusBar");
        statusBar.textProperty().bind(viewModel.statusTextProperty());
        final Label stateLabel = new Label();
        stateLabel.setId("connectionState");
        stateLabel.getStyleClass().add("connection-state");
        viewModel.stateProperty().addListener((observable, oldState, newState) -> showState(stateLabel, newState));
        showState(stateLabel, viewModel.stateProperty().get());
        statusBar.getRightItems().add(stateLabel);
        return statusBar;
    }

    private void showState(final Label label, final ConnectionState state)
    {
        final String name = state.name().toLowerCase(Locale.ROOT);
        label.setText(bundle.getString("state." + name));
        label.getStyleClass().removeIf((styleClass) -> styleClass.startsWith("state-"));
        label.getStyleClass().add("state-" + name);
    }

    private Tab tab(final String id, final String key, final Node content)
    {
        final Tab tab = new Tab();
        tab.setId(id);
        tab.setContent(content);
        tab.setText(bundle.getString(key));
        return tab;
    }
}
