package io.aeolus.broker.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The bridges created through management, kept in the broker's data directory ({@value #FILE_NAME}) so that they
 * start again with the broker; deleting one through management removes it. The file is in the config file's form
 * ({@code aeolus.bridge.<name>.<option>=value}), so an operator can read it or move a bridge into the config file. Each
 * change rewrites it whole: a temporary file, forced to disk, renamed over the old one (an atomic rename), then the
 * directory forced, so a crash leaves the old or the new list, never a torn one. Readable by its owner only (the
 * options may hold passwords), where the file system has POSIX permissions.
 * <p>
 * Why a file and not the H2 journal: a bridge's definition is the bridge module's state, not the engine's (the engine
 * never sees bridges, and the journal holds what the engine decides); a file keeps the engine, its snapshots and the
 * journal's schema out of it, changes are rare (one management request each) and small. Thread-safe.
 * <p>
 * Beside it, {@value #PAUSED_FILE_NAME} lists the bridges an administrator paused (one {@code <name>=paused} line
 * each), those of the config file as well as those created through management, so that a paused bridge starts paused
 * again after a restart (or a crash) and a resumed one forwards; written the same way, atomically.
 */
public final class BridgeStore
{
    /** The file's name in the data directory. */
    public static final String FILE_NAME = "bridges.properties";

    /** The file of the paused bridges' names in the data directory. */
    public static final String PAUSED_FILE_NAME = "bridges-paused.properties";

    private static final String PAUSED_VALUE = "paused";
    private static final String PAUSED_HEADER = " Aeolus: the bridges paused through management (pauseBridge), " +
        "written by the broker;\n they start paused. Do not edit while it runs.";

    private static final String HEADER = " Aeolus: the bridges created through management (createBridge), written by " +
        "the broker;\n do not edit while it runs. To keep one in the config file instead, move its lines there and " +
        "delete it here.";

    private final Path file;
    private final Path pausedFile;
    private final TreeMap<String, Map<String, String>> bridges = new TreeMap<>();
    private final TreeSet<String> paused = new TreeSet<>();

    private BridgeStore(final Path file, final Path pausedFile)
    {
        this.file = file;
        this.pausedFile = pausedFile;
    }

    /**
     * Opens the store of a data directory, reading the bridges it holds.
     *
     * @param dataDirectory the broker's data directory.
     * @return the store.
     * @throws IllegalArgumentException naming the file and the bad key if a stored bridge does not parse.
     * @throws UncheckedIOException     if the file cannot be read.
     */
    public static BridgeStore open(final Path dataDirectory)
    {
        final BridgeStore store = new BridgeStore(dataDirectory.resolve(FILE_NAME),
            dataDirectory.resolve(PAUSED_FILE_NAME));
        store.load();
        store.loadPaused();
        return store;
    }

    /**
     * @return the file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return the file of the paused bridges' names.
     */
    public Path pausedFile()
    {
        return pausedFile;
    }

