package io.aeolus.broker.engine;

import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.DestinationPolicy;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.store.JournalCommand;
import io.aeolus.transport.codecs.DestinationType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happens to a delivery that failed: taken back under the redelivery policy (at once, after a delay, or to
 * the dead-letter queue past the maximum attempts), and entries that expired, moved to their expiry queue. Part of
 * {@link Destinations}, whose state it changes.
 */
final class DeadLetters
{
    private final Destinations d;

    DeadLetters(final Destinations destinations)
    {
        this.d = destinations;
    }

    /**
     * Takes back a consumer's unacknowledged deliveries (recover, rollback, close). Deliveries the application
     * never saw go back at once; each one it saw counts as failed and follows the queue's redelivery policy:
     * dead-lettered past the maximum attempts, else held for the redelivery delay, else back at once. Every entry
     * returns to its original place.
     */
    void takeBack(final Consumer consumer, final long lastConsumedDeliveryId)
    {
        final MessageQueue queue = consumer.queue();
        final List<QueueEntry> entries = queue.takeBack(consumer, lastConsumedDeliveryId);
        // Those held for a redelivery delay wait as well: a last-value queue looks at every one that came back.
        final List<QueueEntry> returned = queue.policy().isLastValueQueue() ? new ArrayList<>(entries) : null;
        // In delivery order, so that dead letters reach their queue in the order they were delivered.
        for (int i = 0, size = entries.size(); i < size; i++)
        {
            final QueueEntry entry = entries.get(i);
            if (entry.deliveryId() <= lastConsumedDeliveryId && !onDeliveryFailed(queue, entry, consumer))
            {
                entries.set(i, null);
            }
        }
        // Latest first, so that each usually goes to the head of its priority in one step.
        for (int i = entries.size() - 1; i >= 0; i--)
        {
            final QueueEntry entry = entries.get(i);
            if (null != entry)
            {
                queue.release(entry);
            }
        }
        if (null != returned)
        {
            d.lastValues.onReturned(queue, returned);
        }
        d.markDirty(queue);
    }

    /**
     * An entry an XA branch acknowledged comes back because the branch rolled back: it counts as a failed delivery
     * (redelivery delay, dead-lettering) like one taken back from a consumer.
     */
    void takeBackFromTransaction(final QueueEntry entry, final String lastConsumer)
    {
        final MessageQueue queue = entry.queue();
        queue.releaseFromTransaction(entry);
        if (onDeliveryFailed(queue, entry, lastConsumer))
        {
            queue.release(entry);
        }
        d.lastValues.onReturned(queue, List.of(entry));
        d.markDirty(queue);
    }

    /**
     * @return true if the entry goes back at once, false if it was dead-lettered or held for a delay.
     */
    boolean onDeliveryFailed(final MessageQueue queue, final QueueEntry entry, final Consumer consumer)
    {
        return onDeliveryFailed(queue, entry, consumer.description());
    }

    /**
     * @param lastConsumer who consumed it last, for a dead letter.
     * @return true if the entry goes back at once, false if it was dead-lettered or held for a delay.
     */
    boolean onDeliveryFailed(final MessageQueue queue, final QueueEntry entry, final String lastConsumer)
    {
        recordDeliveryCount(entry);
        final DestinationPolicy policy = queue.policy();
        final int attempts = entry.deliveryCount();
        if (policy.maxDeliveryAttempts() > 0 && attempts >= policy.maxDeliveryAttempts() && !queue.isDeadLetterQueue())
        {
            moveToDeadLetterQueue(entry, lastConsumer);
            return false;
        }
        final long delayMs = policy.redeliveryDelayMs(attempts);
        if (delayMs > 0)
        {
            queue.hold(entry);
            d.schedule(entry, d.nowMs + delayMs);
            return false;
        }
        return true;
    }

    /**
     * Records that a delivery of an entry failed: its delivery count now counts it. Journal hook.
     */
    void recordDeliveryCount(final QueueEntry entry)
    {
        final MessageQueue queue = entry.queue();
        if (queue.isJournaled(entry.message()))
        {
            d.append(new JournalCommand.UpdateDeliveryCount(
                queue.journalName(), entry.message().messageId(), entry.deliveryCount()));
        }
    }

    /**
     * Moves an entry whose delivery failed too often to its dead-letter queue (or drops it if there is none),
     * with properties recording where it came from and who consumed it last. Journal hook.
     */
    void moveToDeadLetterQueue(final QueueEntry entry, final String lastConsumer)
    {
        final MessageQueue queue = entry.queue();
        queue.remove(entry, false);
        // The copy in the dead-letter queue and the removal from the original queue are one atomic journal record.
        d.durability.beginGroup();
        d.forget(entry);
        moveTo(queue.policy().deadLetterQueueFor(queue.destinationName()), entry,
            Destinations.REASON_MAX_DELIVERY_ATTEMPTS,
            lastConsumer);
        d.durability.endGroup();
    }

    /**
     * Handles an entry already removed because it expired: moved to its expiry queue, or dropped. Journal hook.
     */
    void expire(final QueueEntry entry)
    {
        final MessageQueue queue = entry.queue();
        d.durability.beginGroup();
        d.forget(entry);
        // A message whose time in the trash is up is gone for good, whatever expiry queue a wildcard names.
        moveTo(AccessPolicy.TRASH_QUEUE.equals(queue.name()) ? null :
            queue.policy().expiryQueueFor(queue.destinationName()), entry, Destinations.REASON_EXPIRED, "");
        d.durability.endGroup();
    }

    void moveTo(final String targetName, final QueueEntry entry, final String reason,
        final String lastConsumer)
    {
        final MessageQueue source = entry.queue();
        if (null == targetName || null != DestinationChecks.nameProblem(targetName) ||
            targetName.equals(source.name()))
        {
            return;
        }
        MessageQueue target = d.queues.get(targetName);
        if (null == target)
        {
            target = d.createQueue(targetName, DestinationType.QUEUE);
        }
        target.markDeadLetterQueue();
        final BrokerMessage original = entry.message();
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(Destinations.ORIGINAL_DESTINATION, source.destinationName());
        properties.put(Destinations.ORIGINAL_DESTINATION_TYPE, source.destinationType().name());
        if (null != source.topicName())
        {
            properties.put(Destinations.ORIGINAL_SUBSCRIPTION, source.name());
        }
        if (0 != original.expirationMs())
        {
            properties.put(Destinations.ORIGINAL_EXPIRATION, original.expirationMs());
        }
        properties.put(Destinations.REASON, reason);
        properties.put(Destinations.TIME, d.nowMs);
        properties.put(Destinations.DELIVERY_COUNT, entry.deliveryCount());
        if (!lastConsumer.isEmpty())
        {
            properties.put(Destinations.LAST_CONSUMER, lastConsumer);
        }
        // The copy never expires: a dead letter stays until someone deals with it.
        d.enqueue(target, d.rewriter.rewrite(
            original, d.nextMessageId(), targetName, DestinationType.QUEUE, properties, true));
    }
}
