package io.aeolus.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionMap;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.value.VersionedValue;

/**
 * Messages and their references kept in MVStore maps of the journal's own H2 database, written through the SQL
 * session's transaction: the journal's hot path without H2's SQL layer (JOURNAL.md, "The journal on the MVStore
 * API"). A batch's map changes and its SQL changes (queue ids, the last message id, destinations, XA branches) are
 * one H2 transaction, committed and forced together, and rolled back together; after a crash, H2 rolls back what was
 * not committed, maps and tables alike.
 * <p>
 * Maps (names outside H2's own {@code table.}/{@code index.} space, so H2 keeps them on open):
 * <ul>
 *     <li>{@value #MESSAGES_MAP}: message id to {@code refCount:int32 | priority:int8 | expirationMs:int64 |
 *     deliveryTimeMs:int64 | flags:int8 | payload}, big-endian. A payload over
 *     {@link JournalSchema#LARGE_PAYLOAD_BYTES} stays in the SQL table {@code large_payloads}
 *     (H2 streams it in blocks), flagged {@link #FLAG_LARGE}.</li>
 *     <li>{@value #REFERENCES_PREFIX}{@code <queue id>}: sequence to {@code messageId:int64 | deliveryCount:int32},
 *     in sequence order for paging.</li>
 *     <li>{@value #INDEX_PREFIX}{@code <queue id>}: message id to sequence, to find a reference by its message on an
 *     acknowledgement.</li>
 *     <li>{@value #STATE_MAP}: key {@value #LAST_MESSAGE_ID_KEY} to the highest message id ever stored (the SQL
 *     {@code journal_state.last_message_id} keeps the value of before the move; the journal takes the larger).</li>
 * </ul>
 * Only the built-in key and value types of the MVStore are used, so H2 can reopen the maps (and roll back their
 * uncommitted changes) without our classes. Needs an embedded database: a server URL has no local MVStore.
 * <p>
 * Journal thread only. Writes go through the session's current transaction; reads outside a batch read the maps'
 * committed state directly (between batches every change is committed).
 */
final class MessageMaps
{
    static final String MESSAGES_MAP = "aeolus.messages";
    static final String REFERENCES_PREFIX = "aeolus.refs.";
    static final String INDEX_PREFIX = "aeolus.refs_by_message.";
    static final String STATE_MAP = "aeolus.state";
    static final long LAST_MESSAGE_ID_KEY = 1;
    static final int FLAG_LARGE = 1;

    private static final int REF_COUNT_OFFSET = 0;
    private static final int PRIORITY_OFFSET = 4;
    private static final int EXPIRATION_OFFSET = 5;
    private static final int DELIVERY_TIME_OFFSET = 13;
    private static final int FLAGS_OFFSET = 21;
    private static final int HEADER_LENGTH = 22;
    private static final int REFERENCE_LENGTH = 12;

    private final SessionLocal session;
    private final PreparedStatement insertLargePayload;
    private final PreparedStatement deleteLargePayload;
    private final PreparedStatement selectLargePayload;
    private final PreparedStatement selectLargePayloadLength;
    private final MVMap<Long, VersionedValue<byte[]>> messagesMap;
    private final MVMap<Long, VersionedValue<Long>> stateMap;
    private final Int2ObjectHashMap<MVMap<Long, VersionedValue<byte[]>>> referenceMaps = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<MVMap<Long, VersionedValue<Long>>> indexMaps = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<TransactionMap<Long, byte[]>> txReferences = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<TransactionMap<Long, Long>> txIndexes = new Int2ObjectHashMap<>();
    private final LongArrayList purgeSequences = new LongArrayList();
    private Transaction transaction;
    private TransactionMap<Long, byte[]> txMessages;
    private long messagesWritten;

