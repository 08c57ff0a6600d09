package io.aeolus.benchmarks.perf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostLoadTest
{
    @Test
    void shouldReadTheTotalAndIdleTicksOfTheCpuLine()
    {
        final String stat = "cpu  100 5 50 800 40 3 2 0 7 0\ncpu0 50 2 25 400 20 1 1 0 0 0\nintr 1\n";

        assertArrayEquals(new long[]{1000, 840}, HostLoad.cpuTicks(stat));
        assertArrayEquals(new long[]{-1, -1}, HostLoad.cpuTicks(null));
    }

    @Test
    void shouldReadUserAndSystemTimeOfAProcessWhoseNameHoldsSpacesAndParentheses()
    {
        final String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 0 0 20 0 30 0 100";

        assertEquals(1234 + 567, HostLoad.processTicks(stat));
    }

    @Test
    void shouldReadTheOneMinuteLoadAverage()
    {
        assertEquals(2.87, HostLoad.load1("2.87 0.68 0.22 7/175 6649\n"));
        assertTrue(Double.isNaN(HostLoad.load1("")));
    }

    @Test
    void shouldCallTheHostBusyWhenOthersTookAQuarterOfTheCpus()
    {
        final HostLoad quiet = HostLoad.between(
            new HostLoad.Sample(0.5, 1000, 500, 100), new HostLoad.Sample(1.0, 2000, 900, 500));
        final HostLoad busy = HostLoad.between(
            new HostLoad.Sample(0.5, 1000, 500, 100), new HostLoad.Sample(1.0, 2000, 600, 500));

        assertEquals(0.4, quiet.idleShare(), 1e-9);
        assertEquals(0.2, quiet.othersShare(), 1e-9);
        assertEquals("quiet", quiet.label());
        assertEquals(0.5, busy.othersShare(), 1e-9);
        assertEquals("busy", busy.label());
        assertEquals("busy", busy.info().get("host"));
        assertEquals("0.50-1.00", busy.info().get("load1"));
        assertEquals("10", busy.info().get("idle_pct"));
    }

    @Test
    void shouldJudgeByTheOthersShareAloneWhenItIsKnown()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        // The tool's own processes keep the load average high; others took 10 % of the CPUs.
        final HostLoad load = HostLoad.between(
            new HostLoad.Sample(cpus + 3.0, 1000, 500, 100), new HostLoad.Sample(cpus + 3.0, 2000, 500, 1000));

        assertEquals(0.1, load.othersShare(), 1e-9);
        assertEquals("quiet", load.label());
    }

    @Test
    void shouldCallTheHostBusyByTheLoadAverageWhenTheOthersShareIsUnknown()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        final HostLoad load = HostLoad.between(
            new HostLoad.Sample(cpus + 1.0, 1000, 500, -1), new HostLoad.Sample(cpus, 2000, 1500, -1));

        assertTrue(Double.isNaN(load.othersShare()));
        assertEquals("busy", load.label());
    }

    @Test
    void shouldSayUnknownWithoutProc()
    {
        final HostLoad load = HostLoad.between(
            new HostLoad.Sample(Double.NaN, -1, -1, -1), new HostLoad.Sample(Double.NaN, -1, -1, -1));

        assertEquals("unknown", load.label());
        assertEquals("n/a", load.info().get("idle_pct"));
    }
}
