package io.aeolus.broker;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the management commands of the {@code aeolus} CLI ({@code status}, {@code queue}, {@code topic},
 * {@code subscription}, {@code connection}) given to the broker jar: they need the JMS client, which the broker jar
 * does not hold, so the broker jar runs {@code aeolus-cli.jar} in a JVM of its own with the same arguments, the same
 * terminal (a password prompt works) and returns its exit code.
 * <p>
 * The CLI jar is looked for, in order, in {@code $AEOLUS_CLI_JAR}, beside the broker jar, in {@code /opt/aeolus}
 * (where the README's install puts it) and in a source tree's {@code cli/target}: the same places as
 * {@code dist/aeolus}.
 */
final class CliDelegate
{
    /** The commands that belong to the CLI. */
    static final Set<String> COMMANDS = Set.of("status", "queue", "topic", "subscription", "connection");

    /** The exit code when the CLI cannot be run, as for a usage error. */
    static final int CANNOT_RUN = 2;

    private static final String JAR_NAME = "aeolus-cli.jar";

    private CliDelegate()
    {
    }

    /**
     * @param args the broker jar's arguments, the command first.
     * @return the CLI's exit code, or {@link #CANNOT_RUN} after saying why on standard error.
     */
    static int run(final String[] args)
    {
        final List<Path> candidates = candidates(System.getenv("AEOLUS_CLI_JAR"), brokerJarDirectory());
        final Path jar = candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
        if (null == jar)
        {
            System.err.println("aeolus-broker: '" + args[0] + "' is run by " + JAR_NAME + ", which is in none of " +
                candidates + " (set AEOLUS_CLI_JAR, or build it: mvn -pl cli -am package)");
            return CANNOT_RUN;
        }
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        try
        {
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        }
        catch (final IOException ex)
        {
            System.err.println("aeolus-broker: cannot run " + jar + ": " + ex.getMessage());
            return CANNOT_RUN;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return CANNOT_RUN;
        }
    }

    /**
     * @param fromEnvironment   {@code $AEOLUS_CLI_JAR}, or null.
     * @param brokerJarDirectory the directory of the running broker jar, or null when not run from a jar.
     * @return where the CLI jar may be, in the order they are tried.
     */
    static List<Path> candidates(final String fromEnvironment, final Path brokerJarDirectory)
    {
        final Set<Path> candidates = new LinkedHashSet<>();
        if (null != fromEnvironment && !fromEnvironment.isBlank())
        {
            candidates.add(Path.of(fromEnvironment));
        }
        if (null != brokerJarDirectory)
        {
            candidates.add(brokerJarDirectory.resolve(JAR_NAME));
            candidates.add(Path.of("/opt/aeolus", JAR_NAME));
            // A source tree: broker/target/aeolus-broker.jar beside cli/target/aeolus-cli.jar.
            candidates.add(brokerJarDirectory.resolve("..").resolve("..").resolve("cli").resolve("target")
                .resolve(JAR_NAME).normalize());
        }
        else
        {
            candidates.add(Path.of("/opt/aeolus", JAR_NAME));
        }
        return new ArrayList<>(candidates);
    }

    private static Path brokerJarDirectory()
    {
        try
        {
            final Path location = Path.of(CliDelegate.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
            return location.toString().endsWith(".jar") ? location.toAbsolutePath().getParent() : null;
        }
        catch (final URISyntaxException | SecurityException | NullPointerException ex)
        {
            return null;
        }
    }
}
