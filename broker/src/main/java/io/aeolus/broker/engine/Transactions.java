package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.QueueEntry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Acknowledgements, recover and local transactions: what a session's consumers took comes off its queue, comes
 * back (recover, rollback) or, with the session's held sends, becomes one atomic durable record (commit).
 */
final class Transactions
{
    private final Destinations destinations;
    private final DurableWaiters waiters;

    Transactions(final Destinations destinations, final DurableWaiters waiters)
    {
        this.destinations = destinations;
        this.waiters = waiters;
    }

    /**
     * Starts or stops a connection's deliveries (JMS Connection.start and stop); consumers are walked in id order.
     */
    void connectionFlow(final EngineConnection connection, final long correlationId, final boolean started,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        connection.deliveryStopped = !started;
        final List<Consumer> consumers = connection.consumersInOrder;
        for (int i = 0, size = consumers.size(); i < size; i++)
        {
            consumers.get(i).stopped(!started);
        }
        for (final long consumerId : sortedKeys(lastConsumedByConsumer))
        {
            final Consumer consumer = connection.consumersById.get(consumerId);
            if (null != consumer && !consumer.isBrowser())
            {
                if (!started)
                {
                    destinations.lastValues.onReturned(consumer.queue(),
                        consumer.queue().releaseUnconsumed(consumer, lastConsumedByConsumer.get(consumerId)));
                }
                destinations.markDirty(consumer.queue());
            }
        }
        connection.sendOk(correlationId, connection.nextDeliveryId);
    }

    void commit(final EngineConnection connection, final long correlationId, final SessionState session,
        final Map<Long, Long> lastConsumedByConsumer)
    {
        if (null != session.rollbackOnly)
        {
            // A send in the transaction was refused: committing the rest would lose it silently. Nothing is
            // acknowledged; the client rolls back to get its deliveries again.
            final String reason = session.rollbackOnly;
            session.endTransaction();
            connection.sendError(correlationId, EngineError.TRANSACTION_ROLLED_BACK, "the transaction was rolled " +
                "back: a send in it was refused (" + reason + ")");
            return;
        }
        // JMS: a commit is atomic; its acknowledgements and sends are one journal record, confirmed once durable.
        final Durability durability = destinations.durability();
        durability.beginGroup();
        // In consumer id order, whatever map the adapter built: the journal record must not depend on hash order.
        final long[] consumerIds = sortedKeys(lastConsumedByConsumer);
        for (final long consumerId : consumerIds)
        {
            acknowledge(connection, consumerId, lastConsumedByConsumer.get(consumerId), true);
        }
        for (final BrokerMessage message : session.transactedSends)
        {
            destinations.route(message);
        }
        session.endTransaction();
        final long position = durability.endGroup();
        final long nextDeliveryId = connection.nextDeliveryId;
        waiters.whenDurable(position, DurableReply.ok(connection, correlationId, nextDeliveryId,
            EngineError.TRANSACTION_ROLLED_BACK, "the journal failed during commit: "));
    }

    void acknowledge(final EngineConnection connection, final long consumerId, final long deliveryId,
        final boolean cumulative)
    {
        final Consumer consumer = connection.consumersById.get(consumerId);
        if (null != consumer)
        {
            final List<QueueEntry> acked = consumer.acknowledge(deliveryId, cumulative);
            destinations.acknowledge(consumer.queue(), acked);
        }
    }

    void takeBackAll(final EngineConnection connection, final long correlationId,
        final SessionState session, final Map<Long, Long> lastConsumedByConsumer)
    {
        for (final Consumer consumer : session.consumers)
        {
            final Long lastConsumed = lastConsumedByConsumer.get(consumer.consumerId());
            destinations.takeBack(consumer, null == lastConsumed ? 0 : lastConsumed);
            consumer.resetCredit();
        }
        // The client discards deliveries numbered below this: the ones just taken back.
        connection.sendOk(correlationId, connection.nextDeliveryId);
    }

    private static long[] sortedKeys(final Map<Long, Long> map)
    {
        final long[] keys = new long[map.size()];
        int i = 0;
        for (final Long key : map.keySet())
        {
            keys[i++] = key;
        }
        Arrays.sort(keys);
        return keys;
    }
}
