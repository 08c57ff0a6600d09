package io.aeolus.transport;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Decides who owns an Aeron directory before an embedded media driver is launched in it. The owner holds a
 * {@link ProcessLock} on {@code <directory>.lock} beside the directory (not inside it: the driver deletes and
 * recreates its directory at start). A free lock means the previous owner is gone, so its directory is stale however
 * fresh the driver heartbeat in it still looks; a held lock means a live owner, which is named by its pid. A driver
 * not started by Aeolus (no lock, fresh heartbeat, a live pid in its CnC file) is refused too.
 */
final class DriverDirectoryOwner
{
    static final String LOCK_SUFFIX = ".lock";
    private static final long DRIVER_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(5);

    private DriverDirectoryOwner()
    {
    }

    /**
     * Claims the directory for a driver of this process.
     *
     * @param aeronDirectoryName the driver's directory.
     * @return the held lock; close it after the driver.
     * @throws IllegalStateException naming the live process that owns the directory.
     */
    static ProcessLock claim(final String aeronDirectoryName)
    {
        final Path lockFile = lockFile(aeronDirectoryName);
        final ProcessLock lock = ProcessLock.tryAcquire(lockFile);
        if (null == lock)
        {
            throw new IllegalStateException("a media driver is already active in " + aeronDirectoryName +
                ", run by live process " + describe(ProcessLock.ownerPid(lockFile)) + " (another broker running?): " +
                "stop that process or choose another Aeron directory");
        }
        try
        {
            final File dir = new File(aeronDirectoryName);
            if (new File(dir, CncFileDescriptor.CNC_FILE).exists() &&
                CommonContext.isDriverActive(dir, DRIVER_TIMEOUT_MS, (message) -> { }))
            {
                final long driverPid = cncPid(dir);
                final long self = ProcessHandle.current().pid();
                final boolean ownerDied = lock.previousOwnerPid() > 0 &&
                    (driverPid == lock.previousOwnerPid() || driverPid <= 0) && driverPid != self;
                if (!ownerDied && (driverPid == self || driverPid <= 0 || isAlive(driverPid)))
                {
                    throw new IllegalStateException("a media driver is already active in " + aeronDirectoryName +
                        ", run by " + (driverPid == self ? "this process" : "live process " + describe(driverPid)) +
                        " (another broker running?): stop it or choose another Aeron directory");
                }
            }
            return lock;
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
    }

    /**
     * Deletes the driver directories named {@code <prefix>*} in a folder whose owners have died: what clients killed
     * with {@code kill -9} leave in {@code /dev/shm}. Directories whose owners live are left alone.
     *
     * @param folder the folder, e.g. {@code /dev/shm}.
     * @param prefix the directories' name prefix.
     * @return how many were deleted.
     */
    static int deleteStale(final Path folder, final String prefix)
    {
        int deleted = 0;
        try (DirectoryStream<Path> locks = Files.newDirectoryStream(folder, prefix + "*" + LOCK_SUFFIX))
        {
            for (final Path lockFile : locks)
            {
                final ProcessLock lock = ProcessLock.tryAcquire(lockFile);
                if (null != lock)
                {
                    final String name = lockFile.getFileName().toString();
                    IoUtil.delete(folder.resolve(name.substring(0, name.length() - LOCK_SUFFIX.length())).toFile(),
                        true);
                    lock.deleteAndClose();
                    deleted++;
                }
            }
        }
        catch (final IOException | RuntimeException ignore)
        {
            // Best effort: a folder that cannot be listed keeps its leftovers.
        }
        return deleted;
    }

    static Path lockFile(final String aeronDirectoryName)
    {
        final Path dir = Path.of(aeronDirectoryName).toAbsolutePath().normalize();
        return dir.resolveSibling(dir.getFileName() + LOCK_SUFFIX);
    }

    private static String describe(final long pid)
    {
        return pid > 0 ? "pid " + pid : "(pid unknown)";
    }

    private static boolean isAlive(final long pid)
    {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long cncPid(final File dir)
    {
        final File cnc = new File(dir, CncFileDescriptor.CNC_FILE);
        if (cnc.length() < CncFileDescriptor.META_DATA_LENGTH)
        {
            return -1;
        }
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapExistingFile(cnc, FileChannel.MapMode.READ_ONLY, "cnc");
            final UnsafeBuffer metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
            return CncFileDescriptor.pid(metaData);
        }
        catch (final RuntimeException ex)
        {
            return -1;
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }
}
