package io.aeolus.benchmarks.perf.jms;

import io.aeolus.benchmarks.perf.Provider;
import io.aeolus.benchmarks.perf.Result;
import io.aeolus.benchmarks.perf.Workload;
import io.aeolus.benchmarks.perf.WorkloadSettings;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.XAConnectionFactory;

import java.util.List;
import java.util.Map;

/**
 * A JMS provider reached through its {@link ConnectionFactory}, with whatever backs it (a broker in this process, a
 * broker in another JVM, a JNDI context) closed with it. The workloads use only {@code jakarta.jms}.
 */
public final class JmsProvider implements Provider
{
    private final String name;
    private final String channel;
    private final ConnectionFactory factory;
    private final ConnectionFactory confirmingFactory;
    private final XAConnectionFactory xaFactory;
    private final String durability;
    private final AutoCloseable backend;
    private String mqttUri;

    /**
     * @param name              the provider's name in results.
     * @param channel           how it is reached: ipc, udp, tcp.
     * @param factory           creates the connections of every workload.
     * @param confirmingFactory creates the connections of asynchronous persistent sends; for providers that confirm
     *                          such sends only when asked to (Artemis: a confirmation window), one that asks.
     * @param xaFactory         creates the connections of the xa workload (for Artemis its XA connection factory);
     *                          null if the provider has none, and xa does not apply.
     * @param durability        what a persistent send's confirmation means here, reported with persistent
     *                          results: {@code disk}, {@code memory} (no journal yet) or {@code unknown}.
     * @param backend           closed with the provider; may be null.
     */
    public JmsProvider(
        final String name,
        final String channel,
        final ConnectionFactory factory,
        final ConnectionFactory confirmingFactory,
        final XAConnectionFactory xaFactory,
        final String durability,
        final AutoCloseable backend)
    {
        this.name = name;
        this.channel = channel;
        this.factory = factory;
        this.confirmingFactory = confirmingFactory;
        this.xaFactory = xaFactory;
        this.durability = durability;
        this.backend = backend;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String channel()
    {
        return channel;
    }

    @Override
    public boolean supports(final Workload workload)
    {
        if (workload == Workload.MQTT)
        {
            return null != mqttUri;
        }
        return workload != Workload.XA || null != xaFactory;
    }

    @Override
    public List<Result> run(final Workload workload, final WorkloadSettings settings) throws Exception
    {
        switch (workload)
        {
            case PINGPONG:
                return List.of(JmsPingPong.run(this, settings));
            case THROUGHPUT:
                return List.of(JmsThroughput.run(this, settings));
            case FANOUT:
                return JmsFanout.run(this, settings);
            case PERSISTENT_SYNC:
                return JmsPersistentSync.run(this, settings);
            case PERSISTENT_ASYNC:
                return JmsPersistentAsync.run(this, settings);
            case LATENCY_AT_RATE:
                return JmsLatencyAtRate.run(this, settings);
            case XA:
                return JmsXaCommits.run(this, settings);
            case MQTT:
                if (null == mqttUri)
                {
                    throw new IllegalStateException(name + " has no MQTT endpoint");
                }
                return MqttPublish.run(this, mqttUri, settings);
            default:
                throw new IllegalArgumentException("unknown workload " + workload);
        }
    }

    /**
     * Gives the provider an MQTT endpoint, for the mqtt workload.
     *
     * @param uri the endpoint as Paho takes it, {@code tcp://127.0.0.1:<port>} (or {@code ssl://}).
     * @return this.
     * @throws IllegalArgumentException if it is not a {@code tcp://} or {@code ssl://} URI with a port.
     */
    public JmsProvider mqttUri(final String uri)
    {
        if (null == uri || !uri.matches("(tcp|ssl)://[^/:]+:\\d+"))
        {
            throw new IllegalArgumentException("MQTT endpoint of " + name + ": expected tcp://host:port or " +
                "ssl://host:port, got '" + uri + "'");
        }
        this.mqttUri = uri;
        return this;
    }

    /**
     * @return the MQTT endpoint, {@code tcp://host:port}, or null if the provider has none.
     */
    public String mqttUri()
    {
        return mqttUri;
    }

    @Override
    public void close()
    {
        if (null != backend)
        {
            try
            {
                backend.close();
            }
            catch (final Exception ex)
            {
                System.err.println("aeolus-perf: closing " + name + " failed: " + ex);
            }
        }
    }

    ConnectionFactory factory()
    {
        return factory;
    }

    ConnectionFactory confirmingFactory()
    {
        return confirmingFactory;
    }

    XAConnectionFactory xaFactory()
    {
        return xaFactory;
    }

    String durability()
    {
        return durability;
    }

    Result result(
        final Workload workload,
        final Map<String, String> params,
        final Map<String, Double> figures,
        final Map<String, String> info)
    {
        return new Result(workload.workloadName(), name, channel, params, figures, info);
    }
}
