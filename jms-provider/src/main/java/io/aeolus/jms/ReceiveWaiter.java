package io.aeolus.jms;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a thread in {@code receive} waits for its consumer's state to change, without the queue node that
 * {@link Condition#awaitNanos(long)} allocates per wait: the thread parks itself, having noted itself here, and
 * whoever changes the state, holding the same lock, unparks it. Only one thread at a time waits that way; a second
 * one waiting at the same time (JMS does not let two threads receive in one session, but an application may) waits on
 * the condition, which every {@link #signalAll()} signals too.
 * <p>
 * No wake-up is lost: the waiter notes itself while holding the lock and parks after releasing it, so a state change
 * made after the waiter's last check (it needs the lock) finds it noted and unparks it; an unpark that comes before
 * the park lets the park return at once. A stray unpark only makes a later wait return early, and every caller checks
 * its state again after a wait. Every method is called with the lock held.
 */
final class ReceiveWaiter
{
    private final ReentrantLock lock;
    private final Condition condition;
    /** Written with the lock held: the thread parked (or about to park) in {@link #awaitNanos(long)}, if any. */
    private volatile Thread parked;

    ReceiveWaiter(final ReentrantLock lock, final Condition condition)
    {
        this.lock = lock;
        this.condition = condition;
    }

    /**
     * Waits until signalled, interrupted or at most {@code waitNs}, or returns early without a reason (callers check
     * their state again). Releases the lock while waiting and holds it again on return. Allocates nothing for the one
     * thread that waits at a time.
     *
     * @param waitNs the longest wait in nanoseconds.
     * @throws InterruptedException if the thread is interrupted before or while waiting; its flag is then cleared.
     */
    void awaitNanos(final long waitNs) throws InterruptedException
    {
        if (null != parked)
        {
            condition.awaitNanos(waitNs);
            return;
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        final Thread self = Thread.currentThread();
        parked = self;
        lock.unlock();
        try
        {
            LockSupport.parkNanos(this, waitNs);
        }
        finally
        {
            lock.lock();
            if (self == parked)
            {
                parked = null;
            }
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
    }

    /**
     * The state changed: wakes the parked waiter and every thread waiting on the condition. Lock held.
     */
    void signalAll()
    {
        condition.signalAll();
        final Thread thread = takeParked();
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * As {@link #signalAll()} followed by releasing the lock, but the parked waiter is unparked only once the lock is
     * free: unparked while the lock is still held, it would wake only to find the lock taken and park again on it,
     * two wake-ups (and a queue node) per delivery instead of one. Lock held on entry, released on return.
     */
    void signalAllAndUnlock()
    {
        condition.signalAll();
        final Thread thread = takeParked();
        lock.unlock();
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * The waiter is woken once: later changes before it has the lock again find no one to unpark, so that a burst of
     * deliveries costs one unpark, not one each (and leaves no stray permits behind).
     */
    private Thread takeParked()
    {
        final Thread thread = parked;
        if (null != thread)
        {
            parked = null;
        }
        return thread;
    }

    /**
     * @return true while a thread waits parked here (for tests).
     */
    boolean hasParkedWaiter()
    {
        return null != parked;
    }
}
