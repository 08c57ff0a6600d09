package io.aeolus.benchmarks.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How busy the host was during a run, from Linux's {@code /proc}: the 1-minute load average at the start and the
 * end, the idle share of all CPUs over the run ({@code /proc/stat}), and the share the tool's own processes (this
 * JVM and its children: brokers it started) used ({@code /proc/<pid>/stat} utime + stime). What remains is the
 * share other processes took: a run in which they took at least {@link #BUSY_OTHERS_SHARE} of the machine is labelled
 * {@code host=busy}. The load average counts the tool's own brokers and clients too (on 2 CPUs a broker, a client and
 * the tool alone keep it above 2), so it decides only where the others' share is unknown: above the number of CPUs,
 * busy.
 * <p>
 * Where {@code /proc} is missing, every figure is {@code n/a} and the host is {@code unknown}. Immutable.
 *
 * @param load1Start   1-minute load average at the start.
 * @param load1End     1-minute load average at the end.
 * @param totalTicks   CPU time of all CPUs over the run, in clock ticks.
 * @param idleTicks    idle (and I/O wait) time of all CPUs over the run.
 * @param ownTicks     CPU time of this JVM and its descendants over the run.
 * @param cpus         CPUs of the host.
 */
public record HostLoad(
    double load1Start, double load1End, long totalTicks, long idleTicks, long ownTicks, int cpus)
{
    /** Share of all CPUs that other processes must take for a run to count as on a busy host. */
    public static final double BUSY_OTHERS_SHARE = 0.25;

    private static final Path PROC = Path.of("/proc");

    /**
     * A reading of the counters at one moment.
     *
     * @param load1      1-minute load average, or NaN.
     * @param totalTicks sum of the {@code cpu} line of {@code /proc/stat}, or -1.
     * @param idleTicks  its idle + iowait, or -1.
     * @param ownTicks   utime + stime of this JVM and its descendants, or -1.
     */
    public record Sample(double load1, long totalTicks, long idleTicks, long ownTicks)
    {
    }

    /**
     * Reads the counters now.
     *
     * @return the sample.
     */
    public static Sample sample()
    {
        final double load1 = load1(read(PROC.resolve("loadavg")));
        final long[] cpu = cpuTicks(read(PROC.resolve("stat")));
        long own = processTicks(ProcessHandle.current().pid());
        if (own >= 0)
        {
            for (final ProcessHandle child : (Iterable<ProcessHandle>)ProcessHandle.current().descendants()::iterator)
            {
                own += Math.max(0, processTicks(child.pid()));
            }
        }
        return new Sample(load1, cpu[0], cpu[1], own);
    }

    /**
     * The load over a run.
     *
     * @param start the sample at its start.
     * @param end   the sample at its end.
     * @return the load.
     */
    public static HostLoad between(final Sample start, final Sample end)
    {
        final boolean cpuKnown = start.totalTicks() >= 0 && end.totalTicks() >= 0;
        final boolean ownKnown = cpuKnown && start.ownTicks() >= 0 && end.ownTicks() >= 0;
        return new HostLoad(start.load1(), end.load1(),
            cpuKnown ? end.totalTicks() - start.totalTicks() : -1,
            cpuKnown ? end.idleTicks() - start.idleTicks() : -1,
            ownKnown ? Math.max(0, end.ownTicks() - start.ownTicks()) : -1,
            Runtime.getRuntime().availableProcessors());
    }

    /**
     * @return the idle share of all CPUs over the run, 0..1, or NaN if unknown.
     */
    public double idleShare()
    {
        return totalTicks > 0 ? (double)idleTicks / totalTicks : Double.NaN;
    }

    /**
     * @return the share of all CPUs that processes other than the tool's took, 0..1, or NaN if unknown.
     */
    public double othersShare()
    {
        if (totalTicks <= 0 || ownTicks < 0)
        {
            return Double.NaN;
        }
        return Math.max(0, (double)(totalTicks - idleTicks - ownTicks) / totalTicks);
    }

    /**
     * @return {@code busy}, {@code quiet} or {@code unknown}.
     */
    public String label()
    {
        final double others = othersShare();
        if (Double.isNaN(others) && Double.isNaN(load1Start))
        {
            return "unknown";
        }
        if (!Double.isNaN(others))
        {
            return others >= BUSY_OTHERS_SHARE ? "busy" : "quiet";
        }
        return load1Start > cpus ? "busy" : "quiet";
    }

    /**
     * @return the facts for a result's info: {@code load1}, {@code idle_pct}, {@code others_pct}, {@code host}.
     */
    public Map<String, String> info()
    {
        final Map<String, String> info = new LinkedHashMap<>();
        info.put("load1", Double.isNaN(load1Start) ? "n/a" :
            String.format(Locale.ROOT, "%.2f-%.2f", load1Start, load1End));
        info.put("idle_pct", percent(idleShare()));
        info.put("others_pct", percent(othersShare()));
        info.put("host", label());
        return info;
    }

    static double load1(final String loadavg)
    {
        if (null == loadavg || loadavg.isBlank())
        {
            return Double.NaN;
        }
        try
        {
            return Double.parseDouble(loadavg.trim().split("\\s+")[0]);
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    /**
     * @param stat the text of {@code /proc/stat}.
     * @return total and idle (idle + iowait) ticks of its {@code cpu} line, or -1 each.
     */
    static long[] cpuTicks(final String stat)
    {
        if (null == stat || !stat.startsWith("cpu "))
        {
            return new long[]{-1, -1};
        }
        final int end = stat.indexOf('\n');
        final String[] fields = stat.substring(4, end < 0 ? stat.length() : end).trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal; guest and guest_nice are already in user and nice.
        for (int i = 0; i < Math.min(8, fields.length); i++)
        {
            total += Long.parseLong(fields[i]);
        }
        final long idle = Long.parseLong(fields[3]) + (fields.length > 4 ? Long.parseLong(fields[4]) : 0);
        return new long[]{total, idle};
    }

    /**
     * @param stat the text of {@code /proc/<pid>/stat}.
     * @return its utime + stime in clock ticks, or -1.
     */
    static long processTicks(final String stat)
    {
        if (null == stat)
        {
            return -1;
        }
        // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
        final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long processTicks(final long pid)
    {
        return processTicks(read(PROC.resolve(Long.toString(pid)).resolve("stat")));
    }

    private static String percent(final double share)
    {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f", share * 100);
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.US_ASCII);
        }
        catch (final IOException | RuntimeException ex)
        {
            return null;
        }
    }
}