    private MessageMaps(final Connection connection, final SessionLocal session) throws SQLException
    {
        this.session = session;
        insertLargePayload = connection.prepareStatement(
            "INSERT INTO large_payloads (message_id, payload) VALUES (?, ?)");
        deleteLargePayload = connection.prepareStatement("DELETE FROM large_payloads WHERE message_id = ?");
        selectLargePayload = connection.prepareStatement("SELECT payload FROM large_payloads WHERE message_id = ?");
        selectLargePayloadLength = connection.prepareStatement(
            "SELECT OCTET_LENGTH(payload) FROM large_payloads WHERE message_id = ?");
        messagesMap = session.getTransaction().openMap(MESSAGES_MAP, LongDataType.INSTANCE,
            ByteArrayDataType.INSTANCE).map;
        stateMap = session.getTransaction().openMap(STATE_MAP, LongDataType.INSTANCE, LongDataType.INSTANCE).map;
    }

    /**
     * The session of an embedded database, or null for a server (or otherwise remote) connection.
     */
    static SessionLocal embeddedSession(final Connection connection) throws SQLException
    {
        final JdbcConnection jdbcConnection = connection.unwrap(JdbcConnection.class);
        return jdbcConnection.getSession() instanceof SessionLocal local ? local : null;
    }

    static MessageMaps open(final Connection connection, final SessionLocal session) throws SQLException
    {
        return new MessageMaps(connection, session);
    }

    /**
     * Messages put into the map since open (for tests: a message elided in its batch is never put).
     */
    long messagesWritten()
    {
        return messagesWritten;
    }

    /**
     * Records the highest message id ever stored, inside the current batch.
     */
    void writeLastMessageId(final long messageId)
    {
        bindTransaction();
        transaction.openMapX(stateMap).put(LAST_MESSAGE_ID_KEY, messageId);
    }

    /**
     * The highest message id recorded in the maps, or -1. Between batches only.
     */
    long readLastMessageId()
    {
        final VersionedValue<Long> stored = stateMap.get(LAST_MESSAGE_ID_KEY);
        return null == stored || null == stored.getCurrentValue() ? -1 : stored.getCurrentValue();
    }

    /**
     * Stores a message with its reference count, inside the current batch.
     */
    void insertMessage(final JournalCommand.StoreMessage message, final int referenceCount) throws SQLException
    {
        final byte[] payload = message.payload();
        final boolean isLarge = payload.length > JournalSchema.LARGE_PAYLOAD_BYTES;
        final byte[] value = new byte[HEADER_LENGTH + (isLarge ? 0 : payload.length)];
        putInt(value, REF_COUNT_OFFSET, referenceCount);
        value[PRIORITY_OFFSET] = (byte)message.priority();
        putLong(value, EXPIRATION_OFFSET, message.expirationMs());
        putLong(value, DELIVERY_TIME_OFFSET, message.deliveryTimeMs());
        if (isLarge)
        {
            value[FLAGS_OFFSET] = FLAG_LARGE;
            insertLargePayload.setLong(1, message.messageId());
            insertLargePayload.setBinaryStream(2, new ByteArrayInputStream(payload), (long)payload.length);
            insertLargePayload.executeUpdate();
        }
        else
        {
            System.arraycopy(payload, 0, value, HEADER_LENGTH, payload.length);
        }
        if (null != messages().putIfAbsent(message.messageId(), value))
        {
            throw new JournalException("message already in the journal: " + message.messageId());
        }
        messagesWritten++;
    }

    /**
     * Deletes a queue's reference to a message, if there is one.
     */
    void deleteReference(final int queueId, final long messageId)
    {
        final Long sequence = index(queueId).remove(messageId);
        if (null != sequence)
        {
            references(queueId).remove(sequence);
        }
    }

    /**
     * Adds a reference. Deletes of the batch come first, so a (queue, message) removed and added again is free.
     *
     * @throws JournalException if the queue already holds the message or the sequence (as a key violation in SQL).
     */
    void insertReference(final int queueId, final long sequence, final long messageId, final int deliveryCount)
    {
        if (null != index(queueId).putIfAbsent(messageId, sequence))
        {
            throw new JournalException(
                "reference already in the journal: queue id " + queueId + ", message " + messageId);
        }
        if (null != references(queueId).putIfAbsent(sequence, reference(messageId, deliveryCount)))
        {
            throw new JournalException(
                "sequence already in the journal: queue id " + queueId + ", sequence " + sequence);
        }
    }

    /**
     * Sets the delivery count of a reference; nothing if the queue does not hold the message.
     */
    void updateDeliveryCount(final int queueId, final long messageId, final int deliveryCount)
    {
        final Long sequence = index(queueId).get(messageId);
        if (null != sequence)
        {
            references(queueId).put(sequence, reference(messageId, deliveryCount));
        }
    }

