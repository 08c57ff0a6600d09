package io.aeolus.broker.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Keeps persistent sends off a disk that is about to fill: while the journal's file system has less usable space than
 * the minimum, {@link #refusal()} says why, and the broker refuses persistent sends with it instead of letting H2 hit
 * "no space left on device" (which fails the journal for good). Once space is freed, sends are accepted again: nothing
 * failed, so there is nothing to recover.
 * <p>
 * The usable space is sampled (one statfs call) at most every {@link #SAMPLE_INTERVAL_NS}, and only when asked, so a
 * stream of sends costs one system call per interval. Conductor thread only.
 */
public final class DiskSpaceGuard
{
    /** How long a sample of the free space is believed. */
    static final long SAMPLE_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Path directory;
    private final long minFreeBytes;
    private final String optionName;
    private long sampledAtNs;
    private boolean sampled;
    private String refusal;

    /**
     * @param directory    where the journal's files are.
     * @param minFreeBytes the least usable space to keep; above zero.
     * @param optionName   the option that set it, for the refusal's text.
     */
    public DiskSpaceGuard(final Path directory, final long minFreeBytes, final String optionName)
    {
        if (minFreeBytes <= 0)
        {
            throw new IllegalArgumentException(optionName + ": must be above zero for a guard, got " + minFreeBytes);
        }
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.optionName = optionName;
    }

    /**
     * @return null while the disk has room, else why persistent sends are refused.
     */
    public String refusal()
    {
        final long nowNs = System.nanoTime();
        if (!sampled || nowNs - sampledAtNs >= SAMPLE_INTERVAL_NS)
        {
            sampled = true;
            sampledAtNs = nowNs;
            refusal = sample();
        }
        return refusal;
    }

    private String sample()
    {
        try
        {
            final long usable = Files.getFileStore(directory).getUsableSpace();
            if (usable >= minFreeBytes)
            {
                return null;
            }
            return "the journal's disk is full: " + usable + " bytes free in " + directory + ", below " +
                optionName + " (" + minFreeBytes + "); persistent messages are refused until space is freed";
        }
        catch (final IOException ex)
        {
            return "the journal's disk cannot be checked (" + directory + "): " + ex.getMessage();
        }
    }
}
