package io.aeolus.console.dashboard;

import io.aeolus.console.backend.DestinationInfo;
import io.aeolus.console.backend.DestinationType;
import io.aeolus.console.backend.MetricsSnapshot;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DashboardViewModelTest
{
    private final DashboardViewModel viewModel = new DashboardViewModel();

    @Test
    void shouldKeepOnlyTheLastFiveMinutesOfSamples()
    {
        for (int second = 0; second < 600; second++)
        {
            viewModel.onMetrics(new MetricsSnapshot(second * 1_000L, second, 0, 0, List.of()));
        }

        assertEquals(301, viewModel.samples().size());
        assertEquals(299_000L, viewModel.samples().get(0).timestampMs());
        assertEquals(599.0, viewModel.samples().get(300).inRatePerSec());
    }

    @Test
    void shouldSumDepthAndCountDestinationsAndConnections()
    {
        viewModel.onMetrics(new MetricsSnapshot(0, 0, 0, 3, List.of(
            new DestinationInfo("a", DestinationType.QUEUE, 5, 0, 0, 0, 0, false),
            new DestinationInfo("b", DestinationType.TOPIC, 7, 0, 0, 0, 0, false))));

        assertEquals(12, viewModel.totalDepthProperty().get());
        assertEquals(2, viewModel.destinationCountProperty().get());
        assertEquals(3, viewModel.connectionsProperty().get());
    }
}
