package io.aeolus.broker.transform;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The transformers the broker knows, by name: the built-ins, those on the broker's classpath (found by
 * {@link ServiceLoader}), and those in the jars of a plugins directory. A name given twice is an error naming both
 * classes. Built at start; read-only afterwards, so thread-safe.
 */
public final class TransformerRegistry
{
    private static final TransformerRegistry BUILT_INS = new TransformerRegistry(builtInMap());

    private final TreeMap<String, MessageTransformer> transformers;

    private TransformerRegistry(final TreeMap<String, MessageTransformer> transformers)
    {
        this.transformers = transformers;
    }

    /**
     * @return the built-ins only: {@code xml-to-json}, {@code json-to-xml}, {@code properties}, {@code json-schema}.
     */
    public static TransformerRegistry builtIns()
    {
        return BUILT_INS;
    }

    /**
     * Finds the built-ins, the transformers on the classpath, and those in the jars of a directory.
     *
     * @param pluginsDirectory a directory of plugin jars, or null for none.
     * @return the registry.
     * @throws IllegalArgumentException if the directory cannot be read, a plugin cannot be loaded, or a name is
     *                                  taken twice.
     */
    public static TransformerRegistry load(final Path pluginsDirectory)
    {
        final TreeMap<String, MessageTransformer> found = builtInMap();
        addAll(found, ServiceLoader.load(MessageTransformer.class, TransformerRegistry.class.getClassLoader()),
            "the classpath");
        if (null != pluginsDirectory)
        {
            final List<URL> jars = jars(pluginsDirectory);
            if (!jars.isEmpty())
            {
                // The loader lives as long as the broker: its classes are in use by the rules.
                final URLClassLoader loader = new URLClassLoader(jars.toArray(new URL[0]),
                    TransformerRegistry.class.getClassLoader());
                addAll(found, ServiceLoader.load(MessageTransformer.class, loader), "plugins directory " +
                    pluginsDirectory);
            }
        }
        return new TransformerRegistry(found);
    }

    /**
     * @param name a transformer's name.
     * @return the transformer.
     * @throws IllegalArgumentException if there is none of that name, listing those there are.
     */
    public MessageTransformer get(final String name)
    {
        final MessageTransformer transformer = transformers.get(name);
        if (null == transformer)
        {
            throw new IllegalArgumentException("unknown transformer '" + name + "' (known: " +
                String.join(", ", transformers.keySet()) + ")");
        }
        return transformer;
    }

    /**
     * @return the names known, in order.
     */
    public List<String> names()
    {
        return List.copyOf(transformers.keySet());
    }

    private static TreeMap<String, MessageTransformer> builtInMap()
    {
        final TreeMap<String, MessageTransformer> builtIns = new TreeMap<>();
        for (final MessageTransformer transformer : List.of(new XmlToJsonTransformer(), new JsonToXmlTransformer(),
            new PropertyMappingTransformer(), new JsonSchemaTransformer()))
        {
            builtIns.put(transformer.name(), transformer);
        }
        return builtIns;
    }

    private static void addAll(final Map<String, MessageTransformer> found,
        final ServiceLoader<MessageTransformer> loader, final String where)
    {
        try
        {
            for (final MessageTransformer transformer : loader)
            {
                final String name = transformer.name();
                if (null == name || !name.matches("[A-Za-z0-9._-]+"))
                {
                    throw new IllegalArgumentException("transformer " + transformer.getClass().getName() + " in " +
                        where + " has an invalid name '" + name + "' (letters, digits, '-', '.', '_')");
                }
                final MessageTransformer existing = found.get(name);
                if (null != existing && existing.getClass() != transformer.getClass())
                {
                    throw new IllegalArgumentException("transformer name '" + name + "' is taken twice: by " +
                        existing.getClass().getName() + " and by " + transformer.getClass().getName() + " in " +
                        where);
                }
                found.put(name, transformer);
            }
        }
        catch (final ServiceConfigurationError ex)
        {
            // "Provider X could not be instantiated" alone does not say what is missing: its cause does.
            throw new IllegalArgumentException("cannot load a transformer from " + where + ": " + ex.getMessage() +
                (null == ex.getCause() ? "" : " (" + ex.getCause() + ")"), ex);
        }
    }

    private static List<URL> jars(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("aeolus.broker.plugins.dir: '" + directory + "' is not a directory");
        }
        final List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files.sorted()::iterator)
            {
                if (file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
                {
                    jars.add(file.toUri().toURL());
                }
            }
        }
        catch (final MalformedURLException ex)
        {
            throw new IllegalArgumentException("aeolus.broker.plugins.dir: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("aeolus.broker.plugins.dir: cannot list '" + directory + "': " + ex,
                ex);
        }
        return jars;
    }
}
