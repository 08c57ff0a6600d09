package io.aeolus.jms.admin;

/**
 * One point of the broker's built-in metrics history ({@link AdminClient#history(String, boolean, String)}): a queue's
 * or topic's (or the whole broker's) depth at a time, and how many messages per second went in and out over the
 * interval that ends then (1 s, 10 s or 1 min, depending on the range asked for).
 *
 * @param timeMs  when, ms since the epoch.
 * @param depth   messages waiting then (for a topic, the sum over its subscriptions).
 * @param inRate  messages enqueued (published, for a topic) per second over the point's interval.
 * @param outRate messages acknowledged per second over the point's interval.
 */
public record HistoryPoint(long timeMs, long depth, double inRate, double outRate)
{
}
