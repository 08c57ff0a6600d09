package io.aeolus.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;

import org.agrona.collections.Object2IntHashMap;

/**
 * The journal thread's map from reference queue name to the small integer that {@code message_refs} stores.
 * Loaded once on open; new names get the next id and are inserted with the batch that first uses them.
 */
final class QueueRegistry
{
    static final int MISSING_ID = -1;

    private final Object2IntHashMap<String> idsByName = new Object2IntHashMap<>(MISSING_ID);
    private final ArrayList<String> pendingNames = new ArrayList<>();
    private final PreparedStatement insertQueue;
    private final PreparedStatement deleteQueue;
    private int nextId;

    QueueRegistry(final Connection connection) throws SQLException
    {
        int maxId = 0;
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT id, name FROM queues"))
        {
            while (resultSet.next())
            {
                final int id = resultSet.getInt(1);
                idsByName.put(resultSet.getString(2), id);
                maxId = Math.max(maxId, id);
            }
        }
        nextId = maxId + 1;
        insertQueue = connection.prepareStatement("INSERT INTO queues (id, name) VALUES (?, ?)");
        deleteQueue = connection.prepareStatement("DELETE FROM queues WHERE id = ?");
    }

    /**
     * The id of a queue, allocating one (inserted by the next {@link #flush()}) for a new name.
     */
    int idFor(final String name)
    {
        int id = idsByName.getValue(name);
        if (MISSING_ID == id)
        {
            id = nextId++;
            idsByName.put(name, id);
            pendingNames.add(name);
        }
        return id;
    }

    /**
     * The id of a known queue, or {@link #MISSING_ID}.
     */
    int existingId(final String name)
    {
        return idsByName.getValue(name);
    }

    void flush() throws SQLException
    {
        if (!pendingNames.isEmpty())
        {
            for (final String name : pendingNames)
            {
                insertQueue.setInt(1, idsByName.getValue(name));
                insertQueue.setString(2, name);
                insertQueue.addBatch();
            }
            pendingNames.clear();
            insertQueue.executeBatch();
        }
    }

    void delete(final String name) throws SQLException
    {
        final int id = idsByName.removeKey(name);
        if (MISSING_ID != id)
        {
            deleteQueue.setInt(1, id);
            deleteQueue.executeUpdate();
        }
    }
}
