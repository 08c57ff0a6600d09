package io.aeolus.benchmarks.perf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one measurement: one workload, with one set of parameters, on one provider. Immutable.
 *
 * @param workload the workload's name, e.g. {@code pingpong}.
 * @param provider the provider's name, e.g. {@code aeolus-ipc}.
 * @param channel  how the provider was reached: {@code ipc}, {@code udp} or {@code tcp}.
 * @param params   what distinguishes this measurement within the workload (message size, subscribers, rate...),
 *                 in a stable order; two results with equal workload and params are comparable.
 * @param figures  the measured figures, named with their unit ({@code p50_us}, {@code msgs_per_s}).
 * @param info     facts about the run that are not compared: counts measured, durability, status.
 */
public record Result(
    String workload,
    String provider,
    String channel,
    Map<String, String> params,
    Map<String, Double> figures,
    Map<String, String> info)
{
    /**
     * Copies the maps so that the result stays immutable.
     *
     * @param workload the workload's name.
     * @param provider the provider's name.
     * @param channel  the channel.
     * @param params   the parameters.
     * @param figures  the figures.
     * @param info     the facts that are not compared.
     */
    public Result
    {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        info = Collections.unmodifiableMap(new LinkedHashMap<>(info));
    }

    /**
     * @param more facts to add to (or replace in) the info.
     * @return a copy with them.
     */
    public Result withInfo(final Map<String, String> more)
    {
        final Map<String, String> merged = new LinkedHashMap<>(info);
        merged.putAll(more);
        return new Result(workload, provider, channel, params, figures, merged);
    }

    /**
     * What makes results comparable across providers: the workload and its parameters.
     *
     * @return for example {@code fanout subscribers=4 size=100}.
     */
    public String key()
    {
        final StringBuilder key = new StringBuilder(workload);
        for (final Map.Entry<String, String> param : params.entrySet())
        {
            key.append(' ').append(param.getKey()).append('=').append(param.getValue());
        }
        return key.toString();
    }

    /**
     * The machine-readable line: {@code RESULT workload=.. provider=.. channel=.. <params> <figures> <info>}, every
     * value without spaces.
     *
     * @return the line, without a line separator.
     */
    public String resultLine()
    {
        final StringBuilder line = new StringBuilder("RESULT workload=").append(workload)
            .append(" provider=").append(provider)
            .append(" channel=").append(channel);
        params.forEach((name, value) -> line.append(' ').append(name).append('=').append(noSpaces(value)));
        figures.forEach((name, value) -> line.append(' ').append(name).append('=').append(format(value)));
        info.forEach((name, value) -> line.append(' ').append(name).append('=').append(noSpaces(value)));
        return line.toString();
    }

    /**
     * Formats a figure with as many decimals as its size deserves: three significant digits below 100, none above.
     *
     * @param value the figure.
     * @return the text.
     */
    public static String format(final double value)
    {
        if (Double.isNaN(value))
        {
            return "n/a";
        }
        final double magnitude = Math.abs(value);
        if (magnitude >= 100 || magnitude == 0)
        {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1)
        {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String noSpaces(final String value)
    {
        return value.replace(' ', '_');
    }
}
