package io.aeolus.cli;

import io.aeolus.broker.Broker;
import io.aeolus.broker.ConfigCommand;
import io.aeolus.broker.security.UserCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code aeolus <command>}: the administrator's command line. Remote commands ({@code status}, {@code queue},
 * {@code topic}, {@code subscription}, {@code connection}) go to a running broker through the management protocol;
 * {@code user} and {@code config} act on files offline. Every failure is one line on standard error naming the
 * problem, with an exit code: {@value #FAILED} the broker refused the operation, {@value #USAGE} bad command or
 * argument, {@value #UNREACHABLE} no broker answered, {@value #DENIED} authentication failed or the user may not.
 */
@Command(name = "aeolus", mixinStandardHelpOptions = true, version = "Aeolus " + Broker.VERSION,
    description = "Manage an Aeolus broker: remote commands use --url (default $AEOLUS_URL or " +
        BrokerOptions.DEFAULT_URL + ") and credentials from --user/--password-file, $AEOLUS_USER and " +
        "$AEOLUS_PASSWORD_FILE (or $AEOLUS_PASSWORD), or a prompt. Exit codes: 0 done, 1 the broker refused, " +
        "2 bad usage, 3 broker unreachable, 4 authentication failed or not allowed.",
    subcommands = {StatusCommand.class, QueueCommand.class, TopicCommand.class, RouteCommand.class,
        RetentionCommand.class, BrokerGroupCommand.class,
        SubscriptionCommand.class, ConnectionCommand.class, ConfigCommand.class, UserCommand.class})
public final class AeolusCli implements Callable<Integer>
{
    /** The broker refused or failed the operation. */
    public static final int FAILED = 1;
    /** Unknown command, missing or invalid argument. */
    public static final int USAGE = 2;
    /** No broker answered at the URL in time. */
    public static final int UNREACHABLE = 3;
    /** Authentication failed, or the user may not do this. */
    public static final int DENIED = 4;

    /**
     * Runs one command and exits with its code.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        final PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        final int exitCode = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command. Any thread; the offline commands ({@code user}, {@code config}) print to
     * {@code System.out} and {@code System.err} rather than to the writers.
     *
     * @param args the command line.
     * @param out  where results go.
     * @param err  where errors go.
     * @return the exit code.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new AeolusCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) ->
        {
            final CommandLine failed = ex.getCommandLine();
            err.println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage() + " (see " +
                failed.getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) ->
        {
            final String name = failed.getCommandSpec().qualifiedName();
            if (ex instanceof CliException)
            {
                err.println(name + ": " + ex.getMessage());
                return ((CliException)ex).exitCode();
            }
            err.println(name + ": " + (null == ex.getMessage() ? ex.toString() : ex.getMessage()));
            return FAILED;
        });
        return commandLine.execute(args);
    }

    /**
     * Without a command: lists the commands.
     *
     * @return {@value #USAGE}.
     */
    public Integer call()
    {
        throw new CliException(USAGE, "a command is needed: status, queue, topic, subscription, connection, " +
            "config or user (see aeolus --help)");
    }
}
