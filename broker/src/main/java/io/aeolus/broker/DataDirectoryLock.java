package io.aeolus.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One broker per data directory: an exclusive lock on {@code aeolus.lock} held for the broker's lifetime, in this
 * JVM and across processes. Without it two brokers in one JVM could share one H2 journal, which H2 allows.
 */
final class DataDirectoryLock implements AutoCloseable
{
    static final String FILE_NAME = "aeolus.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(final Path dataDirectory)
    {
        final Path file = dataDirectory.resolve(FILE_NAME);
        FileChannel channel = null;
        try
        {
            Files.createDirectories(dataDirectory);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                throw inUse(file, null);
            }
            return new DataDirectoryLock(channel, lock);
        }
        catch (final OverlappingFileLockException ex)
        {
            closeQuietly(channel);
            throw inUse(file, ex);
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock the data directory " + dataDirectory + ": " +
                ex.getMessage(), ex);
        }
        catch (final IllegalStateException ex)
        {
            closeQuietly(channel);
            throw ex;
        }
    }

    /**
     * Releases the lock.
     */
    public void close()
    {
        try
        {
            lock.release();
        }
        catch (final IOException ignore)
        {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
    }

    private static IllegalStateException inUse(final Path file, final Throwable cause)
    {
        return new IllegalStateException("the data directory " + file.getParent() + " is in use by another broker " +
            "(it holds " + file + "): give each broker its own data directory", cause);
    }

    private static void closeQuietly(final FileChannel channel)
    {
        if (null != channel)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // Nothing more to release.
            }
        }
    }
}