    /**
     * @return the stored bridges by name, in name order.
     * @throws IllegalArgumentException naming the file and the bad key if one does not parse.
     */
    public synchronized Map<String, BridgeConfig> configs()
    {
        final Map<String, BridgeConfig> configs = new TreeMap<>();
        for (final Map.Entry<String, Map<String, String>> entry : bridges.entrySet())
        {
            try
            {
                configs.put(entry.getKey(), BridgeConfig.parse(entry.getKey(), entry.getValue()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("bridge store " + file + ": " + ex.getMessage(), ex);
            }
        }
        return configs;
    }

    /**
     * @param name a bridge's name.
     * @return whether the store holds it.
     */
    public synchronized boolean contains(final String name)
    {
        return bridges.containsKey(name);
    }

    /**
     * Stores a bridge (replacing one of the same name), durably before returning.
     *
     * @param name    the bridge's name.
     * @param options its options, without the {@code aeolus.bridge.<name>.} prefix.
     * @throws UncheckedIOException if the file cannot be written; the store is then unchanged.
     */
    public synchronized void put(final String name, final Map<String, String> options)
    {
        final Map<String, String> previous = bridges.put(name, new TreeMap<>(options));
        try
        {
            write();
        }
        catch (final UncheckedIOException ex)
        {
            if (null == previous)
            {
                bridges.remove(name);
            }
            else
            {
                bridges.put(name, previous);
            }
            throw ex;
        }
    }

    /**
     * Removes a bridge, durably before returning; nothing if the store does not hold it.
     *
     * @param name the bridge's name.
     * @throws UncheckedIOException if the file cannot be written; the store is then unchanged.
     */
    public synchronized void remove(final String name)
    {
        final Map<String, String> previous = bridges.remove(name);
        if (null == previous)
        {
            return;
        }
        try
        {
            write();
        }
        catch (final UncheckedIOException ex)
        {
            bridges.put(name, previous);
            throw ex;
        }
    }

    /**
     * @return the names of the bridges paused through management, in name order.
     */
    public synchronized Set<String> pausedNames()
    {
        return new TreeSet<>(paused);
    }

    /**
     * @param name a bridge's name.
     * @return whether it was paused through management (and not resumed since).
     */
    public synchronized boolean isPaused(final String name)
    {
        return paused.contains(name);
    }

    /**
     * Keeps whether a bridge is paused, durably before returning; nothing is written if that is already kept.
     *
     * @param name     the bridge's name.
     * @param isPaused whether it is paused.
     * @throws UncheckedIOException if the file cannot be written; the store is then unchanged.
     */
    public synchronized void paused(final String name, final boolean isPaused)
    {
        final boolean changed = isPaused ? paused.add(name) : paused.remove(name);
        if (!changed)
        {
            return;
        }
        try
        {
            writePaused();
        }
        catch (final UncheckedIOException ex)
        {
            if (isPaused)
            {
                paused.remove(name);
            }
            else
            {
                paused.add(name);
            }
            throw ex;
        }
    }

    private void load()
    {
        final Properties properties = read(file);
        for (final String key : properties.stringPropertyNames())
        {
            final int dot = key.indexOf('.', BridgeConfig.KEY_PREFIX.length());
            if (!BridgeConfig.isBridgeKey(key) || dot < 0 || dot == BridgeConfig.KEY_PREFIX.length() ||
                dot == key.length() - 1)
            {
                throw new IllegalArgumentException("bridge store " + file + ": unknown key '" + key + "': a " +
                    "bridge's key is " + BridgeConfig.KEY_PREFIX + "<name>.<option>");
            }
            bridges.computeIfAbsent(key.substring(BridgeConfig.KEY_PREFIX.length(), dot), (n) -> new TreeMap<>())
                .put(key.substring(dot + 1), properties.getProperty(key));
        }
        configs();
    }

    private void loadPaused()
    {
        final Properties properties = read(pausedFile);
        for (final String name : properties.stringPropertyNames())
        {
            if (!PAUSED_VALUE.equals(properties.getProperty(name)))
            {
                throw new IllegalArgumentException("bridge store " + pausedFile + ": '" + name + "=" +
                    properties.getProperty(name) + "' is not a paused bridge: each line is <name>=" + PAUSED_VALUE);
            }
            paused.add(name);
        }
    }

    private void writePaused()
    {
        final Properties properties = new Properties();
        for (final String name : paused)
        {
            properties.setProperty(name, PAUSED_VALUE);
        }
        write(properties, pausedFile, PAUSED_HEADER);
    }

    private static Properties read(final Path path)
    {
        final Properties properties = new Properties();
        if (!Files.exists(path))
        {
            return properties;
        }
        try (InputStream in = Files.newInputStream(path))
        {
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read bridge store " + path + ": " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("bridge store " + path + ": " + ex.getMessage(), ex);
        }
        return properties;
    }

    private void write()
    {
        final Properties properties = new Properties();
        for (final Map.Entry<String, Map<String, String>> bridge : bridges.entrySet())
        {
            for (final Map.Entry<String, String> option : bridge.getValue().entrySet())
            {
                properties.setProperty(BridgeConfig.KEY_PREFIX + bridge.getKey() + "." + option.getKey(),
                    option.getValue());
            }
        }
        write(properties, file, HEADER);
    }

    /**
     * Replaces a file atomically: a temporary file, forced, renamed over it, the directory forced.
     */
    private static void write(final Properties properties, final Path target, final String header)
    {
        final Path directory = target.toAbsolutePath().getParent();
        final Path temporary = directory.resolve(target.getFileName() + ".tmp");
        try
        {
            Files.deleteIfExists(temporary);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            {
                Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                // The stream form escapes every character outside ISO 8859-1, as Properties.load reads it back.
                final OutputStream out = Channels.newOutputStream(channel);
                properties.store(out, header);
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write bridge store " + target + ": " + ex.getMessage(), ex);
        }
    }

    private static void forceDirectory(final Path directory)
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            // Some file systems cannot open a directory to force it; the rename is then as durable as they make it.
        }
    }
}
