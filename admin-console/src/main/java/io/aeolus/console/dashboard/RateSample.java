package io.aeolus.console.dashboard;

/**
 * Broker-wide rates at one instant.
 *
 * @param timestampMs   epoch milliseconds.
 * @param inRatePerSec  messages received per second.
 * @param outRatePerSec messages delivered per second.
 */
public record RateSample(long timestampMs, double inRatePerSec, double outRatePerSec)
{
}
