package io.aeolus.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The journal's tables, created on first open and versioned in {@code schema_version}.
 * <p>
 * Layout choices, from the measurements in JOURNAL.md: the payload is {@code VARBINARY} (kept in the row; an H2
 * {@code BLOB} of 1 KiB goes to a separate LOB map and costs a second write); {@code messages.id} is a single
 * {@code BIGINT} key, so H2 uses it as the row key and needs no extra index; a message carries the count of its
 * references, so an acknowledgement deletes it without looking for other references; references name their queue
 * by a small integer from {@code queues}, not by a repeated string. Version 2 adds {@code metrics_history}, version 3
 * {@code destinations.paused}, version 4 {@code large_payloads}, version 5 the prepared XA branches
 * ({@code xa_branches}, {@code xa_branch_sends}, {@code xa_branch_acks}), version 6 the routing rules made at run time
 * ({@code routes}), version 7 their transformers and JSON Schemas, version 8 {@code journal_state.messages_in_maps}
 * (messages and references move to MVStore maps, see {@link MessageMaps}), version 9 the replays of retained topics
 * into queues with their progress ({@code replays}), version 10 the settings administrators gave destinations at run
 * time ({@code destination_settings}).
 */
final class JournalSchema
{
    /**
     * The version this code reads and writes.
     */
    static final int CURRENT_VERSION = 10;

    private static final int MAX_NAME_LENGTH = Destination.MAX_NAME_LENGTH;

    /**
     * Version 1: messages, their references, destinations, durable subscriptions. Kept as it was first released,
     * so that tests can build a version-1 journal to migrate.
     */
    static final String[] VERSION_1 =
    {
        "CREATE TABLE destinations (" +
            "name VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "type TINYINT NOT NULL, " +
            "PRIMARY KEY (name, type))",
        "CREATE TABLE queues (" +
            "id INT PRIMARY KEY, " +
            "name VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL UNIQUE)",
        "CREATE TABLE messages (" +
            "id BIGINT PRIMARY KEY, " +
            "ref_count INT NOT NULL, " +
            "priority TINYINT NOT NULL, " +
            "expiration_ms BIGINT NOT NULL, " +
            "delivery_time_ms BIGINT NOT NULL, " +
            "payload VARBINARY(1000000000) NOT NULL)",
        "CREATE TABLE message_refs (" +
            "queue_id INT NOT NULL, " +
            "seq BIGINT NOT NULL, " +
            "message_id BIGINT NOT NULL, " +
            "delivery_count INT NOT NULL, " +
            "PRIMARY KEY (queue_id, seq))",
        "CREATE UNIQUE INDEX message_refs_by_message ON message_refs (queue_id, message_id)",
        "CREATE TABLE durable_subscriptions (" +
            "queue_name VARCHAR(" + MAX_NAME_LENGTH + ") PRIMARY KEY, " +
            "client_id VARCHAR(" + MAX_NAME_LENGTH + "), " +
            "subscription_name VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "topic VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "selector VARCHAR(1000000), " +
            "no_local BOOLEAN NOT NULL, " +
            "shared BOOLEAN NOT NULL)",
        "CREATE TABLE journal_state (" +
            "id INT PRIMARY KEY, " +
            "last_message_id BIGINT NOT NULL)",
        "INSERT INTO journal_state (id, last_message_id) VALUES (1, -1)",
    };

    /**
     * Version 2 adds the metrics history: 1-minute points per series, keyed by time first so that pruning and the
     * read at start are index range scans, and a point written twice (a restart within a minute) replaces itself.
     * {@code IF NOT EXISTS}: H2 commits DDL at once, so a migration stopped before its version row was written finds
     * the table there when it runs again.
     */
    static final String[] VERSION_2 =
    {
        "CREATE TABLE IF NOT EXISTS metrics_history (" +
            "time_ms BIGINT NOT NULL, " +
            "series VARCHAR(" + HistoryPoint.MAX_SERIES_LENGTH + ") NOT NULL, " +
            "depth BIGINT NOT NULL, " +
            "in_rate DOUBLE PRECISION NOT NULL, " +
            "out_rate DOUBLE PRECISION NOT NULL, " +
            "PRIMARY KEY (time_ms, series))",
    };

