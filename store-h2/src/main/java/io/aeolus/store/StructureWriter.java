package io.aeolus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Writes the rare commands that change the journal's structure: destinations and durable subscriptions, and the
 * purge of a reference queue that deleting one implies; routing rules; replays with their progress. Journal thread
 * only, inside the batch's transaction.
 */
final class StructureWriter
{
    private final QueueRegistry queues;
    private final MessageMaps maps;
    private final PreparedStatement mergeDestination;
    private final PreparedStatement deleteDestination;
    private final PreparedStatement pauseDestination;
    private final PreparedStatement deleteSettings;
    private final PreparedStatement insertSetting;
    private final PreparedStatement mergeSubscription;
    private final PreparedStatement deleteSubscription;
    private final PreparedStatement releaseQueueMessages;
    private final PreparedStatement deleteUnreferencedQueueMessages;
    private final PreparedStatement deleteQueueReferences;
    private final PreparedStatement mergeRoute;
    private final PreparedStatement deleteRoute;
    private final PreparedStatement mergeReplay;
    private final PreparedStatement deleteReplay;

    StructureWriter(final Connection connection, final QueueRegistry queues, final MessageMaps maps)
        throws SQLException
    {
        this.queues = queues;
        this.maps = maps;
        mergeDestination = connection.prepareStatement(
            "MERGE INTO destinations (name, type) KEY (name, type) VALUES (?, ?)");
        deleteDestination = connection.prepareStatement("DELETE FROM destinations WHERE name = ? AND type = ?");
        pauseDestination = connection.prepareStatement(
            "UPDATE destinations SET paused = ? WHERE name = ? AND type = ?");
        deleteSettings = connection.prepareStatement("DELETE FROM destination_settings WHERE name = ? AND type = ?");
        insertSetting = connection.prepareStatement(
            "INSERT INTO destination_settings (name, type, setting, seq, setting_value) VALUES (?, ?, ?, ?, ?)");
        mergeSubscription = connection.prepareStatement(
            "MERGE INTO durable_subscriptions " +
            "(queue_name, client_id, subscription_name, topic, selector, no_local, shared) KEY (queue_name) " +
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        deleteSubscription = connection.prepareStatement("DELETE FROM durable_subscriptions WHERE queue_name = ?");
        releaseQueueMessages = connection.prepareStatement(
            "UPDATE messages SET ref_count = ref_count - 1 " +
            "WHERE id IN (SELECT message_id FROM message_refs WHERE queue_id = ?)");
        deleteUnreferencedQueueMessages = connection.prepareStatement(
            "DELETE FROM messages WHERE ref_count <= 0 " +
            "AND id IN (SELECT message_id FROM message_refs WHERE queue_id = ?)");
        deleteQueueReferences = connection.prepareStatement("DELETE FROM message_refs WHERE queue_id = ?");
        mergeRoute = connection.prepareStatement(
            "MERGE INTO routes (name, source, selector, targets, mode, transformer, transformer_parameters, " +
            "json_schema, invalid_action) KEY (name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        deleteRoute = connection.prepareStatement("DELETE FROM routes WHERE name = ?");
        mergeReplay = connection.prepareStatement(
            "MERGE INTO replays (id, topic, queue, from_ms, to_ms, started_ms, next_seq, end_seq, total, replayed, " +
            "skipped, state, problem, finished_ms) KEY (id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        deleteReplay = connection.prepareStatement("DELETE FROM replays WHERE id = ?");
    }

    void apply(final JournalCommand command) throws SQLException
    {
        if (command instanceof JournalCommand.CreateDestination create)
        {
            final Destination destination = create.destination();
            mergeDestination.setString(1, destination.name());
            mergeDestination.setInt(2, destination.type().code());
            mergeDestination.executeUpdate();
        }
        else if (command instanceof JournalCommand.PauseDestination pause)
        {
            pauseDestination.setBoolean(1, pause.paused());
            pauseDestination.setString(2, pause.destination().name());
            pauseDestination.setInt(3, pause.destination().type().code());
            pauseDestination.executeUpdate();
        }
        else if (command instanceof JournalCommand.PutSettings put)
        {
            putSettings(put.settings());
        }
        else if (command instanceof JournalCommand.DeleteDestination delete)
        {
            deleteDestination(delete.destination());
        }
        else if (command instanceof JournalCommand.CreateDurableSubscription create)
        {
            mergeSubscription(create.subscription());
        }
        else if (command instanceof JournalCommand.DeleteDurableSubscription delete)
        {
            deleteSubscription.setString(1, delete.queue());
            deleteSubscription.executeUpdate();
            purge(delete.queue());
        }
        else if (command instanceof JournalCommand.PutRoute put)
        {
            putRoute(put.route());
        }
        else if (command instanceof JournalCommand.DeleteRoute delete)
        {
            deleteRoute.setString(1, delete.name());
            deleteRoute.executeUpdate();
        }
        else if (command instanceof JournalCommand.PutReplay put)
        {
            putReplay(put.replay());
        }
        else if (command instanceof JournalCommand.DeleteReplay delete)
        {
            deleteReplay.setLong(1, delete.id());
            deleteReplay.executeUpdate();
        }
        else
        {
            throw new IllegalArgumentException("not a structure command: " + command);
        }
    }

    private void deleteDestination(final Destination destination) throws SQLException
    {
        deleteDestination.setString(1, destination.name());
        deleteDestination.setInt(2, destination.type().code());
        deleteDestination.executeUpdate();
        deleteSettings(destination);
        if (DestinationType.QUEUE == destination.type())
        {
            purge(destination.name());
        }
    }

    private void deleteSettings(final Destination destination) throws SQLException
    {
        deleteSettings.setString(1, destination.name());
        deleteSettings.setInt(2, destination.type().code());
        deleteSettings.executeUpdate();
    }

    private void putSettings(final StoredSettings settings) throws SQLException
    {
        final Destination destination = settings.destination();
        deleteSettings(destination);
        int seq = 0;
        for (final java.util.Map.Entry<String, String> entry : settings.settings().entrySet())
        {
            insertSetting.setString(1, destination.name());
            insertSetting.setInt(2, destination.type().code());
            insertSetting.setString(3, entry.getKey());
            insertSetting.setInt(4, seq++);
            insertSetting.setString(5, entry.getValue());
            insertSetting.executeUpdate();
        }
    }

    private void mergeSubscription(final DurableSubscription subscription) throws SQLException
    {
        mergeSubscription.setString(1, subscription.queue());
        if (null == subscription.clientId())
        {
            mergeSubscription.setNull(2, Types.VARCHAR);
        }
        else
        {
            mergeSubscription.setString(2, subscription.clientId());
        }
        mergeSubscription.setString(3, subscription.subscriptionName());
        mergeSubscription.setString(4, subscription.topic());
        if (null == subscription.selector())
        {
            mergeSubscription.setNull(5, Types.VARCHAR);
        }
        else
        {
            mergeSubscription.setString(5, subscription.selector());
        }
        mergeSubscription.setBoolean(6, subscription.isNoLocal());
        mergeSubscription.setBoolean(7, subscription.isShared());
        mergeSubscription.executeUpdate();
    }

    private void putRoute(final StoredRoute route) throws SQLException
    {
        mergeRoute.setString(1, route.name());
        mergeRoute.setString(2, route.source());
        setOptional(3, route.selector());
        mergeRoute.setString(4, route.targets());
        mergeRoute.setString(5, route.mode());
        setOptional(6, route.transformer());
        setOptional(7, route.parameters());
        setOptional(8, route.schema());
        setOptional(9, route.invalid());
        mergeRoute.executeUpdate();
    }

    private void putReplay(final StoredReplay replay) throws SQLException
    {
        mergeReplay.setLong(1, replay.id());
        mergeReplay.setString(2, replay.topic());
        mergeReplay.setString(3, replay.queue());
        mergeReplay.setLong(4, replay.fromMs());
        mergeReplay.setLong(5, replay.toMs());
        mergeReplay.setLong(6, replay.startedMs());
        mergeReplay.setLong(7, replay.nextSequence());
        mergeReplay.setLong(8, replay.endSequence());
        mergeReplay.setLong(9, replay.total());
        mergeReplay.setLong(10, replay.replayed());
        mergeReplay.setLong(11, replay.skipped());
        mergeReplay.setString(12, replay.state());
        mergeReplay.setString(13, replay.problem());
        mergeReplay.setLong(14, replay.finishedMs());
        mergeReplay.executeUpdate();
    }

    private void setOptional(final int index, final String text) throws SQLException
    {
        if (null == text)
        {
            mergeRoute.setNull(index, Types.VARCHAR);
        }
        else
        {
            mergeRoute.setString(index, text);
        }
    }

    /**
     * Deletes every reference of a queue, the messages left without a reference, and the queue's id.
     */
    private void purge(final String queue) throws SQLException
    {
        final int queueId = queues.existingId(queue);
        if (QueueRegistry.MISSING_ID != queueId && null != maps)
        {
            maps.purge(queueId);
            queues.delete(queue);
        }
        else if (QueueRegistry.MISSING_ID != queueId)
        {
            releaseQueueMessages.setInt(1, queueId);
            releaseQueueMessages.executeUpdate();
            deleteUnreferencedQueueMessages.setInt(1, queueId);
            deleteUnreferencedQueueMessages.executeUpdate();
            deleteQueueReferences.setInt(1, queueId);
            deleteQueueReferences.executeUpdate();
            queues.delete(queue);
        }
    }
}
