package io.aeolus.store;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

/**
 * Turns the commands of one batch into writes on the journal thread, inside the caller's open transaction: map
 * writes for messages and references ({@link MessageMaps}, an embedded database) or SQL (a server URL), SQL for the
 * rest.
 * <p>
 * Message and reference commands are not executed one by one: they are folded into their net effect per
 * (queue, message) and per message, then written in {@link #flush()} (in SQL, as a few JDBC batches). So a message
 * stored and fully acknowledged within the batch costs no write at all, a reference added and updated costs one
 * insert, and an acknowledgement of a message with one reference costs one reference delete and one message delete.
 * Destination and subscription commands are rare: each one flushes what came before it, so the order of
 * commands is preserved where it matters.
 */
final class BatchWriter
{
    private static final long NO_DELTA = 0;

    private final QueueRegistry queues;
    private static final byte[] EMPTY = new byte[0];

    private final PreparedStatement insertMessage;
    private final PreparedStatement insertLargePayload;
    private final ArrayList<JournalCommand.StoreMessage> largeMessages = new ArrayList<>();
    private final PreparedStatement insertReference;
    private final PreparedStatement deleteReference;
    private final PreparedStatement updateDeliveryCount;
    private final PreparedStatement deleteMessageIfUnreferenced;
    private final PreparedStatement addToRefCount;
    private final PreparedStatement updateLastMessageId;
    private final StructureWriter structureWriter;
    private final XaBranchStore xaBranches;
    private final MessageMaps maps;

    private final ArrayList<PendingMessage> storedMessages = new ArrayList<>();
    private final Long2ObjectHashMap<PendingMessage> storedById = new Long2ObjectHashMap<>();
    private final ArrayList<ReferenceChange> changes = new ArrayList<>();
    private final Int2ObjectHashMap<Long2ObjectHashMap<ReferenceChange>> changesByQueue = new Int2ObjectHashMap<>();
    private final Long2LongHashMap refCountDeltas = new Long2LongHashMap(NO_DELTA);
    private final LongArrayList deltaMessageIds = new LongArrayList();
    private final LongArrayList deleteAttemptIds = new LongArrayList();
    private long lastMessageId;
    private long segmentLastMessageId;
    private long messagesElided;

    /**
     * @param maps where messages and references live (an embedded database), or null to keep them in the SQL tables
     *             {@code messages} and {@code message_refs} (a server URL).
     */
    BatchWriter(final Connection connection, final QueueRegistry queues, final long lastMessageId,
        final MessageMaps maps) throws SQLException
    {
        this.queues = queues;
        this.maps = maps;
        this.lastMessageId = lastMessageId;
        this.segmentLastMessageId = lastMessageId;
        insertMessage = connection.prepareStatement(
            "INSERT INTO messages (id, ref_count, priority, expiration_ms, delivery_time_ms, payload) " +
            "VALUES (?, ?, ?, ?, ?, ?)");
        insertLargePayload = connection.prepareStatement(
            "INSERT INTO large_payloads (message_id, payload) VALUES (?, ?)");
        insertReference = connection.prepareStatement(
            "INSERT INTO message_refs (queue_id, seq, message_id, delivery_count) VALUES (?, ?, ?, ?)");
        deleteReference = connection.prepareStatement(
            "DELETE FROM message_refs WHERE queue_id = ? AND message_id = ?");
        updateDeliveryCount = connection.prepareStatement(
            "UPDATE message_refs SET delivery_count = ? WHERE queue_id = ? AND message_id = ?");
        deleteMessageIfUnreferenced = connection.prepareStatement(
            "DELETE FROM messages WHERE id = ? AND ref_count <= ?");
        addToRefCount = connection.prepareStatement("UPDATE messages SET ref_count = ref_count + ? WHERE id = ?");
        updateLastMessageId = connection.prepareStatement("UPDATE journal_state SET last_message_id = ? WHERE id = 1");
        structureWriter = new StructureWriter(connection, queues, maps);
        xaBranches = new XaBranchStore(connection);
    }

    /**
     * @return the XA branches' writer and reader, on this writer's connection.
     */
    XaBranchStore xaBranches()
    {
        return xaBranches;
    }

    /**
     * Messages stored and acknowledged within one batch, so never written, since open.
     */
    long messagesElided()
    {
        return messagesElided;
    }

