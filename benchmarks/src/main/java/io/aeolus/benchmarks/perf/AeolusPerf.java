package io.aeolus.benchmarks.perf;

import io.aeolus.transport.TransportConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * aeolus-perf, the JMS-level load tool: runs workloads against providers named on the command line and prints a
 * table and one {@code RESULT} line per result; with {@code --compare} it runs the providers alternately for several
 * rounds and prints medians and ratios. It speaks only {@code jakarta.jms} to the JMS providers.
 */
@Command(
    name = "aeolus-perf",
    mixinStandardHelpOptions = true,
    version = "aeolus-perf 0.1.0",
    sortOptions = false,
    usageHelpWidth = 120,
    customSynopsis = "aeolus-perf [WORKLOAD...] [--provider NAME,... | --compare A,B,... [--rounds N]] [OPTIONS]",
    description = {
        "Measures JMS providers side by side: Aeolus over IPC and UDP, ActiveMQ Artemis, anything through JNDI, " +
            "and bare Aeron as the floor.",
        ""},
    footer = {
        "",
        "Workloads: pingpong, throughput, fanout, persistent-sync, persistent-async, latency-at-rate, xa, mqtt " +
            "(or all).",
        "Providers: aeolus-ipc, aeolus-udp, artemis, artemis-tuned, jndi, raw-aeron-ipc, raw-aeron-udp; aliases " +
            "aeolus and raw-aeron name both channels, artemis-both both Artemis setups. raw-aeron runs the " +
            "non-persistent shapes only; jndi runs xa if its factory is an XAConnectionFactory.",
        "Every RESULT carries the host's load over its run: load1 (start-end), idle_pct, others_pct (CPU taken by " +
            "processes other than the tool and its brokers) and host=busy|quiet.",
        "",
        "Output: progress lines start with '#'; 'RESULT workload=.. provider=.. channel=.. <params> <figures>' per " +
            "result; with --compare, 'COMPARE ...' per figure after the table.",
        "",
        "Examples:",
        "  java -jar aeolus-perf.jar pingpong --provider aeolus-ipc",
        "  java -jar aeolus-perf-artemis.jar --compare artemis-both,aeolus,raw-aeron --rounds 3",
        "  java -jar aeolus-perf.jar throughput --provider aeolus-udp --url aeolus:udp://10.0.0.5:5150",
        "  java -jar aeolus-perf.jar all --provider jndi --jndi my-jndi.properties --jndi-factory ConnectionFactory"})
public final class AeolusPerf implements Callable<Integer>
{
    @Parameters(paramLabel = "WORKLOAD", arity = "0..*",
        description = "workloads to run, space- or comma-separated (default: all)", split = ",")
    private List<String> workloads = new ArrayList<>(List.of("all"));

    @Option(names = {"-p", "--provider"}, split = ",", defaultValue = "aeolus-ipc", paramLabel = "NAME",
        description = "provider(s) to measure, one after the other (default: aeolus-ipc)")
    private List<String> providerNames;

    @Option(names = "--compare", split = ",", paramLabel = "A,B,...",
        description = "run these providers alternately (A B A B ...) for --rounds rounds; print each figure's " +
            "median and its ratio to the first provider, with the spread over the rounds")
    private List<String> compare;

    @Option(names = "--rounds", defaultValue = "3", description = "rounds of --compare (default: 3)")
    private int rounds;

    @Option(names = "--url", description = "an external Aeolus broker for aeolus-ipc/aeolus-udp " +
        "(default: start one with its own Aeron directory and a free UDP port)")
    private String url;

    @Option(names = "--aeolus-broker", defaultValue = "process", paramLabel = "process|embedded",
        description = "where an Aeolus broker the tool starts runs: its own JVM, as users run it (process, the " +
            "default), or inside the tool's JVM (embedded)")
    private String aeolusBroker;

    @Option(names = "--broker-jar", paramLabel = "JAR", description = "the broker jar to run for " +
        "--aeolus-broker process (default: the broker's main class from the tool's own jar, the same code)")
    private Path brokerJar;

    @Option(names = "--artemis-buffer-timeout", defaultValue = "measure", paramLabel = "measure|DURATION",
        description = "journal buffer timeout of provider artemis-tuned: what 'artemis create' would pick, timed on " +
            "this disk like its perf-journal (measure, the default), or a duration such as 500us")
    private String artemisBufferTimeout;

