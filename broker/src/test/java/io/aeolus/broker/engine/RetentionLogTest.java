package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MemoryLimitPolicy;
import io.aeolus.store.StoredReference;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention log's ring, its time-ordered sequences and its window; its paged reader of the messages it holds by
 * reference.
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

    @Test
    void shouldHoldJournaledMessagesByReferenceAndReadThemAPageAtATime()
    {
        final RetentionLog log = log(0, 0);
        for (int i = 0; i < 10; i++)
        {
            final BrokerMessage message = message(i);
            log.addReference(i, log.nextSequence(T0), message.encodedLength(), 0);
        }
        log.add(message(10), log.nextSequence(T0));

        assertTrue(log.isByReference(0));
        assertEquals(10L * message(0).encodedLength(), log.bytes() - log.memoryBytes());
        assertEquals(message(10).encodedLength(), log.memoryBytes());
        assertNull(log.read(0), "not read yet");
        assertEquals(log.sequence(0) - 1, log.page.wantedAfter(), "the page from the first is wanted");
        assertEquals(10, log.read(10).messageId(), "held in memory: no page needed");

        log.page.asked(log.lastSequence(), 4);
        log.onPage(references(log, 0, 4));

        for (int i = 0; i < 4; i++)
        {
            assertEquals(i, log.read(i).messageId());
        }
        assertEquals(log.sequence(3), log.page.wantedAfter(), "the last of a full page asks for the next");
        assertNull(log.read(4));
        log.page.asked(log.lastSequence(), 4);
        log.onPage(references(log, 4, 8));
        assertEquals(4, log.read(4).messageId());
        assertNull(log.read(0), "the page before was replaced");
    }

    @Test
    void shouldMarkAMessageThePageCoversButDoesNotHoldAsExpired()
    {
        final RetentionLog log = log(0, 0);
        for (int i = 0; i < 5; i++)
        {
            log.addReference(i, log.nextSequence(T0), message(i).encodedLength(), 0);
        }
        assertNull(log.read(0));
        log.page.asked(log.lastSequence(), 10);
        final List<StoredReference> page = new ArrayList<>(references(log, 0, 5));
        page.remove(2);

        log.onPage(page);

        assertFalse(log.isExpired(1, T0));
        assertTrue(log.isExpired(2, T0), "lost from the journal: passed by as expired");
        assertTrue(log.isHeadDue(T0) == log.isExpired(0, T0), "the head is not lost");
        assertEquals(3, log.read(3).messageId());
    }

    @Test
    void shouldLetAnUnusedPageGoAtTheEndOfATick()
    {
        final RetentionLog log = log(0, 0);
        log.addReference(0, log.nextSequence(T0), message(0).encodedLength(), 0);
        assertNull(log.read(0));
        log.page.asked(log.lastSequence(), 4);
        log.onPage(references(log, 0, 1));

        log.page.endTick();
        assertEquals(1, log.page.count(), "kept for the tick after it came");
        log.page.endTick();
        assertEquals(0, log.page.count(), "no reader used it");
    }

    @Test
    void shouldDropTheOldestWhenMessagesHeldInMemoryGoOverTheMemoryLimit()
    {
        final int length = message(0).encodedLength();
        final DestinationPolicy policy = new DestinationPolicy(0, 1.0, 0, 0, "", "", 3L * length,
            MemoryLimitPolicy.BLOCK, true, "", 3_600_000, 0);
        final RetentionLog log = new RetentionLog("events", policy, null);
        for (int i = 0; i < 3; i++)
        {
            log.add(message(i), log.nextSequence(T0));
        }
        assertFalse(log.isHeadDue(T0));
        log.addReference(3, log.nextSequence(T0), length, 0);
        assertFalse(log.isHeadDue(T0), "a message held by reference takes no memory");

        log.add(message(4), log.nextSequence(T0));

        assertTrue(log.isOverMemoryLimit());
        assertTrue(log.isHeadDue(T0));
        log.removeFirst();
        assertFalse(log.isHeadDue(T0));
    }

    private static List<StoredReference> references(final RetentionLog log, final int from, final int to)
    {
        final List<StoredReference> references = new ArrayList<>();
        for (int i = from; i < to; i++)
        {
            final byte[] payload = message(i).encodedBytes();
            references.add(new StoredReference(log.sequence(i), i, 0, 4, 0, 0, payload));
        }
        return references;
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
