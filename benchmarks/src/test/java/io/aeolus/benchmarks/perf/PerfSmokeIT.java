package io.aeolus.benchmarks.perf;

import io.aeolus.benchmarks.perf.jms.JmsProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    void shouldCommitEveryXaTransactionItCountsAndFindThemAllOnTheQueue()
    {
        final String output = run("xa", "--provider", "aeolus-ipc", "--aeolus-broker", "embedded",
            "--xa-threads", "1,3", "--xa-warmup", "6", "--xa-count", "30");

        for (final String threads : List.of("1", "3"))
        {
            final Matcher result = Pattern.compile("RESULT workload=xa provider=aeolus-ipc channel=ipc threads=" +
                threads + " size=1024 shape=send commits_per_s=\\S+ .* committed=(\\d+) queued=(\\d+) " +
                "xa_factory=AeolusConnectionFactory ").matcher(output);
            assertTrue(result.find(), () -> "no xa RESULT for " + threads + " thread(s) in\n" + output);
            assertEquals(result.group(1), result.group(2), output);
            assertTrue(Integer.parseInt(result.group(1)) >= 30, output);
        }
    }

    @Test
    void shouldReceiveAndSendInEachXaBranchWhenAsked()
    {
        final String output = run("xa", "--provider", "aeolus-ipc", "--aeolus-broker", "embedded",
            "--xa-threads", "2", "--xa-warmup", "8", "--xa-count", "32", "--xa-receive");

        final Matcher result = Pattern.compile("RESULT workload=xa provider=aeolus-ipc channel=ipc threads=2 " +
            "size=1024 shape=receive-send commits_per_s=\\S+ .* committed=(\\d+) queued=(\\d+) ").matcher(output);
        assertTrue(result.find(), output);
        assertEquals(result.group(1), result.group(2), output);
        assertEquals("40", result.group(1), output);
    }

    @Test
    void shouldRejectAnXaThreadCountBelowOne()
    {
        final String rejected = runExpecting(2, "xa", "--provider", "aeolus-ipc", "--xa-threads", "1,0");
        assertTrue(rejected.contains("--xa-threads: every value must be at least 1"), rejected);
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
            assertTrue(output.contains("# " + provider + ": xa does not apply, skipped"), output);
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
        final String output = run("pingpong,persistent-sync,xa", "--provider", "artemis-both",
            "--artemis-buffer-timeout", "500us", "--xa-threads", "2");

        assertTrue(output.contains("RESULT workload=pingpong provider=artemis channel=tcp "), output);
        assertTrue(output.contains("durability=disk-"), output);
        assertTrue(output.contains("provider=artemis-tuned ") && output.contains("-timeout500us"), output);
        assertTrue(output.contains("RESULT workload=xa provider=artemis channel=tcp threads=2 ") &&
            output.contains("xa_factory=ActiveMQXAConnectionFactory"), output);
    }

    @Test
    void shouldCountEveryMqttMessageAtQos0AndQos1ThroughTheAeolusGateway()
    {
        final String output = run("mqtt", "--provider", "aeolus-ipc", "--persistent-count", "300");

        assertMqttResults(output, "aeolus-ipc");
    }

    @Test
    void shouldSkipMqttWhereThereIsNoMqttEndpoint()
    {
        final String output = run("mqtt", "--provider", "raw-aeron-ipc");

        assertTrue(output.contains("# raw-aeron-ipc: mqtt does not apply, skipped"), output);
    }

    @Test
    @EnabledIf("artemisInThisBuild")
    void shouldDriveArtemisMqttAcceptorWhenBuiltWithTheProfile()
    {
        final String output = run("mqtt", "--provider", "artemis", "--persistent-count", "300");

        assertMqttResults(output, "artemis");
    }

    private static void assertMqttResults(final String output, final String provider)
    {
        for (final String qos : List.of("0", "1"))
        {
            for (final String shape : List.of("throughput", "pingpong"))
            {
                final Matcher result = Pattern.compile("RESULT workload=mqtt provider=" + provider + " channel=\\S+ " +
                    "qos=" + qos + " shape=" + shape + " size=100 \\S+=\\S+ .*sent=(\\d+) received=(\\d+) " +
                    "missing=0 duplicates=(\\d+) status=ok ").matcher(output);
                assertTrue(result.find(), () -> "no complete mqtt RESULT for QoS " + qos + " " + shape + " in\n" +
                    output);
                assertEquals(result.group(1), result.group(2), output);
                assertTrue(Integer.parseInt(result.group(1)) > 0, output);
            }
        }
        assertTrue(output.contains(" host="), output);
    }

    static boolean artemisInThisBuild()
    {
        return JmsProviders.artemisAvailable();
    }

    private static String run(final String... args)
    {
        return runExpecting(0, args);
    }

    private static String runExpecting(final int expectedExitCode, final String... args)
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
        assertEquals(expectedExitCode, exitCode, () -> "aeolus-perf exited with " + exitCode + ":\n" + output);
        return output;
    }
}
