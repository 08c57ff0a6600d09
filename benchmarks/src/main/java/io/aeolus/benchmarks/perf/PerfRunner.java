package io.aeolus.benchmarks.perf;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs workloads against providers and reports as it goes: one {@code RESULT} line per result as soon as it is
 * known, then the table. A provider is opened for a round of workloads and closed after it, so that no broker idles
 * in the background of another's measurement. A failure is reported as an {@code ERROR} line and the run goes on.
 * Used by the tool's main thread.
 */
final class PerfRunner
{
    private final PrintWriter out;
    private final Providers providers;
    private final WorkloadSettings settings;
    private final List<Workload> workloads;
    private int failures;
    private int runs;
    private int busyRuns;

    PerfRunner(
        final PrintWriter out,
        final Providers providers,
        final WorkloadSettings settings,
        final List<Workload> workloads)
    {
        this.out = out;
        this.providers = providers;
        this.settings = settings;
        this.workloads = List.copyOf(workloads);
    }

    /**
     * Runs every workload on each provider in turn, once.
     *
     * @param names concrete provider names.
     */
    void runOnce(final List<String> names)
    {
        final List<Result> results = new ArrayList<>();
        for (final String name : names)
        {
            results.addAll(runProvider(name, -1));
        }
        out.println();
        out.print(Reports.table(results));
        out.flush();
    }

    /**
     * Runs every workload on the providers alternately, round after round (A B C, A B C, ...), then prints the
     * medians and ratios to the first provider.
     *
     * @param names  concrete provider names; the first is the base of the ratios.
     * @param rounds how many rounds.
     */
    void compare(final List<String> names, final int rounds)
    {
        final Comparison comparison = new Comparison(names, rounds);
        final Map<String, String> durability = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++)
        {
            for (final String name : names)
            {
                for (final Result result : runProvider(name, round))
                {
                    comparison.add(round, result);
                    final String confirmedBy = result.info().get("durability");
                    if (null != confirmedBy)
                    {
                        durability.put(name, confirmedBy);
                    }
                }
            }
        }
        out.println();
        out.println("# medians of " + rounds + " rounds; 'x' is the median of the per-round ratios to " +
            names.get(0) + ", [min-max] over the rounds");
        if (!durability.isEmpty())
        {
            out.println("# persistent sends confirmed from: " + durability +
                " (memory: no journal, the figures say nothing about durable messaging)");
        }
        out.print(comparison.table());
        out.println();
        for (final String line : comparison.compareLines())
        {
            out.println(line);
        }
        out.flush();
    }

    /**
     * @return a line saying in how many runs the host was busy, for the end of the output.
     */
    String hostLine()
    {
        return "# host: busy (others took >= " + Math.round(HostLoad.BUSY_OTHERS_SHARE * 100) +
            " % of the CPUs) in " +
            busyRuns + " of " + runs + " runs" + (busyRuns > 0 ? ": BUSY HOST, read the figures as noisy" : "");
    }

    /**
     * @return how many providers or workloads failed.
     */
    int failures()
    {
        return failures;
    }

    private List<Result> runProvider(final String name, final int round)
    {
        final List<Result> results = new ArrayList<>();
        final String roundText = round < 0 ? "" : " round=" + (round + 1);
        final long openNs = System.nanoTime();
        final Provider provider;
        try
        {
            provider = providers.open(name);
        }
        catch (final Exception ex)
        {
            error(name, "open", roundText, ex);
            return results;
        }
        try
        {
            progress("# " + name + roundText + ": started in " + millisSince(openNs) + " ms");
            for (final Workload workload : workloads)
            {
                if (!provider.supports(workload))
                {
                    progress("# " + name + roundText + ": " + workload.workloadName() + " does not apply, skipped");
                    continue;
                }
                final long startNs = System.nanoTime();
                final HostLoad.Sample before = HostLoad.sample();
                try
                {
                    final List<Result> measured = provider.run(workload, settings);
                    final HostLoad load = HostLoad.between(before, HostLoad.sample());
                    if ("busy".equals(load.label()))
                    {
                        busyRuns++;
                    }
                    runs++;
                    for (final Result measuredResult : measured)
                    {
                        final Result result = measuredResult.withInfo(load.info());
                        out.println(result.resultLine() + roundText);
                        results.add(result);
                    }
                    progress("# " + name + roundText + ": " + workload.workloadName() + " took " +
                        millisSince(startNs) + " ms");
                }
                catch (final Exception ex)
                {
                    error(name, workload.workloadName(), roundText, ex);
                }
            }
        }
        finally
        {
            provider.close();
        }
        return results;
    }

    private void error(final String provider, final String workload, final String roundText, final Exception ex)
    {
        failures++;
        out.println("ERROR workload=" + workload + " provider=" + provider + roundText + " error=" +
            String.valueOf(ex).replace('\n', ' '));
        out.flush();
        ex.printStackTrace();
    }

    private void progress(final String line)
    {
        out.println(line);
        out.flush();
    }

    private static long millisSince(final long startNs)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
    }
}
