package io.aeolus.benchmarks.perf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tables for people: the results of a run, one row per result, and column alignment for any table.
 */
public final class Reports
{
    private static final String GAP = "  ";

    private Reports()
    {
    }

    /**
     * One row per result: workload and parameters, provider, channel, then its figures as {@code name=value}.
     *
     * @param results the results.
     * @return the table, lines separated by {@code \n}.
     */
    public static String table(final List<Result> results)
    {
        final List<String[]> lines = new ArrayList<>();
        lines.add(new String[]{"workload", "provider", "channel", "figures"});
        for (final Result result : results)
        {
            final StringBuilder figures = new StringBuilder();
            for (final Map.Entry<String, Double> figure : result.figures().entrySet())
            {
                if (figures.length() > 0)
                {
                    figures.append(' ');
                }
                figures.append(figure.getKey()).append('=').append(Result.format(figure.getValue()));
            }
            final String status = result.info().get("status");
            if (null != status && !"ok".equals(status))
            {
                figures.append(" (").append(status).append(')');
            }
            lines.add(new String[]{result.key(), result.provider(), result.channel(), figures.toString()});
        }
        return align(lines);
    }

    /**
     * Pads every column to its widest cell.
     *
     * @param lines rows of cells, all of the same length; the first is the header.
     * @return the table, lines separated by {@code \n}, with a rule under the header.
     */
    public static String align(final List<String[]> lines)
    {
        final int columns = lines.get(0).length;
        final int[] widths = new int[columns];
        for (final String[] line : lines)
        {
            for (int i = 0; i < columns; i++)
            {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        final StringBuilder table = new StringBuilder();
        for (int row = 0; row < lines.size(); row++)
        {
            final String[] line = lines.get(row);
            final StringBuilder text = new StringBuilder();
            for (int i = 0; i < columns; i++)
            {
                text.append(i == columns - 1 ? line[i] : pad(line[i], widths[i]) + GAP);
            }
            table.append(text.toString().stripTrailing()).append('\n');
            if (row == 0)
            {
                int total = 0;
                for (final int width : widths)
                {
                    total += width + GAP.length();
                }
                table.append("-".repeat(total - GAP.length())).append('\n');
            }
        }
        return table.toString();
    }

    private static String pad(final String text, final int width)
    {
        return text + " ".repeat(width - text.length());
    }
}
