package io.aeolus.broker.bridge;

import javax.naming.Context;
import javax.naming.spi.InitialContextFactory;
import java.util.Map;

/**
 * Checks, before a bridge starts, that the JNDI initial context factory each side names
 * ({@code aeolus.bridge.<name>.source|target.jndi.java.naming.factory.initial}) can be loaded where the bridge will
 * load it: the class loader of the bridge module, which in the broker process is the plugin directory's (with the
 * other provider's client jars) and in an application its class path. Without it a bridge would start and fail on
 * every reconnect; with it the broker's start, {@code config check} and {@code createBridge} name the key, the class
 * and what is missing. The class is loaded and instantiated (a factory is a small stateless object; its work is in
 * {@code getInitialContext}, which is not called: no connection is made), so a client jar that is there but lacks a
 * jar it needs is reported too. Stateless; any thread.
 */
final class JndiFactoryCheck
{
    private JndiFactoryCheck()
    {
    }

    /**
     * @param config a parsed bridge.
     * @throws IllegalArgumentException naming the key and the class when a side's factory cannot be loaded.
     */
    static void requireLoadable(final BridgeConfig config)
    {
        requireLoadable(BridgeConfig.KEY_PREFIX + config.name() + ".source.", config.source());
        requireLoadable(BridgeConfig.KEY_PREFIX + config.name() + ".target.", config.target());
    }

    private static void requireLoadable(final String prefix, final BridgeEndpoint endpoint)
    {
        final Map<String, String> environment = endpoint.jndiEnvironment();
        final String className = environment.get(Context.INITIAL_CONTEXT_FACTORY);
        if (null == className)
        {
            // JNDI then takes the system property or a jndi.properties resource, as the JVM is set up.
            return;
        }
        final String key = prefix + "jndi." + Context.INITIAL_CONTEXT_FACTORY;
        final ClassLoader loader = JmsBridge.class.getClassLoader();
        final Class<?> type;
        try
        {
            type = Class.forName(className.trim(), false, loader);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalArgumentException(key + ": class " + className + " not found: put the JMS provider's " +
                "client jars in the plugin directory (aeolus.broker.plugins.dir) or on the class path");
        }
        catch (final LinkageError ex)
        {
            throw new IllegalArgumentException(key + ": class " + className + " cannot be loaded: " + ex, ex);
        }
        if (!InitialContextFactory.class.isAssignableFrom(type))
        {
            throw new IllegalArgumentException(key + ": class " + className + " is not a " +
                InitialContextFactory.class.getName());
        }
        try
        {
            type.getConstructor().newInstance();
        }
        catch (final ReflectiveOperationException | LinkageError | RuntimeException ex)
        {
            Throwable cause = ex;
            while (null != cause.getCause() && !(cause instanceof NoClassDefFoundError))
            {
                cause = cause.getCause();
            }
            if (cause instanceof NoClassDefFoundError)
            {
                throw new IllegalArgumentException(key + ": class " + className + " needs class " +
                    String.valueOf(cause.getMessage()).replace('/', '.') + ", which is missing: put all of the JMS " +
                    "provider's client jars in the plugin directory (aeolus.broker.plugins.dir) or on the class path",
                    ex);
            }
            throw new IllegalArgumentException(key + ": class " + className + " cannot be instantiated: " + cause, ex);
        }
    }
}
