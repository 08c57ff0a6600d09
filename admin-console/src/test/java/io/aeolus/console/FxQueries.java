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

    static boolean windowShows(final String text)
    {
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