    /**
     * The highest message id ever stored, elided ones included.
     */
    long lastMessageId()
    {
        return Math.max(lastMessageId, segmentLastMessageId);
    }

    void apply(final JournalCommand command) throws SQLException
    {
        if (command instanceof JournalCommand.StoreMessage store)
        {
            onStoreMessage(store);
        }
        else if (command instanceof JournalCommand.AddReference add)
        {
            onAddReference(queues.idFor(add.queue()), add.messageId(), add.sequence());
        }
        else if (command instanceof JournalCommand.RemoveReference remove)
        {
            onRemoveReference(queues.existingId(remove.queue()), remove.messageId());
        }
        else if (command instanceof JournalCommand.UpdateDeliveryCount update)
        {
            onUpdateDeliveryCount(queues.existingId(update.queue()), update.messageId(), update.deliveryCount());
        }
        else if (command instanceof JournalCommand.Group group)
        {
            for (final JournalCommand member : group.commands())
            {
                apply(member);
            }
        }
        else if (command instanceof JournalCommand.ReadReferences)
        {
            throw new IllegalArgumentException("a read is not a write command: " + command);
        }
        else if (command instanceof JournalCommand.RecordHistory)
        {
            throw new IllegalArgumentException("history is written apart from batches, by writeHistory: " + command);
        }
        else
        {
            // Destinations, subscriptions and XA branches: rare, so keep their order relative to everything else.
            flush();
            if (!xaBranches.apply(command))
            {
                structureWriter.apply(command);
            }
        }
    }

    /**
     * Writes the net effect of the commands applied since the last flush. Does not commit.
     */
    void flush() throws SQLException
    {
        queues.flush();
        countReferences();
        writeMessages();
        writeReferenceChanges();
        writeRefCountDeltas();
        if (segmentLastMessageId > lastMessageId)
        {
            if (null != maps)
            {
                // A map write: the SQL update cost 14 % of the journal thread per batch (JFR, JOURNAL.md).
                maps.writeLastMessageId(segmentLastMessageId);
            }
            else
            {
                updateLastMessageId.setLong(1, segmentLastMessageId);
                updateLastMessageId.executeUpdate();
            }
            lastMessageId = segmentLastMessageId;
        }
        clear();
    }

    /**
     * Forgets the commands applied since the last flush (after a rollback).
     */
    void clear()
    {
        storedMessages.clear();
        storedById.clear();
        changes.clear();
        for (final Long2ObjectHashMap<ReferenceChange> byMessage : changesByQueue.values())
        {
            byMessage.clear();
        }
        refCountDeltas.clear();
        deltaMessageIds.clear();
        deleteAttemptIds.clear();
        segmentLastMessageId = lastMessageId;
    }

    private void onStoreMessage(final JournalCommand.StoreMessage store)
    {
        if (null != storedById.put(store.messageId(), new PendingMessage(store)))
        {
            throw new IllegalArgumentException("message stored twice in one batch: " + store.messageId());
        }
        storedMessages.add(storedById.get(store.messageId()));
        segmentLastMessageId = Math.max(segmentLastMessageId, store.messageId());
    }

    private void onAddReference(final int queueId, final long messageId, final long sequence)
    {
        ReferenceChange change = changeFor(queueId, messageId);
        if (null == change)
        {
            change = newChange(queueId, messageId);
        }
        else if (change.isInsert)
        {
            throw new IllegalArgumentException("reference added twice: queue id " + queueId + ", message " + messageId);
        }
        change.isInsert = true;
        change.isDeliveryCountUpdate = false;
        change.sequence = sequence;
        change.deliveryCount = 0;

        final PendingMessage stored = storedById.get(messageId);
        if (null != stored)
        {
            stored.referencesAdded++;
        }
    }

    private void onRemoveReference(final int queueId, final long messageId)
    {
        if (QueueRegistry.MISSING_ID == queueId)
        {
            return;
        }
        ReferenceChange change = changeFor(queueId, messageId);
        if (null == change)
        {
            change = newChange(queueId, messageId);
            change.isDeleteExisting = true;
        }
        else if (change.isInsert)
        {
            // Added in this batch: cancel the insert. A row that existed before stays marked for delete.
            change.isInsert = false;
        }
        else
        {
            change.isDeleteExisting = true;
        }
        change.isDeliveryCountUpdate = false;
    }

