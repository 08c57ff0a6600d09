package io.aeolus.store;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's queries, for recovery and paging. Same thread as the writes, same connection, so a read sees every
 * batch written before it.
 */
final class JournalReader
{
    private final Connection connection;
    private final QueueRegistry queues;
    private final MessageMaps maps;
    private final PreparedStatement selectReferences;
    private final PreparedStatement selectReferencesFurther;
    private final PreparedStatement selectLargePayload;
    private final PreparedStatement countReferences;
    private final PreparedStatement selectLastSequence;
    private final PreparedStatement selectHistory;

    JournalReader(final Connection connection, final QueueRegistry queues, final MessageMaps maps)
        throws SQLException
    {
        this.connection = connection;
        this.queues = queues;
        this.maps = maps;
        // Ordered by the whole primary key (queue_id, seq), H2 reads the page as an index range scan and stops at the
        // limit ("index sorted" in EXPLAIN); ordered by seq alone it would read and sort the rest of the queue.
        selectReferences = connection.prepareStatement(
            "SELECT r.seq, r.message_id, r.delivery_count, m.priority, m.expiration_ms, m.delivery_time_ms, " +
            "m.payload FROM message_refs r JOIN messages m ON m.id = r.message_id " +
            "WHERE r.queue_id = ? AND r.seq > ? ORDER BY r.queue_id, r.seq FETCH FIRST ? ROWS ONLY");
        selectReferencesFurther = connection.prepareStatement(
            "SELECT r.seq, r.message_id, r.delivery_count, m.priority, m.expiration_ms, m.delivery_time_ms, " +
            "m.payload FROM message_refs r JOIN messages m ON m.id = r.message_id " +
            "WHERE r.queue_id = ? AND r.seq > ? ORDER BY r.queue_id, r.seq OFFSET ? ROWS FETCH FIRST ? ROWS ONLY");
        selectLargePayload = connection.prepareStatement("SELECT payload FROM large_payloads WHERE message_id = ?");
        countReferences = connection.prepareStatement("SELECT COUNT(*) FROM message_refs WHERE queue_id = ?");
        selectLastSequence = connection.prepareStatement("SELECT MAX(seq) FROM message_refs WHERE queue_id = ?");
        // The primary key starts with the time: a range scan in key order, no sort.
        selectHistory = connection.prepareStatement(
            "SELECT series, time_ms, depth, in_rate, out_rate FROM metrics_history WHERE time_ms >= ? " +
            "ORDER BY time_ms, series");
    }