    /**
     * Version 3: whether a queue's deliveries are paused by an administrator. {@code IF NOT EXISTS}, as for version 2.
     */
    static final String[] VERSION_3 =
    {
        "ALTER TABLE destinations ADD COLUMN IF NOT EXISTS paused BOOLEAN DEFAULT FALSE NOT NULL",
    };

    /**
     * Version 4: payloads over {@link #LARGE_PAYLOAD_BYTES} in a {@code BLOB} of their own, which H2 streams in blocks
     * (a {@code VARBINARY} row needs several times its size in write buffers), the message row keeping an empty
     * payload. Deleted with their message.
     */
    static final String[] VERSION_4 =
    {
        "CREATE TABLE IF NOT EXISTS large_payloads (" +
            "message_id BIGINT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE, " +
            "payload BLOB NOT NULL)",
    };

    /**
     * Version 5: XA branches prepared (or completed heuristically by an administrator) and not yet forgotten: the
     * branch, the encoded messages it sends at commit, and the references it acknowledges at commit (which stay in
     * {@code message_refs} until then). Keyed by the Xid; {@code IF NOT EXISTS}, as for version 2.
     */
    static final String[] VERSION_5 =
    {
        "CREATE TABLE IF NOT EXISTS xa_branches (" +
            "format_id INT NOT NULL, " +
            "gtrid VARBINARY(64) NOT NULL, " +
            "bqual VARBINARY(64) NOT NULL, " +
            "state TINYINT NOT NULL, " +
            "prepared_ms BIGINT NOT NULL, " +
            "PRIMARY KEY (format_id, gtrid, bqual))",
        "CREATE TABLE IF NOT EXISTS xa_branch_sends (" +
            "format_id INT NOT NULL, " +
            "gtrid VARBINARY(64) NOT NULL, " +
            "bqual VARBINARY(64) NOT NULL, " +
            "seq INT NOT NULL, " +
            "payload VARBINARY(1000000000) NOT NULL, " +
            "PRIMARY KEY (format_id, gtrid, bqual, seq))",
        "CREATE TABLE IF NOT EXISTS xa_branch_acks (" +
            "format_id INT NOT NULL, " +
            "gtrid VARBINARY(64) NOT NULL, " +
            "bqual VARBINARY(64) NOT NULL, " +
            "seq INT NOT NULL, " +
            "queue_name VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "message_id BIGINT NOT NULL, " +
            "PRIMARY KEY (format_id, gtrid, bqual, seq))",
    };

    /**
     * Version 6: routing rules created at run time (those of the config file are not journaled), each part as text,
     * parsed and checked again when read back. {@code IF NOT EXISTS}, as for version 2.
     */
    static final String[] VERSION_6 =
    {
        "CREATE TABLE IF NOT EXISTS routes (" +
            "name VARCHAR(" + StoredRoute.MAX_NAME_LENGTH + ") PRIMARY KEY, " +
            "source VARCHAR(1000) NOT NULL, " +
            "selector VARCHAR(1000000), " +
            "targets VARCHAR(1000000) NOT NULL, " +
            "mode VARCHAR(16) NOT NULL)",
    };

    /**
     * Version 7: a routing rule made at run time may transform and validate the messages it takes: the transformer's
     * name, its parameters ({@code name=value} lines), the JSON Schema's text and what happens to an invalid message.
     * Rules of version 6 read back with none of these. {@code IF NOT EXISTS}, as for version 2.
     */
    static final String[] VERSION_7 =
    {
        "ALTER TABLE routes ADD COLUMN IF NOT EXISTS transformer VARCHAR(" + StoredRoute.MAX_TRANSFORMER_LENGTH + ")",
        "ALTER TABLE routes ADD COLUMN IF NOT EXISTS transformer_parameters VARCHAR(1000000)",
        "ALTER TABLE routes ADD COLUMN IF NOT EXISTS json_schema VARCHAR(1000000)",
        "ALTER TABLE routes ADD COLUMN IF NOT EXISTS invalid_action VARCHAR(16)",
    };

