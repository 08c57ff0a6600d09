package io.aeolus.console.backend;

/**
 * One point of a metrics history: a destination's (or the broker's) depth at a time and its rates over the interval
 * that ends then; immutable.
 *
 * @param timeMs        when, epoch milliseconds.
 * @param depth         messages waiting then.
 * @param inRatePerSec  messages enqueued (published, for a topic) per second.
 * @param outRatePerSec messages acknowledged per second.
 */
public record HistoryPoint(long timeMs, long depth, double inRatePerSec, double outRatePerSec)
{
}