    /**
     * Adds to a message's reference count, deleting the message (and its large payload) when none is left; nothing
     * for a message not in the journal.
     */
    void addToReferenceCount(final long messageId, final long delta) throws SQLException
    {
        final TransactionMap<Long, byte[]> messages = messages();
        final byte[] value = messages.get(messageId);
        if (null == value)
        {
            return;
        }
        final long count = getInt(value, REF_COUNT_OFFSET) + delta;
        if (count <= 0)
        {
            messages.remove(messageId);
            if (FLAG_LARGE == value[FLAGS_OFFSET])
            {
                deleteLargePayload.setLong(1, messageId);
                deleteLargePayload.executeUpdate();
            }
        }
        else
        {
            final byte[] updated = value.clone();
            putInt(updated, REF_COUNT_OFFSET, (int)count);
            messages.put(messageId, updated);
        }
    }

    /**
     * Deletes every reference of a queue and the messages left without one, inside the current batch.
     */
    void purge(final int queueId) throws SQLException
    {
        final TransactionMap<Long, byte[]> references = references(queueId);
        purgeSequences.clear();
        final LongArrayList messageIds = new LongArrayList();
        for (final Iterator<Map.Entry<Long, byte[]>> it = references.entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<Long, byte[]> entry = it.next();
            purgeSequences.addLong(entry.getKey());
            messageIds.addLong(getLong(entry.getValue(), 0));
        }
        final TransactionMap<Long, Long> index = index(queueId);
        for (int i = 0, size = purgeSequences.size(); i < size; i++)
        {
            references.remove(purgeSequences.getLong(i));
            index.remove(messageIds.getLong(i));
            addToReferenceCount(messageIds.getLong(i), -1);
        }
        purgeSequences.clear();
    }

    /**
     * A page of a queue's references after a sequence, the first {@code skip} passed over, read from the committed
     * maps. Between batches only. The skip finds its key by index (logarithmic), reading no message.
     */
    List<StoredReference> readReferences(final int queueId, final long afterSequence, final long skip,
        final int limit) throws SQLException
    {
        final ArrayList<StoredReference> page = new ArrayList<>(Math.min(limit, 1024));
        final MVMap<Long, VersionedValue<byte[]>> references = committedReferences(queueId);
        if (null == references || Long.MAX_VALUE == afterSequence)
        {
            return page;
        }
        long from = afterSequence + 1;
        if (skip > 0)
        {
            final long index = references.getKeyIndex(from);
            // A missing key gives -(insertion point) - 1: the first key after it sits at the insertion point.
            final Long first = references.getKey((index < 0 ? -index - 1 : index) + skip);
            if (null == first)
            {
                return page;
            }
            from = first;
        }
        final Cursor<Long, VersionedValue<byte[]>> cursor = references.cursor(from);
        while (page.size() < limit && cursor.hasNext())
        {
            final long sequence = cursor.next();
            final byte[] reference = cursor.getValue().getCurrentValue();
            final long messageId = getLong(reference, 0);
            final VersionedValue<byte[]> stored = messagesMap.get(messageId);
            if (null == stored || null == stored.getCurrentValue())
            {
                throw new JournalException("queue id " + queueId + " references message " + messageId +
                    " at sequence " + sequence + ", which the journal does not hold");
            }
            final byte[] message = stored.getCurrentValue();
            page.add(new StoredReference(sequence, messageId, getInt(reference, 8), message[PRIORITY_OFFSET],
                getLong(message, EXPIRATION_OFFSET), getLong(message, DELIVERY_TIME_OFFSET),
                payload(messageId, message)));
        }
        return page;
    }

