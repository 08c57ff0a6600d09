package io.aeolus.broker.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An ActiveMQ Artemis server ({@link ArtemisServerMain}) in a JVM of its own, started from this JVM's class path, for
 * tests: {@link #kill()} ends it with {@code SIGKILL} ({@code kill -9}), {@link #close()} stops it gracefully.
 */
final class ArtemisProcess implements AutoCloseable
{
    private static final long START_TIMEOUT_S = 60;

    private final Process process;
    private final Path log;

    private ArtemisProcess(final Process process, final Path log)
    {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a server and waits until it accepts connections.
     *
     * @param dataDirectory its journal, bindings and paging directories (kept across a kill and a start).
     * @param port          its acceptor's port on 127.0.0.1.
     * @param log           where its standard error goes (appended, so restarts keep the earlier runs' output).
     * @return the running server.
     * @throws Exception if it does not start within a minute.
     */
    static ArtemisProcess start(final Path dataDirectory, final int port, final Path log) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ArtemisServerMain.class.getName());
        command.add(dataDirectory.toString());
        command.add(Integer.toString(port));
        final Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        final CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> readyLine(out));
        try
        {
            final String line = ready.get(START_TIMEOUT_S, TimeUnit.SECONDS);
            if (null == line)
            {
                throw new IllegalStateException("Artemis exited before it was ready: " + tail(log));
            }
            final Thread drain = new Thread(() -> drain(out), "artemis-stdout-" + process.pid());
            drain.setDaemon(true);
            drain.start();
            return new ArtemisProcess(process, log);
        }
        catch (final TimeoutException | ExecutionException | RuntimeException ex)
        {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("Artemis did not start within " + START_TIMEOUT_S + " s: " + tail(log),
                ex);
        }
    }

    /**
     * @return the process id of the server's JVM.
     */
    long pid()
    {
        return process.pid();
    }

    /**
     * Kills the server's JVM with {@code SIGKILL} (no shutdown hook, no journal flush) and waits until it is gone.
     *
     * @throws InterruptedException if interrupted while waiting.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("Artemis process " + process.pid() + " still alive after SIGKILL");
        }
    }

    /**
     * Stops the server: closes its standard input (it stops itself), then kills it if it does not end in 20 s.
     */
    @Override
    public void close()
    {
        if (!process.isAlive())
        {
            return;
        }
        try
        {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
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
    }

    private static String readyLine(final BufferedReader out)
    {
        try
        {
            String line;
            while (null != (line = out.readLine()))
            {
                if (line.startsWith(ArtemisServerMain.READY))
                {
                    return line;
                }
            }
            return null;
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static void drain(final BufferedReader out)
    {
        try
        {
            while (null != out.readLine())
            {
                // Keeps the pipe from filling up; the server's output is not needed.
            }
        }
        catch (final IOException ex)
        {
            // The process ended.
        }
    }

    private static String tail(final Path log)
    {
        try
        {
            final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
        catch (final IOException ex)
        {
            return "(no log: " + ex.getMessage() + ")";
        }
    }
}
