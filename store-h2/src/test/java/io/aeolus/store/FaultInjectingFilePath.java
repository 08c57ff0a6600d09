package io.aeolus.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:faulty:/path}) over the default one that fails every write and sync while
 * {@link #failWrites(boolean)} is on, as a full or broken disk would.
 */
public final class FaultInjectingFilePath extends FilePathWrapper
{
    /** The URL prefix: {@code jdbc:h2:faulty:/path}. */
    public static final String SCHEME = "faulty";

    private static volatile boolean isFailingWrites;

    /**
     * Makes the file system known to H2 in this JVM.
     */
    public static void register()
    {
        FilePath.register(new FaultInjectingFilePath());
    }

    /**
     * @param isFailing true to fail every write and sync from now on, as a full disk would; false to heal.
     */
    public static void failWrites(final boolean isFailing)
    {
        isFailingWrites = isFailing;
    }

    public String getScheme()
    {
        return SCHEME;
    }

    public FileChannel open(final String mode) throws IOException
    {
        return new FaultInjectingChannel(getBase().open(mode));
    }

    static void checkWrite() throws IOException
    {
        if (isFailingWrites)
        {
            throw new IOException("injected write failure");
        }
    }

    /**
     * Delegates to the real channel, failing writes and syncs on demand.
     */
    static final class FaultInjectingChannel extends FileBase
    {
        private final FileChannel channel;

        FaultInjectingChannel(final FileChannel channel)
        {
            this.channel = channel;
        }

        public int read(final ByteBuffer dst) throws IOException
        {
            return channel.read(dst);
        }

        public int read(final ByteBuffer dst, final long position) throws IOException
        {
            return channel.read(dst, position);
        }

        public int write(final ByteBuffer src) throws IOException
        {
            checkWrite();
            return channel.write(src);
        }

        public int write(final ByteBuffer src, final long position) throws IOException
        {
            checkWrite();
            return channel.write(src, position);
        }

        public long position() throws IOException
        {
            return channel.position();
        }

        public FileChannel position(final long newPosition) throws IOException
        {
            channel.position(newPosition);
            return this;
        }

        public long size() throws IOException
        {
            return channel.size();
        }

        public FileChannel truncate(final long size) throws IOException
        {
            checkWrite();
            channel.truncate(size);
            return this;
        }

        public void force(final boolean metaData) throws IOException
        {
            checkWrite();
            channel.force(metaData);
        }

        public FileLock tryLock(final long position, final long size, final boolean shared) throws IOException
        {
            return channel.tryLock(position, size, shared);
        }

        protected void implCloseChannel() throws IOException
        {
            channel.close();
        }
    }
}
