package io.aeolus.broker.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The bridges of one process, by name: started from the broker's options ({@link #start(Properties)}), created,
 * paused, resumed and deleted by management, listed with their metrics. Thread-safe.
 */
public final class Bridges implements AutoCloseable
{
    private final TreeMap<String, JmsBridge> bridges = new TreeMap<>();

    /**
     * Starts every bridge the options define ({@code aeolus.bridge.<name>.*}); validates all of them before starting
     * any.
     *
     * @param options the broker's options.
     * @return the running bridges.
     * @throws IllegalArgumentException naming the bad key.
     */
    public static Bridges start(final Properties options)
    {
        final Map<String, BridgeConfig> configs = BridgeConfig.parseAll(options);
        final Bridges bridges = new Bridges();
        for (final BridgeConfig config : configs.values())
        {
            bridges.create(config);
        }
        return bridges;
    }

    /**
     * Creates and starts a bridge.
     *
     * @param config what to bridge.
     * @return its metrics.
     * @throws IllegalArgumentException if a bridge of that name exists.
     */
    public synchronized BridgeMetrics create(final BridgeConfig config)
    {
        if (bridges.containsKey(config.name()))
        {
            throw new IllegalArgumentException("bridge '" + config.name() + "' already exists");
        }
        final JmsBridge bridge = new JmsBridge(config);
        bridges.put(config.name(), bridge);
        return bridge.start().metrics();
    }

    /**
     * Stops and removes a bridge; messages not yet forwarded stay at its source.
     *
     * @param name the bridge.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public void delete(final String name)
    {
        final JmsBridge bridge;
        synchronized (this)
        {
            bridge = bridges.remove(name);
        }
        if (null == bridge)
        {
            throw noSuchBridge(name);
        }
        bridge.close();
    }

    /**
     * Removes a bridge and tells it to stop, without waiting for its thread (see {@link JmsBridge#stop()}).
     *
     * @param name the bridge.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public void remove(final String name)
    {
        final JmsBridge bridge;
        synchronized (this)
        {
            bridge = bridges.remove(name);
        }
        if (null == bridge)
        {
            throw noSuchBridge(name);
        }
        bridge.stop();
    }

    /**
     * @param name the bridge.
     * @return its configuration.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public BridgeConfig config(final String name)
    {
        return bridge(name).config();
    }

    /**
     * Pauses a bridge.
     *
     * @param name the bridge.
     * @return its metrics.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public BridgeMetrics pause(final String name)
    {
        final JmsBridge bridge = bridge(name);
        bridge.pause();
        return bridge.metrics();
    }

    /**
     * Resumes a paused bridge.
     *
     * @param name the bridge.
     * @return its metrics.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public BridgeMetrics resume(final String name)
    {
        final JmsBridge bridge = bridge(name);
        bridge.resume();
        return bridge.metrics();
    }

    /**
     * @param name the bridge.
     * @return its metrics.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public BridgeMetrics metrics(final String name)
    {
        return bridge(name).metrics();
    }

    /**
     * @return every bridge's metrics, in name order.
     */
    public synchronized List<BridgeMetrics> list()
    {
        final List<BridgeMetrics> list = new ArrayList<>(bridges.size());
        for (final JmsBridge bridge : bridges.values())
        {
            list.add(bridge.metrics());
        }
        return list;
    }

    /**
     * Stops every bridge.
     */
    public void close()
    {
        final List<JmsBridge> all;
        synchronized (this)
        {
            all = new ArrayList<>(bridges.values());
            bridges.clear();
        }
        for (final JmsBridge bridge : all)
        {
            bridge.close();
        }
    }

    private synchronized JmsBridge bridge(final String name)
    {
        final JmsBridge bridge = bridges.get(name);
        if (null == bridge)
        {
            throw noSuchBridge(name);
        }
        return bridge;
    }

    private static IllegalArgumentException noSuchBridge(final String name)
    {
        return new IllegalArgumentException("no bridge named '" + name + "'");
    }
}
