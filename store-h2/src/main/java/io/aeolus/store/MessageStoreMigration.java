package io.aeolus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.engine.SessionLocal;

/**
 * Decides, on open, where a journal's messages and references live, and moves them from the SQL tables into the
 * MVStore maps of {@link MessageMaps} the first time an embedded broker opens a journal written before the maps
 * (schema version 8: {@code journal_state.messages_in_maps}).
 * <p>
 * An embedded database (a data directory or any local {@code jdbc:h2:} URL) uses the maps. A server URL reaches no
 * local MVStore: it keeps the SQL tables, and refuses a journal whose messages were moved to maps, since it could
 * not see them.
 */
final class MessageStoreMigration
{
    private MessageStoreMigration()
    {
    }

    /**
     * @param connection the journal's connection, auto-commit off, schema at the current version.
     * @return the maps, or null if messages stay in the SQL tables (a server URL).
     * @throws JournalException if a server URL opens a journal whose messages live in maps.
     * @throws SQLException     on a database error.
     */
    static MessageMaps openMaps(final Connection connection) throws SQLException
    {
        final SessionLocal session = MessageMaps.embeddedSession(connection);
        final boolean isInMaps = isMessagesInMaps(connection);
        if (null == session)
        {
            if (isInMaps)
            {
                throw new JournalException("this journal keeps its messages in H2 MVStore maps, which a server URL " +
                    "cannot reach: open it as an embedded database (a data directory or a jdbc:h2:file: URL)");
            }
            return null;
        }
        if (!isInMaps)
        {
            // DDL commits at once in H2, so it goes first: the data then moves in one transaction with the flag.
            dropLargePayloadForeignKeys(connection);
        }
        final MessageMaps maps = MessageMaps.open(connection, session);
        if (!isInMaps)
        {
            maps.moveFromTables(connection);
            try (Statement statement = connection.createStatement())
            {
                statement.executeUpdate("UPDATE journal_state SET messages_in_maps = TRUE WHERE id = 1");
            }
            connection.commit();
        }
        return maps;
    }

    private static boolean isMessagesInMaps(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery("SELECT messages_in_maps FROM journal_state WHERE id = 1"))
        {
            return resultSet.next() && resultSet.getBoolean(1);
        }
    }

    /**
     * A large payload's row referenced its message row ({@code ON DELETE CASCADE}); with the message in a map, the
     * journal deletes the payload itself.
     */
    private static void dropLargePayloadForeignKeys(final Connection connection) throws SQLException
    {
        final List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
            ResultSet resultSet = statement.executeQuery(
                "SELECT CONSTRAINT_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS " +
                "WHERE TABLE_NAME = 'LARGE_PAYLOADS' AND CONSTRAINT_TYPE = 'FOREIGN KEY'"))
        {
            while (resultSet.next())
            {
                names.add(resultSet.getString(1));
            }
        }
        for (final String name : names)
        {
            try (Statement statement = connection.createStatement())
            {
                statement.execute("ALTER TABLE large_payloads DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
