package io.aeolus.broker.management;

import io.aeolus.management.DeadLetterProperty;
import io.aeolus.broker.destination.BrokerMessage;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.security.AccessPolicy;
import io.aeolus.transport.message.PropertiesCodec;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The moves of one waiting message that management operations and jobs are made of: to another queue, back to the
 * destination it was dead-lettered from, into the trash and back out of it. Each removal and the copy that replaces it
 * are one journal group, so a crash keeps the message in exactly one place. Conductor thread only.
 */
final class MessageMover
{
    static final String DLQ_ORIGINAL_DESTINATION = DeadLetterProperty.ORIGINAL_DESTINATION;
    static final String DLQ_ORIGINAL_DESTINATION_TYPE = DeadLetterProperty.ORIGINAL_DESTINATION_TYPE;
    static final Set<String> DEAD_LETTER_PROPERTIES = Set.of(DLQ_ORIGINAL_DESTINATION, DLQ_ORIGINAL_DESTINATION_TYPE,
        DeadLetterProperty.ORIGINAL_SUBSCRIPTION, DeadLetterProperty.ORIGINAL_EXPIRATION, DeadLetterProperty.REASON,
        DeadLetterProperty.TIME, DeadLetterProperty.DELIVERY_COUNT);

    static final String TRASH_ORIGINAL_DESTINATION = "AEOLUS_TRASH_ORIGINAL_DESTINATION";
    static final String TRASH_ORIGINAL_EXPIRATION = "AEOLUS_TRASH_ORIGINAL_EXPIRATION";
    static final String TRASH_OPERATION = "AEOLUS_TRASH_OPERATION";
    static final String TRASH_TIME = "AEOLUS_TRASH_TIME";
    static final String TRASH_BATCH = "AEOLUS_TRASH_BATCH";
    static final Set<String> TRASH_PROPERTIES = Set.of(TRASH_ORIGINAL_DESTINATION, TRASH_ORIGINAL_EXPIRATION,
        TRASH_OPERATION, TRASH_TIME, TRASH_BATCH);

    private final ManagedBroker broker;
    /**
     * Broker ids of paged-out messages removed from the journal while a lookup or a pass may hold them, read before
     * they went: none of them may be removed twice. Forgotten once none runs ({@link #forgetRemovedPagedOut}).
     */
    private final Set<Long> removedPagedOut = new HashSet<>();

    MessageMover(final ManagedBroker broker)
    {
        this.broker = broker;
    }

    /**
     * Moves a waiting message to a queue, creating the queue if needed.
     */
    void move(final QueueEntry entry, final String targetQueue)
    {
        final BrokerMessage copy = broker.copy(entry.message(), targetQueue, false, Set.of());
        broker.beginGroup();
        broker.discard(entry);
        broker.enqueue(queue(targetQueue), copy);
        broker.endGroup();
    }

    /**
     * Moves a message paged out to the journal to a queue, creating the queue if needed: its reference goes from the
     * journal in the same group as the copy's arrival. The caller checked that it is still paged out.
     */
    void movePagedOut(final MessageQueue source, final BrokerMessage message, final String targetQueue)
    {
        final BrokerMessage copy = broker.copy(message, targetQueue, false, Set.of());
        broker.beginGroup();
        discardPagedOut(source, message);
        broker.enqueue(queue(targetQueue), copy);
        broker.endGroup();
    }

    private void discardPagedOut(final MessageQueue source, final BrokerMessage message)
    {
        broker.discardPagedOut(source, message);
        removedPagedOut.add(message.messageId());
    }

    /**
     * @return true if a paged-out message read back from the journal was removed from it since, by this mover.
     */
    boolean wasRemovedPagedOut(final BrokerMessage message)
    {
        return removedPagedOut.contains(message.messageId());
    }

    /**
     * Forgets which paged-out messages were removed: called when no lookup or pass runs, so none can hold one.
     */
    void forgetRemovedPagedOut()
    {
        removedPagedOut.clear();
    }

    /**
     * @return the destination a dead letter came from, or null if it does not say.
     */
    static String deadLetterOrigin(final QueueEntry entry)
    {
        return deadLetterOrigin(entry.message());
    }

    /**
     * @return the destination a dead letter came from, or null if it does not say.
     */
    static String deadLetterOrigin(final BrokerMessage message)
    {
        final Object original = property(message, DLQ_ORIGINAL_DESTINATION);
        return original instanceof String && !((String)original).isEmpty() ? (String)original : null;
    }

    /**
     * Puts a dead letter back on the destination it came from, without its dead-letter properties.
     *
     * @return false, leaving it in place, if the message does not say where it came from.
     */
    boolean retry(final QueueEntry entry)
    {
        return retry(entry.message(), () -> broker.discard(entry));
    }

    /**
     * Puts a dead letter paged out to the journal back on the destination it came from, as {@link
     * #retry(QueueEntry)} does one in memory. The caller checked that it is still paged out.
     *
     * @return false, leaving it in place, if the message does not say where it came from.
     */
    boolean retryPagedOut(final MessageQueue source, final BrokerMessage message)
    {
        return retry(message, () -> discardPagedOut(source, message));
    }

