package io.aeolus.benchmarks.perf;

import io.aeolus.benchmarks.perf.aeron.RawAeronProvider;
import io.aeolus.benchmarks.perf.jms.ArtemisBufferTimeout;
import io.aeolus.benchmarks.perf.jms.JmsProviders;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers aeolus-perf knows by name, and how to open each. Aliases stand for several: {@code raw-aeron} for
 * {@code raw-aeron-ipc,raw-aeron-udp}, {@code aeolus} for {@code aeolus-ipc,aeolus-udp}, {@code artemis-both} for
 * {@code artemis,artemis-tuned}.
 */
public final class Providers
{
    /** Every concrete provider name, with what it is. */
    public static final Map<String, String> KNOWN = known();

    private final String url;
    private final Path jndiProperties;
    private final String jndiFactoryName;
    private final boolean lowLatency;
    private final String aeolusPersistence;
    private int aeolusRules;
    private String aeolusRetention = "0";
    private String aeolusTransform;
    private final String aeolusBroker;
    private final Path brokerJar;
    private final String artemisBufferTimeout;

    /**
     * @param url               an external Aeolus broker's URL for {@code aeolus-ipc}/{@code aeolus-udp}, or null to
     *                          start a broker in this process.
     * @param jndiProperties    the JNDI environment for {@code jndi}, or null.
     * @param jndiFactoryName   the connection factory's JNDI name for {@code jndi}.
     * @param lowLatency        brokers the tool starts, and raw Aeron, yield instead of backing off.
     * @param aeolusPersistence how an Aeolus broker the tool starts keeps persistent messages: {@code sync},
     *                          {@code async} or {@code memory}.
     * @param aeolusBroker      where an Aeolus broker the tool starts runs: {@code process} or {@code embedded}.
     * @param brokerJar         the broker jar for {@code process}, or null for this JVM's class path.
     * @param artemisBufferTimeout the journal buffer timeout of {@code artemis-tuned}: {@code measure} or a duration.
     * @throws IllegalArgumentException if an option has a value it does not take.
     */
    public Providers(final String url, final Path jndiProperties, final String jndiFactoryName,
        final boolean lowLatency, final String aeolusPersistence, final String aeolusBroker, final Path brokerJar,
        final String artemisBufferTimeout)
    {
        if (!JmsProviders.AEOLUS_BROKER_MODES.contains(aeolusBroker))
        {
            throw new IllegalArgumentException("--aeolus-broker: expected one of " +
                JmsProviders.AEOLUS_BROKER_MODES + ", got '" + aeolusBroker + "'");
        }
        ArtemisBufferTimeout.parse(artemisBufferTimeout);
        if (!JmsProviders.AEOLUS_PERSISTENCE.contains(aeolusPersistence))
        {
            throw new IllegalArgumentException("--aeolus-persistence: expected one of " +
                JmsProviders.AEOLUS_PERSISTENCE + ", got '" + aeolusPersistence + "'");
        }
        this.url = url;
        this.jndiProperties = jndiProperties;
        this.jndiFactoryName = jndiFactoryName;
        this.lowLatency = lowLatency;
        this.aeolusPersistence = aeolusPersistence;
        this.aeolusBroker = aeolusBroker;
        this.brokerJar = brokerJar;
        this.artemisBufferTimeout = artemisBufferTimeout;
    }

    /**
     * Expands aliases and checks every name, in the order given.
     *
     * @param names provider names and aliases.
     * @return concrete provider names.
     * @throws IllegalArgumentException naming an unknown provider.
     */
    public static List<String> expand(final List<String> names)
    {
        final List<String> expanded = new ArrayList<>();
        for (final String raw : names)
        {
            final String name = raw.trim();
            if ("raw-aeron".equals(name))
            {
                expanded.add("raw-aeron-ipc");
                expanded.add("raw-aeron-udp");
            }
            else if ("artemis-both".equals(name))
            {
                expanded.add("artemis");
                expanded.add("artemis-tuned");
            }
            else if ("aeolus".equals(name))
            {
                expanded.add("aeolus-ipc");
                expanded.add("aeolus-udp");
            }
            else if (KNOWN.containsKey(name))
            {
                expanded.add(name);
            }
            else
            {
                throw new IllegalArgumentException("unknown provider '" + name + "' (known: " +
                    String.join(", ", KNOWN.keySet()) + ", and the aliases aeolus, artemis-both, raw-aeron)");
            }
        }
        return expanded;
    }

