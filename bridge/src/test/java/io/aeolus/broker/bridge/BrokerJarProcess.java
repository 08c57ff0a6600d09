package io.aeolus.broker.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code java -jar aeolus-broker.jar} as a child process in development mode, its output collected; stopped with
 * SIGTERM (its graceful shutdown) or killed with SIGKILL ({@link #kill()}, a crash), its Aeron directory and the
 * driver's lock file beside it removed on {@link #close()}.
 */
final class BrokerJarProcess implements AutoCloseable
{
    private static final long WAIT_MS = 60_000;

    private final Process process;
    private final String aeronDir;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private BrokerJarProcess(final Process process, final String aeronDir)
    {
        this.process = process;
        this.aeronDir = aeronDir;
        final Thread reader = new Thread(this::read, "broker-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static BrokerJarProcess start(final Path config, final String aeronDir, final Path dataDir) throws IOException
    {
        final Path jar = jar();
        final int udpPort;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            udpPort = socket.getLocalPort();
        }
        final List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-jar", jar.toString(), "--dev", "--config", config.toString(), "--aeron-dir", aeronDir,
            "--data-dir", dataDir.toString(), "--endpoint", "127.0.0.1:" + udpPort);
        return new BrokerJarProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), aeronDir);
    }

    static Path jar()
    {
        final Path jar = Path.of("..", "broker", "target", "aeolus-broker.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(jar), "the broker jar is not built: " + jar);
        return jar;
    }

    void awaitLine(final String text)
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (lines.stream().noneMatch((line) -> line.contains(text)))
        {
            if (!process.isAlive() || System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("the broker did not print '" + text + "' (" +
                    (process.isAlive() ? "timed out" : "exited") + "); its output:\n" + output());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    String output()
    {
        return String.join("\n", lines);
    }

    /**
     * Kills the broker with SIGKILL, as a crash would end it: no shutdown hook runs. Its Aeron directory stays for
     * the next broker on it (the development mode's driver deletes it when it starts).
     *
     * @throws InterruptedException if interrupted while waiting for the process to end.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the killed broker ended");
    }

    /**
     * Stops the broker with SIGTERM and waits for its graceful shutdown, leaving its Aeron directory.
     *
     * @throws InterruptedException if interrupted while waiting for the process to end.
     */
    void stop() throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception
    {
        stop();
        deleteRecursively(Path.of(aeronDir));
        Files.deleteIfExists(Path.of(aeronDir + ".lock"));
    }

    private void read()
    {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                lines.add(line);
            }
        }
        catch (final IOException ex)
        {
            // The process ended.
        }
    }

    static void deleteRecursively(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (var walk = Files.walk(path))
        {
            for (final Path each : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(each);
            }
        }
    }
}
