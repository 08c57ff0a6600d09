package io.aeolus.broker.bridge;

import io.aeolus.broker.management.ManagementException;
import io.aeolus.management.Argument;
import io.aeolus.management.BridgeInfo;
import io.aeolus.management.Operation;
import io.aeolus.management.Reply;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The management operations on bridges: list them with their metrics, create one from its options, delete, pause
 * and resume one. Runs on the broker's conductor thread, so nothing here waits for a bridge: a deleted bridge is told
 * to stop and ends on its own thread. Creating, deleting, pausing and resuming do write the {@link BridgeStore} (a
 * small file, forced to disk) before they answer, so that the answer means the change survives a restart: a few
 * milliseconds of the conductor's time for an operation an administrator makes by hand. A store that cannot be
 * written refuses the request with {@link ManagementException#INTERNAL}. A bad request is refused with
 * {@link ManagementException#INVALID_ARGUMENT} naming the problem, an unknown or existing name with
 * {@link ManagementException#ILLEGAL_STATE}.
 */
final class BridgeManagement
{
    private static final Set<String> CREATE_ARGUMENTS = Set.of(Argument.OP, Argument.NAME, Argument.OPTIONS);
    private static final Set<String> NAME_ARGUMENT = Set.of(Argument.OP, Argument.NAME);

    private BridgeManagement()
    {
    }

    static Map<String, Object> execute(final Bridges bridges, final Operation op, final Map<String, Object> arguments)
    {
        switch (op)
        {
            case BRIDGES:
                requireKnown(arguments, Set.of(Argument.OP));
                final List<BridgeInfo> rows = new ArrayList<>();
                for (final BridgeMetrics metrics : bridges.list())
                {
                    rows.add(info(bridges.config(metrics.name()), metrics));
                }
                return Reply.putRows(new LinkedHashMap<>(), rows, BridgeInfo::write);
            case CREATE_BRIDGE:
                requireKnown(arguments, CREATE_ARGUMENTS);
                final Map<String, String> options = options(arguments);
                final BridgeConfig config;
                try
                {
                    config = BridgeConfig.parse(name(arguments), options);
                    JndiFactoryCheck.requireLoadable(config);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new ManagementException(ManagementException.INVALID_ARGUMENT, ex.getMessage());
                }
                return call(() -> bridges.create(config, options));
            case DELETE_BRIDGE:
                requireKnown(arguments, NAME_ARGUMENT);
                return call(() ->
                {
                    bridges.remove(name(arguments));
                    return null;
                });
            case PAUSE_BRIDGE:
                requireKnown(arguments, NAME_ARGUMENT);
                return call(() -> bridges.pause(name(arguments)));
            case RESUME_BRIDGE:
                requireKnown(arguments, NAME_ARGUMENT);
                return call(() -> bridges.resume(name(arguments)));
            default:
                return null;
        }
    }

    static BridgeInfo info(final BridgeConfig config, final BridgeMetrics metrics)
    {
        return new BridgeInfo(metrics.name(), metrics.state().name(), config.source().toString(),
            config.target().toString(), null == config.selector() ? "" : config.selector(), metrics.forwarded(),
            metrics.duplicatesDropped(), metrics.failures(), metrics.reconnects(),
            null == metrics.lastError() ? "" : metrics.lastError());
    }

    private interface Action
    {
        BridgeMetrics run();
    }

    private static Map<String, Object> call(final Action action)
    {
        try
        {
            action.run();
            return new LinkedHashMap<>();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ManagementException(ManagementException.ILLEGAL_STATE, ex.getMessage());
        }
        catch (final UncheckedIOException ex)
        {
            throw new ManagementException(ManagementException.INTERNAL, ex.getMessage());
        }
    }

    private static String name(final Map<String, Object> arguments)
    {
        final Object name = arguments.get(Argument.NAME);
        if (!(name instanceof String text) || text.isEmpty())
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument '" + Argument.NAME +
                "' (the bridge's name) is missing");
        }
        return text;
    }

    private static Map<String, String> options(final Map<String, Object> arguments)
    {
        final Object text = arguments.get(Argument.OPTIONS);
        if (!(text instanceof String options) || options.isBlank())
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument '" + Argument.OPTIONS +
                "' (the bridge's options, one key=value a line) is missing");
        }
        final Properties properties = new Properties();
        try
        {
            properties.load(new StringReader(options));
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ManagementException(ManagementException.INVALID_ARGUMENT, "argument '" + Argument.OPTIONS +
                "' is not in properties form: " + ex.getMessage());
        }
        final Map<String, String> map = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            map.put(key, properties.getProperty(key));
        }
        return map;
    }

    private static void requireKnown(final Map<String, Object> arguments, final Set<String> known)
    {
        for (final String name : arguments.keySet())
        {
            if (!known.contains(name))
            {
                throw new ManagementException(ManagementException.INVALID_ARGUMENT, "unknown argument '" + name + "'");
            }
        }
    }
}
