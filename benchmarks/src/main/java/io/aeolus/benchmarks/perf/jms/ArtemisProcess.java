package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.TemporaryFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An ActiveMQ Artemis server in a separate JVM, started from this JVM's class path (the aeolus-perf jar built with
 * {@code -Partemis}): an embedded server with a Netty acceptor and an MQTT acceptor on 127.0.0.1 and its file journal
 * in a temporary directory. The child prints one line when it accepts connections and stops when its standard input
 * closes, so it does not outlive this JVM. Not thread-safe; opened and closed by the tool's main thread.
 */
final class ArtemisProcess implements AutoCloseable
{
    /** The child's main class, compiled only with {@code -Partemis} (src/artemis/java). */
    static final String SERVER_MAIN = "io.aeolus.benchmarks.perf.artemis.ArtemisServerMain";

    /** The line the child prints once it accepts connections. */
    static final String READY = "ARTEMIS-READY";

    private static final long START_TIMEOUT_S = 90;
    private static final String JVM_HEAP = "-Xmx1g";

    private final Process process;
    private final Path dir;
    private final String url;
    private final String journalType;
    private final String mqttUri;

    private ArtemisProcess(
        final Process process, final Path dir, final String url, final String journalType, final String mqttUri)
    {
        this.process = process;
        this.dir = dir;
        this.url = url;
        this.journalType = journalType;
        this.mqttUri = mqttUri;
    }

    /**
     * @return true if the Artemis server and client are on this JVM's class path.
     */
    static boolean available()
    {
        try
        {
            Class.forName(SERVER_MAIN, false, ArtemisProcess.class.getClassLoader());
            Class.forName("org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory", false,
                ArtemisProcess.class.getClassLoader());
            return true;
        }
        catch (final ClassNotFoundException ex)
        {
            return false;
        }
    }

    static ArtemisProcess start(final long bufferTimeoutNs) throws IOException, InterruptedException
    {
        if (!available())
        {
            throw new IllegalStateException("ActiveMQ Artemis is not in this jar: build aeolus-perf-artemis.jar " +
                "with 'mvn -pl benchmarks -Partemis package' to measure it");
        }
        final Path dir = Files.createTempDirectory("aeolus-perf-artemis");
        final int port = freeTcpPort();
        final int mqttPort = freeTcpPort();
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(JVM_HEAP);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SERVER_MAIN);
        command.add(Integer.toString(port));
        command.add(Integer.toString(mqttPort));
        command.add(dir.toString());
        if (bufferTimeoutNs > 0)
        {
            command.add(Long.toString(bufferTimeoutNs));
        }
        final Process process = new ProcessBuilder(command)
            .redirectError(dir.resolve("artemis.log").toFile())
            .start();
        try
        {
            final String ready = awaitReady(process, dir);
            final String journalType = ready.replaceAll(".*journal=(\\S+).*", "$1");
            return new ArtemisProcess(process, dir, "tcp://127.0.0.1:" + port, journalType,
                "tcp://127.0.0.1:" + mqttPort);
        }
        catch (final IOException | RuntimeException ex)
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            TemporaryFiles.deleteRecursively(dir);
            throw ex;
        }
    }

    /**
     * @return the acceptor's URL, {@code tcp://127.0.0.1:<port>}.
     */
    String url()
    {
        return url;
    }

    /**
     * @return its MQTT acceptor's URL, {@code tcp://127.0.0.1:<port>} (Artemis's MQTT protocol, same journal).
     */
    String mqttUri()
    {
        return mqttUri;
    }

    /**
     * @return the journal the server chose: {@code ASYNCIO} where libaio is present, else {@code NIO}.
     */
    String journalType()
    {
        return journalType;
    }

    /**
     * Stops the server (standard input closed, then a signal if it does not stop) and deletes its files.
     */
    @Override
    public void close()
    {
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        catch (final IOException ex)
        {
            process.destroyForcibly();
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        TemporaryFiles.deleteRecursively(dir);
    }

    private static String awaitReady(final Process process, final Path dir) throws IOException
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
                    // Unblocks the read below: a child that neither starts nor fails must not hang the tool.
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "perf-artemis-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String line;
        while (null != (line = out.readLine()))
        {
            if (line.startsWith(READY))
            {
                ready.countDown();
                final Thread drain = new Thread(() -> drain(out), "perf-artemis-stdout");
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        throw new IOException("Artemis did not start: see " + dir.resolve("artemis.log") + " (" +
            tail(dir.resolve("artemis.log")) + ")");
    }

    static void drain(final BufferedReader out)
    {
        try
        {
            while (null != out.readLine())
            {
                // Read and discard: a child whose pipe fills up would block.
            }
        }
        catch (final IOException ex)
        {
            // The child has gone; nothing more to read.
        }
    }

    static String tail(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (final IOException ex)
        {
            return "no log";
        }
    }

    static int freeTcpPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("no free TCP port on loopback", ex);
        }
    }
}
