package io.aeolus.broker;

import io.aeolus.broker.logging.BrokerLog;
import io.aeolus.broker.logging.ProcessLogging;
import io.aeolus.broker.security.SecurityMode;
import io.aeolus.broker.security.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The broker process: {@code java -jar aeolus-broker.jar [options]}. Prints one banner line saying where it listens
 * and where its data lives, and shuts down gracefully on SIGTERM or Ctrl-C. Security is on unless {@code --dev};
 * {@code java -jar aeolus-broker.jar user ...} manages the users ({@link UserCommand}). Loads the jars of the plugin
 * directory first ({@link Plugins}). Exits with status 3 when the broker closed itself because its Aeron client
 * failed for good (see {@link Broker.Context#fatalListener(Runnable)}).
 */
@Command(name = "aeolus-broker", mixinStandardHelpOptions = true, version = "Aeolus broker " + Broker.VERSION,
    description = "Runs an Aeolus JMS broker. Every option can also be set as a system property or in the config " +
        "file (see the README's configuration table).", subcommands = {UserCommand.class, ConfigCommand.class})
public final class BrokerMain implements Callable<Integer>
{
    @Option(names = {"-e", "--endpoint"}, description = "UDP listen endpoint host:port, or 'none' (default " +
        "127.0.0.1:5150; use 0.0.0.0:5150 to accept other hosts)")
    private String endpoint;

    @Option(names = {"-d", "--data-dir"}, description = "data directory (default ./aeolus-data)")
    private Path dataDirectory;

    @Option(names = {"-c", "--config"}, description = "broker config file (properties)")
    private Path configFile;

    @Option(names = {"-a", "--aeron-dir"}, description = "Aeron directory (default /dev/shm/aeolus-<user>)")
    private String aeronDirectory;

    @Option(names = "--external-driver", description = "attach to a running media driver instead of embedding one")
    private boolean externalDriver;

    @Option(names = "--dev", description = "development mode: anonymous clients from this host get full access " +
        "(aeolus.broker.security=dev); never on a shared host or network")
    private boolean developmentMode;

    /** Exit status when the broker closed itself because its Aeron client failed for good. */
    static final int FATAL_EXIT_STATUS = 3;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean failed;

    /**
     * Runs the broker until the JVM is asked to stop.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        if (null == System.getProperty("java.util.logging.manager"))
        {
            // Before anything logs: keeps the log open through the JVM's shutdown so the broker can log its stop.
            System.setProperty("java.util.logging.manager", ProcessLogging.Manager.class.getName());
        }
        if (args.length > 0 && CliDelegate.COMMANDS.contains(args[0]))
        {
            System.exit(CliDelegate.run(args));
        }
        final int exitCode = new CommandLine(new BrokerMain()).execute(args);
        if (exitCode != 0)
        {
            System.exit(exitCode);
        }
    }

    /**
     * {@inheritDoc}
     */
    public Integer call()
    {
        final Plugins plugins;
        try
        {
            // Before the context: it finds the extensions (the JMS bridge) through the plugins' class loader.
            plugins = Plugins.install(configFile);
        }
        catch (final IllegalArgumentException | UncheckedIOException ex)
        {
            System.err.println("aeolus-broker: " + ex.getMessage());
            return 2;
        }
        // A broker whose Aeron client failed closes itself: the process then ends with a non-zero status, so that a
        // supervisor (the systemd unit restarts on any exit) starts it again rather than find a zombie.
        final Broker.Context ctx = context().fatalListener(() ->
        {
            failed = true;
            stopped.countDown();
        });
        final Broker broker;
        try
        {
            broker = Broker.launch(ctx);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            System.err.println("aeolus-broker: " + ex.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            broker.close();
            ProcessLogging.close();
            stopped.countDown();
        }, "aeolus-shutdown"));
        final Broker.Context resolved = broker.context();
        BrokerLog.BROKER.log(System.Logger.Level.INFO, "Aeolus broker " + Broker.VERSION + " listening on " +
            (null != broker.udpUrl() ? broker.udpUrl() + " and " : "") + broker.ipcUrl() +
            " (Aeron dir " + resolved.aeronDirectoryName() + "); data in " +
            resolved.dataDirectory().toAbsolutePath().normalize() + "; security " +
            (broker.security().mode() == SecurityMode.DEV ? "DEVELOPMENT MODE (anonymous local access)" :
            "on (users in " + broker.security().settings().usersFile().toAbsolutePath().normalize() + ")"));
        logPlugins(plugins);
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return failed ? FATAL_EXIT_STATUS : 0;
    }

    private Broker.Context context()
    {
        final Broker.Context ctx = new Broker.Context().processLogging(true);
        if (null != endpoint)
        {
            ctx.udpEndpoint(endpoint);
        }
        if (null != dataDirectory)
        {
            ctx.dataDirectory(dataDirectory);
        }
        if (null != configFile)
        {
            ctx.configFile(configFile);
        }
        if (null != aeronDirectory)
        {
            ctx.aeronDirectoryName(aeronDirectory);
        }
        if (externalDriver)
        {
            ctx.set(BrokerConfiguration.EMBEDDED_DRIVER, "false");
        }
        if (developmentMode)
        {
            ctx.securityMode(SecurityMode.DEV);
        }
        return ctx;
    }

    private static void logPlugins(final Plugins plugins)
    {
        if (!plugins.jars().isEmpty())
        {
            final StringBuilder names = new StringBuilder();
            for (final Path jar : plugins.jars())
            {
                names.append(names.length() > 0 ? ", " : "").append(jar.getFileName());
            }
            BrokerLog.BROKER.log(System.Logger.Level.INFO, "plugins from " + plugins.directory() + ": " + names);
        }
    }
}
