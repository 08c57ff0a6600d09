package io.aeolus.jms.jndi;

import io.aeolus.jms.AeolusConnectionFactory;
import io.aeolus.jms.AeolusQueue;
import io.aeolus.jms.AeolusTopic;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.naming.ConfigurationException;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.spi.InitialContextFactory;

/**
 * Builds a read-only JNDI context from the environment ({@code jndi.properties} on the class path is merged into it
 * by {@code InitialContext}):
 * <pre>
 * java.naming.factory.initial = io.aeolus.jms.jndi.AeolusInitialContextFactory
 * connectionFactory.ConnectionFactory = aeolus:udp://127.0.0.1:5150
 * queue.orders = orders
 * topic.prices = prices
 * </pre>
 * Without any {@code connectionFactory.} entry, {@code ConnectionFactory}, {@code QueueConnectionFactory},
 * {@code TopicConnectionFactory} and {@code XAConnectionFactory} are bound to {@code aeolus:ipc}. Every factory bound
 * is also an XA factory ({@code XAConnectionFactory}, {@code XAQueueConnectionFactory},
 * {@code XATopicConnectionFactory}). {@code java.naming.provider.url} may name a
 * properties file (path or URL) whose entries are read as well. Credentials stay out of the URLs:
 * {@code connectionFactory.<name>.user}, {@code .password} or {@code .passwordFile} for one factory, and the standard
 * {@code java.naming.security.principal} and {@code java.naming.security.credentials} for all. Thread-safe.
 */
public final class AeolusInitialContextFactory implements InitialContextFactory
{
    /** Prefix of connection factory entries. */
    public static final String CONNECTION_FACTORY_PREFIX = "connectionFactory.";

    /** Prefix of queue entries. */
    public static final String QUEUE_PREFIX = "queue.";

    /** Prefix of topic entries. */
    public static final String TOPIC_PREFIX = "topic.";

    private static final String[] CREDENTIAL_SETTINGS = {"user", "password", "passwordFile"};

    /** URL bound to the default factory names when no factory entry is given. */
    public static final String DEFAULT_URL = "aeolus:ipc";

    /**
     * Creates a public no-argument instance, as JNDI requires.
     */
    public AeolusInitialContextFactory()
    {
    }

    @Override
    public Context getInitialContext(final Hashtable<?, ?> environment) throws NamingException
    {
        final Map<String, String> entries = new TreeMap<>();
        if (null != environment)
        {
            for (final Map.Entry<?, ?> entry : environment.entrySet())
            {
                if (entry.getKey() instanceof String && entry.getValue() instanceof String)
                {
                    entries.put((String)entry.getKey(), (String)entry.getValue());
                }
            }
        }
        final String providerUrl = entries.get(Context.PROVIDER_URL);
        if (null != providerUrl && !providerUrl.isBlank())
        {
            for (final Map.Entry<Object, Object> entry : load(providerUrl).entrySet())
            {
                entries.putIfAbsent((String)entry.getKey(), (String)entry.getValue());
            }
        }
        final Map<String, Object> bindings = new TreeMap<>();
        boolean anyFactory = false;
        for (final Map.Entry<String, String> entry : entries.entrySet())
        {
            final String key = entry.getKey();
            final String value = entry.getValue().trim();
            if (key.startsWith(CONNECTION_FACTORY_PREFIX) && null == credentialSetting(key))
            {
                bindings.put(name(key, CONNECTION_FACTORY_PREFIX), factory(key, value));
                anyFactory = true;
            }
            else if (key.startsWith(QUEUE_PREFIX))
            {
                bindings.put(name(key, QUEUE_PREFIX), new AeolusQueue(destination(key, value)));
            }
            else if (key.startsWith(TOPIC_PREFIX))
            {
                bindings.put(name(key, TOPIC_PREFIX), new AeolusTopic(destination(key, value)));
            }
        }
        if (!anyFactory)
        {
            bindings.put("ConnectionFactory", new AeolusConnectionFactory(DEFAULT_URL));
            bindings.put("QueueConnectionFactory", new AeolusConnectionFactory(DEFAULT_URL));
            bindings.put("TopicConnectionFactory", new AeolusConnectionFactory(DEFAULT_URL));
            bindings.put("XAConnectionFactory", new AeolusConnectionFactory(DEFAULT_URL));
        }
        applyCredentials(entries, bindings);
        final Hashtable<Object, Object> copy = new Hashtable<>();
        if (null != environment)
        {
            copy.putAll(environment);
        }
        return new ReadOnlyContext(copy, bindings);
    }

