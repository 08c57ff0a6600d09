package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.TemporaryFiles;
import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerConfiguration;
import io.aeolus.broker.EmbeddedBroker;
import io.aeolus.jms.AeolusConnectionFactory;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Opens the JMS providers aeolus-perf knows by name. Each comes with what backs it and closes it with it.
 */
public final class JmsProviders
{
    /** The per-destination key {@code --aeolus-retention} sets: a retention size on every topic of the tool. */
    public static final String RETENTION_SIZE_KEY = "aeolus.destination.perf.#.retention.size";

    /** How an Aeolus broker the tool starts keeps persistent messages, by {@code --aeolus-persistence} value. */
    public static final List<String> AEOLUS_PERSISTENCE = List.of("sync", "async", "memory");

    /** Where an Aeolus broker the tool starts runs, by {@code --aeolus-broker} value. */
    public static final List<String> AEOLUS_BROKER_MODES = List.of("process", "embedded");

    private static final String ARTEMIS_CONTEXT_FACTORY =
        "org.apache.activemq.artemis.jndi.ActiveMQInitialContextFactory";

    private JmsProviders()
    {
    }

    /**
     * Routing rules for the cost of rules on the send path: each takes the throughput workload's queues (the source
     * {@code queue:perf.throughput.*}, a pattern) and has a selector that reads a header and a property and matches
     * none of the workload's messages, so every send evaluates every rule and the messages still go only to their
     * queue.
     *
     * @param count how many rules.
     * @return the broker options that declare them.
     */
    public static Map<String, String> routingRules(final int count)
    {
        final Map<String, String> rules = new LinkedHashMap<>();
        for (int i = 0; i < count; i++)
        {
            final String prefix = "aeolus.route.perf" + i + ".";
            rules.put(prefix + "source", "queue:perf.throughput.*");
            rules.put(prefix + "selector", "JMSPriority > 8 OR region = 'r" + i + "'");
            rules.put(prefix + "targets", "queue:perf.routed." + i);
            rules.put(prefix + "mode", "copy");
        }
        return rules;
    }

    /**
     * A routing rule that puts a transformer on the throughput workload's path: it takes every message sent to the
     * workload's queues (which then carry an XML body, see {@code Messages#bytes}), transforms it, and copies the
     * result to a topic without subscribers. The consumer still gets the original from its queue; the difference
     * with a run without the rule is the transformation's cost (parse, convert, rebuild the message), not a copy's.
     *
     * @param transformer a built-in transformer's name, or null or {@code none} for no rule.
     * @return the broker options that declare the rule.
     */
    public static Map<String, String> transformRule(final String transformer)
    {
        final Map<String, String> rule = new LinkedHashMap<>();
        if (null != transformer && !"none".equals(transformer))
        {
            rule.put("aeolus.route.perfxform.source", "queue:perf.throughput.*");
            rule.put("aeolus.route.perfxform.targets", "topic:perf.transformed");
            rule.put("aeolus.route.perfxform.transformer", transformer);
        }
        return rule;
    }

    /**
     * Aeolus, through a broker the tool starts (as its own process, as users run it, or in this process) or through
     * an external broker's URL. A broker the tool starts has its own Aeron directory under {@code /dev/shm}, a free
     * UDP port and its data in a temporary directory, all removed on close.
     *
     * @param name        the provider's name in results.
     * @param udp         connect over UDP rather than IPC (ignored when {@code url} is given).
     * @param url         an external broker's URL, or null to start one.
     * @param lowLatency  start the broker with the {@code yield} idle strategy rather than {@code backoff}.
     * @param persistence one of {@link #AEOLUS_PERSISTENCE}: the H2 journal forced to disk before a persistent send
     *                    is confirmed ({@code sync}, the broker's default), written but not forced ({@code async}), or
     *                    no journal ({@code memory}).
     * @param brokerMode  one of {@link #AEOLUS_BROKER_MODES}: {@code process} (its own JVM) or {@code embedded}.
     * @param brokerJar   for {@code process}: the broker jar to run, or null to run the broker's main class from this
     *                    JVM's class path.
     * @return the provider.
     * @throws Exception if the broker cannot be started.
     */
    public static JmsProvider aeolus(
        final String name,
        final boolean udp,
        final String url,
        final boolean lowLatency,
        final String persistence,
        final String brokerMode,
        final Path brokerJar)
        throws Exception
    {
        return aeolus(name, udp, url, lowLatency, persistence, brokerMode, brokerJar, Map.of());
    }

