package io.aeolus.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The broker process's extensions from the plugin directory ({@code aeolus.broker.plugins.dir}, the directory the
 * routing rules' transformers also come from): its jars loaded by a class loader of their own, so that
 * {@code java -jar aeolus-broker.jar} runs {@link BrokerExtension}s such as the JMS bridge
 * ({@code aeolus-bridge-plugin.jar}) with the other providers' client jars, without {@code -cp}. The loader delegates
 * to the broker's class loader first (a plugin sees the broker's classes, and cannot replace them), and becomes the
 * context class loader of the thread that starts the broker, which {@link BrokerExtension#installed()} and JNDI use;
 * threads the broker starts inherit it. Only the broker process ({@link BrokerMain}) loads plugins: an application
 * embedding the broker puts the extensions on its own class path. Called once, from the main thread.
 */
public final class Plugins
{
    private final Path directory;
    private final List<Path> jars;

    private Plugins(final Path directory, final List<Path> jars)
    {
        this.directory = directory;
        this.jars = jars;
    }

    /**
     * Loads the plugins of the directory the option names (system property, then the config file) and makes their
     * class loader the current thread's context class loader.
     *
     * @param configFile the broker's config file, or null.
     * @return what was loaded (no jars when the option is not set).
     * @throws IllegalArgumentException naming the option when it names no directory.
     */
    public static Plugins install(final Path configFile)
    {
        final String option = BrokerConfiguration.PLUGINS_DIR.propertyName();
        String value = System.getProperty(option);
        if (null == value && null != configFile)
        {
            value = fromConfigFile(configFile, option);
        }
        final Path directory;
        if (null != value && !value.isBlank())
        {
            try
            {
                directory = Path.of(value.trim());
            }
            catch (final InvalidPathException ex)
            {
                throw new IllegalArgumentException(option + ": '" + value + "' is not a path: " + ex.getMessage(), ex);
            }
            if (!Files.isDirectory(directory))
            {
                throw new IllegalArgumentException(option + ": '" + value + "' is not a directory");
            }
        }
        else
        {
            return new Plugins(null, List.of());
        }
        final List<Path> jars = jars(directory);
        if (!jars.isEmpty())
        {
            final URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++)
            {
                try
                {
                    urls[i] = jars.get(i).toUri().toURL();
                }
                catch (final MalformedURLException ex)
                {
                    throw new IllegalArgumentException(option + ": cannot load " + jars.get(i) + ": " +
                        ex.getMessage(), ex);
                }
            }
            final ClassLoader loader = new URLClassLoader("aeolus-plugins", urls, Plugins.class.getClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
        }
        return new Plugins(directory, jars);
    }

    /**
     * @return the plugin directory, or null when none is set.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * @return the jars loaded, in name order.
     */
    public List<Path> jars()
    {
        return jars;
    }

    private static List<Path> jars(final Path directory)
    {
        final List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.jar"))
        {
            for (final Path entry : entries)
            {
                if (Files.isRegularFile(entry))
                {
                    jars.add(entry.toAbsolutePath().normalize());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the plugin directory " + directory + ": " + ex.getMessage(),
                ex);
        }
        // Name order, so that the class path (and which of two jars wins for a class) does not depend on the disk.
        jars.sort(null);
        return jars;
    }

    private static String fromConfigFile(final Path configFile, final String option)
    {
        final Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(configFile))
        {
            properties.load(in);
            return properties.getProperty(option);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            // The broker's context reads the file again and reports the problem, naming the file.
            return null;
        }
    }
}
