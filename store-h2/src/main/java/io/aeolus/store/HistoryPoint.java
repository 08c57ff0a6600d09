package io.aeolus.store;

import java.util.Objects;

/**
 * One point of the broker's metrics history as the journal keeps it (table {@code metrics_history}): a series, named
 * by the broker (one destination, or the broker as a whole), a time, the depth then and the enqueue and dequeue rates
 * over the interval that ends then. The journal does not interpret the series name. Immutable.
 *
 * @param series  what the point measures, at most {@link #MAX_SERIES_LENGTH} characters.
 * @param timeMs  when, in epoch milliseconds.
 * @param depth   messages waiting then.
 * @param inRate  messages enqueued per second over the point's interval, finite.
 * @param outRate messages dequeued per second over the point's interval, finite.
 */
public record HistoryPoint(String series, long timeMs, long depth, double inRate, double outRate)
{
    /**
     * Longest series name the journal stores, in characters: a destination name and a short prefix.
     */
    public static final int MAX_SERIES_LENGTH = Destination.MAX_NAME_LENGTH + 16;

    /**
     * Checks the fields.
     *
     * @param series  not null, at most {@link #MAX_SERIES_LENGTH} characters.
     * @param timeMs  time.
     * @param depth   depth.
     * @param inRate  finite.
     * @param outRate finite.
     */
    public HistoryPoint
    {
        Objects.requireNonNull(series, "series");
        if (series.length() > MAX_SERIES_LENGTH)
        {
            throw new IllegalArgumentException("series longer than " + MAX_SERIES_LENGTH + " characters");
        }
        if (!Double.isFinite(inRate) || !Double.isFinite(outRate))
        {
            throw new IllegalArgumentException("rates must be finite: " + inRate + ", " + outRate);
        }
    }
}