    /**
     * Aeolus as {@link #aeolus(String, boolean, String, boolean, String, String, Path)} does, with routing rules on
     * the path of the throughput workload's queue ({@link #routingRules}).
     *
     * @param name        the provider's name in results.
     * @param udp         connect over UDP rather than IPC (ignored when {@code url} is given).
     * @param url         an external broker's URL, or null to start one.
     * @param lowLatency  start the broker with the {@code yield} idle strategy rather than {@code backoff}.
     * @param persistence one of {@link #AEOLUS_PERSISTENCE}.
     * @param brokerMode  one of {@link #AEOLUS_BROKER_MODES}.
     * @param brokerJar   for {@code process}: the broker jar to run, or null for this JVM's class path.
     * @param routing     routing options a broker the tool starts gets ({@link #routingRules},
     *                    {@link #transformRule}); empty for none.
     * @return the provider.
     * @throws Exception if the broker cannot be started.
     */
    public static JmsProvider aeolus(
        final String name,
        final boolean udp,
        final String url,
        final boolean lowLatency,
        final String persistence,
        final String brokerMode,
        final Path brokerJar,
        final Map<String, String> routing)
        throws Exception
    {
        if (null != url)
        {
            final AeolusConnectionFactory factory = new AeolusConnectionFactory(url);
            final String channel = url.startsWith("aeolus:udp") ? "udp" : "ipc";
            return new JmsProvider(name, channel, factory, factory, factory, "external", null);
        }
        final Map<BrokerConfiguration, String> options = new LinkedHashMap<>();
        options.put(BrokerConfiguration.IDLE_STRATEGY, lowLatency ? "yield" : "backoff");
        options.put(BrokerConfiguration.PERSISTENCE, "memory".equals(persistence) ? "memory" : "h2");
        if (!"memory".equals(persistence))
        {
            options.put(BrokerConfiguration.JOURNAL_DURABILITY, persistence);
        }
        final String durability = "memory".equals(persistence) ? "memory" : "disk-h2-" + persistence;
        final String channel = udp ? "udp" : "ipc";
        if ("process".equals(brokerMode))
        {
            final Map<String, String> properties = new LinkedHashMap<>();
            options.forEach((option, value) -> properties.put(option.propertyName(), value));
            properties.putAll(routing);
            // The MQTT gateway, for the mqtt workload; the port is chosen here since the process does not print it.
            final int mqttPort = ArtemisProcess.freeTcpPort();
            properties.put(BrokerConfiguration.MQTT_ENDPOINT.propertyName(), "127.0.0.1:" + mqttPort);
            final AeolusBrokerProcess broker = AeolusBrokerProcess.start(brokerJar, properties);
            final AeolusConnectionFactory factory =
                new AeolusConnectionFactory(udp ? broker.udpUrl() : broker.ipcUrl());
            return new JmsProvider(name, channel, factory, factory, factory, durability, broker)
                .mqttUri("tcp://127.0.0.1:" + mqttPort);
        }
        final Path dataDir = Files.createTempDirectory("aeolus-perf-broker");
        final Broker.Context context = EmbeddedBroker.isolatedContext(dataDir)
            .aeronDirectoryName(TemporaryFiles.sharedMemoryDirectory("aeolus-perf-broker"));
        options.forEach(context::set);
        context.set(BrokerConfiguration.MQTT_ENDPOINT, "127.0.0.1:0");
        routing.forEach((key, value) -> applyRouting(context, key, value));
        final EmbeddedBroker broker;
        try
        {
            broker = EmbeddedBroker.start(context);
        }
        catch (final RuntimeException ex)
        {
            TemporaryFiles.deleteRecursively(dataDir);
            throw ex;
        }
        final AeolusConnectionFactory factory = new AeolusConnectionFactory(udp ? broker.udpUrl() : broker.ipcUrl());
        return new JmsProvider(name, channel, factory, factory, factory, durability, () ->
        {
            broker.close();
            TemporaryFiles.deleteRecursively(dataDir);
        }).mqttUri("tcp://127.0.0.1:" + broker.broker().mqttAddress().getPort());
    }

