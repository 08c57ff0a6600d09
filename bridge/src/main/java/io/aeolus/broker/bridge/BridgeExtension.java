package io.aeolus.broker.bridge;

import io.aeolus.broker.Broker;
import io.aeolus.broker.BrokerExtension;
import io.aeolus.management.Operation;

import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;

/**
 * Runs the bridges of the broker's options ({@code aeolus.bridge.<name>.*}) in the broker process: the broker finds
 * this class with {@link java.util.ServiceLoader} when the {@code bridge} module is on its class path, validates the
 * options when its context concludes (each side's JNDI factory class too, see {@link JndiFactoryCheck}), and starts
 * the bridges once it runs, with those created through management before (kept in the data directory's
 * {@link BridgeStore}). Thread-safe.
 */
public final class BridgeExtension implements BrokerExtension
{
    private static final Map<Broker, Bridges> BY_BROKER = Collections.synchronizedMap(new WeakHashMap<>());

    private volatile Bridges bridges;

    /**
     * Creates the extension (public, for {@link java.util.ServiceLoader}).
     */
    public BridgeExtension()
    {
    }

    /**
     * {@inheritDoc}
     */
    public String optionPrefix()
    {
        return BridgeConfig.KEY_PREFIX;
    }

    /**
     * {@inheritDoc}
     */
    public void validate(final Map<String, String> options)
    {
        for (final BridgeConfig config : BridgeConfig.parseAll(properties(options)).values())
        {
            JndiFactoryCheck.requireLoadable(config);
        }
    }

    /**
     * {@inheritDoc}
     */
    public AutoCloseable start(final Broker broker, final Map<String, String> options)
    {
        final Bridges started = Bridges.start(properties(options),
            BridgeStore.open(broker.context().dataDirectory()));
        BY_BROKER.put(broker, started);
        bridges = started;
        return started;
    }

    /**
     * {@inheritDoc}
     */
    public Map<String, Object> execute(final Operation operation, final Map<String, Object> arguments)
    {
        final Bridges running = bridges;
        return null == running ? null : BridgeManagement.execute(running, operation, arguments);
    }

    /**
     * @param broker a running broker of this JVM.
     * @return the bridges it runs (to list, pause, resume, create, delete), or null if it was started without this
     *         extension.
     */
    public static Bridges of(final Broker broker)
    {
        return BY_BROKER.get(broker);
    }

    private static Properties properties(final Map<String, String> options)
    {
        final Properties properties = new Properties();
        properties.putAll(options);
        return properties;
    }
}