    private void onUpdateDeliveryCount(final int queueId, final long messageId, final int deliveryCount)
    {
        if (QueueRegistry.MISSING_ID == queueId)
        {
            return;
        }
        ReferenceChange change = changeFor(queueId, messageId);
        if (null == change)
        {
            change = newChange(queueId, messageId);
            change.isDeliveryCountUpdate = true;
            change.deliveryCount = deliveryCount;
        }
        else if (change.isInsert)
        {
            change.deliveryCount = deliveryCount;
        }
        else if (!change.isDeleteExisting)
        {
            change.isDeliveryCountUpdate = true;
            change.deliveryCount = deliveryCount;
        }
    }

    private ReferenceChange changeFor(final int queueId, final long messageId)
    {
        final Long2ObjectHashMap<ReferenceChange> byMessage = changesByQueue.get(queueId);
        return null == byMessage ? null : byMessage.get(messageId);
    }

    private ReferenceChange newChange(final int queueId, final long messageId)
    {
        Long2ObjectHashMap<ReferenceChange> byMessage = changesByQueue.get(queueId);
        if (null == byMessage)
        {
            byMessage = new Long2ObjectHashMap<>();
            changesByQueue.put(queueId, byMessage);
        }
        final ReferenceChange change = new ReferenceChange(queueId, messageId);
        byMessage.put(messageId, change);
        changes.add(change);
        return change;
    }

    private void countReferences()
    {
        for (int i = 0, size = changes.size(); i < size; i++)
        {
            final ReferenceChange change = changes.get(i);
            final PendingMessage stored = storedById.get(change.messageId);
            if (null != stored)
            {
                // A message stored in this batch has no row yet, so a delete of an older reference cannot apply.
                stored.referenceCount += change.isInsert ? 1 : 0;
            }
            else
            {
                final long delta = (change.isInsert ? 1 : 0) - (change.isDeleteExisting ? 1 : 0);
                if (NO_DELTA != delta)
                {
                    final long previous = refCountDeltas.get(change.messageId);
                    if (NO_DELTA == previous)
                    {
                        deltaMessageIds.addLong(change.messageId);
                    }
                    refCountDeltas.put(change.messageId, previous + delta);
                }
            }
        }
    }

    private void writeMessages() throws SQLException
    {
        int count = 0;
        for (int i = 0, size = storedMessages.size(); i < size; i++)
        {
            final PendingMessage stored = storedMessages.get(i);
            if (stored.referencesAdded > 0 && 0 == stored.referenceCount)
            {
                // Stored and fully acknowledged before the batch was written: nothing to keep.
                messagesElided++;
                continue;
            }
            final JournalCommand.StoreMessage message = stored.message;
            if (null != maps)
            {
                maps.insertMessage(message, stored.referenceCount);
                continue;
            }
            insertMessage.setLong(1, message.messageId());
            insertMessage.setInt(2, stored.referenceCount);
            insertMessage.setInt(3, message.priority());
            insertMessage.setLong(4, message.expirationMs());
            insertMessage.setLong(5, message.deliveryTimeMs());
            if (message.payload().length > JournalSchema.LARGE_PAYLOAD_BYTES)
            {
                insertMessage.setBytes(6, EMPTY);
                largeMessages.add(message);
            }
            else
            {
                insertMessage.setBytes(6, message.payload());
            }
            insertMessage.addBatch();
            count++;
        }
        if (count > 0)
        {
            insertMessage.executeBatch();
        }
        writeLargePayloads();
    }

    /**
     * Streams the payloads of large messages into their BLOBs, after their message rows (which they reference).
     */
    private void writeLargePayloads() throws SQLException
    {
        for (int i = 0, size = largeMessages.size(); i < size; i++)
        {
            final JournalCommand.StoreMessage message = largeMessages.get(i);
            insertLargePayload.setLong(1, message.messageId());
            insertLargePayload.setBinaryStream(
                2, new ByteArrayInputStream(message.payload()), (long)message.payload().length);
            insertLargePayload.executeUpdate();
        }
        largeMessages.clear();
    }

