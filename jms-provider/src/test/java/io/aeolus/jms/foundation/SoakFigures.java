package io.aeolus.jms.foundation;

import org.agrona.collections.LongArrayList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The soak's figures over time, per minute of the run: messages sent and received, the broker's heap, send and
 * commit latencies (p50, p99, max) and the kills, plus the recovery time after each kill; written as a CSV and a
 * markdown table, with the run's option parsing and the load average. Thread safe (every instance method
 * synchronized: the recording threads are few and slow next to it).
 */
final class SoakFigures
{
    private final long startNs;
    private final TreeMap<Integer, Minute> minutes = new TreeMap<>();
    private final List<String> recoveries = new ArrayList<>();

    SoakFigures(final long startNs)
    {
        this.startNs = startNs;
    }

    synchronized void sent(final boolean persistent, final int count)
    {
        final Minute minute = minute();
        if (persistent)
        {
            minute.sentPersistent += count;
        }
        else
        {
            minute.sentNonPersistent += count;
        }
    }

    synchronized void received(final boolean persistent, final int count)
    {
        final Minute minute = minute();
        if (persistent)
        {
            minute.receivedPersistent += count;
        }
        else
        {
            minute.receivedNonPersistent += count;
        }
    }

    synchronized void sendLatency(final long ns)
    {
        minute().sendLatencies.addLong(ns);
    }

    synchronized void commitLatency(final long ns)
    {
        minute().commitLatencies.addLong(ns);
    }

    synchronized void heapUsed(final long bytes)
    {
        final Minute minute = minute();
        minute.heapMaxUsed = Math.max(minute.heapMaxUsed, bytes);
    }

    synchronized void kill()
    {
        minute().kills++;
    }

    /**
     * A restart after a kill: how long the new broker took to listen, and until the first confirmed persistent send.
     */
    synchronized void recovery(final int kill, final long restartMs, final long firstSendMs)
    {
        recoveries.add("| " + kill + " | " + restartMs + " | " + (firstSendMs < 0 ? "none" : firstSendMs) + " |");
    }

    synchronized long maxHeapUsed()
    {
        long max = 0;
        for (final Minute minute : minutes.values())
        {
            max = Math.max(max, minute.heapMaxUsed);
        }
        return max;
    }

    synchronized int minutesWithHeapFigure()
    {
        int count = 0;
        for (final Minute minute : minutes.values())
        {
            count += minute.heapMaxUsed > 0 ? 1 : 0;
        }
        return count;
    }

    private Minute minute()
    {
        final int index = (int)TimeUnit.NANOSECONDS.toMinutes(System.nanoTime() - startNs);
        return minutes.computeIfAbsent(index, i -> new Minute());
    }

    /**
     * Writes {@code <name>.csv} and {@code <name>.md} into the directory.
     *
     * @return the markdown text.
     */
    synchronized String write(final Path directory, final String name, final String summary) throws IOException
    {
        Files.createDirectories(directory);
        final StringBuilder csv = new StringBuilder("minute,sent_persistent,sent_non_persistent," +
            "received_persistent,received_non_persistent,heap_max_used_mib,send_p50_ms,send_p99_ms,send_max_ms," +
            "commit_p50_ms,commit_p99_ms,commit_max_ms,kills\n");
        final StringBuilder md = new StringBuilder(summary).append("\n\n")
            .append("| min | sent P | sent NP | recv P | recv NP | heap MiB | send p50/p99/max ms | ")
            .append("commit p50/p99/max ms | kills |\n|---|---|---|---|---|---|---|---|---|\n");
        for (final var entry : minutes.entrySet())
        {
            final Minute m = entry.getValue();
            final String[] send = percentiles(m.sendLatencies);
            final String[] commit = percentiles(m.commitLatencies);
            csv.append(entry.getKey()).append(',').append(m.sentPersistent).append(',').append(m.sentNonPersistent)
                .append(',').append(m.receivedPersistent).append(',').append(m.receivedNonPersistent).append(',')
                .append(m.heapMaxUsed >> 20).append(',').append(String.join(",", send)).append(',')
                .append(String.join(",", commit)).append(',').append(m.kills).append('\n');
            md.append("| ").append(entry.getKey()).append(" | ").append(m.sentPersistent).append(" | ")
                .append(m.sentNonPersistent).append(" | ").append(m.receivedPersistent).append(" | ")
                .append(m.receivedNonPersistent).append(" | ").append(m.heapMaxUsed >> 20).append(" | ")
                .append(String.join(" / ", send)).append(" | ").append(String.join(" / ", commit)).append(" | ")
                .append(m.kills).append(" |\n");
        }
        md.append("\n| kill | restart to listening ms | kill to first confirmed send ms |\n|---|---|---|\n");
        for (final String row : recoveries)
        {
            md.append(row).append('\n');
        }
        Files.writeString(directory.resolve(name + ".csv"), csv);
        Files.writeString(directory.resolve(name + ".md"), md);
        return md.toString();
    }

    static long minutes(final String property, final String value)
    {
        return (long)(positive(property, value) * 60_000);
    }

    static double positive(final String property, final String value)
    {
        try
        {
            final double parsed = Double.parseDouble(value.trim());
            if (parsed > 0 && Double.isFinite(parsed))
            {
                return parsed;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // Reported below.
        }
        throw new IllegalArgumentException(property + " must be a positive number, was '" + value + "'");
    }

    static String loadAverage()
    {
        try
        {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        }
        catch (final Exception ex)
        {
            return "unknown";
        }
    }

    private static String[] percentiles(final LongArrayList latencies)
    {
        if (latencies.isEmpty())
        {
            return new String[]{"-", "-", "-"};
        }
        final long[] sorted = latencies.toLongArray();
        Arrays.sort(sorted);
        return new String[]{
            millis(sorted[(int)Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.50) - 1)]),
            millis(sorted[(int)Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]),
            millis(sorted[sorted.length - 1])};
    }

    private static String millis(final long ns)
    {
        return String.format(java.util.Locale.ROOT, "%.1f", ns / 1_000_000.0);
    }

    private static final class Minute
    {
        private long sentPersistent;
        private long sentNonPersistent;
        private long receivedPersistent;
        private long receivedNonPersistent;
        private long heapMaxUsed;
        private int kills;
        private final LongArrayList sendLatencies = new LongArrayList();
        private final LongArrayList commitLatencies = new LongArrayList();
    }
}
