package io.aeolus.transport;

import org.agrona.IoUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An embedded media driver starts at once in the directory of a predecessor killed with SIGKILL (whose heartbeat
 * still looks fresh for seconds), is refused while a live process owns the directory (named by pid), and a client's
 * embedded driver sweeps away the directories that killed clients left in /dev/shm.
 */
@Timeout(120)
class DriverRestartTest
{
    private final String aeronDir = "/dev/shm/aeolus-test-" + UUID.randomUUID();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception
    {
        for (final Process process : processes)
        {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        IoUtil.delete(new File(aeronDir), true);
        Files.deleteIfExists(DriverDirectoryOwner.lockFile(aeronDir));
    }

    @Test
    void shouldStartAtOnceAfterThePredecessorWasKilledAndRefuseWhileItLives() throws Exception
    {
        for (int round = 0; round < 3; round++)
        {
            final Process predecessor = start(aeronDir);
            awaitReady(predecessor);
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, false, (throwable) -> { }));
            assertTrue(refused.getMessage().contains("live process pid " + predecessor.pid()), refused.getMessage());

            predecessor.destroyForcibly();
            assertTrue(predecessor.waitFor(30, TimeUnit.SECONDS));
            try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, false, (t) -> { }))
            {
                assertNotNull(driver.aeronDirectoryName());
            }
        }
    }

    @Test
    void shouldRefuseASecondDriverInThisProcess()
    {
        try (EmbeddedMediaDriver ignore = EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, true, (t) -> { }))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedMediaDriver.launch(aeronDir, 64 * 1024, true, (throwable) -> { }));
            assertTrue(refused.getMessage().contains("pid " + ProcessHandle.current().pid()), refused.getMessage());
        }
    }

    @Test
    void shouldDeleteTheEmbeddedDriverDirectoryOfAKilledClient() throws Exception
    {
        final Process client = start(SharedAeronClient.EMBEDDED);
        final String dir = awaitReady(client);
        assertTrue(dir.contains(SharedAeronClient.EMBEDDED_PREFIX), dir);
        client.destroyForcibly();
        assertTrue(client.waitFor(30, TimeUnit.SECONDS));
        assertTrue(new File(dir).isDirectory(), "a killed client leaves its driver directory");

        final SharedAeronClient own = SharedAeronClient.acquire(SharedAeronClient.EMBEDDED, 64 * 1024);
        try
        {
            assertFalse(new File(dir).exists(), "stale client driver directory not deleted: " + dir);
            assertFalse(Files.exists(DriverDirectoryOwner.lockFile(dir)));
            assertTrue(new File(own.aeron().context().aeronDirectoryName()).isDirectory());
        }
        finally
        {
            own.release();
        }
    }

    private Process start(final String arg) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx64m");
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(DriverProcess.class.getName());
        command.add(arg);
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    private static String awaitReady(final Process process) throws IOException
    {
        // readLine returns at the first line or at end of output; the class timeout bounds a child that hangs.
        final BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while (null != (line = reader.readLine()))
        {
            if (line.startsWith("ready "))
            {
                return line.substring("ready ".length());
            }
        }
        throw new AssertionError("driver process exited with " + process.exitValue() + " before it was ready");
    }
}
