package io.aeolus.console;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.FakeBackend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.aeolus.console.FxQueries.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console's response probe, headless against a {@link FakeBackend}: commands on its input filter and sort the
 * Destinations view as the filter field and a header click do, and each answer comes once the change is laid out and
 * painted, with its times in order.
 */
@Timeout(60)
@ExtendWith(ApplicationExtension.class)
class ResponseProbeTest
{
    private ConsoleFixture console;
    private Stage stage;
    private final ByteArrayOutputStream answers = new ByteArrayOutputStream();
    private PipedOutputStream commands;

    @Start
    void start(final Stage stage) throws IOException
    {
        this.stage = stage;
        final FakeBackend backend = new FakeBackend()
            .putDestination(new DestinationInfo("orders.1", DestinationType.QUEUE, 7, 0, 0, 7, 0, false))
            .putDestination(new DestinationInfo("orders.2", DestinationType.QUEUE, 2, 0, 0, 2, 0, false))
            .putDestination(new DestinationInfo("payments.1", DestinationType.QUEUE, 5, 0, 0, 5, 0, false));
        console = new ConsoleFixture(backend);
        stage.setScene(console.window.createScene(1400, 700, false));
        stage.show();
        final PipedInputStream in = new PipedInputStream();
        commands = new PipedOutputStream(in);
        ResponseProbe.start(stage.getScene(), in, new PrintStream(answers, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void close() throws Exception
    {
        commands.close();
        console.close();
    }

    @Test
    void shouldFilterAndSortAndAnswerOnceOnScreen(final FxRobot robot) throws Exception
    {
        console.viewModel.uiExecutor().execute(() -> console.viewModel.connect("aeolus:ipc", "admin", new char[0]));
        waitUntil(10, () -> console.viewModel.statusTextProperty().get().startsWith("Connected"));
        robot.interact(() -> console.window.selectTab("destinationsTab"));
        final TableView<?> table = robot.lookup("#destinationsTable").queryAs(TableView.class);
        waitUntil(10, () -> 3 == table.getItems().size());

        final Map<String, Long> filtered = ask("filter ORDERS", 1);
        assertEquals(2, filtered.get("rows"));
        assertTrue(filtered.get("received") <= filtered.get("applied") &&
            filtered.get("applied") <= filtered.get("laidOut") && filtered.get("laidOut") < filtered.get("rendered"),
            filtered.toString());
        assertEquals(3, ask("filter", 2).get("rows"));

        ask("sort depth", 3);
        assertEquals(List.of(2L, 5L, 7L), depths());
        ask("sort depth", 4);
        assertEquals(List.of(7L, 5L, 2L), depths());

        ask("sort nosuch", 5);
        assertTrue(lines().get(4).contains("failed"), lines().get(4));
    }

    @Test
    void shouldRefuseAnUnknownValue()
    {
        System.setProperty(ResponseProbe.PROPERTY, "tcp");
        try
        {
            assertThrows(IllegalArgumentException.class, () -> ResponseProbe.startIfAsked(stage.getScene()));
        }
        finally
        {
            System.clearProperty(ResponseProbe.PROPERTY);
        }
    }

    private List<Long> depths()
    {
        return console.viewModel.destinations().visibleRows().stream().map((row) -> row.depthProperty().get())
            .toList();
    }

    private Map<String, Long> ask(final String command, final int answersThen) throws IOException, TimeoutException
    {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        waitUntil(10, () -> lines().size() >= answersThen);
        return Arrays.stream(lines().get(answersThen - 1).split(" "))
            .filter((word) -> word.matches("[a-zA-Z]+=[0-9]+"))
            .collect(Collectors.toMap((word) -> word.substring(0, word.indexOf('=')),
                (word) -> Long.parseLong(word.substring(word.indexOf('=') + 1))));
    }

    private List<String> lines()
    {
        return answers.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
