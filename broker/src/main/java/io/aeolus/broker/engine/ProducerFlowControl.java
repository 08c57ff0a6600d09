package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.Topic;

import java.util.ArrayList;

/**
 * Producer flow control for destinations over their memory limit under {@code MemoryLimitPolicy.BLOCK}.
 * <p>
 * A send to such a destination is taken, but its producer is told to wait ({@code ProducerCredit{blocked=TRUE}},
 * once per producer and destination) and the {@code Ok} of a confirmed send is withheld, so a synchronous send
 * blocks. Every duty cycle the blocked destinations are looked at; one that fell below its limit (messages
 * acknowledged, expired, dead-lettered, or the destination deleted) gets its withheld {@code Ok}s sent in the order
 * of the sends and its producers told to go on ({@code ProducerCredit{blocked=FALSE}}). The list is usually empty,
 * so the check costs nothing. Conductor thread only.
 */
final class ProducerFlowControl
{
    private final ArrayList<BlockedDestination> blocked = new ArrayList<>();

    /**
     * Withholds a send's confirmation until the destination is below its limit.
     *
     * @param queue         the full queue, or null for a topic.
     * @param topic         the full topic, or null for a queue.
     * @param connection    the producer's connection.
     * @param producerId    the producer.
     * @param correlationId the send's correlation id, 0 if it wants no confirmation.
     */
    void onBlockedSend(
        final MessageQueue queue,
        final Topic topic,
        final EngineConnection connection,
        final long producerId,
        final long correlationId)
    {
        BlockedDestination destination = null;
        for (int i = 0, size = blocked.size(); i < size; i++)
        {
            final BlockedDestination candidate = blocked.get(i);
            if (candidate.queue == queue && candidate.topic == topic)
            {
                destination = candidate;
                break;
            }
        }
        if (null == destination)
        {
            destination = new BlockedDestination(queue, topic);
            blocked.add(destination);
        }
        final boolean knownProducer = destination.hasProducer(connection, producerId);
        if (!knownProducer)
        {
            connection.sendProducerCredit(producerId, true);
        }
        if (!knownProducer || 0 != correlationId)
        {
            destination.waiters.add(new Waiter(connection, producerId, correlationId));
        }
    }

    /**
     * Releases the destinations that fell below their limit.
     *
     * @return the number released.
     */
    int releaseUnblocked()
    {
        int released = 0;
        for (int i = blocked.size() - 1; i >= 0; i--)
        {
            final BlockedDestination destination = blocked.get(i);
            if (!destination.isFull())
            {
                blocked.remove(i);
                destination.release();
                released++;
            }
        }
        return released;
    }

    /**
     * Forgets what a closed connection was waiting for.
     *
     * @param connection the connection.
     */
    void onConnectionClosed(final EngineConnection connection)
    {
        for (int i = blocked.size() - 1; i >= 0; i--)
        {
            final BlockedDestination destination = blocked.get(i);
            destination.waiters.removeIf((waiter) -> waiter.connection == connection);
            if (destination.waiters.isEmpty())
            {
                blocked.remove(i);
            }
        }
    }

    /**
     * @return destinations whose producers are blocked.
     */
    int blockedCount()
    {
        return blocked.size();
    }

    /**
     * A send, or a producer, waiting for a destination to go below its limit.
     */
    static final class Waiter
    {
        final EngineConnection connection;
        final long producerId;
        final long correlationId;

        Waiter(final EngineConnection connection, final long producerId, final long correlationId)
        {
            this.connection = connection;
            this.producerId = producerId;
            this.correlationId = correlationId;
        }
    }

    /**
     * One full destination and the sends and producers waiting for it, in the order of the sends.
     */
    static final class BlockedDestination
    {
        final MessageQueue queue;
        final Topic topic;
        final ArrayList<Waiter> waiters = new ArrayList<>();

        BlockedDestination(final MessageQueue queue, final Topic topic)
        {
            this.queue = queue;
            this.topic = topic;
        }

        boolean isFull()
        {
            return null != queue ? queue.isOverMemoryLimit() : topic.isOverMemoryLimit();
        }

        boolean hasProducer(final EngineConnection connection, final long producerId)
        {
            for (int i = 0, size = waiters.size(); i < size; i++)
            {
                final Waiter waiter = waiters.get(i);
                if (waiter.connection == connection && waiter.producerId == producerId)
                {
                    return true;
                }
            }
            return false;
        }

        void release()
        {
            // Producers first, so a thread woken by its Ok finds its producer free to send.
            for (int i = 0, size = waiters.size(); i < size; i++)
            {
                final Waiter waiter = waiters.get(i);
                if (isFirstOfProducer(i))
                {
                    waiter.connection.sendProducerCredit(waiter.producerId, false);
                }
            }
            for (int i = 0, size = waiters.size(); i < size; i++)
            {
                final Waiter waiter = waiters.get(i);
                waiter.connection.sendOk(waiter.correlationId, 0);
            }
        }

        private boolean isFirstOfProducer(final int index)
        {
            final Waiter waiter = waiters.get(index);
            for (int i = 0; i < index; i++)
            {
                final Waiter earlier = waiters.get(i);
                if (earlier.connection == waiter.connection && earlier.producerId == waiter.producerId)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @return the blocked destinations with their waiting sends, in order; for a snapshot and its restore.
     */
    ArrayList<BlockedDestination> blocked()
    {
        return blocked;
    }
}
