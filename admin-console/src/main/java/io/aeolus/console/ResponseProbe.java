package io.aeolus.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/**
 * A way to time the Destinations view from outside the console process, for measurements only: started with
 * {@code -Daeolus.console.probe=stdin}, the console reads commands from its standard input, one a line, and answers
 * each on standard output once the change is on screen. {@code filter TEXT} puts TEXT into the filter field as a
 * paste would ({@code filter} alone clears it); {@code sort COLUMN} does what a click on that column's header does
 * (the column id, e.g. {@code depth}: ascending first, then descending). The answer,
 * <pre>
 * probe sort depth rows=10000 received=NS applied=NS laidOut=NS rendered=NS
 * </pre>
 * gives {@link System#nanoTime()} (on Linux the machine's monotonic clock, which the measuring process reads too) when
 * the command was read, when the FX thread had made the change (the view model's filter or sort), when the pulse that
 * laid it out had finished CSS and layout, and when the frame was rendered: the end of CSS and layout of the second
 * pulse after that one, which JavaFX starts only once the render thread has painted the frame of the change (a
 * pulse with something to draw waits for the previous frame before it copies the scene; the probe gives the first
 * of them something invisible to draw). That is later than the paint by at most about two frames (33 ms).
 * Without the property nothing reads standard input. FX thread for the changes; a daemon thread reads.
 */
final class ResponseProbe
{
    /** System property that turns the probe on; its one value is {@code stdin}. */
    static final String PROPERTY = "aeolus.console.probe";

    private final Scene scene;
    private final PrintStream out;

    private ResponseProbe(final Scene scene, final PrintStream out)
    {
        this.scene = scene;
        this.out = out;
    }

    /**
     * Starts reading standard input when {@link #PROPERTY} asks for it.
     *
     * @param scene the main window's scene, holding the Destinations view.
     * @throws IllegalArgumentException for a value other than {@code stdin}.
     */
    static void startIfAsked(final Scene scene)
    {
        final String value = System.getProperty(PROPERTY, "");
        if (value.isEmpty())
        {
            return;
        }
        if (!"stdin".equals(value))
        {
            throw new IllegalArgumentException("-D" + PROPERTY + " takes only stdin, got " + value);
        }
        start(scene, System.in, System.out);
    }

    /**
     * Starts reading commands.
     *
     * @param scene the scene holding the Destinations view.
     * @param in    where the commands come from, one a line; the probe ends with it.
     * @param out   where the answers go.
     */
    static void start(final Scene scene, final InputStream in, final PrintStream out)
    {
        new ResponseProbe(scene, out).readFrom(in);
    }

    private void readFrom(final InputStream in)
    {
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
            {
                for (String line = lines.readLine(); null != line; line = lines.readLine())
                {
                    final long receivedNs = System.nanoTime();
                    final String command = line.strip();
                    Platform.runLater(() -> run(command, receivedNs));
                }
            }
            catch (final IOException ex)
            {
                out.println("probe stopped: " + ex);
            }
        }, "aeolus-console-probe");
        reader.setDaemon(true);
        reader.start();
    }

    private void run(final String command, final long receivedNs)
    {
        final TextField filter = (TextField)scene.lookup("#destinationFilter");
        final TableView<?> table = (TableView<?>)scene.lookup("#destinationsTable");
        final Node count = scene.lookup("#destinationCount");
        if (null == filter || null == table || null == count)
        {
            answer(command + " failed: the Destinations view is not shown");
            return;
        }
        if ("filter".equals(command) || command.startsWith("filter "))
        {
            filter.setText("filter".equals(command) ? "" : command.substring("filter ".length()));
        }
        else if (command.startsWith("sort ") && sortBy(table, command.substring("sort ".length()).strip()))
        {
            table.sort();
        }
        else
        {
            answer(command + " failed: unknown command or column (filter TEXT, sort COLUMN-ID)");
            return;
        }
        final long appliedNs = System.nanoTime();
        afterPulse((laidOutNs) ->
        {
            // Something to draw in the next pulse, so that it waits for this frame's paint before it copies the scene.
            count.setOpacity(1.0 == count.getOpacity() ? 0.999 : 1.0);
            afterPulse((ignored) -> afterPulse((renderedNs) -> answer(command + " rows=" + table.getItems().size() +
                " received=" + receivedNs + " applied=" + appliedNs + " laidOut=" + laidOutNs + " rendered=" +
                renderedNs)));
        });
    }

    /** As a header click: the column alone in the sort order, ascending, or descending when it already was. */
    private static boolean sortBy(final TableView<?> table, final String columnId)
    {
        for (final TableColumn<?, ?> column : table.getColumns())
        {
            if (columnId.equals(column.getId()))
            {
                sortBy(table, column);
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sortBy(final TableView table, final TableColumn column)
    {
        final boolean alreadyAscending = 1 == table.getSortOrder().size() && column == table.getSortOrder().get(0) &&
            TableColumn.SortType.ASCENDING == column.getSortType();
        column.setSortType(alreadyAscending ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
        table.getSortOrder().setAll(column);
    }

    /**
     * Calls the action once with the time CSS and layout of the next pulse (which it asks for) ended; the listener is
     * removed and the action run after that pulse, not while the scene walks its listeners.
     */
    private void afterPulse(final LongConsumer action)
    {
        final Runnable[] listener = new Runnable[1];
        final boolean[] fired = new boolean[1];
        listener[0] = () ->
        {
            if (!fired[0])
            {
                fired[0] = true;
                final long nowNs = System.nanoTime();
                Platform.runLater(() ->
                {
                    scene.removePostLayoutPulseListener(listener[0]);
                    action.accept(nowNs);
                });
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private void answer(final String text)
    {
        out.println("probe " + text);
        out.flush();
    }
}
