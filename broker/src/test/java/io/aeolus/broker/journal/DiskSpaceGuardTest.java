package io.aeolus.broker.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DiskSpaceGuardTest
{
    private static final long MIB = 1L << 20;
    private static final Path DIRECTORY = Path.of("/journal");
    private static final String OPTION = "aeolus.broker.journal.min.free.disk";

    private long freeBytes;
    private long nowNs = 1_000;
    private IOException readFailure;

    private final DiskSpaceGuard guard = new DiskSpaceGuard(DIRECTORY, 8 * MIB, OPTION, (directory) ->
    {
        if (null != readFailure)
        {
            throw readFailure;
        }
        return freeBytes;
    }, () -> nowNs);

    @Test
    void shouldReserveAnEstimatePerSendBetweenSamples()
    {
        freeBytes = 100 * MIB;
        final int messageLength = 2000;

        for (int i = 0; i < 50; i++)
        {
            assertNull(guard.refusal(messageLength));
        }

        assertEquals(1, guard.samples(), "far from the minimum the disk is read once per interval");
        assertEquals(4 * messageLength + 512, DiskSpaceGuard.estimate(messageLength));
        assertEquals(100 * MIB - 50 * DiskSpaceGuard.estimate(messageLength), guard.estimatedFreeBytes());
    }

    @Test
    void shouldNeverLetTheDiskFillWhenSendsComeFasterThanTheSampleInterval()
    {
        freeBytes = 12 * MIB;
        final int messageLength = 2000;
        final long writtenPerMessage = 10L * messageLength;   // more than the estimate: H2 rewrites chunks

        int accepted = 0;
        while (null == guard.refusal(messageLength))
        {
            accepted++;
            freeBytes -= writtenPerMessage;   // the journal writes it; no time passes
            assertTrue(accepted < 100_000, "never refused");
        }

        assertTrue(accepted > 0);
        assertTrue(freeBytes >= 8 * MIB - writtenPerMessage, "the disk went " + (8 * MIB - freeBytes) +
            " bytes below the minimum after " + accepted + " sends");
    }

    @Test
    void shouldSampleOnEverySendOnceNearTheMinimum()
    {
        freeBytes = 10 * MIB;
        assertNull(guard.refusal(1000));
        final long before = guard.samples();

        assertNull(guard.refusal(1000));
        assertNull(guard.refusal(1000));

        assertEquals(before + 2, guard.samples(), "near the minimum every send looks at the disk");
    }

    @Test
    void shouldRefuseAsSoonAsTheDiskFillsBetweenTwoSendsNearTheMinimum()
    {
        freeBytes = 9 * MIB;
        assertNull(guard.refusal(2000));

        freeBytes = 7 * MIB;   // H2 wrote a large chunk: no time passed
        final String refusal = guard.refusal(2000);

        assertNotNull(refusal, "accepted a send with less than the minimum free");
        assertTrue(refusal.contains("disk is full") && refusal.contains(DIRECTORY.toString()) &&
            refusal.contains(OPTION), refusal);
    }

    @Test
    void shouldSampleOnlyOncePerIntervalFarFromTheMinimum()
    {
        freeBytes = 10_000 * MIB;
        for (int i = 0; i < 100; i++)
        {
            assertNull(guard.refusal(1000));
        }
        assertEquals(1, guard.samples());

        nowNs += DiskSpaceGuard.SAMPLE_INTERVAL_NS;
        assertNull(guard.refusal(1000));

        assertEquals(2, guard.samples());
    }

    @Test
    void shouldAcceptAgainOnceSpaceIsFreed()
    {
        freeBytes = 4 * MIB;
        assertNotNull(guard.refusal(100));

        freeBytes = 100 * MIB;

        assertNull(guard.refusal(100), "a refusal is not kept once the disk has room");
    }

    @Test
    void shouldRefuseWithTheReasonWhenTheFreeSpaceCannotBeRead()
    {
        readFailure = new IOException("no such file system");

        final String refusal = guard.refusal(100);

        assertNotNull(refusal);
        assertTrue(refusal.contains("cannot be checked") && refusal.contains("no such file system"), refusal);
    }

    @Test
    void shouldRejectAMinimumThatIsNotAboveZero()
    {
        final IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> new DiskSpaceGuard(DIRECTORY, 0, OPTION));

        assertTrue(ex.getMessage().contains(OPTION), ex.getMessage());
    }
}
