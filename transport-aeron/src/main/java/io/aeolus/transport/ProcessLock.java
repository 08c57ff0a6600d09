package io.aeolus.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * An exclusive lock on a file, held by one live process and released by the operating system the moment that
 * process dies, even by {@code kill -9}. The holder writes its process id into the file so that a refused starter
 * can name it. This is how a broker or a client tells a dead predecessor (lock free: start at once) from a live one
 * (lock held: refuse, naming the pid), which the media driver's heartbeat alone cannot do for several seconds.
 * <p>
 * Locks are POSIX record locks, which a process loses on its file when it closes any descriptor of it: so this
 * JVM's own holds are tracked here and a second attempt from this JVM is refused without opening the file.
 * Thread-safe.
 */
public final class ProcessLock implements AutoCloseable
{
    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final long previousOwnerPid;

    private ProcessLock(final Path file, final FileChannel channel, final FileLock lock, final long previousOwnerPid)
    {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.previousOwnerPid = previousOwnerPid;
    }

    /**
     * Takes the lock, or says who holds it.
     *
     * @param file the lock file; created if absent, its parent directory too.
     * @return the lock, or null if a live process (possibly this one) holds it: see {@link #ownerPid(Path)}.
     * @throws UncheckedIOException if the file cannot be created or locked.
     */
    public static ProcessLock tryAcquire(final Path file)
    {
        final Path key = file.toAbsolutePath().normalize();
        synchronized (HELD_IN_THIS_JVM)
        {
            if (!HELD_IN_THIS_JVM.add(key))
            {
                return null;
            }
        }
        final ProcessLock lock = lockFile(file);
        if (null == lock)
        {
            synchronized (HELD_IN_THIS_JVM)
            {
                HELD_IN_THIS_JVM.remove(key);
            }
        }
        return lock;
    }

    private static ProcessLock lockFile(final Path file)
    {
        FileChannel channel = null;
        try
        {
            if (null != file.getParent())
            {
                Files.createDirectories(file.getParent());
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                channel.close();
                return null;
            }
            final long previous = parsePid(read(channel));
            final byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new ProcessLock(file, channel, lock, previous);
        }
        catch (final OverlappingFileLockException ex)
        {
            closeQuietly(channel);
            return null;
        }
        catch (final IOException ex)
        {
            closeQuietly(channel);
            synchronized (HELD_IN_THIS_JVM)
            {
                HELD_IN_THIS_JVM.remove(file.toAbsolutePath().normalize());
            }
            throw new UncheckedIOException("cannot lock " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param file a lock file.
     * @return the process id written in it by its last holder, or -1 if none can be read.
     */
    public static long ownerPid(final Path file)
    {
        synchronized (HELD_IN_THIS_JVM)
        {
            if (HELD_IN_THIS_JVM.contains(file.toAbsolutePath().normalize()))
            {
                return ProcessHandle.current().pid();
            }
        }
        try
        {
            return parsePid(Files.readString(file, StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }

    /**
     * @return the pid the previous holder wrote (a process that has since died or closed it), or -1 if none.
     */
    public long previousOwnerPid()
    {
        return previousOwnerPid;
    }

    /**
     * @return the lock file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Releases the lock, leaving the file (deleting a lock file another process may have opened would let two
     * processes lock two different files of the same name).
     */
    public void close()
    {
        if (!channel.isOpen())
        {
            return;
        }
        try
        {
            lock.release();
        }
        catch (final IOException ignore)
        {
            // Closing the channel releases it too.
        }
        closeQuietly(channel);
        synchronized (HELD_IN_THIS_JVM)
        {
            HELD_IN_THIS_JVM.remove(file.toAbsolutePath().normalize());
        }
    }

    /**
     * Deletes the file and then releases the lock: for files of this process alone (a test's directories).
     */
    public void deleteAndClose()
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ignore)
        {
            // Left behind: harmless, the next holder takes it over.
        }
        close();
    }

    private static String read(final FileChannel channel) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        buffer.flip();
        return StandardCharsets.US_ASCII.decode(buffer).toString();
    }

    private static long parsePid(final String text)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
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
