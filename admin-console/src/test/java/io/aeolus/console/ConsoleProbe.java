package io.aeolus.console;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The measuring side of {@link ResponseProbe}: writes commands to a console process's standard input and reads the
 * answers from its log (its standard output), then times each step from the moment the command was written, with this
 * process's {@link System#nanoTime()}, which on Linux reads the same monotonic clock as the console's. Used by
 * {@link ConsoleProcessMeasurement}.
 */
final class ConsoleProbe
{
    private static final int ROUNDS = Integer.getInteger("aeolus.console.probeRounds", 5);
    private static final String[] STEPS = {"filter orders.7", "filter", "sort depth", "sort depth", "sort name"};
    private static final String[] STEP_NAMES = {"filter \"orders.7\"", "clear the filter", "sort by depth (asc)",
        "sort by depth (desc)", "sort by name"};

    private final Process console;
    private final Path log;
    private int answersSeen;

    ConsoleProbe(final Process console, final Path log)
    {
        this.console = console;
        this.log = log;
    }

    /**
     * Waits until the console shows all destinations, then runs the filter and sort steps {@code ROUNDS} times.
     *
     * @param destinations how many rows the unfiltered view must show at least.
     * @return one line a step: the medians, in ms, from the command written to the frame painted (and its parts).
     */
    String timeFilterAndSort(final int destinations) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        long[] ready = ask("filter");
        while (ready[0] < destinations)
        {
            assertTrue(System.nanoTime() < deadlineNs, "the console never showed " + destinations + " rows");
            TimeUnit.SECONDS.sleep(1); // polling the console for its row count
            ready = ask("filter");
        }
        final Map<String, List<long[]>> byStep = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++)
        {
            for (int i = 0; i < STEPS.length; i++)
            {
                byStep.computeIfAbsent(STEP_NAMES[i], (key) -> new ArrayList<>()).add(ask(STEPS[i]));
            }
        }
        final StringBuilder text = new StringBuilder();
        for (final Map.Entry<String, List<long[]>> step : byStep.entrySet())
        {
            final List<long[]> runs = step.getValue();
            text.append(String.format("  %-22s rows %5d: written to painted %6.1f ms median [%.1f-%.1f] " +
                "(model %.1f + CSS/layout %.1f + paint %.1f; answer read after %.1f ms)%n", step.getKey(),
                runs.get(0)[0], median(runs, 1), min(runs, 1), max(runs, 1), median(runs, 2), median(runs, 3),
                median(runs, 4), median(runs, 5)));
        }
        return text.toString();
    }

    /** Sends one command; returns rows, written-to-painted, model, CSS/layout, paint, written-to-read, in ns. */
    private long[] ask(final String command) throws Exception
    {
        final OutputStream in = console.getOutputStream();
        final long writtenNs = System.nanoTime();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        final long deadlineNs = writtenNs + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            final List<String> answers = Files.readAllLines(log).stream().filter((line) -> line.startsWith("probe "))
                .toList();
            if (answers.size() > answersSeen)
            {
                final long readNs = System.nanoTime();
                final String answer = answers.get(answersSeen++);
                assertTrue(answer.contains(" rows="), "the console's probe: " + answer);
                final Map<String, Long> values = new LinkedHashMap<>();
                Arrays.stream(answer.split(" ")).filter((word) -> word.matches("[a-zA-Z]+=[0-9]+"))
                    .forEach((word) -> values.put(word.substring(0, word.indexOf('=')),
                        Long.parseLong(word.substring(word.indexOf('=') + 1))));
                return new long[]{values.get("rows"), values.get("rendered") - writtenNs,
                    values.get("applied") - values.get("received"), values.get("laidOut") - values.get("applied"),
                    values.get("rendered") - values.get("laidOut"), readNs - writtenNs};
            }
            assertTrue(System.nanoTime() < deadlineNs && console.isAlive(), "no answer to " + command);
            TimeUnit.MILLISECONDS.sleep(5); // polling the log file the console writes
        }
    }

    private static double median(final List<long[]> runs, final int column)
    {
        final long[] sorted = runs.stream().mapToLong((run) -> run[column]).sorted().toArray();
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(final List<long[]> runs, final int column)
    {
        return runs.stream().mapToLong((run) -> run[column]).min().orElse(0) / 1e6;
    }

    private static double max(final List<long[]> runs, final int column)
    {
        return runs.stream().mapToLong((run) -> run[column]).max().orElse(0) / 1e6;
    }
}
