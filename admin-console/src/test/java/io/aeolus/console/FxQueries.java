package io.aeolus.console;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import impl.org.controlsfx.skin.NotificationBar;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the console's headless tests look up and wait for: rendered table cells, dialogs, notification popups.
 */
final class FxQueries
{
    private FxQueries()
    {
    }

    static List<String> cellTexts(final FxRobot robot, final String table)
    {
        if (!Platform.isFxApplicationThread())
        {
            // The table's cells change as it refreshes: read them on the FX thread, not beside it.
            return WaitForAsyncUtils.waitForAsyncFx(10_000, () -> cellTexts(robot, table));
        }
        return robot.from(robot.lookup(table).queryAs(TableView.class)).lookup(".table-cell")
            .queryAllAs(TableCell.class).stream()
            .map(TableCell::getText)
            .filter((text) -> null != text)
            .toList();
    }

    static TableCell<?, ?> cell(final FxRobot robot, final String table, final String text)
    {
        return robot.from(robot.lookup(table).queryAs(TableView.class)).lookup(".table-cell")
            .queryAllAs(TableCell.class).stream()
            .filter((cell) -> text.equals(cell.getText()))
            .findFirst().orElseThrow(() -> new AssertionError("no cell '" + text + "' in " + table));
    }

    static Button buttonInPopup(final FxRobot robot, final String text)
    {
        return robot.lookup((Node node) -> node instanceof Button && text.equals(((Button)node).getText()) &&
            node.isVisible()).tryQueryAs(Button.class).orElse(null);
    }

    /**
     * Selects a node with a click and opens its context menu as a right click would (Monocle's headless robot clicks
     * with the secondary button but raises no context-menu request).
     */
    static void openContextMenu(final FxRobot robot, final Node node)
    {
        robot.clickOn(node);
        robot.interact(() ->
        {
            final javafx.geometry.Bounds bounds = node.localToScreen(node.getBoundsInLocal());
            node.fireEvent(new javafx.scene.input.ContextMenuEvent(
                javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, bounds.getWidth() / 2,
                bounds.getHeight() / 2, bounds.getCenterX(), bounds.getCenterY(), false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The node of a showing context menu's item, by the item's id (menu items are no nodes themselves), for a robot
     * to click; null if no showing menu has it.
     */
    static Node menuItem(final String id)
    {
        return List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window instanceof javafx.scene.control.ContextMenu && window.isShowing())
            .flatMap((window) -> window.getScene().getRoot().lookupAll(".menu-item").stream())
            .filter((node) -> node instanceof com.sun.javafx.scene.control.ContextMenuContent.MenuItemContainer &&
                id.equals(((com.sun.javafx.scene.control.ContextMenuContent.MenuItemContainer)node).getItem().getId()))
            .findFirst().orElse(null);
    }

    /**
     * Whether a showing context menu's item is disabled.
     */
    static boolean menuItemDisabled(final String id)
    {
        final Node node = menuItem(id);
        if (null == node)
        {
            throw new AssertionError("no showing menu item " + id);
        }
        return ((com.sun.javafx.scene.control.ContextMenuContent.MenuItemContainer)node).getItem().isDisable();
    }

    static boolean windowShows(final String text)
    {
        if (!Platform.isFxApplicationThread())
        {
            return WaitForAsyncUtils.waitForAsyncFx(10_000, () -> windowShows(text));
        }
        return List.copyOf(Window.getWindows()).stream().anyMatch((window) -> window.isShowing() &&
            null != window.getScene() && contains(window.getScene().getRoot(), text));
    }

    static Window dialogWindow(final Stage stage)
    {
        return List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage && window.isShowing() && window instanceof Stage)
            .findFirst().orElse(null);
    }

    /**
     * Closes every window but the stage. Notification popups are closed through their own close path: ControlsFX
     * counts the popups it has shown until they close themselves, and collapses new ones into a summary once four
     * are counted, so a popup merely hidden here would hide the next test's notification text.
     */
    static void closeOtherWindows(final Stage stage)
    {
        Platform.runLater(() -> List.copyOf(Window.getWindows()).stream()
            .filter((window) -> window != stage)
            .forEach((window) ->
            {
                if (null != window.getScene())
                {
                    window.getScene().getRoot().lookupAll(".notification-bar").stream()
                        .filter(NotificationBar.class::isInstance)
                        .forEach((bar) -> ((NotificationBar)bar).hide());
                }
                window.hide();
            }));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void waitUntil(final int seconds, final Callable<Boolean> condition) throws TimeoutException
    {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean contains(final Node node, final String text)
    {
        // Notifications break long text into lines to fit the window: read a line break as the space it replaced.
        if (node instanceof Labeled && null != ((Labeled)node).getText() &&
            ((Labeled)node).getText().replace('\n', ' ').contains(text))
        {
            return true;
        }
        return node instanceof Parent &&
            ((Parent)node).getChildrenUnmodifiable().stream().anyMatch((child) -> contains(child, text));
    }
}
