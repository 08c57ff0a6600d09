package io.aeolus.benchmarks.perf;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest
{
    @Test
    void shouldTakeTheMedianOfTheValuesPresent()
    {
        assertEquals(2.0, Comparison.median(new double[]{3, 1, 2}));
        assertEquals(2.5, Comparison.median(new double[]{4, 1, Double.NaN, 2, 3}));
        assertTrue(Double.isNaN(Comparison.median(new double[]{Double.NaN})));
    }

    @Test
    void shouldGiveEachProviderItsMedianAndRatioToTheFirst()
    {
        final Comparison comparison = new Comparison(List.of("a", "b"), 3);
        final double[] a = {10, 20, 10};
        final double[] b = {30, 20, 50};

        for (int round = 0; round < 3; round++)
        {
            comparison.add(round, result("a", a[round]));
            comparison.add(round, result("b", b[round]));
        }

        final Comparison.Cell cell = comparison.cells().get(1);
        assertEquals("b", cell.provider());
        assertEquals(30.0, cell.median());
        assertEquals(3.0, cell.ratio());
        assertEquals(1.0, cell.ratioMin());
        assertEquals(5.0, cell.ratioMax());
        assertTrue(comparison.table().contains("30.0 x3.00 [1.00-5.00]"), comparison.table());
    }

    @Test
    void shouldPrintOneMachineReadableLinePerResult()
    {
        final Result result = new Result("pingpong", "aeolus-ipc", "ipc", Map.of("size", "64"),
            Map.of("p50_us", 12.34), Map.of("round_trips", "100"));

        assertEquals("RESULT workload=pingpong provider=aeolus-ipc channel=ipc size=64 p50_us=12.3 round_trips=100",
            result.resultLine());
    }

    @Test
    void shouldRefuseAnUnknownWorkloadAsAUsageError()
    {
        final PrintWriter out = new PrintWriter(new StringWriter());

        final int exitCode = AeolusPerf.execute(new String[]{"no-such-workload"}, out, out);

        assertEquals(2, exitCode);
    }

    private static Result result(final String provider, final double p50)
    {
        return new Result("pingpong", provider, "ipc", Map.of("size", "64"), Map.of("p50_us", p50), Map.of());
    }
}
