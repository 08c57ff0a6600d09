package io.aeolus.cluster;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeron.cluster.service.Cluster;
import org.agrona.concurrent.ShutdownSignalBarrier;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The command line of one broker group member:
 * {@code java -jar cluster/target/aeolus-cluster.jar --config node.properties [--member-id N]}. Every option of
 * the broker's configuration table applies (config file, {@code -D}); {@code aeolus.cluster.members} is required.
 * It prints one line when the member starts and one each time its role changes, and stops on SIGTERM or Ctrl-C.
 */
public final class ClusterNodeMain
{
    static final String USAGE = "usage: java -jar aeolus-cluster.jar [--config FILE] [--member-id N] " +
        "[--members host:port,host:port,...] [--data-dir DIR]\n" +
        "  Starts one member of a broker group on Aeron Cluster. Options not given here come from the config\n" +
        "  file or -Dname=value (aeolus.cluster.members, aeolus.cluster.member.id, aeolus.cluster.dir, ...;\n" +
        "  see the configuration table in the README).";

    private ClusterNodeMain()
    {
    }

    /**
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final int status = run(args, System.out, System.err);
        if (status != 0)
        {
            System.exit(status);
        }
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final Broker.Context context;
        try
        {
            context = parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("aeolus-cluster: " + ex.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (null == context)
        {
            out.println(USAGE);
            return 0;
        }
        final ClusterNodeSettings settings;
        try
        {
            settings = ClusterNodeSettings.resolve(context);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("aeolus-cluster: " + ex.getMessage());
            return 2;
        }
        final ShutdownSignalBarrier barrier = new ShutdownSignalBarrier();
        try (ClusterNode node = ClusterNode.launch(settings))
        {
            out.println("aeolus-cluster: member " + settings.memberId() + " of " + settings.members().size() +
                " started, clients connect with " + settings.clientUrl());
            out.flush();
            final Thread roles = new Thread(() -> reportRoles(node, out), "aeolus-cluster-roles");
            roles.setDaemon(true);
            roles.start();
            node.whenFatal(barrier::signal);
            barrier.await();
            final String fatalReason = node.fatalReason();
            if (null != fatalReason)
            {
                err.println("aeolus-cluster: member " + settings.memberId() + " stopping: " + fatalReason);
                return 3;
            }
            out.println("aeolus-cluster: member " + settings.memberId() + " stopping");
        }
        return 0;
    }

    static Broker.Context parse(final String[] args)
    {
        final Broker.Context context = new Broker.Context();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h"))
            {
                return null;
            }
            if (i + 1 >= args.length)
            {
                throw new IllegalArgumentException("unknown argument or missing value: " + arg);
            }
            final String value = args[++i];
            switch (arg)
            {
                case "--config":
                    if (!Files.isRegularFile(Path.of(value)))
                    {
                        throw new IllegalArgumentException("--config: no such file: " + value);
                    }
                    context.configFile(Path.of(value));
                    break;
                case "--member-id":
                    context.set(BrokerConfiguration.CLUSTER_MEMBER_ID, value);
                    break;
                case "--members":
                    context.set(BrokerConfiguration.CLUSTER_MEMBERS, value);
                    break;
                case "--data-dir":
                    context.dataDirectory(Path.of(value));
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return context;
    }

    private static void reportRoles(final ClusterNode node, final PrintStream out)
    {
        Cluster.Role reported = null;
        long reportedTerm = Long.MIN_VALUE;
        while (true)
        {
            final Cluster.Role role = node.role();
            final long term = node.service().leadershipTermId();
            if (role != reported || term != reportedTerm)
            {
                out.println("aeolus-cluster: member " + node.settings().memberId() + " role " + role + " term " +
                    term + " leader " + node.service().leaderMemberId());
                out.flush();
                reported = role;
                reportedTerm = term;
            }
            try
            {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }
}
