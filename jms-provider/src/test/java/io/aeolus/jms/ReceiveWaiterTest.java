package io.aeolus.jms;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class ReceiveWaiterTest
{
    /** Far longer than any test's deadline: a waiter that returns was woken, not timed out. */
    private static final long LONG_WAIT_NS = TimeUnit.SECONDS.toNanos(60);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();
    private final ReceiveWaiter waiter = new ReceiveWaiter(lock, condition);
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int state;

    @AfterEach
    void tearDown()
    {
        threads.shutdownNow();
    }

    private Future<Integer> awaitState(final int expected)
    {
        return threads.submit(() ->
        {
            lock.lock();
            try
            {
                while (state < expected)
                {
                    waiter.awaitNanos(LONG_WAIT_NS);
                }
                return state;
            }
            finally
            {
                lock.unlock();
            }
        });
    }

    private void change(final int newState)
    {
        lock.lock();
        try
        {
            state = newState;
            waiter.signalAll();
        }
        finally
        {
            lock.unlock();
        }
    }

    private void awaitParkedWaiter() throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waiter.hasParkedWaiter())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "no thread parked within 10 s");
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldWakeTheParkedWaiterWhenTheStateChanges() throws Exception
    {
        final Future<Integer> result = awaitState(1);
        awaitParkedWaiter();

        change(1);

        assertEquals(1, result.get(10, TimeUnit.SECONDS));
        assertFalse(waiter.hasParkedWaiter());
    }

    @Test
    void shouldLoseNoWakeUpOverManyChanges() throws Exception
    {
        final int rounds = 2_000;
        final Future<Integer> result = threads.submit(() ->
        {
            for (int i = 1; i <= rounds; i++)
            {
                lock.lock();
                try
                {
                    while (state < i)
                    {
                        waiter.awaitNanos(LONG_WAIT_NS);
                    }
                }
                finally
                {
                    lock.unlock();
                }
            }
            return state;
        });

        for (int i = 1; i <= rounds; i++)
        {
            change(i);
            if ((i & 63) == 0)
            {
                Thread.yield();
            }
        }

        assertEquals(rounds, result.get(20, TimeUnit.SECONDS));
    }

    @Test
    void shouldWakeTheParkedWaiterOnceTheLockIsReleased() throws Exception
    {
        final Future<Integer> result = awaitState(1);
        awaitParkedWaiter();

        lock.lock();
        state = 1;
        waiter.signalAllAndUnlock();

        assertFalse(lock.isHeldByCurrentThread());
        assertEquals(1, result.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldWakeASecondWaiterThroughTheCondition() throws Exception
    {
        final Future<Integer> first = awaitState(1);
        awaitParkedWaiter();
        final Future<Integer> second = awaitState(1);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!hasConditionWaiter())
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "second thread not waiting within 10 s");
            Thread.onSpinWait();
        }

        change(1);

        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertEquals(1, second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shouldThrowInterruptedExceptionWhenTheWaiterIsInterrupted() throws Exception
    {
        final Future<Boolean> result = threads.submit(() ->
        {
            lock.lock();
            try
            {
                assertThrows(InterruptedException.class, () -> waiter.awaitNanos(LONG_WAIT_NS));
                return lock.isHeldByCurrentThread() && !Thread.currentThread().isInterrupted();
            }
            finally
            {
                lock.unlock();
            }
        });
        awaitParkedWaiter();

        threads.shutdownNow();

        assertTrue(result.get(10, TimeUnit.SECONDS), "the lock is held again and the interrupt is reported once");
    }

    @Test
    void shouldReturnAfterTheTimeoutWithoutASignal() throws Exception
    {
        lock.lock();
        try
        {
            waiter.awaitNanos(TimeUnit.MILLISECONDS.toNanos(1));

            assertTrue(lock.isHeldByCurrentThread());
            assertFalse(waiter.hasParkedWaiter());
        }
        finally
        {
            lock.unlock();
        }
    }

    private boolean hasConditionWaiter()
    {
        lock.lock();
        try
        {
            return lock.hasWaiters(condition);
        }
        finally
        {
            lock.unlock();
        }
    }
}