    /**
     * @return true if ActiveMQ Artemis is in this build (the jar was built with {@code -Partemis}).
     */
    public static boolean artemisAvailable()
    {
        return ArtemisProcess.available();
    }

    /**
     * ActiveMQ Artemis, started in a separate JVM (embedded server, Netty acceptor on 127.0.0.1, file journal in a
     * temporary directory) and reached through its own JNDI context factory. Needs the jar built with
     * {@code -Partemis}.
     *
     * Artemis runs on its defaults (the configuration the targets in issue 8 cite), whatever {@code --low-latency}
     * says, except for the journal buffer timeout when one is given.
     *
     * @param name            the provider's name in results.
     * @param bufferTimeoutNs the journal buffer timeout (as {@code artemis create} picks it), or -1 for the default.
     * @return the provider.
     * @throws Exception if Artemis is not on the class path or does not start.
     */
    public static JmsProvider artemis(final String name, final long bufferTimeoutNs) throws Exception
    {
        final ArtemisProcess process = ArtemisProcess.start(bufferTimeoutNs);
        try
        {
            final Hashtable<String, String> env = new Hashtable<>();
            env.put(Context.INITIAL_CONTEXT_FACTORY, ARTEMIS_CONTEXT_FACTORY);
            env.put("connectionFactory.ConnectionFactory", process.url());
            // Artemis confirms asynchronous sends only with a confirmation window; without one a CompletionListener
            // fires before the broker has the message, which would flatter it.
            env.put("connectionFactory.ConfirmingConnectionFactory", process.url() + "?confirmationWindowSize=1048576");
            // Its XA factory (ActiveMQXAConnectionFactory) for the xa workload, on the same defaults otherwise.
            env.put("connectionFactory.XAConnectionFactory", process.url() + "?type=XA_CF");
            final InitialContext context = new InitialContext(env);
            final ConnectionFactory factory = (ConnectionFactory)context.lookup("ConnectionFactory");
            final ConnectionFactory confirming = (ConnectionFactory)context.lookup("ConfirmingConnectionFactory");
            final XAConnectionFactory xaFactory = (XAConnectionFactory)context.lookup("XAConnectionFactory");
            final String durability = "disk-" + process.journalType() +
                (bufferTimeoutNs > 0 ? "-timeout" + (bufferTimeoutNs / 1000) + "us" : "");
            return new JmsProvider(name, "tcp", factory, confirming, xaFactory, durability, () ->
            {
                context.close();
                process.close();
            }).mqttUri(process.mqttUri());
        }
        catch (final NamingException | RuntimeException ex)
        {
            process.close();
            throw ex;
        }
    }

    /**
     * Any provider through JNDI: a {@code jndi.properties}-style file naming the initial context factory and its
     * entries, and the name of the connection factory to look up.
     *
     * @param propertiesFile the JNDI environment.
     * @param factoryName    the connection factory's JNDI name.
     * @return the provider.
     * @throws IOException     if the file cannot be read.
     * @throws NamingException if the lookup fails.
     */
    public static JmsProvider jndi(final Path propertiesFile, final String factoryName)
        throws IOException, NamingException
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile))
        {
            properties.load(in);
        }
        final Hashtable<Object, Object> env = new Hashtable<>(properties);
        final InitialContext context = new InitialContext(env);
        final ConnectionFactory factory = (ConnectionFactory)context.lookup(factoryName);
        final XAConnectionFactory xaFactory =
            factory instanceof XAConnectionFactory ? (XAConnectionFactory)factory : null;
        return new JmsProvider("jndi", "jndi", factory, factory, xaFactory, "unknown", context::close);
    }

    private static void applyRouting(final Broker.Context context, final String key, final String value)
    {
        if (RETENTION_SIZE_KEY.equals(key))
        {
            context.destinationSetting("perf.#", "retention.size", value);
        }
        else
        {
            context.routingSetting(key, value);
        }
    }
}
