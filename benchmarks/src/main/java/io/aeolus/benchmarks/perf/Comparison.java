package io.aeolus.benchmarks.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side view of {@code --compare}: every figure of every result, per provider, as the median over the
 * rounds, and for each provider after the first its ratio to the first provider: the median of the per-round
 * ratios, with their minimum and maximum as the spread. A ratio above 1 means a larger figure (more msgs/s, or more
 * microseconds). Fed and read by the tool's main thread.
 */
public final class Comparison
{
    private final List<String> providers;
    private final int rounds;
    private final Map<String, Map<String, Map<String, double[]>>> values = new LinkedHashMap<>();

    /**
     * @param providers the providers in column order; the first is the base of every ratio.
     * @param rounds    how many rounds will be added.
     */
    public Comparison(final List<String> providers, final int rounds)
    {
        this.providers = List.copyOf(providers);
        this.rounds = rounds;
    }

    /**
     * Adds the figures of one result.
     *
     * @param round  the round, from 0.
     * @param result the result.
     */
    public void add(final int round, final Result result)
    {
        final Map<String, Map<String, double[]>> figures = values.computeIfAbsent(
            result.key(), (key) -> new LinkedHashMap<>());
        for (final Map.Entry<String, Double> figure : result.figures().entrySet())
        {
            final Map<String, double[]> byProvider = figures.computeIfAbsent(
                figure.getKey(), (key) -> new LinkedHashMap<>());
            final double[] perRound = byProvider.computeIfAbsent(result.provider(), (key) -> nans(rounds));
            perRound[round] = figure.getValue();
        }
    }

    /**
     * Every figure of every provider, in the order results arrived.
     *
     * @return the cells.
     */
    public List<Cell> cells()
    {
        final List<Cell> cells = new ArrayList<>();
        final String base = providers.get(0);
        values.forEach((key, figures) -> figures.forEach((figure, byProvider) ->
        {
            final double[] baseValues = byProvider.get(base);
            for (final String provider : providers)
            {
                final double[] perRound = byProvider.get(provider);
                if (null != perRound)
                {
                    cells.add(cell(key, figure, provider, perRound, null == baseValues ? nans(rounds) : baseValues));
                }
            }
        }));
        return cells;
    }

    /**
     * The table for people: one row per figure, one column per provider.
     *
     * @return the table, lines separated by {@code \n}.
     */
    public String table()
    {
        final Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (final Cell cell : cells())
        {
            rows.computeIfAbsent(cell.key() + "\t" + cell.figure(), (k) -> new LinkedHashMap<>())
                .put(cell.provider(), cell.provider().equals(providers.get(0)) ?
                    Result.format(cell.median()) : cell.describe());
        }
        final List<String[]> lines = new ArrayList<>();
        final String[] header = new String[providers.size() + 2];
        header[0] = "workload";
        header[1] = "figure";
        for (int i = 0; i < providers.size(); i++)
        {
            header[i + 2] = i == 0 ? providers.get(i) : providers.get(i) + " (x " + providers.get(0) + ")";
        }
        lines.add(header);
        rows.forEach((row, byProvider) ->
        {
            final String[] line = new String[providers.size() + 2];
            final int tab = row.indexOf('\t');
            line[0] = row.substring(0, tab);
            line[1] = row.substring(tab + 1);
            for (int i = 0; i < providers.size(); i++)
            {
                line[i + 2] = byProvider.getOrDefault(providers.get(i), "-");
            }
            lines.add(line);
        });
        return Reports.align(lines);
    }

    /**
     * The machine-readable lines: {@code COMPARE workload=.. figure=.. provider=.. median=.. ratio=.. ratio_min=..
     * ratio_max=.. rounds=..}.
     *
     * @return one line per cell.
     */
    public List<String> compareLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final Cell cell : cells())
        {
            lines.add("COMPARE key=" + cell.key().replace(' ', ',') + " figure=" + cell.figure() +
                " provider=" + cell.provider() + " median=" + Result.format(cell.median()) +
                " base=" + providers.get(0) + " ratio=" + ratio(cell.ratio()) + " ratio_min=" + ratio(cell.ratioMin()) +
                " ratio_max=" + ratio(cell.ratioMax()) + " rounds=" + cell.rounds());
        }
        return lines;
    }

    /**
     * The median of the values that are not NaN.
     *
     * @param values the values.
     * @return the median, or NaN if there is none.
     */
    public static double median(final double[] values)
    {
        final double[] present = Arrays.stream(values).filter((value) -> !Double.isNaN(value)).sorted().toArray();
        if (present.length == 0)
        {
            return Double.NaN;
        }
        final int middle = present.length / 2;
        return present.length % 2 == 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
    }

    private Cell cell(
        final String key, final String figure, final String provider, final double[] perRound, final double[] base)
    {
        final double[] ratios = nans(rounds);
        double min = Double.NaN;
        double max = Double.NaN;
        int present = 0;
        for (int round = 0; round < rounds; round++)
        {
            if (!Double.isNaN(perRound[round]))
            {
                present++;
            }
            if (!Double.isNaN(perRound[round]) && !Double.isNaN(base[round]) && base[round] != 0)
            {
                ratios[round] = perRound[round] / base[round];
                min = Double.isNaN(min) ? ratios[round] : Math.min(min, ratios[round]);
                max = Double.isNaN(max) ? ratios[round] : Math.max(max, ratios[round]);
            }
        }
        return new Cell(key, figure, provider, median(perRound), median(ratios), min, max, present);
    }

    private static double[] nans(final int length)
    {
        final double[] values = new double[length];
        Arrays.fill(values, Double.NaN);
        return values;
    }

    private static String ratio(final double ratio)
    {
        return Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.3g", ratio);
    }

    /**
     * One figure of one provider over the rounds.
     *
     * @param key      the result key (workload and parameters).
     * @param figure   the figure's name.
     * @param provider the provider.
     * @param median   the median over the rounds.
     * @param ratio    the median of the per-round ratios to the first provider.
     * @param ratioMin the smallest per-round ratio.
     * @param ratioMax the largest per-round ratio.
     * @param rounds   how many rounds measured it.
     */
    public record Cell(
        String key,
        String figure,
        String provider,
        double median,
        double ratio,
        double ratioMin,
        double ratioMax,
        int rounds)
    {
        /**
         * @return for example {@code 48.1 x2.26 [2.10-2.40]}.
         */
        public String describe()
        {
            if (Double.isNaN(ratio))
            {
                return Result.format(median);
            }
            return Result.format(median) + " x" + Comparison.ratio(ratio) + " [" + Comparison.ratio(ratioMin) + "-" +
                Comparison.ratio(ratioMax) + "]";
        }
    }
}
