package io.aeolus.broker.destination;

import io.aeolus.transport.codecs.DestinationType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class DeliverySchedulerTest
{
    private static final long START_MS = 1_700_000_000_000L;

    private final MessageQueue queue = new MessageQueue("q", null, DestinationType.QUEUE, DestinationPolicy.DEFAULT);
    private final DeliveryScheduler scheduler = new DeliveryScheduler(START_MS);

    private QueueEntry scheduled(final long deadlineMs, final long nowMs)
    {
        final QueueEntry entry = queue.addScheduled(TestMessages.message("m", 4), 0);
        scheduler.schedule(entry, deadlineMs, nowMs);
        return entry;
    }

    @Test
    void shouldReleaseAnEntryAtItsDeadlineAndNotBefore()
    {
        final QueueEntry entry = scheduled(START_MS + 1000, START_MS);

        final List<QueueEntry> early = new ArrayList<>(scheduler.poll(START_MS + 999, 100));
        final List<QueueEntry> due = new ArrayList<>(scheduler.poll(START_MS + 1000, 100));

        assertTrue(early.isEmpty());
        assertEquals(List.of(entry), due);
        assertEquals(0, scheduler.size());
    }

    @Test
    void shouldCatchUpWithAClockThatJumped()
    {
        final QueueEntry first = scheduled(START_MS + 10, START_MS);
        final QueueEntry second = scheduled(START_MS + 20_000, START_MS);

        final List<QueueEntry> due = new ArrayList<>();
        for (int i = 0; i < 10 && due.size() < 2; i++)
        {
            due.addAll(scheduler.poll(START_MS + 30_000, 100));
        }

        assertEquals(2, due.size());
        assertTrue(due.contains(first) && due.contains(second));
    }

    @Test
    void shouldNeverReleaseACancelledEntry()
    {
        final QueueEntry entry = scheduled(START_MS + 100, START_MS);

        scheduler.cancel(entry);

        assertTrue(scheduler.poll(START_MS + 1000, 100).isEmpty());
        assertEquals(0, scheduler.size());
    }

    @Test
    void shouldReleaseAPastDeadlineAtTheNextPoll()
    {
        final QueueEntry entry = scheduled(START_MS - 5000, START_MS);

        assertEquals(List.of(entry), new ArrayList<>(scheduler.poll(START_MS, 100)));
    }
}