    /**
     * Checks, before any run starts, that a provider can be opened at all (Artemis is in the jar, JNDI has a file).
     *
     * @param name a concrete provider name.
     * @throws IllegalArgumentException saying what is missing.
     */
    public void check(final String name)
    {
        if (name.startsWith("artemis") && !JmsProviders.artemisAvailable())
        {
            throw new IllegalArgumentException("provider '" + name + "' needs ActiveMQ Artemis in the jar: build " +
                "benchmarks/target/aeolus-perf-artemis.jar with 'mvn -pl benchmarks -Partemis package' and run that");
        }
        if ("jndi".equals(name) && null == jndiProperties)
        {
            throw new IllegalArgumentException("provider 'jndi' needs --jndi <jndi.properties>");
        }
    }

    /**
     * @param rules routing rules an Aeolus broker the tool starts gets on the throughput workload's path (see
     *              {@link JmsProviders#routingRules}); 0 for none.
     * @return this.
     * @throws IllegalArgumentException if the count is negative or above 1000.
     */
    public Providers aeolusRules(final int rules)
    {
        if (rules < 0 || rules > 1000)
        {
            throw new IllegalArgumentException("--aeolus-rules: expected 0 to 1000, got " + rules);
        }
        this.aeolusRules = rules;
        return this;
    }

    /**
     * @param transformer a built-in transformer an Aeolus broker the tool starts applies on the throughput workload's
     *                    path (see {@link JmsProviders#transformRule}); {@code none} for none.
     * @return this.
     * @throws IllegalArgumentException if it is not xml-to-json or none.
     */
    public Providers aeolusTransform(final String transformer)
    {
        if (!"none".equals(transformer) && !"xml-to-json".equals(transformer))
        {
            throw new IllegalArgumentException("--aeolus-transform: expected xml-to-json or none, got '" +
                transformer + "'");
        }
        this.aeolusTransform = transformer;
        return this;
    }

    /**
     * @param size bytes each topic of an Aeolus broker the tool starts retains, as text ({@code 64m}); {@code 0}
     *             for no retention.
     * @return this.
     * @throws IllegalArgumentException if it is not a size.
     */
    public Providers aeolusRetention(final String size)
    {
        io.aeolus.transport.TransportConfiguration.parseSize("--aeolus-retention", size, 0);
        this.aeolusRetention = size.trim();
        return this;
    }

    private Map<String, String> aeolusRouting()
    {
        final Map<String, String> routing = new LinkedHashMap<>(JmsProviders.routingRules(aeolusRules));
        routing.putAll(JmsProviders.transformRule(aeolusTransform));
        if (!"0".equals(aeolusRetention))
        {
            routing.put(JmsProviders.RETENTION_SIZE_KEY, aeolusRetention);
        }
        return routing;
    }

    /**
     * Opens a provider: starts what it needs.
     *
     * @param name a concrete provider name.
     * @return the open provider; close it after its round.
     * @throws Exception if it cannot be started or reached.
     */
    public Provider open(final String name) throws Exception
    {
        switch (name)
        {
            case "aeolus-ipc":
                return JmsProviders.aeolus(
                    name, false, url, lowLatency, aeolusPersistence, aeolusBroker, brokerJar, aeolusRouting());
            case "aeolus-udp":
                return JmsProviders.aeolus(
                    name, true, url, lowLatency, aeolusPersistence, aeolusBroker, brokerJar, aeolusRouting());
            case "artemis":
                return JmsProviders.artemis(name, -1);
            case "artemis-tuned":
                return JmsProviders.artemis(name, ArtemisBufferTimeout.resolve(artemisBufferTimeout));
            case "jndi":
                return JmsProviders.jndi(jndiProperties, jndiFactoryName);
            case "raw-aeron-ipc":
                return RawAeronProvider.launch(false, lowLatency);
            case "raw-aeron-udp":
                return RawAeronProvider.launch(true, lowLatency);
            default:
                throw new IllegalArgumentException("unknown provider '" + name + "'");
        }
    }

    private static Map<String, String> known()
    {
        final Map<String, String> known = new LinkedHashMap<>();
        known.put("aeolus-ipc", "Aeolus over shared memory; a broker process the tool starts unless --url");
        known.put("aeolus-udp", "Aeolus over UDP on loopback; a broker process the tool starts unless --url");
        known.put("artemis", "ActiveMQ Artemis 2.40 in a separate JVM on its defaults, Netty on 127.0.0.1, file " +
            "journal (only in aeolus-perf-artemis.jar, built with -Partemis)");
        known.put("artemis-tuned", "the same with the journal buffer timeout 'artemis create' would pick for this " +
            "disk (--artemis-buffer-timeout)");
        known.put("jndi", "any JMS provider through --jndi <jndi.properties> and --jndi-factory");
        known.put("raw-aeron-ipc", "bare Aeron over IPC, one embedded driver: the floor");
        known.put("raw-aeron-udp", "bare Aeron over UDP on loopback, a driver per side: the floor");
        return Collections.unmodifiableMap(known);
    }
}
