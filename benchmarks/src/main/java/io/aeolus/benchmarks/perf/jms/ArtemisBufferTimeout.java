package io.aeolus.benchmarks.perf.jms;

import io.aeolus.transport.TransportConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The journal buffer timeout of {@code artemis-tuned}: what {@code artemis create} would write into
 * {@code broker.xml} for this disk. Like its {@code perf-journal}, it times sequential 4 KiB writes each followed by a
 * forced write ({@code force(false)}, the NIO journal's sync) in a preallocated file in {@code java.io.tmpdir}, where
 * the tool puts Artemis's journal, and takes the time of one such write: the fastest of a few tries. Or a fixed
 * duration ({@code 500us}). Static and stateless.
 */
public final class ArtemisBufferTimeout
{
    /** The value that asks for a measurement. */
    public static final String MEASURE = "measure";

    private static final int BLOCK = 4096;
    private static final int WRITES = 250;
    private static final int TRIES = 5;

    private ArtemisBufferTimeout()
    {
    }

    /**
     * Checks the option's value.
     *
     * @param value {@value #MEASURE} or a duration such as {@code 500us}.
     * @return the duration in nanoseconds, or -1 for {@value #MEASURE}.
     * @throws IllegalArgumentException naming the option if it is neither.
     */
    public static long parse(final String value)
    {
        if (MEASURE.equals(value))
        {
            return -1;
        }
        final long ns = TransportConfiguration.parseDurationNs("--artemis-buffer-timeout", value, -1);
        if (ns <= 0 || ns > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("--artemis-buffer-timeout: expected 'measure' or a duration between " +
                "1ns and 2s, e.g. 500us; got '" + value + "'");
        }
        return ns;
    }

    /**
     * @param value {@value #MEASURE} or a duration.
     * @return the timeout in nanoseconds, measured on this disk if asked.
     */
    public static long resolve(final String value)
    {
        final long ns = parse(value);
        return ns > 0 ? ns : measure(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * Times forced 4 KiB writes in a file under a directory.
     *
     * @param dir where the file goes (the disk of the journal).
     * @return nanoseconds per forced write, the fastest of the tries.
     */
    public static long measure(final Path dir)
    {
        Path file = null;
        try
        {
            file = Files.createTempFile(dir, "aeolus-perf-sync", ".tmp");
            final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
            long best = Long.MAX_VALUE;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                for (long position = 0; position < (long)BLOCK * WRITES; position += BLOCK)
                {
                    block.clear();
                    channel.write(block, position);
                }
                channel.force(true);
                for (int t = 0; t < TRIES; t++)
                {
                    final long startNs = System.nanoTime();
                    for (int i = 0; i < WRITES; i++)
                    {
                        block.clear();
                        block.put(0, (byte)i);
                        channel.write(block, (long)i * BLOCK);
                        channel.force(false);
                    }
                    best = Math.min(best, (System.nanoTime() - startNs) / WRITES);
                }
            }
            return Math.max(1, best);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot time forced writes in " + dir, ex);
        }
        finally
        {
            if (null != file)
            {
                try
                {
                    Files.deleteIfExists(file);
                }
                catch (final IOException ex)
                {
                    System.err.println("aeolus-perf: cannot delete " + file + ": " + ex);
                }
            }
        }
    }
}
