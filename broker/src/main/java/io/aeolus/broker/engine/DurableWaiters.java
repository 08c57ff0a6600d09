package io.aeolus.broker.engine;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Who waits for which durable position: a persistent send's Ok, a commit's Ok, a management reply. The
 * {@link Durability} reports positions as engine inputs; callbacks run then, in the order they were registered.
 */
final class DurableWaiters
{
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private long durable;
    private String failure;

    /**
     * @return what made the durable store fail, null while it works.
     */
    String failure()
    {
        return failure;
    }

    /**
     * Runs a callback once a position is durable.
     *
     * @param position  a position from {@link Durability#append}, 0 for nothing to wait for.
     * @param onDurable runs when durable.
     * @param onFailed  runs instead if the store failed before that.
     */
    void whenDurable(final long position, final Runnable onDurable, final Consumer<String> onFailed)
    {
        if (position <= durable)
        {
            onDurable.run();
        }
        else if (null != failure)
        {
            onFailed.accept(failure);
        }
        else
        {
            waiters.addLast(new Waiter(position, onDurable, onFailed));
        }
    }

    void onDurable(final long position)
    {
        durable = Math.max(durable, position);
        Waiter waiter;
        while (null != (waiter = waiters.peekFirst()) && waiter.position <= durable)
        {
            waiters.pollFirst();
            waiter.onDurable.run();
        }
    }

    void onFailed(final long durablePosition, final String failure)
    {
        this.failure = failure;
        durable = Math.max(durable, durablePosition);
        Waiter waiter;
        while (null != (waiter = waiters.pollFirst()))
        {
            if (waiter.position <= durable)
            {
                waiter.onDurable.run();
            }
            else
            {
                waiter.onFailed.accept(failure);
            }
        }
    }

    int size()
    {
        return waiters.size();
    }

    private record Waiter(long position, Runnable onDurable, Consumer<String> onFailed)
    {
    }
}
