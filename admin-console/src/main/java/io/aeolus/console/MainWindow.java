package io.aeolus.console;

import io.aeolus.console.backend.ConnectionState;
import io.aeolus.console.browser.MessageBrowserView;
import io.aeolus.console.connect.ConnectDialog;
import io.aeolus.console.connect.ConnectViewModel;
import io.aeolus.console.dashboard.DashboardView;
import io.aeolus.console.destinations.DestinationsView;
import io.aeolus.console.dlq.DeadLettersView;

import java.util.Locale;
import java.util.ResourceBundle;

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
import org.controlsfx.control.StatusBar;

/**
 * The main window's content: toolbar, feature tabs and a ControlsFX {@link StatusBar} with the connection
 * state. Code-built; a thin controller over {@link ConsoleViewModel}. FX thread only.
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
        tabs.getTabs().add(tab("destinationsTab", "tab.destinations",
            new DestinationsView(viewModel.destinations(), bundle).root()));
        tabs.getTabs().add(tab("deadLettersTab", "tab.deadLetters",
            new DeadLettersView(viewModel.deadLetters(), bundle).root()));
        tabs.getTabs().add(tab("browserTab", "tab.browser",
            new MessageBrowserView(viewModel.browser(), bundle).root()));

        root.setTop(toolbar());
        root.setCenter(tabs);
        root.setBottom(statusBar());
        root.getStyleClass().add("console-root");
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
        applyTheme(scene, dark);
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
     * Opens the connect dialog and connects when the user confirms.
     */
    public void showConnectDialog()
    {
        final ConnectDialog dialog = new ConnectDialog(
            connectViewModel, bundle, null == root.getScene() ? null : root.getScene().getWindow());
        if (dialog.showAndWait())
        {
            connectViewModel.remember();
            viewModel.connect(
                connectViewModel.urlProperty().get().strip(), connectViewModel.userProperty().get(),
                connectViewModel.takePassword());
        }
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
        final ToggleButton dark = new ToggleButton(bundle.getString("toolbar.darkTheme"));
        dark.setId("darkTheme");
        dark.selectedProperty().addListener((observable, oldValue, isDark) ->
        {
            if (null != root.getScene())
            {
                applyTheme(root.getScene(), isDark);
            }
        });
        final Label title = new Label(bundle.getString("app.title"));
        title.getStyleClass().add("app-title");
        return new ToolBar(title, connect, disconnect, dark);
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