    /**
     * Version 8: whether messages and references live in the MVStore maps of {@link MessageMaps} (true once an
     * embedded broker opened the journal and moved them there) rather than in {@code messages} and
     * {@code message_refs}. {@code IF NOT EXISTS}, as for version 2; the move itself is {@link H2Journal}'s.
     */
    static final String[] VERSION_8 =
    {
        "ALTER TABLE journal_state ADD COLUMN IF NOT EXISTS messages_in_maps BOOLEAN DEFAULT FALSE NOT NULL",
    };

    /**
     * Version 9: replays of a retained topic into a queue, with how far each got, so that a restart resumes a replay
     * that was copying. {@code IF NOT EXISTS}, as for version 2.
     */
    static final String[] VERSION_9 =
    {
        "CREATE TABLE IF NOT EXISTS replays (" +
            "id BIGINT PRIMARY KEY, " +
            "topic VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "queue VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "from_ms BIGINT NOT NULL, " +
            "to_ms BIGINT NOT NULL, " +
            "started_ms BIGINT NOT NULL, " +
            "next_seq BIGINT NOT NULL, " +
            "end_seq BIGINT NOT NULL, " +
            "total BIGINT NOT NULL, " +
            "replayed BIGINT NOT NULL, " +
            "skipped BIGINT NOT NULL, " +
            "state VARCHAR(" + StoredReplay.MAX_STATE_LENGTH + ") NOT NULL, " +
            "problem VARCHAR(" + StoredReplay.MAX_PROBLEM_LENGTH + ") NOT NULL, " +
            "finished_ms BIGINT NOT NULL)",
    };

    /**
     * Version 10: the settings an administrator gave a destination at run time, one row per setting with its value as
     * text (parsed and checked again when read back), {@code seq} keeping the order given. Removed with their
     * destination. {@code IF NOT EXISTS}, as for version 2.
     */
    static final String[] VERSION_10 =
    {
        "CREATE TABLE IF NOT EXISTS destination_settings (" +
            "name VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, " +
            "type TINYINT NOT NULL, " +
            "setting VARCHAR(" + StoredSettings.MAX_SETTING_LENGTH + ") NOT NULL, " +
            "seq INT NOT NULL, " +
            "setting_value VARCHAR(" + StoredSettings.MAX_VALUE_LENGTH + ") NOT NULL, " +
            "PRIMARY KEY (name, type, setting))",
    };

    /**
     * Payloads above this size go to {@code large_payloads}.
     */
    static final int LARGE_PAYLOAD_BYTES = 1024 * 1024;

    private JournalSchema()
    {
    }

    /**
     * Creates the tables if the database is empty, or checks the version if not. Commits.
     *
     * @param connection an open connection with auto-commit off.
     * @return the version found or created.
     * @throws SQLException on a database error.
     * @throws JournalException if the journal was written by a newer version.
     */
    static int createOrValidate(final Connection connection) throws SQLException
    {
        try (Statement statement = connection.createStatement())
        {
            statement.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            int version = 0;
            try (ResultSet resultSet = statement.executeQuery("SELECT MAX(version) FROM schema_version"))
            {
                if (resultSet.next())
                {
                    version = resultSet.getInt(1);
                }
            }

            if (version > CURRENT_VERSION)
            {
                connection.rollback();
                throw new JournalException(
                    "journal schema version " + version + " is newer than this broker reads (" + CURRENT_VERSION + ")");
            }

            // Each step migrates a journal as it stands (a version-1 journal's messages and destinations are left as
            // they are), all in this same transaction.
            while (version < CURRENT_VERSION)
            {
                version = apply(statement, steps()[version], version + 1);
            }
            connection.commit();

            return version;
        }
    }

    private static String[][] steps()
    {
        return new String[][]
        {
            VERSION_1, VERSION_2, VERSION_3, VERSION_4, VERSION_5, VERSION_6, VERSION_7, VERSION_8, VERSION_9,
            VERSION_10,
        };
    }

    private static int apply(final Statement statement, final String[] step, final int version) throws SQLException
    {
        for (final String sql : step)
        {
            statement.execute(sql);
        }
        statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES (" + version + ", " +
            System.currentTimeMillis() + ")");
        return version;
    }
}
