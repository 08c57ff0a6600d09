package io.aeolus.console.overview;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Broker tab's uptime text: leading zero units are left out, inner ones kept.
 */
class BrokerOverviewViewModelTest
{
    @Test
    void durationLeavesOutLeadingZeroUnits()
    {
        assertEquals("0 s", BrokerOverviewViewModel.duration(999));
        assertEquals("5 s", BrokerOverviewViewModel.duration(5_000));
        assertEquals("2 min 0 s", BrokerOverviewViewModel.duration(120_000));
        assertEquals("1 h 0 min 7 s", BrokerOverviewViewModel.duration(3_607_000));
        assertEquals("2 d 0 h 0 min 1 s", BrokerOverviewViewModel.duration(2 * 86_400_000L + 1_000));
        assertEquals("0 s", BrokerOverviewViewModel.duration(-5));
    }
}
