package io.aeolus.broker.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The bridges of one process, by name: started from the broker's options ({@link #start(Properties)}) and, in a
 * broker, from its {@link BridgeStore}; created, paused, resumed and deleted by management, listed with their metrics.
 * Thread-safe.
 */
public final class Bridges implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger(Bridges.class.getName());

    private final TreeMap<String, JmsBridge> bridges = new TreeMap<>();
    private final BridgeStore store;

    /**
     * Bridges that are not kept anywhere: those created here last until this process ends.
     */
    public Bridges()
    {
        this(null);
    }

    private Bridges(final BridgeStore store)
    {
        this.store = store;
    }

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
        return start(options, null);
    }

    /**
     * Starts every bridge the options define, then every bridge of the store (those created through management
     * before); validates all of them before starting any. A stored bridge with the name of one of the options is
     * dropped from the store (the config file wins), with a warning. The bridges the store holds as paused (paused
     * through management before) start paused; a paused name that no longer names a bridge is forgotten.
     *
     * @param options the broker's options.
     * @param store   where bridges created through management are kept, or null to keep them nowhere.
     * @return the running bridges.
     * @throws IllegalArgumentException naming the bad key (and the store's file for a stored bridge).
     */
    public static Bridges start(final Properties options, final BridgeStore store)
    {
        final Map<String, BridgeConfig> configs = new TreeMap<>(BridgeConfig.parseAll(options));
        if (null != store)
        {
            for (final Map.Entry<String, BridgeConfig> stored : store.configs().entrySet())
            {
                if (configs.containsKey(stored.getKey()))
                {
                    LOG.log(System.Logger.Level.WARNING, "bridge ''{0}'' of {1} (created through management) is " +
                        "replaced by the bridge of that name in the broker's options; removed from {1}",
                        stored.getKey(), store.file());
                    store.remove(stored.getKey());
                }
                else
                {
                    configs.put(stored.getKey(), stored.getValue());
                }
            }
        }
        final Bridges bridges = new Bridges(store);
        if (null != store)
        {
            for (final String name : store.pausedNames())
            {
                if (!configs.containsKey(name))
                {
                    LOG.log(System.Logger.Level.INFO, "bridge ''{0}'' was paused but no longer exists; removed from " +
                        "{1}", name, store.pausedFile());
                    store.paused(name, false);
                }
            }
        }
        for (final BridgeConfig config : configs.values())
        {
            bridges.start(config, null != store && store.isPaused(config.name()));
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
        return start(config, false);
    }

    private synchronized BridgeMetrics start(final BridgeConfig config, final boolean paused)
    {
        final JmsBridge bridge = new JmsBridge(config);
        bridges.put(config.name(), bridge);
        return (paused ? bridge.startPaused() : bridge.start()).metrics();
    }

    /**
     * Creates and starts a bridge made through management, first keeping it in the store (if any) so that it starts
     * again with the broker.
     *
     * @param config  what to bridge.
     * @param options its options as given (without the {@code aeolus.bridge.<name>.} prefix), to be stored.
     * @return its metrics.
     * @throws IllegalArgumentException if a bridge of that name exists.
     * @throws java.io.UncheckedIOException if the store cannot be written (the bridge is then not created).
     */
    public synchronized BridgeMetrics create(final BridgeConfig config, final Map<String, String> options)
    {
        if (bridges.containsKey(config.name()))
        {
            throw new IllegalArgumentException("bridge '" + config.name() + "' already exists");
        }
        if (null != store)
        {
            store.put(config.name(), options);
            // A bridge made anew forwards, whatever an older bridge of that name was left as.
            store.paused(config.name(), false);
        }
        return create(config);
    }

    /**
     * Stops and removes a bridge, from the store too; messages not yet forwarded stay at its source.
     *
     * @param name the bridge.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public void delete(final String name)
    {
        final JmsBridge bridge = unregister(name);
        bridge.close();
    }

    /**
     * Removes a bridge (from the store too) and tells it to stop, without waiting for its thread (see
     * {@link JmsBridge#stop()}).
     *
     * @param name the bridge.
     * @throws IllegalArgumentException if there is no such bridge.
     */
    public void remove(final String name)
    {
        final JmsBridge bridge = unregister(name);
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
     * Pauses a bridge, first keeping that in the store (if any) so that it is still paused after a restart.
     *
     * @param name the bridge.
     * @return its metrics.
     * @throws IllegalArgumentException if there is no such bridge.
     * @throws java.io.UncheckedIOException if the store cannot be written (the bridge is then not paused).
     */
    public synchronized BridgeMetrics pause(final String name)
    {
        final JmsBridge bridge = bridge(name);
        if (null != store)
        {
            store.paused(name, true);
        }
        bridge.pause();
        return bridge.metrics();
    }

    /**
     * Resumes a paused bridge, first keeping that in the store (if any) so that it forwards after a restart.
     *
     * @param name the bridge.
     * @return its metrics.
     * @throws IllegalArgumentException if there is no such bridge.
     * @throws java.io.UncheckedIOException if the store cannot be written (the bridge then stays paused).
     */
    public synchronized BridgeMetrics resume(final String name)
    {
        final JmsBridge bridge = bridge(name);
        if (null != store)
        {
            store.paused(name, false);
        }
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

    /**
     * Removes a bridge from the map and from the store (a bridge of the config file is not in the store: it comes
     * back when the broker starts again).
     */
    private synchronized JmsBridge unregister(final String name)
    {
        if (!bridges.containsKey(name))
        {
            throw noSuchBridge(name);
        }
        if (null != store)
        {
            store.remove(name);
            store.paused(name, false);
        }
        return bridges.remove(name);
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
