package io.aeolus.cluster;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a member's directory, held while the member runs; the operating system drops it when the
 * process dies, even by SIGKILL. Holding it proves that Aeron's mark files left in the directory are stale (their
 * process is gone), so they are removed: Aeron would otherwise refuse to start for its liveness timeout (10 s)
 * after a crash.
 */
final class MemberDirectoryLock implements AutoCloseable
{
    private final FileChannel channel;
    private final FileLock lock;

    private MemberDirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param directory the member's directory, created if absent.
     * @return the lock.
     * @throws IllegalStateException if another process holds it.
     */
    static MemberDirectoryLock acquire(final Path directory)
    {
        try
        {
            Files.createDirectories(directory);
            final FileChannel channel = FileChannel.open(directory.resolve("member.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                channel.close();
                throw new IllegalStateException("another process runs the broker group member in " + directory);
            }
            removeStaleMarkFiles(directory.resolve("archive"));
            removeStaleMarkFiles(directory.resolve("consensus"));
            return new MemberDirectoryLock(channel, lock);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot lock the member directory " + directory + ": " + ex, ex);
        }
    }

    private static void removeStaleMarkFiles(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*mark*.dat"))
        {
            for (final Path file : files)
            {
                Files.deleteIfExists(file);
            }
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
            channel.close();
        }
        catch (final IOException ignore)
        {
            // The lock goes with the channel or the process anyway.
        }
    }
}
