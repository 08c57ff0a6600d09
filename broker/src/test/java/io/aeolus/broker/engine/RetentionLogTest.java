package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention log's ring, its time-ordered sequences and its window.
 */
@Timeout(30)
class RetentionLogTest
{
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void shouldKeepPublicationOrderWhenTheRingGrowsWrappedAround()
    {
        final RetentionLog log = log(0, 0);
        for (int i = 0; i < 50; i++)
        {
            log.add(message(i), log.nextSequence(T0 + i));
        }
        for (int i = 0; i < 40; i++)
        {
            log.removeFirst();
        }

        for (int i = 50; i < 200; i++)
        {
            log.add(message(i), log.nextSequence(T0 + i));
        }

        assertEquals(160, log.size());
        for (int i = 0; i < log.size(); i++)
        {
            assertEquals(40 + i, log.message(i).messageId());
            assertEquals(T0 + 40 + i, RetentionLog.timeOf(log.sequence(i)));
        }
    }

    @Test
    void shouldNumberMessagesInOrderEvenWhenTheClockGoesBack()
    {
        final RetentionLog log = log(0, 0);
        log.add(message(1), log.nextSequence(T0 + 10));
        log.add(message(2), log.nextSequence(T0 + 10));
        log.add(message(3), log.nextSequence(T0 + 5));

        assertTrue(log.sequence(0) < log.sequence(1) && log.sequence(1) < log.sequence(2));
        assertEquals(T0 + 10, RetentionLog.timeOf(log.sequence(2)));
    }

    @Test
    void shouldFindTheFirstMessageAtOrAfterATime()
    {
        final RetentionLog log = log(0, 0);
        for (int i = 0; i < 10; i++)
        {
            log.add(message(i), log.nextSequence(T0 + 100L * i));
        }

        assertEquals(0, log.indexOfTime(Long.MIN_VALUE));
        assertEquals(0, log.indexOfTime(T0));
        assertEquals(3, log.indexOfTime(T0 + 201));
        assertEquals(3, log.indexOfTime(T0 + 300));
        assertEquals(10, log.indexOfTime(T0 + 901));
        assertEquals(10, log.indexOfTime(Long.MAX_VALUE));
    }

    @Test
    void shouldSayWhenTheOldestFallsOutOfTheWindowByTimeOrSize()
    {
        final RetentionLog byTime = log(1000, 0);
        byTime.add(message(1), byTime.nextSequence(T0));
        final RetentionLog bySize = log(0, 1);
        bySize.add(message(1), bySize.nextSequence(T0));
        final RetentionLog empty = log(1000, 1);

        assertFalse(byTime.isHeadDue(T0 + 999));
        assertTrue(byTime.isHeadDue(T0 + 1000));
        assertTrue(bySize.isHeadDue(T0));
        assertFalse(empty.isHeadDue(T0 + 5000));
    }

    private static RetentionLog log(final long retentionMs, final long retentionBytes)
    {
        final DestinationPolicy policy = new DestinationPolicy(0, 1.0, 0, 0, "", "", 0, MemoryLimitPolicy.BLOCK, true,
            "", retentionMs, retentionBytes);
        return new RetentionLog("events", policy, null);
    }

    private static BrokerMessage message(final long id)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = new ReplayWorkload.Message("events", "m" + id).topic().encode(buffer, 1, T0);
        return BrokerMessage.decode(id, buffer, 0, length);
    }
}