    /**
     * A page of a queue's references after a sequence with their messages' lengths and expirations, reading no body:
     * a message stored in the map has its length in its value's size; a large one, the length H2 keeps with the
     * stored object ({@code OCTET_LENGTH}, no block read). Between batches only.
     */
    List<ReferenceLength> readReferenceLengths(final int queueId, final long afterSequence, final int limit)
        throws SQLException
    {
        final ArrayList<ReferenceLength> page = new ArrayList<>(Math.min(limit, 1024));
        final MVMap<Long, VersionedValue<byte[]>> references = committedReferences(queueId);
        if (null == references || Long.MAX_VALUE == afterSequence)
        {
            return page;
        }
        final Cursor<Long, VersionedValue<byte[]>> cursor = references.cursor(afterSequence + 1);
        while (page.size() < limit && cursor.hasNext())
        {
            final long sequence = cursor.next();
            final long messageId = getLong(cursor.getValue().getCurrentValue(), 0);
            final VersionedValue<byte[]> stored = messagesMap.get(messageId);
            if (null == stored || null == stored.getCurrentValue())
            {
                throw new JournalException("queue id " + queueId + " references message " + messageId +
                    " at sequence " + sequence + ", which the journal does not hold");
            }
            final byte[] message = stored.getCurrentValue();
            page.add(new ReferenceLength(sequence, messageId, FLAG_LARGE == message[FLAGS_OFFSET] ?
                largePayloadLength(messageId) : message.length - HEADER_LENGTH, getLong(message, EXPIRATION_OFFSET)));
        }
        return page;
    }

    private int largePayloadLength(final long messageId) throws SQLException
    {
        selectLargePayloadLength.setLong(1, messageId);
        try (ResultSet resultSet = selectLargePayloadLength.executeQuery())
        {
            if (!resultSet.next())
            {
                throw new SQLException("message " + messageId + " is flagged large but has no large payload");
            }
            return (int)resultSet.getLong(1);
        }
    }

    /**
     * How many references a queue holds, from the committed map (constant time). Between batches only.
     */
    long readReferenceCount(final int queueId)
    {
        final MVMap<Long, VersionedValue<byte[]>> references = committedReferences(queueId);
        return null == references ? 0 : references.sizeAsLong();
    }

    /**
     * The highest sequence of a queue, or -1. Between batches only.
     */
    long readLastSequence(final int queueId)
    {
        final MVMap<Long, VersionedValue<byte[]>> references = committedReferences(queueId);
        final Long last = null == references ? null : references.lastKey();
        return null == last ? -1 : last;
    }

    /**
     * Messages in the journal. Between batches only.
     */
    long messageCount()
    {
        return messagesMap.sizeAsLong();
    }

    /**
     * A message's reference count, or -1 if the journal does not hold it. Between batches only.
     */
    int referenceCountOf(final long messageId)
    {
        final VersionedValue<byte[]> stored = messagesMap.get(messageId);
        return null == stored || null == stored.getCurrentValue() ? -1 :
            getInt(stored.getCurrentValue(), REF_COUNT_OFFSET);
    }

