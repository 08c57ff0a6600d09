package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.DestinationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Timeout(10)
class EntryListTest
{
    private final MessageQueue queue = new MessageQueue("q", null, DestinationType.QUEUE, DestinationPolicy.DEFAULT);
    private final EntryList list = new EntryList();

    private QueueEntry entry(final long sequence)
    {
        return new QueueEntry(TestMessages.message("m" + sequence, 4), queue, sequence, 0);
    }

    private List<Long> sequences()
    {
        final List<Long> sequences = new ArrayList<>();
        for (QueueEntry entry = list.head(); null != entry; entry = entry.next)
        {
            sequences.add(entry.sequence);
        }
        return sequences;
    }

    @Test
    void shouldInsertEntriesPutBackAtTheirPlaceByArrival()
    {
        for (final long sequence : new long[]{2, 4, 6, 8})
        {
            list.addLast(entry(sequence));
        }

        list.insertInOrder(entry(1));
        list.insertInOrder(entry(9));
        list.insertInOrder(entry(3));
        list.insertInOrder(entry(7));

        assertEquals(List.of(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L), sequences());
        assertEquals(8, list.size());
    }

    @Test
    void shouldMoveTheScanCursorOnWhenItsEntryIsRemoved()
    {
        final QueueEntry first = entry(1);
        final QueueEntry second = entry(2);
        final QueueEntry third = entry(3);
        list.addLast(first);
        list.addLast(second);
        list.addLast(third);
        list.startScan();
        list.nextScanned();

        list.remove(second);

        assertEquals(third, list.nextScanned());
        assertNull(list.nextScanned());
        assertEquals(List.of(1L, 3L), sequences());
    }
}
