package io.aeolus.jms.foundation;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started by a test (a broker jar or a client main), whose output lines can be awaited and which the test
 * kills with SIGKILL, as {@code kill -9} would.
 */
final class ChildJvm implements AutoCloseable
{
    /** How long a broker process may take to listen: a JVM start and, after a kill, the journal's recovery. */
    static final Duration BROKER_START = Duration.ofSeconds(60);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    private ChildJvm(final Process process)
    {
        this.process = process;
        final Thread reader = new Thread(() ->
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
            catch (final IOException ignore)
            {
                // The process ended.
            }
        }, "child-jvm-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm startMain(final Class<?> mainClass, final String... args) throws IOException
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = javaCommand("256m");
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Starts a main class of the test class path behind a command prefix, such as {@code ip netns exec <name>}.
     */
    static ChildJvm startMainWithPrefix(final List<String> prefix, final Class<?> mainClass, final String... args)
        throws IOException
    {
        final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        final List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand("256m"));
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Starts a jar behind a command prefix, such as {@code ip netns exec <name>}.
     */
    static ChildJvm startJarWithPrefix(final List<String> prefix, final File jar, final String... args)
        throws IOException
    {
        final List<String> command = new ArrayList<>(prefix);
        command.addAll(javaCommand("256m"));
        command.add("-jar");
        command.add(jar.getAbsolutePath());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * The packaged broker in dev mode on a loopback UDP endpoint, returned once it listens: the fixture of the kill
     * tests, which restart it on the same Aeron and data directories as a supervisor would.
     *
     * @param aeronDir the broker's Aeron directory.
     * @param port     its UDP port on 127.0.0.1.
     * @param dataDir  its data directory.
     * @param more     further arguments, such as {@code --config <file>}.
     */
    static ChildJvm startBroker(final String aeronDir, final int port, final Path dataDir, final String... more)
        throws IOException, InterruptedException
    {
        return startBrokerWithHeap("256m", aeronDir, port, dataDir, more);
    }

    /**
     * {@link #startBroker} with a maximum heap of its own, such as {@code 64m}.
     */
    static ChildJvm startBrokerWithHeap(final String heap, final String aeronDir, final int port, final Path dataDir,
        final String... more) throws IOException, InterruptedException
    {
        final List<String> args = new ArrayList<>(List.of("--endpoint", "127.0.0.1:" + port, "--aeron-dir", aeronDir,
            "--data-dir", dataDir.toString(), "--dev"));
        args.addAll(List.of(more));
        final ChildJvm broker = startJarWithHeap(LivenessIT.brokerJar(), heap, args.toArray(String[]::new));
        broker.awaitLine("listening on", BROKER_START);
        return broker;
    }

    static ChildJvm startJar(final File jar, final String... args) throws IOException
    {
        return startJarWithHeap(jar, "256m", args);
    }

    static ChildJvm startJarWithHeap(final File jar, final String heap, final String... args) throws IOException
    {
        final List<String> command = javaCommand(heap);
        command.add("-jar");
        command.add(jar.getAbsolutePath());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static List<String> javaCommand(final String heap)
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx" + heap);
        command.add("--add-exports");
        command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("-Djava.net.preferIPv4Stack=true");
        return command;
    }

    /**
     * Waits for an output line containing the text.
     *
     * @return the line.
     */
    String awaitLine(final String text, final Duration timeout) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true)
        {
            final long leftNs = deadlineNs - System.nanoTime();
            if (leftNs <= 0)
            {
                throw new AssertionError("child never printed '" + text + "'; output so far: " + transcript +
                    (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"));
            }
            final String line = lines.poll(Math.min(leftNs, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (null != line)
            {
                transcript.add(line);
                if (line.contains(text))
                {
                    return line;
                }
            }
        }
    }

    /**
     * @return true if any line the child printed so far contains the text.
     */
    boolean transcriptContains(final String text)
    {
        lines.drainTo(transcript);
        for (final String line : transcript)
        {
            if (line.contains(text))
            {
                return true;
            }
        }
        return false;
    }

    long pid()
    {
        return process.pid();
    }

    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void terminate() throws InterruptedException
    {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Waits for the process to exit by itself.
     *
     * @return its exit code.
     */
    int awaitExit(final Duration timeout) throws InterruptedException
    {
        if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))
        {
            throw new AssertionError("child still running after " + timeout + "; output so far: " + transcript);
        }
        return process.exitValue();
    }

    int exitValue()
    {
        return process.exitValue();
    }

    boolean isAlive()
    {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            kill();
        }
    }
}
