package io.aeolus.console.tasks;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatestValueCoalescerTest
{
    private final Queue<Runnable> uiQueue = new ArrayDeque<>();
    private final List<Integer> applied = new ArrayList<>();
    private final LatestValueCoalescer<Integer> coalescer = new LatestValueCoalescer<>(uiQueue::add, applied::add);

    @Test
    void shouldScheduleOneUiRunnableForABurstAndApplyOnlyTheLatest()
    {
        for (int i = 0; i < 1_000; i++)
        {
            coalescer.offer(i);
        }

        assertEquals(1, uiQueue.size());
        uiQueue.poll().run();

        assertEquals(List.of(999), applied);
    }

    @Test
    void shouldScheduleAgainAfterTheUiThreadDrained()
    {
        coalescer.offer(1);
        uiQueue.poll().run();

        coalescer.offer(2);

        assertEquals(1, uiQueue.size());
        uiQueue.poll().run();
        assertEquals(List.of(1, 2), applied);
    }
}