    long readHistory(final long sinceMs, final H2Journal.HistoryHandler handler)
    {
        long count = 0;
        try
        {
            selectHistory.setLong(1, sinceMs);
            try (ResultSet resultSet = selectHistory.executeQuery())
            {
                while (resultSet.next())
                {
                    handler.onPoint(resultSet.getString(1), resultSet.getLong(2), resultSet.getLong(3),
                        resultSet.getDouble(4), resultSet.getDouble(5));
                    count++;
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read the metrics history", ex);
        }
        return count;
    }

    List<Destination> readDestinations()
    {
        final ArrayList<Destination> destinations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT name, type FROM destinations ORDER BY name, type"))
        {
            while (resultSet.next())
            {
                destinations.add(
                    new Destination(resultSet.getString(1), DestinationType.fromCode(resultSet.getInt(2))));
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read destinations", ex);
        }
        return destinations;
    }

    List<StoredSettings> readSettings()
    {
        final ArrayList<StoredSettings> all = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT name, type, setting, setting_value " +
                "FROM destination_settings ORDER BY name, type, seq"))
        {
            Destination current = null;
            java.util.LinkedHashMap<String, String> settings = new java.util.LinkedHashMap<>();
            while (resultSet.next())
            {
                final Destination destination =
                    new Destination(resultSet.getString(1), DestinationType.fromCode(resultSet.getInt(2)));
                if (!destination.equals(current))
                {
                    if (null != current)
                    {
                        all.add(new StoredSettings(current, settings));
                    }
                    current = destination;
                    settings = new java.util.LinkedHashMap<>();
                }
                settings.put(resultSet.getString(3), resultSet.getString(4));
            }
            if (null != current)
            {
                all.add(new StoredSettings(current, settings));
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read destination settings", ex);
        }
        return all;
    }

    List<String> readPausedQueues()
    {
        final ArrayList<String> paused = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT name FROM destinations WHERE paused AND type = " +
                DestinationType.QUEUE.code() + " ORDER BY name"))
        {
            while (resultSet.next())
            {
                paused.add(resultSet.getString(1));
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read paused queues", ex);
        }
        return paused;
    }

    List<DurableSubscription> readDurableSubscriptions()
    {
        final ArrayList<DurableSubscription> subscriptions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery(
                "SELECT queue_name, client_id, subscription_name, topic, selector, no_local, shared " +
                "FROM durable_subscriptions ORDER BY queue_name"))
        {
            while (resultSet.next())
            {
                subscriptions.add(new DurableSubscription(
                    resultSet.getString(1),
                    resultSet.getString(2),
                    resultSet.getString(3),
                    resultSet.getString(4),
                    resultSet.getString(5),
                    resultSet.getBoolean(6),
                    resultSet.getBoolean(7)));
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read durable subscriptions", ex);
        }
        return subscriptions;
    }

    List<StoredRoute> readRoutes()
    {
        final ArrayList<StoredRoute> routes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery(
                "SELECT name, source, selector, targets, mode, transformer, transformer_parameters, json_schema, " +
                    "invalid_action FROM routes ORDER BY name"))
        {
            while (resultSet.next())
            {
                routes.add(new StoredRoute(resultSet.getString(1), resultSet.getString(2), resultSet.getString(3),
                    resultSet.getString(4), resultSet.getString(5), resultSet.getString(6), resultSet.getString(7),
                    resultSet.getString(8), resultSet.getString(9)));
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read routing rules", ex);
        }
        return routes;
    }

    List<StoredReplay> readReplays()
    {
        final ArrayList<StoredReplay> replays = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery(
                "SELECT id, topic, queue, from_ms, to_ms, started_ms, next_seq, end_seq, total, replayed, skipped, " +
                    "state, problem, finished_ms FROM replays ORDER BY id"))
        {
            while (resultSet.next())
            {
                replays.add(new StoredReplay(resultSet.getLong(1), resultSet.getString(2), resultSet.getString(3),
                    resultSet.getLong(4), resultSet.getLong(5), resultSet.getLong(6), resultSet.getLong(7),
                    resultSet.getLong(8), resultSet.getLong(9), resultSet.getLong(10), resultSet.getLong(11),
                    resultSet.getString(12), resultSet.getString(13), resultSet.getLong(14)));
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read replays", ex);
        }
        return replays;
    }

    /**
     * @return the payload as read, or, if empty, the message's large payload streamed from its BLOB.
     */
    private byte[] payload(final long messageId, final byte[] inRow) throws SQLException
    {
        if (inRow.length > 0)
        {
            return inRow;
        }
        selectLargePayload.setLong(1, messageId);
        try (ResultSet resultSet = selectLargePayload.executeQuery())
        {
            if (!resultSet.next())
            {
                throw new SQLException("message " + messageId + " has neither a payload nor a large payload");
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
     * A page of a queue's references with their messages' lengths, reading no body from the MVStore maps; on a
     * server-mode journal (no maps) the page is read with its payloads and their lengths taken.
     */
    List<ReferenceLength> readReferenceLengths(final String queue, final long afterSequence, final int limit)
    {
        final int queueId = queues.existingId(queue);
        if (QueueRegistry.MISSING_ID == queueId)
        {
            return new ArrayList<>();
        }
        if (null == maps)
        {
            final List<StoredReference> references = readReferences(queue, afterSequence, 0, limit);
            final ArrayList<ReferenceLength> lengths = new ArrayList<>(references.size());
            for (final StoredReference reference : references)
            {
                lengths.add(new ReferenceLength(reference.sequence(), reference.messageId(),
                    reference.payload().length, reference.expirationMs()));
            }
            return lengths;
        }
        try
        {
            return maps.readReferenceLengths(queueId, afterSequence, limit);
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read the references of " + queue, ex);
        }
    }

    List<StoredReference> readReferences(
        final String queue, final long afterSequence, final long skip, final int limit)
    {
        final ArrayList<StoredReference> references = new ArrayList<>(Math.min(limit, 1024));
        final int queueId = queues.existingId(queue);
        if (QueueRegistry.MISSING_ID == queueId)
        {
            return references;
        }
        try
        {
            if (null != maps)
            {
                return maps.readReferences(queueId, afterSequence, skip, limit);
            }
            final PreparedStatement select = 0 == skip ? selectReferences : selectReferencesFurther;
            select.setInt(1, queueId);
            select.setLong(2, afterSequence);
            if (0 == skip)
            {
                select.setInt(3, limit);
            }
            else
            {
                select.setLong(3, skip);
                select.setInt(4, limit);
            }
            try (ResultSet resultSet = select.executeQuery())
            {
                while (resultSet.next())
                {
                    references.add(new StoredReference(
                        resultSet.getLong(1),
                        resultSet.getLong(2),
                        resultSet.getInt(3),
                        resultSet.getInt(4),
                        resultSet.getLong(5),
                        resultSet.getLong(6),
                        payload(resultSet.getLong(2), resultSet.getBytes(7))));
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read references of " + queue, ex);
        }
        return references;
    }

    long readReferenceCount(final String queue)
    {
        if (null != maps)
        {
            final int queueId = queues.existingId(queue);
            return QueueRegistry.MISSING_ID == queueId ? 0 : maps.readReferenceCount(queueId);
        }
        return queryQueueLong(countReferences, queue, 0);
    }

    long readLastSequence(final String queue)
    {
        if (null != maps)
        {
            final int queueId = queues.existingId(queue);
            return QueueRegistry.MISSING_ID == queueId ? -1 : maps.readLastSequence(queueId);
        }
        return queryQueueLong(selectLastSequence, queue, -1);
    }

    private long queryQueueLong(final PreparedStatement statement, final String queue, final long defaultValue)
    {
        final int queueId = queues.existingId(queue);
        if (QueueRegistry.MISSING_ID == queueId)
        {
            return defaultValue;
        }
        try
        {
            statement.setInt(1, queueId);
            try (ResultSet resultSet = statement.executeQuery())
            {
                resultSet.next();
                final long value = resultSet.getLong(1);
                return resultSet.wasNull() ? defaultValue : value;
            }
        }
        catch (final SQLException ex)
        {
            throw new JournalException("cannot read queue " + queue, ex);
        }
    }
}
