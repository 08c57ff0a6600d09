package io.aeolus.benchmarks.perf;

import io.aeolus.benchmarks.perf.jms.JmsProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every workload runs, with tiny counts, against Aeolus over IPC (a broker process; once in this JVM) and bare Aeron,
 * and prints its RESULT lines with the host's load; with {@code -Partemis}, Artemis (both setups) is started in its own
 * JVM too. Checks that the tool works, not how fast anything is.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PerfSmokeIT
{
    private static final String[] TINY = {
        "--scale", "0.01", "--max-seconds", "5", "--max-warmup-seconds", "2", "--timeout-seconds", "20"};

    @Test
    void shouldPrintResultsOfEveryWorkloadForAeolusOverIpc()
    {
        final String output = run("all", "--provider", "aeolus-ipc");

        for (final Workload workload : Workload.values())
        {
            assertTrue(output.contains("RESULT workload=" + workload.workloadName() + " provider=aeolus-ipc "),
                () -> "no RESULT for " + workload.workloadName() + " in\n" + output);
        }
        assertTrue(output.contains("durability=disk-h2-sync"), output);
        assertTrue(output.contains(" host="), output);
        assertTrue(output.contains("# host: busy"), output);
    }

    @Test
    void shouldStillRunTheBrokerInsideTheToolWhenAsked()
    {
        final String output = run("pingpong", "--provider", "aeolus-ipc", "--aeolus-broker", "embedded");

        assertTrue(output.contains("RESULT workload=pingpong provider=aeolus-ipc "), output);
    }

    @Test
    void shouldPrintResultsOfEveryNonPersistentWorkloadForRawAeron()
    {
        final String output = run("all", "--provider", "raw-aeron");

        for (final String provider : List.of("raw-aeron-ipc", "raw-aeron-udp"))
        {
            for (final Workload workload : List.of(
                Workload.PINGPONG, Workload.THROUGHPUT, Workload.FANOUT, Workload.LATENCY_AT_RATE))
            {
                assertTrue(output.contains("RESULT workload=" + workload.workloadName() + " provider=" + provider +
                    " "), () -> "no RESULT for " + workload.workloadName() + " on " + provider + " in\n" + output);
            }
            assertTrue(output.contains("# " + provider + ": persistent-sync does not apply, skipped"), output);
        }
    }

    @Test
    void shouldCompareProvidersRoundByRound()
    {
        final String output = run("pingpong", "--compare", "aeolus-ipc,raw-aeron-ipc", "--rounds", "2");

        assertTrue(output.contains("RESULT workload=pingpong provider=aeolus-ipc ") && output.contains(" round=2"),
            output);
        assertTrue(output.contains("COMPARE key=pingpong,size=64 figure=p50_us provider=raw-aeron-ipc"), output);
    }

    @Test
    @EnabledIf("artemisInThisBuild")
    void shouldDriveArtemisInASeparateJvmWhenBuiltWithTheProfile()
    {
        final String output = run("pingpong,persistent-sync", "--provider", "artemis-both",
            "--artemis-buffer-timeout", "500us");

        assertTrue(output.contains("RESULT workload=pingpong provider=artemis channel=tcp "), output);
        assertTrue(output.contains("durability=disk-"), output);
        assertTrue(output.contains("provider=artemis-tuned ") && output.contains("-timeout500us"), output);
    }

    static boolean artemisInThisBuild()
    {
        return JmsProviders.artemisAvailable();
    }

    private static String run(final String... args)
    {
        final String[] all = new String[args.length + TINY.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(TINY, 0, all, args.length, TINY.length);
        final StringWriter text = new StringWriter();
        final int exitCode;
        try (PrintWriter out = new PrintWriter(text))
        {
            exitCode = AeolusPerf.execute(all, out, out);
        }
        final String output = text.toString();
        assertEquals(0, exitCode, () -> "aeolus-perf failed:\n" + output);
        return output;
    }
}
