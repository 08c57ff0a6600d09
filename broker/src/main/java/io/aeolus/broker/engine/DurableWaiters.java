package io.aeolus.broker.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        whenDurable(position, onDurable, onFailed, null);
    }

    /**
     * Answers a client once a position is durable; unlike a callback, such an answer can be snapshotted.
     *
     * @param position a position from {@link Durability#append}, 0 for nothing to wait for.
     * @param reply    the answer.
     */
    void whenDurable(final long position, final DurableReply reply)
    {
        whenDurable(position, reply::onDurable, reply::onFailed, reply);
    }

    private void whenDurable(final long position, final Runnable onDurable, final Consumer<String> onFailed,
        final DurableReply reply)
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
            waiters.addLast(new Waiter(position, onDurable, onFailed, reply));
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

    long durable()
    {
        return durable;
    }

    /**
     * @return the answers waiting, in order, with their positions; for a snapshot.
     * @throws IllegalStateException if a callback (a management reply) waits: it cannot be snapshotted.
     */
    List<Map.Entry<Long, DurableReply>> replies()
    {
        final List<Map.Entry<Long, DurableReply>> replies = new ArrayList<>(waiters.size());
        for (final Waiter waiter : waiters)
        {
            if (null == waiter.reply)
            {
                throw new IllegalStateException("a management reply waits for durable position " + waiter.position +
                    ": take the snapshot once it is answered");
            }
            replies.add(Map.entry(waiter.position, waiter.reply));
        }
        return replies;
    }

    /**
     * Restores a snapshot's state into empty waiters.
     */
    void restore(final long durable, final String failure, final List<Map.Entry<Long, DurableReply>> replies)
    {
        this.durable = durable;
        this.failure = failure;
        waiters.clear();
        for (final Map.Entry<Long, DurableReply> reply : replies)
        {
            final DurableReply answer = reply.getValue();
            waiters.addLast(new Waiter(reply.getKey(), answer::onDurable, answer::onFailed, answer));
        }
    }

    private record Waiter(long position, Runnable onDurable, Consumer<String> onFailed, DurableReply reply)
    {
    }
}
