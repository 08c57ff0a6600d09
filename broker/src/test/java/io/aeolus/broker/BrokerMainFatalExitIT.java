package io.aeolus.broker;

import io.aeolus.transport.EmbeddedMediaDriver;
import io.aeolus.transport.TransportConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A broker process stopped (SIGSTOP) for longer than its media driver's client liveness timeout, as by a long JVM
 * stall, finds its Aeron client dropped when it resumes: it logs the fatal cause and exits with a non-zero status,
 * for its supervisor to restart it, instead of staying up serving nothing.
 */
@Timeout(120)
class BrokerMainFatalExitIT
{
    @TempDir
    Path dir;

    @Test
    void shouldExitNonZeroWhenStalledLongerThanTheDriversClientLivenessTimeout() throws Exception
    {
        assumeTrue(new File("/bin/kill").canExecute() || new File("/usr/bin/kill").canExecute(), "no kill command");
        final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, true, (t) -> { },
            TransportConfiguration.driverIdleStrategy("driver", "backoff"), TimeUnit.SECONDS.toNanos(2)))
        {
            final Process broker = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx128m",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Daeolus.broker.log.dir=" + dir.resolve("logs"),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                BrokerMain.class.getName(), "--external-driver", "--aeron-dir", aeronDir,
                "--data-dir", dir.resolve("data").toString(), "--endpoint", "none", "--dev")
                .redirectErrorStream(true).start();
            final List<String> output = new CopyOnWriteArrayList<>();
            final Thread reader = new Thread(() -> readLines(broker, output), "broker-output");
            reader.setDaemon(true);
            reader.start();
            try
            {
                awaitLine(output, "listening on", broker);

                signal("STOP", broker.pid());
                final long stoppedUntilNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
                for (long leftNs = 1; leftNs > 0; leftNs = stoppedUntilNs - System.nanoTime())
                {
                    LockSupport.parkNanos(leftNs);
                }
                signal("CONT", broker.pid());

                assertTrue(broker.waitFor(60, TimeUnit.SECONDS), "the broker did not exit: " + output);
                assertEquals(BrokerMain.FATAL_EXIT_STATUS, broker.exitValue(), output.toString());
                assertTrue(output.stream().anyMatch((line) -> line.contains("FATAL: the broker's Aeron client")),
                    output.toString());
            }
            finally
            {
                broker.destroyForcibly();
                broker.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void signal(final String signal, final long pid) throws IOException, InterruptedException
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " failed");
    }

    private static void awaitLine(final List<String> output, final String text, final Process process)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (output.stream().noneMatch((line) -> line.contains(text)))
        {
            assertTrue(process.isAlive(), "the broker exited: " + output);
            assertTrue(System.nanoTime() - deadlineNs < 0, "the broker never printed '" + text + "': " + output);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static void readLines(final Process process, final List<String> output)
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                output.add(line);
            }
        }
        catch (final IOException ignore)
        {
            // The process ended.
        }
    }
}
