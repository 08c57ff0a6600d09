package io.aeolus.console;

import io.aeolus.console.backend.FakeBackend;

import java.util.List;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20, the tab headers in a 1100 px window: they do not all fit, and still every tab stays reachable, by the
 * mouse (its header, or the tab pane's overflow menu, which lists every tab) and by the keyboard (Ctrl+Tab and
 * Ctrl+Shift+Tab go through every tab in order).
 */
@Timeout(90)
@ExtendWith(ApplicationExtension.class)
class TabsAt1100ViewTest
{
    private ConsoleFixture console;
    private Stage stage;

    @Start
    void start(final Stage stage)
    {
        this.stage = stage;
        console = new ConsoleFixture(new FakeBackend());
        stage.setScene(console.window.createScene(1100, 700, false));
        stage.show();
    }

    @AfterEach
    void close() throws Exception
    {
        FxQueries.closeOtherWindows(stage);
        console.close();
    }

    @Test
    void everyTabIsReachableByTheMouse(final FxRobot robot) throws Exception
    {
        final TabPane tabs = tabs(robot);
        final List<Tab> all = List.copyOf(tabs.getTabs());
        for (int i = all.size() - 1; i >= 0; i--)
        {
            final Tab tab = all.get(i);
            robot.interact(() -> tabs.getSelectionModel().select(tab == all.get(0) ? all.get(1) : all.get(0)));
            WaitForAsyncUtils.waitForFxEvents();
            final Node header = header(tabs, tab);
            if (null != header && isWhollyShown(tabs, header))
            {
                robot.clickOn(header);
            }
            else
            {
                final Node menuButton = own(tabs, ".tab-down-button");
                System.out.println("TabsAt1100ViewTest: the header of '" + tab.getText() + "' is cut or hidden; " +
                    "through the tab menu");
                assertTrue(isShown(menuButton), "a tab whose header is cut must be in the tab menu: " + tab.getText());
                robot.clickOn(menuButton);
                WaitForAsyncUtils.waitForFxEvents();
                waitUntil(10, () -> null != menuEntry(tab.getText()));
                robot.clickOn(menuEntry(tab.getText()));
            }
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(tab.getText(), tabs.getSelectionModel().getSelectedItem().getText(), "reached by the mouse");
        }
    }

    @Test
    void everyTabIsReachableByTheKeyboard(final FxRobot robot)
    {
        final TabPane tabs = tabs(robot);
        robot.interact(() ->
        {
            tabs.getSelectionModel().selectFirst();
            tabs.requestFocus();
        });
        for (int i = 1; i < tabs.getTabs().size(); i++)
        {
            robot.press(KeyCode.CONTROL, KeyCode.TAB).release(KeyCode.TAB, KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(i, tabs.getSelectionModel().getSelectedIndex(), "Ctrl+Tab goes to the next tab");
        }
        for (int i = tabs.getTabs().size() - 2; i >= 0; i--)
        {
            robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT,
                KeyCode.CONTROL);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(i, tabs.getSelectionModel().getSelectedIndex(), "Ctrl+Shift+Tab goes back");
        }
    }

    private static TabPane tabs(final FxRobot robot)
    {
        final TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertNotNull(tabs);
        return tabs;
    }

    private static boolean isShown(final Node node)
    {
        for (Node at = node; null != at; at = at.getParent())
        {
            if (!at.isVisible())
            {
                return false;
            }
        }
        return node.getLayoutBounds().getWidth() > 0;
    }

    /**
     * The first node of a style class that belongs to the main tab pane itself, not to a tab pane inside a tab.
     */
    private static Node own(final TabPane tabs, final String selector)
    {
        for (final Node node : tabs.lookupAll(selector))
        {
            Node parent = node.getParent();
            while (null != parent && !(parent instanceof TabPane))
            {
                parent = parent.getParent();
            }
            if (parent == tabs)
            {
                return node;
            }
        }
        throw new AssertionError("the tab pane has no " + selector);
    }

    /**
     * The header of a tab: the node of style class {@code tab} whose label shows the tab's text.
     */
    private static Node header(final TabPane tabs, final Tab tab)
    {
        final Node area = own(tabs, ".tab-header-area");
        return area.lookupAll(".tab").stream()
            .filter((node) -> node.lookupAll(".tab-label").stream()
                .anyMatch((label) -> label instanceof Label && tab.getText().equals(((Label)label).getText())))
            .findFirst().orElse(null);
    }

    /**
     * Whether a header lies wholly between the left edge of the header area and the overflow button.
     */
    private static boolean isWhollyShown(final TabPane tabs, final Node header)
    {
        final Node area = own(tabs, ".tab-header-area");
        final Node buttons = own(tabs, ".control-buttons-tab");
        final Bounds shown = area.localToScene(area.getLayoutBounds());
        final Bounds bounds = header.localToScene(header.getLayoutBounds());
        final double right = buttons.isVisible() ? buttons.localToScene(buttons.getLayoutBounds()).getMinX() :
            shown.getMaxX();
        return header.isVisible() && bounds.getMinX() >= shown.getMinX() && bounds.getMaxX() <= right;
    }

    /**
     * The node of the overflow menu's entry for a tab, once the menu shows.
     */
    private static Node menuEntry(final String text)
    {
        return List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window instanceof javafx.scene.control.ContextMenu && window.isShowing())
            .flatMap((window) -> window.getScene().getRoot().lookupAll(".menu-item").stream())
            .filter((node) -> node instanceof com.sun.javafx.scene.control.ContextMenuContent.MenuItemContainer &&
                text.equals(((com.sun.javafx.scene.control.ContextMenuContent.MenuItemContainer)node).getItem()
                    .getText()))
            .findFirst().orElse(null);
    }
}
