package io.aeolus.console;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;

import javafx.application.Application;

/**
 * Main class of the console jar. It does not extend {@link Application}: with JavaFX on the class path (not
 * the module path) the JavaFX launcher refuses a main class that does, so this one hands over instead.
 */
public final class Launcher
{
    /**
     * The JVM flags the console runs with, as the README's command and {@code dist/aeolus-console} give them: a heap
     * limit sized from a measurement (about 75 MiB live with 10,000 destinations after a full collection; the heap is
     * all resident in the end, so its limit decides the resident size), a young generation of a quarter of it, the
     * serial collector, which keeps no per-region bookkeeping, and the C1 compiler alone, which saves the C2
     * compiler's memory; see BENCHMARKS.md "Console with 10,000 destinations". A jar's manifest cannot carry heap
     * flags, so they are on the command line.
     */
    public static final String JVM_FLAGS = "-Xmx144m -Xmn32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    private Launcher()
    {
    }

    /** Exit status for a bad command line. */
    static final int BAD_ARGUMENTS = 2;

    /**
     * Starts the console; blocks until the last window closes. With {@code --demo} it shows demo data instead of
     * connecting to a real broker; with {@code --url} it connects at start ({@link StartOptions}). A bad command line
     * is named on standard error and ends the process with status 2 before any window opens. Says so on standard
     * error when the JVM was started without the console's heap limit, since the heap may then grow far beyond what
     * the console needs.
     *
     * @param args command-line arguments, passed to the application.
     */
    public static void main(final String[] args)
    {
        final int status = checkArguments(List.of(args), System::getenv, System.out, System.err);
        if (status >= 0)
        {
            System.exit(status);
        }
        final String advice = heapAdvice(ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Runtime.getRuntime().maxMemory());
        if (!advice.isEmpty())
        {
            System.err.println(advice);
        }
        Application.launch(ConsoleApp.class, args);
    }

    /**
     * Answers {@code --help} and refuses a bad command line before JavaFX starts.
     *
     * @param args        the command line.
     * @param environment the environment.
     * @param out         where the help goes.
     * @param err         where a refusal goes.
     * @return the exit status to end with, or -1 to start the console.
     */
    static int checkArguments(
        final List<String> args,
        final Function<String, String> environment,
        final PrintStream out,
        final PrintStream err)
    {
        if (args.contains("--help") || args.contains("-h"))
        {
            out.println(StartOptions.USAGE);
            return 0;
        }
        try
        {
            StartOptions.parse(args, environment);
            return -1;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("aeolus-console: " + ex.getMessage());
            return BAD_ARGUMENTS;
        }
    }

    /**
     * What to tell a user who started the console without a heap limit (the JVM's default is a quarter of the
     * machine's memory, which it fills before it collects much).
     *
     * @param jvmArguments the JVM's arguments.
     * @param maxHeapBytes the JVM's largest heap ({@link Runtime#maxMemory()}).
     * @return the advice, or empty when the heap is limited by a flag.
     */
    static String heapAdvice(final List<String> jvmArguments, final long maxHeapBytes)
    {
        for (final String argument : jvmArguments)
        {
            if (argument.startsWith("-Xmx") || argument.startsWith("-XX:MaxHeapSize=") ||
                argument.startsWith("-XX:MaxRAM"))
            {
                return "";
            }
        }
        return "aeolus-console: no heap limit given, so the JVM may grow the heap to " + (maxHeapBytes >> 20) +
            " MiB; the console needs far less. Start it with dist/aeolus-console, or java " + JVM_FLAGS +
            " -jar aeolus-console.jar (README, Admin console).";
    }
}
