package io.aeolus.console.backend;

import java.util.Locale;

/**
 * A time range of the broker's metrics history, with the spacing of its points. The short ranges have one point a
 * second, the same as the live metrics stream, so a chart of them goes on with live points.
 */
public enum HistoryRange
{
    /** The last minute, one point a second. */
    ONE_MINUTE("1m", 60_000L, 1_000L),
    /** The last ten minutes, one point a second. */
    TEN_MINUTES("10m", 600_000L, 1_000L),
    /** The last hour, one point every ten seconds. */
    ONE_HOUR("1h", 3_600_000L, 10_000L),
    /** The last day, one point a minute. */
    ONE_DAY("24h", 86_400_000L, 60_000L);

    private final String protocolName;
    private final long lengthMs;
    private final long stepMs;

    HistoryRange(final String protocolName, final long lengthMs, final long stepMs)
    {
        this.protocolName = protocolName;
        this.lengthMs = lengthMs;
        this.stepMs = stepMs;
    }

    /**
     * The name the management protocol and the range selector use.
     *
     * @return e.g. {@code 10m}.
     */
    public String protocolName()
    {
        return protocolName;
    }

    /**
     * How far back the range reaches.
     *
     * @return milliseconds.
     */
    public long lengthMs()
    {
        return lengthMs;
    }

    /**
     * The time between two points.
     *
     * @return milliseconds.
     */
    public long stepMs()
    {
        return stepMs;
    }

    /**
     * Whether live metrics (one a second) carry on a chart of this range.
     *
     * @return true for the ranges with one point a second.
     */
    public boolean live()
    {
        return stepMs <= 1_000L;
    }

    /**
     * The range with a protocol name.
     *
     * @param name e.g. {@code 1h}.
     * @return the range.
     * @throws IllegalArgumentException for an unknown name.
     */
    public static HistoryRange parse(final String name)
    {
        for (final HistoryRange range : values())
        {
            if (range.protocolName.equals(name.strip().toLowerCase(Locale.ROOT)))
            {
                return range;
            }
        }
        throw new IllegalArgumentException("no history range " + name);
    }
}