    private void writeReferenceChanges() throws SQLException
    {
        if (null != maps)
        {
            writeReferenceChangesToMaps();
            return;
        }
        int deletes = 0;
        int inserts = 0;
        int updates = 0;
        for (int i = 0, size = changes.size(); i < size; i++)
        {
            final ReferenceChange change = changes.get(i);
            if (change.isDeleteExisting)
            {
                deleteReference.setInt(1, change.queueId);
                deleteReference.setLong(2, change.messageId);
                deleteReference.addBatch();
                deletes++;
            }
            if (change.isInsert)
            {
                insertReference.setInt(1, change.queueId);
                insertReference.setLong(2, change.sequence);
                insertReference.setLong(3, change.messageId);
                insertReference.setInt(4, change.deliveryCount);
                insertReference.addBatch();
                inserts++;
            }
            else if (change.isDeliveryCountUpdate && !change.isDeleteExisting)
            {
                updateDeliveryCount.setInt(1, change.deliveryCount);
                updateDeliveryCount.setInt(2, change.queueId);
                updateDeliveryCount.setLong(3, change.messageId);
                updateDeliveryCount.addBatch();
                updates++;
            }
        }
        // Deletes first: a reference removed and added again in one batch keeps its unique (queue, message) key.
        if (deletes > 0)
        {
            deleteReference.executeBatch();
        }
        if (inserts > 0)
        {
            insertReference.executeBatch();
        }
        if (updates > 0)
        {
            updateDeliveryCount.executeBatch();
        }
    }

    private void writeReferenceChangesToMaps()
    {
        // Deletes first, as in SQL: a reference removed and added again in one batch keeps its (queue, message) key.
        for (int i = 0, size = changes.size(); i < size; i++)
        {
            final ReferenceChange change = changes.get(i);
            if (change.isDeleteExisting)
            {
                maps.deleteReference(change.queueId, change.messageId);
            }
        }
        for (int i = 0, size = changes.size(); i < size; i++)
        {
            final ReferenceChange change = changes.get(i);
            if (change.isInsert)
            {
                maps.insertReference(change.queueId, change.sequence, change.messageId, change.deliveryCount);
            }
            else if (change.isDeliveryCountUpdate && !change.isDeleteExisting)
            {
                maps.updateDeliveryCount(change.queueId, change.messageId, change.deliveryCount);
            }
        }
    }

    private void writeRefCountDeltas() throws SQLException
    {
        if (null != maps)
        {
            for (int i = 0, size = deltaMessageIds.size(); i < size; i++)
            {
                final long messageId = deltaMessageIds.getLong(i);
                maps.addToReferenceCount(messageId, refCountDeltas.get(messageId));
            }
            return;
        }
        int updates = 0;
        for (int i = 0, size = deltaMessageIds.size(); i < size; i++)
        {
            final long messageId = deltaMessageIds.getLong(i);
            final long delta = refCountDeltas.get(messageId);
            if (delta < 0)
            {
                // Usually the last reference went: try the delete, and fall back to a decrement below.
                deleteMessageIfUnreferenced.setLong(1, messageId);
                deleteMessageIfUnreferenced.setLong(2, -delta);
                deleteMessageIfUnreferenced.addBatch();
                deleteAttemptIds.addLong(messageId);
            }
            else if (delta > 0)
            {
                addToRefCount.setLong(1, delta);
                addToRefCount.setLong(2, messageId);
                addToRefCount.addBatch();
                updates++;
            }
        }
        if (!deleteAttemptIds.isEmpty())
        {
            final int[] deleted = deleteMessageIfUnreferenced.executeBatch();
            for (int i = 0; i < deleted.length; i++)
            {
                if (0 == deleted[i])
                {
                    final long messageId = deleteAttemptIds.getLong(i);
                    addToRefCount.setLong(1, refCountDeltas.get(messageId));
                    addToRefCount.setLong(2, messageId);
                    addToRefCount.addBatch();
                    updates++;
                }
            }
        }
        if (updates > 0)
        {
            addToRefCount.executeBatch();
        }
    }

    /**
     * A message stored in the current batch, with what happened to its references in the batch.
     */
    private static final class PendingMessage
    {
        final JournalCommand.StoreMessage message;
        int referencesAdded;
        int referenceCount;

        PendingMessage(final JournalCommand.StoreMessage message)
        {
            this.message = message;
        }
    }

    /**
     * The net change to one (queue, message) reference in the current batch.
     */
    private static final class ReferenceChange
    {
        final int queueId;
        final long messageId;
        boolean isDeleteExisting;
        boolean isInsert;
        boolean isDeliveryCountUpdate;
        long sequence;
        int deliveryCount;

        ReferenceChange(final int queueId, final long messageId)
        {
            this.queueId = queueId;
            this.messageId = messageId;
        }
    }
}