    private boolean retry(final BrokerMessage message, final Runnable discard)
    {
        final String destination = deadLetterOrigin(message);
        if (null == destination)
        {
            return false;
        }
        final boolean topic = "TOPIC".equals(property(message, DLQ_ORIGINAL_DESTINATION_TYPE));
        final BrokerMessage copy = broker.copy(message, destination, topic, DEAD_LETTER_PROPERTIES);
        broker.beginGroup();
        discard.run();
        if (topic)
        {
            broker.route(copy);
        }
        else
        {
            broker.enqueue(queue(destination), copy);
        }
        broker.endGroup();
        return true;
    }

    /**
     * Removes a waiting message on an administrator's behalf: into the trash, where it stays restorable until its
     * retention is up; or for good if the broker keeps no trash, the message is in the trash already, or it is
     * non-persistent and the trash is at its memory limit.
     *
     * @param operation what removed it: {@code purge} or {@code delete}.
     * @param batch     the id shared by every message the same request removed.
     */
    void remove(final QueueEntry entry, final String operation, final String batch)
    {
        remove(entry.queue(), entry.message(), operation, batch, () -> broker.discard(entry));
    }

    /**
     * Removes a message paged out to the journal on an administrator's behalf, as {@link #remove(QueueEntry,
     * String, String)} does one in memory. The caller checked that it is still paged out.
     */
    void removePagedOut(final MessageQueue queue, final BrokerMessage message, final String operation,
        final String batch)
    {
        remove(queue, message, operation, batch, () -> discardPagedOut(queue, message));
    }

    private void remove(final MessageQueue source, final BrokerMessage message, final String operation,
        final String batch, final Runnable discard)
    {
        final long retentionMs = broker.trashRetentionMs();
        final MessageQueue trash = queue(AccessPolicy.TRASH_QUEUE);
        // Non-persistent messages live in memory only: past the trash's memory limit they are removed for good
        // rather than held for a day. Persistent ones page out to the journal like any queue's.
        final boolean trashFull =
            !message.isPersistent() && trash.policy().isOverMemoryLimit(trash.heldBytes());
        if (retentionMs <= 0 || trash == source || trashFull)
        {
            discard.run();
            return;
        }
        final long nowMs = broker.nowMs();
        final Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(TRASH_ORIGINAL_DESTINATION, source.name());
        properties.put(TRASH_ORIGINAL_EXPIRATION, message.expirationMs());
        properties.put(TRASH_OPERATION, operation);
        properties.put(TRASH_TIME, nowMs);
        properties.put(TRASH_BATCH, batch);
        final BrokerMessage copy = broker.rewrite(
            message, AccessPolicy.TRASH_QUEUE, false, properties, nowMs + retentionMs, Set.of());
        broker.beginGroup();
        discard.run();
        broker.enqueue(trash, copy);
        broker.endGroup();
    }

    /**
     * @return the queue a message in the trash came from, or null if it does not say.
     */
    static String trashOrigin(final QueueEntry entry)
    {
        return trashOrigin(entry.message());
    }

    /**
     * @return the queue a message in the trash came from, or null if it does not say.
     */
    static String trashOrigin(final BrokerMessage message)
    {
        final Object original = property(message, TRASH_ORIGINAL_DESTINATION);
        return original instanceof String && !((String)original).isEmpty() ? (String)original : null;
    }

    /**
     * Puts a message from the trash back on its queue as it was: its own expiration, no trash properties.
     *
     * @return false, leaving it in place, if the message does not say where it came from.
     */
    boolean restore(final QueueEntry entry)
    {
        return restore(entry.message(), () -> broker.discard(entry));
    }

    /**
     * Puts a message paged out of the trash to the journal back on its queue, as {@link #restore(QueueEntry)} does
     * one in memory. The caller checked that it is still paged out.
     *
     * @return false, leaving it in place, if the message does not say where it came from.
     */
    boolean restorePagedOut(final MessageQueue trash, final BrokerMessage message)
    {
        return restore(message, () -> discardPagedOut(trash, message));
    }

    private boolean restore(final BrokerMessage message, final Runnable discard)
    {
        final String destination = trashOrigin(message);
        if (null == destination)
        {
            return false;
        }
        final Object expiration = property(message, TRASH_ORIGINAL_EXPIRATION);
        final BrokerMessage copy = broker.rewrite(message, destination, false, Map.of(),
            expiration instanceof Long ? (Long)expiration : 0, TRASH_PROPERTIES);
        broker.beginGroup();
        discard.run();
        broker.enqueue(queue(destination), copy);
        broker.endGroup();
        return true;
    }

    /**
     * @return a property of a message, null if absent or unreadable.
     */
    static Object property(final BrokerMessage message, final String name)
    {
        if (0 == message.propertiesLength())
        {
            return null;
        }
        try
        {
            return PropertiesCodec.find(
                message.encoded(), message.propertiesOffset(), message.propertiesLength(), name);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }

    private MessageQueue queue(final String name)
    {
        MessageQueue queue = broker.queues().get(name);
        if (null == queue)
        {
            broker.createQueue(name);
            queue = broker.queues().get(name);
        }
        return queue;
    }
}
