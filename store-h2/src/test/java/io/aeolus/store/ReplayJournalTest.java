package io.aeolus.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays of retained topics (schema version 9): kept with their progress across a reopen, replaced as they progress
 * in the same transaction as the copies they made, deleted when forgotten; a version-8 journal migrates.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplayJournalTest
{
    private static final StoredReplay STARTED = new StoredReplay(3, "shop.clicks", "analytics", 1000, 9000, 500,
        100L << 20, 900L << 20, 40, 0, 0, "running", "", 0);

    @TempDir
    Path directory;

    @Test
    void shouldKeepAReplayWithItsProgressAcrossAReopen()
    {
        final StoredReplay progressed = new StoredReplay(3, "shop.clicks", "analytics", 1000, 9000, 500,
            (400L << 20) + 7, 900L << 20, 40, 12, 1, "running", "", 0);
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.PutReplay(STARTED)));
            // A slice: a copy and the progress that accounts for it, one group.
            journal.write(List.of(new JournalCommand.Group(List.of(
                new JournalCommand.StoreMessage(77, 4, 0, 0, new byte[]{ 1, 2, 3 }),
                new JournalCommand.AddReference("analytics", 77, 0),
                new JournalCommand.PutReplay(progressed)))));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(progressed), journal.readReplays());
            assertEquals(1, journal.readReferences("analytics").size());
        }
    }

    @Test
    void shouldDeleteAForgottenReplay()
    {
        final StoredReplay failed = new StoredReplay(4, "t", "q", 0, 1, 0, 0, 0, 0, 0, 0, "failed",
            "queue 'q' does not exist", 5);
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(new JournalCommand.PutReplay(failed), new JournalCommand.PutReplay(STARTED)));
            assertEquals(List.of(STARTED, failed), journal.readReplays());

            journal.write(List.of(new JournalCommand.DeleteReplay(3), new JournalCommand.DeleteReplay(99)));

            assertEquals(List.of(failed), journal.readReplays());
        }
    }

    @Test
    void shouldRefuseAReplayRecordWithoutAStateOrId()
    {
        final IllegalArgumentException state = assertThrows(IllegalArgumentException.class,
            () -> new StoredReplay(1, "t", "q", 0, 1, 0, 0, 0, 0, 0, 0, "", "", 0));
        assertTrue(state.getMessage().contains("replay state"), state.getMessage());
        final IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
            () -> new StoredReplay(0, "t", "q", 0, 1, 0, 0, 0, 0, 0, 0, "running", "", 0));
        assertTrue(id.getMessage().contains("replay id"), id.getMessage());
    }

    @Test
    void shouldMigrateAVersionEightJournalToNine() throws Exception
    {
        final String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            // A version-8 journal as versions 1 to 8 left it (messages still in the SQL tables).
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            for (final String[] step : List.of(JournalSchema.VERSION_1, JournalSchema.VERSION_2,
                JournalSchema.VERSION_3, JournalSchema.VERSION_4, JournalSchema.VERSION_5, JournalSchema.VERSION_6,
                JournalSchema.VERSION_7, JournalSchema.VERSION_8))
            {
                for (final String sql : step)
                {
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES " +
                "(1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0)");
        }

        try (H2Journal journal = open(directory))
        {
            assertTrue(JournalSchema.CURRENT_VERSION >= 9, "version 9 adds replays");
            assertEquals(JournalSchema.CURRENT_VERSION, count(url, "SELECT MAX(version) FROM schema_version"));
            assertEquals(List.of(), journal.readReplays());
            journal.write(List.of(new JournalCommand.PutReplay(STARTED)));
            assertEquals(List.of(STARTED), journal.readReplays());
        }
    }
}