    /**
     * Moves messages and references from the SQL tables of a journal written before the maps into the maps, inside
     * the current transaction, and empties the tables. A large payload stays where it is.
     *
     * @return the messages moved.
     */
    long moveFromTables(final Connection connection) throws SQLException
    {
        long moved = 0;
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT m.id, m.ref_count, m.priority, m.expiration_ms, m.delivery_time_ms, m.payload, " +
            "l.message_id IS NOT NULL FROM messages m LEFT JOIN large_payloads l ON l.message_id = m.id");
            ResultSet rows = select.executeQuery())
        {
            while (rows.next())
            {
                final byte[] payload = rows.getBytes(6);
                final boolean isLarge = rows.getBoolean(7);
                final byte[] value = new byte[HEADER_LENGTH + (isLarge ? 0 : payload.length)];
                putInt(value, REF_COUNT_OFFSET, rows.getInt(2));
                value[PRIORITY_OFFSET] = (byte)rows.getInt(3);
                putLong(value, EXPIRATION_OFFSET, rows.getLong(4));
                putLong(value, DELIVERY_TIME_OFFSET, rows.getLong(5));
                if (isLarge)
                {
                    value[FLAGS_OFFSET] = FLAG_LARGE;
                }
                else
                {
                    System.arraycopy(payload, 0, value, HEADER_LENGTH, payload.length);
                }
                messages().put(rows.getLong(1), value);
                moved++;
            }
        }
        try (PreparedStatement select = connection.prepareStatement(
            "SELECT queue_id, seq, message_id, delivery_count FROM message_refs");
            ResultSet rows = select.executeQuery())
        {
            while (rows.next())
            {
                insertReference(rows.getInt(1), rows.getLong(2), rows.getLong(3), rows.getInt(4));
            }
        }
        try (java.sql.Statement statement = connection.createStatement())
        {
            statement.executeUpdate("DELETE FROM message_refs");
            statement.executeUpdate("DELETE FROM messages");
        }
        return moved;
    }

    private byte[] payload(final long messageId, final byte[] message) throws SQLException
    {
        if (FLAG_LARGE != message[FLAGS_OFFSET])
        {
            return java.util.Arrays.copyOfRange(message, HEADER_LENGTH, message.length);
        }
        selectLargePayload.setLong(1, messageId);
        try (ResultSet resultSet = selectLargePayload.executeQuery())
        {
            if (!resultSet.next())
            {
                throw new SQLException("message " + messageId + " is flagged large but has no large payload");
            }
            try (InputStream stream = resultSet.getBinaryStream(1))
            {
                return stream.readAllBytes();
            }
            catch (final IOException ex)
            {
                throw new SQLException("cannot read the large payload of message " + messageId, ex);
            }
        }
    }

    /**
     * Binds the map views to the session's current transaction, which changes after every commit or rollback.
     */
    private void bindTransaction()
    {
        final Transaction current = session.getTransaction();
        if (current != transaction)
        {
            transaction = current;
            txMessages = current.openMapX(messagesMap);
            txReferences.clear();
            txIndexes.clear();
        }
    }

    private TransactionMap<Long, byte[]> messages()
    {
        bindTransaction();
        return txMessages;
    }

    private TransactionMap<Long, byte[]> references(final int queueId)
    {
        bindTransaction();
        TransactionMap<Long, byte[]> map = txReferences.get(queueId);
        if (null == map)
        {
            final MVMap<Long, VersionedValue<byte[]>> base = referenceMaps.get(queueId);
            if (null == base)
            {
                map = transaction.openMap(REFERENCES_PREFIX + queueId, LongDataType.INSTANCE,
                    ByteArrayDataType.INSTANCE);
                referenceMaps.put(queueId, map.map);
            }
            else
            {
                map = transaction.openMapX(base);
            }
            txReferences.put(queueId, map);
        }
        return map;
    }

    private TransactionMap<Long, Long> index(final int queueId)
    {
        bindTransaction();
        TransactionMap<Long, Long> map = txIndexes.get(queueId);
        if (null == map)
        {
            final MVMap<Long, VersionedValue<Long>> base = indexMaps.get(queueId);
            if (null == base)
            {
                map = transaction.openMap(INDEX_PREFIX + queueId, LongDataType.INSTANCE, LongDataType.INSTANCE);
                indexMaps.put(queueId, map.map);
            }
            else
            {
                map = transaction.openMapX(base);
            }
            txIndexes.put(queueId, map);
        }
        return map;
    }

    /**
     * A queue's reference map for a read between batches, or null if the queue never had one.
     */
    private MVMap<Long, VersionedValue<byte[]>> committedReferences(final int queueId)
    {
        MVMap<Long, VersionedValue<byte[]>> map = referenceMaps.get(queueId);
        if (null == map && session.getDatabase().getStore().getMvStore().hasMap(REFERENCES_PREFIX + queueId))
        {
            references(queueId);
            map = referenceMaps.get(queueId);
        }
        return map;
    }

    private static byte[] reference(final long messageId, final int deliveryCount)
    {
        final byte[] value = new byte[REFERENCE_LENGTH];
        putLong(value, 0, messageId);
        putInt(value, 8, deliveryCount);
        return value;
    }

    private static void putLong(final byte[] array, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            array[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    private static long getLong(final byte[] array, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (array[offset + i] & 0xFF);
        }
        return value;
    }

    private static void putInt(final byte[] array, final int offset, final int value)
    {
        for (int i = 0; i < 4; i++)
        {
            array[offset + i] = (byte)(value >>> (24 - 8 * i));
        }
    }

    private static int getInt(final byte[] array, final int offset)
    {
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            value = (value << 8) | (array[offset + i] & 0xFF);
        }
        return value;
    }
}
