package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.TemporaryFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An Aeolus broker as its own process, as users run it: {@code io.aeolus.broker.BrokerMain} in a child JVM, from a
 * broker jar ({@code java -jar aeolus-broker.jar}) or from this JVM's class path (the same classes), in development
 * mode (anonymous local clients), with its own Aeron directory under {@code /dev/shm}, a free UDP port on loopback and
 * its data in a temporary directory. Stopped with SIGTERM (the broker's shutdown hook closes it) and its files
 * deleted. Not thread-safe; opened and closed by the tool's main thread.
 */
public final class AeolusBrokerProcess implements AutoCloseable
{
    /** The broker's main class. */
    static final String BROKER_MAIN = "io.aeolus.broker.BrokerMain";

    /** The start of the banner line the broker prints once it listens. */
    static final String READY = "Aeolus broker ";

    private static final long START_TIMEOUT_S = 90;
    private static final String JVM_HEAP = "-Xmx1g";

    private final Process process;
    private final Thread stopOnExit;
    private final Path dataDir;
    private final Path aeronDir;
    private final String ipcUrl;
    private final String udpUrl;

    private AeolusBrokerProcess(
        final Process process, final Path dataDir, final Path aeronDir, final String ipcUrl, final String udpUrl)
    {
        this.process = process;
        this.dataDir = dataDir;
        // A tool stopped with Ctrl-C or SIGTERM takes its broker with it (a SIGKILL cannot).
        this.stopOnExit = new Thread(process::destroy, "perf-broker-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        this.aeronDir = aeronDir;
        this.ipcUrl = ipcUrl;
        this.udpUrl = udpUrl;
    }

    /**
     * The command line that starts a broker.
     *
     * @param brokerJar  the broker jar, or null to run {@value #BROKER_MAIN} from this JVM's class path.
     * @param dataDir    the broker's data directory.
     * @param aeronDir   its Aeron directory.
     * @param udpPort    its UDP port on 127.0.0.1.
     * @param properties broker options as system properties ({@code aeolus.broker.idle.strategy=yield}).
     * @return the command.
     */
    static List<String> command(
        final Path brokerJar,
        final Path dataDir,
        final String aeronDir,
        final int udpPort,
        final Map<String, String> properties)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(JVM_HEAP);
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/sun.nio.ch=ALL-UNNAMED");
        command.add("--add-opens");
        command.add("java.base/java.util.zip=ALL-UNNAMED");
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        if (null != brokerJar)
        {
            command.add("-jar");
            command.add(brokerJar.toString());
        }
        else
        {
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(BROKER_MAIN);
        }
        command.add("--dev");
        command.add("--data-dir");
        command.add(dataDir.toString());
        command.add("--aeron-dir");
        command.add(aeronDir);
        command.add("--endpoint");
        command.add("127.0.0.1:" + udpPort);
        return command;
    }

    /**
     * Starts a broker process and waits for its banner.
     *
     * @param brokerJar  the broker jar, or null to run the broker from this JVM's class path.
     * @param properties broker options as system properties.
     * @return the running broker.
     * @throws IOException          if it cannot be started or does not start.
     * @throws InterruptedException if interrupted while waiting.
     */
    public static AeolusBrokerProcess start(final Path brokerJar, final Map<String, String> properties)
        throws IOException, InterruptedException
    {
        if (null != brokerJar && !Files.isRegularFile(brokerJar))
        {
            throw new IllegalArgumentException("--broker-jar: no such file: " + brokerJar);
        }
        final Path dataDir = Files.createTempDirectory("aeolus-perf-broker");
        final String aeronDir = TemporaryFiles.sharedMemoryDirectory("aeolus-perf-broker");
        final int port = freeUdpPort();
        final Process process = new ProcessBuilder(command(brokerJar, dataDir, aeronDir, port, properties))
            .redirectError(dataDir.resolve("broker.log").toFile())
            .start();
        try
        {
            awaitReady(process, dataDir);
            return new AeolusBrokerProcess(process, dataDir, Path.of(aeronDir),
                "aeolus:ipc?aeronDir=" + aeronDir, "aeolus:udp://127.0.0.1:" + port);
        }
        catch (final IOException | RuntimeException ex)
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            TemporaryFiles.deleteRecursively(dataDir);
            TemporaryFiles.deleteRecursively(Path.of(aeronDir));
            throw ex;
        }
    }

    /**
     * @return the URL for clients on this host, naming the broker's Aeron directory.
     */
    public String ipcUrl()
    {
        return ipcUrl;
    }

    /**
     * @return the URL for clients over UDP on loopback.
     */
    public String udpUrl()
    {
        return udpUrl;
    }

    /**
     * @return the broker process's id, for reading its CPU time.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * Stops the broker (SIGTERM, then SIGKILL if it does not stop in 20 s) and deletes its files.
     */
    @Override
    public void close()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
        catch (final IllegalStateException ex)
        {
            // Already shutting down: the hook stops the broker.
        }
        process.destroy();
        try
        {
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        TemporaryFiles.deleteRecursively(dataDir);
        TemporaryFiles.deleteRecursively(aeronDir);
        // The broker's lock beside its Aeron directory: free now that the process has ended, and unique to this run.
        TemporaryFiles.deleteRecursively(aeronDir.resolveSibling(aeronDir.getFileName() + ".lock"));
    }

    private static void awaitReady(final Process process, final Path dataDir) throws IOException
    {
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final CountDownLatch ready = new CountDownLatch(1);
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                if (!ready.await(START_TIMEOUT_S, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "perf-broker-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String line;
        while (null != (line = out.readLine()))
        {
            if (line.contains(READY) && line.contains(" listening on "))
            {
                ready.countDown();
                final Thread drain = new Thread(() -> ArtemisProcess.drain(out), "perf-broker-stdout");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IOException("the Aeolus broker did not start: see " + dataDir.resolve("broker.log") + " (" +
            ArtemisProcess.tail(dataDir.resolve("broker.log")) + ")");
    }

    private static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free UDP port on loopback", ex);
        }
    }
}
