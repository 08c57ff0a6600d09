package io.aeolus.broker;

import io.aeolus.management.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Something the broker process runs beside the broker, found on the class path with {@link ServiceLoader}, configured
 * by the broker's options under its own prefix (the JMS bridge, module {@code bridge}: {@code aeolus.bridge.}). It
 * lets a module the broker must not depend on (one that imports {@code jakarta.jms}) live in the broker process. The
 * broker accepts the extension's options in its config file, calls {@link #validate(Map)} when its context concludes
 * (so bad options stop the start, naming the key), {@link #start(Broker, Map)} once it runs, and closes what that
 * returned before it stops.
 */
public interface BrokerExtension
{
    /**
     * @return the prefix of every option this extension reads, ending with a dot.
     */
    String optionPrefix();

    /**
     * Checks the options.
     *
     * @param options this extension's options (keys with the prefix), from the config file and system properties.
     * @throws IllegalArgumentException naming the bad key.
     */
    void validate(Map<String, String> options);

    /**
     * Starts the extension beside a running broker.
     *
     * @param broker  the running broker.
     * @param options this extension's options, as validated.
     * @return what to close before the broker stops.
     */
    AutoCloseable start(Broker broker, Map<String, String> options);

    /**
     * Answers a management operation the broker does not (the JMS bridge's), on the broker's conductor thread: it
     * must not block (no waiting for the broker, whose thread this is).
     *
     * @param operation the operation.
     * @param arguments its arguments.
     * @return the reply, or null if this extension does not answer the operation.
     * @throws io.aeolus.broker.management.ManagementException if the request cannot be honoured.
     */
    default Map<String, Object> execute(final Operation operation, final Map<String, Object> arguments)
    {
        return null;
    }

    /**
     * @return the extensions on the class path.
     */
    static List<BrokerExtension> installed()
    {
        final List<BrokerExtension> extensions = new ArrayList<>();
        for (final BrokerExtension extension : ServiceLoader.load(BrokerExtension.class))
        {
            extensions.add(extension);
        }
        return extensions;
    }

    /**
     * @param extensions the extensions.
     * @param name       an option's name.
     * @return whether one of the extensions reads it.
     */
    static boolean claims(final List<BrokerExtension> extensions, final String name)
    {
        for (final BrokerExtension extension : extensions)
        {
            if (name.startsWith(extension.optionPrefix()))
            {
                return true;
            }
        }
        return false;
    }
}
