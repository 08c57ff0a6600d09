package io.aeolus.broker;

import io.aeolus.transport.ProcessLock;

import java.nio.file.Path;

/**
 * One broker per data directory: an exclusive lock on {@code aeolus.lock} held for the broker's lifetime, in this
 * JVM and across processes. Without it two brokers in one JVM could share one H2 journal, which H2 allows. The
 * operating system releases it when the broker dies, even by {@code kill -9}, so a restart never waits; a live
 * holder is named by its pid.
 */
final class DataDirectoryLock implements AutoCloseable
{
    static final String FILE_NAME = "aeolus.lock";

    private final ProcessLock lock;

    private DataDirectoryLock(final ProcessLock lock)
    {
        this.lock = lock;
    }

    static DataDirectoryLock acquire(final Path dataDirectory)
    {
        final Path file = dataDirectory.resolve(FILE_NAME);
        final ProcessLock lock = ProcessLock.tryAcquire(file);
        if (null == lock)
        {
            final long pid = ProcessLock.ownerPid(file);
            throw new IllegalStateException("the data directory " + dataDirectory + " is in use by another broker (" +
                (pid == ProcessHandle.current().pid() ? "in this process" : pid > 0 ? "live process pid " + pid :
                "a live process") + " holds " + file + "): stop it, or give each broker its own data directory");
        }
        return new DataDirectoryLock(lock);
    }

    /**
     * Releases the lock.
     */
    public void close()
    {
        lock.close();
    }
}
