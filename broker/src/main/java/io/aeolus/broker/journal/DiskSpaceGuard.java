package io.aeolus.broker.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Keeps persistent sends off a disk that is about to fill: while the journal's file system has less usable space than
 * the minimum, {@link #refusal(int)} says why, and the broker refuses persistent sends with it instead of letting H2
 * hit "no space left on device" (which fails the journal for good). Once space is freed, sends are accepted again:
 * nothing failed, so there is nothing to recover.
 * <p>
 * The usable space is sampled (one statfs call) at most every {@link #SAMPLE_INTERVAL_NS} while the disk has plenty of
 * room. Between samples every accepted message reserves an estimate of what journaling it will write
 * ({@value #BYTES_PER_PAYLOAD_BYTE} times its length plus {@value #BYTES_PER_COMMAND} bytes: the row, its index
 * entries and H2's copy-on-write chunks), so a burst of sends within one interval cannot fill the disk unseen.
 * Once that estimate comes within {@link #NEAR_FACTOR} times the minimum, every send samples again. Conductor thread
 * only.
 */
public final class DiskSpaceGuard
{
    /** How long a sample of the free space is believed while far from the minimum. */
    static final long SAMPLE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Bytes the journal is assumed to write per byte of message. */
    static final int BYTES_PER_PAYLOAD_BYTE = 4;
    /** Bytes the journal is assumed to write per command besides the message. */
    static final int BYTES_PER_COMMAND = 512;
    /** Below this many times the minimum (estimated), every send samples the free space. */
    static final int NEAR_FACTOR = 2;

    private final Path directory;
    private final long minFreeBytes;
    private final String optionName;
    private final FreeSpace freeSpace;
    private final TimeSource clock;
    private long sampledAtNs;
    private boolean sampled;
    private long sampledFreeBytes;
    private long reservedBytes;
    private String failure;
    private long samples;

    /**
     * Where the usable space comes from: the file system, or a test's fake.
     */
    @FunctionalInterface
    public interface FreeSpace
    {
        /**
         * @param directory the journal's directory.
         * @return usable bytes on its file system.
         * @throws IOException if it cannot be read.
         */
        long usableBytes(Path directory) throws IOException;
    }

    /**
     * A nanosecond clock, injected so tests can move time.
     */
    @FunctionalInterface
    public interface TimeSource
    {
        /**
         * @return nanoseconds from an arbitrary origin.
         */
        long nanoTime();
    }

    /**
     * @param directory    where the journal's files are.
     * @param minFreeBytes the least usable space to keep; above zero.
     * @param optionName   the option that set it, for the refusal's text.
     */
    public DiskSpaceGuard(final Path directory, final long minFreeBytes, final String optionName)
    {
        this(directory, minFreeBytes, optionName, (dir) -> Files.getFileStore(dir).getUsableSpace(), System::nanoTime);
    }

    /**
     * @param directory    where the journal's files are.
     * @param minFreeBytes the least usable space to keep; above zero.
     * @param optionName   the option that set it, for the refusal's text.
     * @param freeSpace    reads the usable space.
     * @param clock        the time, for the sampling interval.
     */
    public DiskSpaceGuard(final Path directory, final long minFreeBytes, final String optionName,
        final FreeSpace freeSpace, final TimeSource clock)
    {
        if (minFreeBytes <= 0)
        {
            throw new IllegalArgumentException(optionName + ": must be above zero for a guard, got " + minFreeBytes);
        }
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.optionName = optionName;
        this.freeSpace = freeSpace;
        this.clock = clock;
    }

    /**
     * Asks whether a persistent message of this length may be journaled and, if it may, reserves its estimate until
     * the next sample.
     *
     * @param messageLength the message's encoded length in bytes; 0 for a command without a message.
     * @return null while the disk has room for it, else why persistent sends are refused.
     */
    public String refusal(final int messageLength)
    {
        final long nowNs = clock.nanoTime();
        final boolean near = estimatedFreeBytes() < NEAR_FACTOR * minFreeBytes;
        if (!sampled || near || null != failure || nowNs - sampledAtNs >= SAMPLE_INTERVAL_NS)
        {
            sample(nowNs);
        }
        if (null != failure)
        {
            return failure;
        }
        final long estimate = estimate(messageLength);
        final long free = estimatedFreeBytes();
        if (free - estimate < minFreeBytes)
        {
            return "the journal's disk is full: " + free + " bytes free in " + directory +
                " (estimated from the last sample), below " + optionName + " (" + minFreeBytes +
                ") once this message is written; persistent messages are refused until space is freed";
        }
        reservedBytes += estimate;
        return null;
    }

    /**
     * @return the usable space at the last sample minus what was reserved since.
     */
    long estimatedFreeBytes()
    {
        return sampledFreeBytes - reservedBytes;
    }

    /**
     * @return how many times the free space was read.
     */
    long samples()
    {
        return samples;
    }

    /**
     * @param messageLength a message's encoded length.
     * @return what journaling it is assumed to write.
     */
    static long estimate(final int messageLength)
    {
        return (long)BYTES_PER_PAYLOAD_BYTE * Math.max(0, messageLength) + BYTES_PER_COMMAND;
    }

    private void sample(final long nowNs)
    {
        sampled = true;
        sampledAtNs = nowNs;
        reservedBytes = 0;
        samples++;
        try
        {
            sampledFreeBytes = freeSpace.usableBytes(directory);
            failure = null;
        }
        catch (final IOException ex)
        {
            sampledFreeBytes = 0;
            failure = "the journal's disk cannot be checked (" + directory + "): " + ex.getMessage();
        }
    }
}
