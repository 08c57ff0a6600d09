package io.aeolus.benchmarks.perf;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes the directories the tool creates (broker data, Artemis journals), so that a run leaves nothing behind.
 */
public final class TemporaryFiles
{
    private TemporaryFiles()
    {
    }

    /**
     * A fresh path for an Aeron directory: under {@code /dev/shm} where it exists (the tool's own prefix, so that
     * what it leaves behind can be told from others'), else under the temporary directory. Not created here.
     *
     * @param prefix for example {@code aeolus-perf-broker}.
     * @return {@code /dev/shm/<prefix>-<uuid>}.
     */
    public static String sharedMemoryDirectory(final String prefix)
    {
        final File shm = new File("/dev/shm");
        final String base = shm.isDirectory() ? shm.getPath() : System.getProperty("java.io.tmpdir");
        return new File(base, prefix + "-" + UUID.randomUUID()).getPath();
    }

    /**
     * Deletes a directory and everything under it, reporting (not throwing) what cannot be deleted.
     *
     * @param dir the directory; nothing happens if it does not exist.
     */
    public static void deleteRecursively(final Path dir)
    {
        if (null == dir || !Files.exists(dir))
        {
            return;
        }
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir))
        {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            System.err.println("aeolus-perf: cannot list " + dir + " to delete it: " + ex);
            return;
        }
        for (final Path path : paths)
        {
            try
            {
                Files.deleteIfExists(path);
            }
            catch (final IOException ex)
            {
                System.err.println("aeolus-perf: cannot delete " + path + ": " + ex);
            }
        }
    }
}