    /**
     * Credentials for the factories' {@code createConnection()}, out of their URLs: {@code java.naming.security.
     * principal} and {@code .credentials} for every factory of the context, {@code connectionFactory.<name>.user},
     * {@code .password} or {@code .passwordFile} for one (these win).
     */
    private static void applyCredentials(final Map<String, String> entries, final Map<String, Object> bindings)
        throws ConfigurationException
    {
        final String principal = entries.get(Context.SECURITY_PRINCIPAL);
        final String credentials = entries.get(Context.SECURITY_CREDENTIALS);
        for (final Object bound : bindings.values())
        {
            if (bound instanceof AeolusConnectionFactory)
            {
                final AeolusConnectionFactory factory = (AeolusConnectionFactory)bound;
                if (null != principal)
                {
                    factory.setUser(principal);
                }
                if (null != credentials)
                {
                    factory.setPassword(credentials);
                }
            }
        }
        for (final Map.Entry<String, String> entry : entries.entrySet())
        {
            final String setting = credentialSetting(entry.getKey());
            if (null == setting)
            {
                continue;
            }
            final String name = entry.getKey().substring(
                CONNECTION_FACTORY_PREFIX.length(), entry.getKey().length() - setting.length() - 1);
            if (!(bindings.get(name) instanceof AeolusConnectionFactory))
            {
                throw new ConfigurationException("JNDI entry '" + entry.getKey() + "': no entry '" +
                    CONNECTION_FACTORY_PREFIX + name + "' defines that connection factory");
            }
            final AeolusConnectionFactory factory = (AeolusConnectionFactory)bindings.get(name);
            final String value = entry.getValue().trim();
            switch (setting)
            {
                case "user" -> factory.setUser(value);
                case "password" -> factory.setPassword(entry.getValue());
                default -> factory.setPasswordFile(value);
            }
        }
    }

    private static String credentialSetting(final String key)
    {
        if (!key.startsWith(CONNECTION_FACTORY_PREFIX))
        {
            return null;
        }
        for (final String setting : CREDENTIAL_SETTINGS)
        {
            if (key.endsWith("." + setting) && key.length() > CONNECTION_FACTORY_PREFIX.length() + setting.length() + 1)
            {
                return setting;
            }
        }
        return null;
    }

    private static String name(final String key, final String prefix) throws ConfigurationException
    {
        final String name = key.substring(prefix.length());
        if (name.isEmpty())
        {
            throw new ConfigurationException("JNDI entry '" + key + "' has no name after the prefix");
        }
        return name;
    }

    private static AeolusConnectionFactory factory(final String key, final String url) throws ConfigurationException
    {
        try
        {
            return new AeolusConnectionFactory(url);
        }
        catch (final IllegalArgumentException ex)
        {
            final ConfigurationException configurationException =
                new ConfigurationException("JNDI entry '" + key + "': " + ex.getMessage());
            configurationException.setRootCause(ex);
            throw configurationException;
        }
    }

    private static String destination(final String key, final String value) throws ConfigurationException
    {
        if (value.isEmpty())
        {
            throw new ConfigurationException("JNDI entry '" + key + "' names no destination");
        }
        return value;
    }

    private static Properties load(final String providerUrl) throws ConfigurationException
    {
        final Properties properties = new Properties();
        try (InputStream in = open(providerUrl))
        {
            properties.load(in);
            return properties;
        }
        catch (final IOException ex)
        {
            final ConfigurationException configurationException = new ConfigurationException("cannot read JNDI " +
                "properties from " + Context.PROVIDER_URL + "=" + providerUrl + ": " + ex.getMessage());
            configurationException.setRootCause(ex);
            throw configurationException;
        }
    }

    private static InputStream open(final String providerUrl) throws IOException
    {
        try
        {
            return new URL(providerUrl).openStream();
        }
        catch (final MalformedURLException ex)
        {
            return Files.newInputStream(Path.of(providerUrl));
        }
    }
}