    @Option(names = "--jndi", paramLabel = "FILE", description = "JNDI environment (jndi.properties) for provider jndi")
    private Path jndiProperties;

    @Option(names = "--jndi-factory", defaultValue = "ConnectionFactory",
        description = "JNDI name of the connection factory (default: ConnectionFactory)")
    private String jndiFactory;

    @Option(names = "--low-latency", description = "the low-latency profile: brokers the tool starts, the Aeolus " +
        "clients' receive threads and drivers, and bare Aeron threads yield instead of backing off; on 2 cores this " +
        "competes with the workload's own threads")
    private boolean lowLatency;

    @Option(names = "--aeolus-persistence", defaultValue = "sync", paramLabel = "sync|async|memory",
        description = "how an Aeolus broker the tool starts keeps persistent messages: H2 journal forced to disk " +
            "before confirming (sync, the broker's default), written but not forced (async), or no journal (memory)")
    private String aeolusPersistence;

    @Option(names = "--aeolus-rules", defaultValue = "0", paramLabel = "N",
        description = "give an Aeolus broker the tool starts N routing rules on the throughput queue's path, each " +
            "with a selector that matches none of its messages (the cost of evaluating rules on every send)")
    private int aeolusRules;

    @Option(names = "--aeolus-transform", defaultValue = "none", paramLabel = "xml-to-json|none",
        description = "give an Aeolus broker the tool starts a routing rule with this transformer on the throughput " +
            "queue's path (its messages then carry an XML body); the transformed copy goes to a topic nobody reads")
    private String aeolusTransform;

    @Option(names = "--aeolus-retention", defaultValue = "0", paramLabel = "SIZE",
        description = "give the topics of an Aeolus broker the tool starts a retention window of this many bytes " +
            "(64m, 1g; aeolus.destination.perf.#.retention.size): every message published is also retained, the " +
            "oldest dropped past the size (the cost of retention on topic throughput); 0 for none")
    private String aeolusRetention;

    @Mixin
    private WorkloadOptions workloadOptions;

    @Spec
    private CommandSpec spec;

    /**
     * Runs the tool; exits with 0 if every workload ran, 1 if any failed, 2 on a usage error.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        final PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        final int exitCode = execute(args, out, new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        out.flush();
        System.exit(exitCode);
    }

    /**
     * Runs the tool in this JVM. Call from one thread at a time.
     *
     * @param args the command line.
     * @param out  where the tables and RESULT lines go.
     * @param err  where usage errors go.
     * @return the exit code: 0 if every workload ran, 1 if any failed, 2 on a usage error.
     */
    public static int execute(final String[] args, final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = new CommandLine(new AeolusPerf());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final WorkloadSettings settings;
        final List<Workload> selected;
        final List<String> names;
        final Providers providers;
        try
        {
            providers = new Providers(url, jndiProperties, jndiFactory, lowLatency, aeolusPersistence,
                aeolusBroker, brokerJar, artemisBufferTimeout).aeolusRules(aeolusRules)
                .aeolusTransform(aeolusTransform).aeolusRetention(aeolusRetention);
            settings = workloadOptions.toSettings(lowLatency);
            selected = Workload.parseList(workloads);
            names = Providers.expand(null != compare ? compare : providerNames);
            for (final String name : names)
            {
                providers.check(name);
            }
            if (rounds < 1)
            {
                throw new IllegalArgumentException("--rounds must be at least 1");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }

        if (lowLatency && null == System.getProperty(TransportConfiguration.CLIENT_IDLE_STRATEGY_PROP_NAME))
        {
            // The low-latency profile on the client side too: its receive thread and embedded driver yield.
            System.setProperty(TransportConfiguration.CLIENT_IDLE_STRATEGY_PROP_NAME, "yield");
        }
        final long startNs = System.nanoTime();
        out.println("# aeolus-perf " + Instant.now() + ": " + Runtime.getRuntime().availableProcessors() +
            " cpus, java " + System.getProperty("java.version") + ", max heap " +
            Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB" + (lowLatency ? ", low-latency" : ""));
        final PerfRunner runner = new PerfRunner(out, providers, settings, selected);
        if (null != compare)
        {
            runner.compare(names, rounds);
        }
        else
        {
            runner.runOnce(names);
        }
        out.println(runner.hostLine());
        out.println("# done in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs) + " s, " +
            runner.failures() + " failure(s)");
        out.flush();
        return runner.failures() == 0 ? 0 : 1;
    }
}
