package io.aeolus.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsHistoryJournalTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path directory;

    @Test
    void shouldReadHistoryBackInTimeOrderAfterReopen()
    {
        try (H2Journal journal = open(directory))
        {
            journal.writeHistory(record(Long.MIN_VALUE,
                point("queue:orders", T0 + MINUTE_MS, 7, 1.5, 0.25),
                point("broker", T0, 3, 0, 0),
                point("queue:orders", T0, 3, 0.5, 0)));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(
                point("broker", T0, 3, 0, 0),
                point("queue:orders", T0, 3, 0.5, 0),
                point("queue:orders", T0 + MINUTE_MS, 7, 1.5, 0.25)), journal.readHistory(Long.MIN_VALUE));
            assertEquals(List.of(point("queue:orders", T0 + MINUTE_MS, 7, 1.5, 0.25)),
                journal.readHistory(T0 + 1));
        }
    }

    @Test
    void shouldReplaceAPointWrittenAgainAtTheSameTimeAndSeries()
    {
        try (H2Journal journal = open(directory))
        {
            journal.writeHistory(record(Long.MIN_VALUE, point("queue:orders", T0, 3, 1, 1)));

            journal.writeHistory(record(Long.MIN_VALUE, point("queue:orders", T0, 4, 2, 2)));

            assertEquals(List.of(point("queue:orders", T0, 4, 2, 2)), journal.readHistory(Long.MIN_VALUE));
        }
    }

    @Test
    void shouldPruneOnlyThePointsOlderThanTheRetention()
    {
        try (H2Journal journal = open(directory))
        {
            journal.writeHistory(record(Long.MIN_VALUE,
                point("queue:a", T0, 1, 0, 0), point("queue:b", T0, 1, 0, 0),
                point("queue:a", T0 + MINUTE_MS, 2, 0, 0)));

            final int pruned = journal.writeHistory(
                record(T0 + MINUTE_MS, point("queue:a", T0 + 2 * MINUTE_MS, 3, 0, 0)));

            assertEquals(2, pruned);
            assertEquals(List.of(T0 + MINUTE_MS, T0 + 2 * MINUTE_MS),
                journal.readHistory(Long.MIN_VALUE).stream().map(HistoryPoint::timeMs).toList());
        }
    }

    @Test
    void shouldStreamPointsWithoutAList()
    {
        try (H2Journal journal = open(directory))
        {
            journal.writeHistory(record(Long.MIN_VALUE, point("a", T0, 1, 0, 0), point("b", T0, 2, 0, 0)));
            final List<String> seen = new ArrayList<>();

            final long count = journal.readHistory(T0, (series, timeMs, depth, inRate, outRate) ->
                seen.add(series + "@" + (timeMs - T0) + "=" + depth));

            assertEquals(2, count);
            assertEquals(List.of("a@0=1", "b@0=2"), seen);
        }
    }

    @Test
    void shouldRefuseHistoryInABatchOrAGroup()
    {
        assertThrows(IllegalArgumentException.class,
            () -> new JournalCommand.Group(List.of(store(1), record(0, point("a", T0, 1, 0, 0)))));
        assertThrows(IllegalArgumentException.class, () -> new HistoryPoint("a", T0, 1, Double.NaN, 0));
        try (H2Journal journal = open(directory))
        {
            assertThrows(IllegalArgumentException.class,
                () -> journal.write(List.of(record(0, point("a", T0, 1, 0, 0)))));
        }
    }

    @Test
    void shouldKeepTheJournalWorkingWhenAHistoryWriteFails() throws Exception
    {
        try (H2Journal journal = open(directory))
        {
            final String url = journal.context().connectionUrl();
            journal.write(List.of(store(1), add("q", 1, 0)));
            dropHistoryTable(url);

            assertThrows(JournalException.class,
                () -> journal.writeHistory(record(Long.MIN_VALUE, point("a", T0, 1, 0, 0))));
            journal.write(List.of(store(2), add("q", 2, 1)));

            assertFalse(journal.isFailed());
            assertEquals(List.of(1L, 2L), messageIds(journal.readReferences("q")));
            assertEquals(2, journal.messageCount());
        }
    }

    @Test
    void shouldMigrateAVersionOneJournalAndKeepWhatItHolds() throws Exception
    {
        final String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            // A version-1 journal, as that version's schema code left it, holding one queue with one message.
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            for (final String sql : JournalSchema.VERSION_1)
            {
                statement.execute(sql);
            }
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES (1, 0)");
            statement.execute("INSERT INTO destinations (name, type) VALUES ('orders', 1)");
            statement.execute("INSERT INTO queues (id, name) VALUES (1, 'q/orders')");
            statement.execute("INSERT INTO messages (id, ref_count, priority, expiration_ms, delivery_time_ms, " +
                "payload) VALUES (5, 1, 4, 0, 0, X'0102')");
            statement.execute("INSERT INTO message_refs (queue_id, seq, message_id, delivery_count) " +
                "VALUES (1, 0, 5, 2)");
            statement.execute("UPDATE journal_state SET last_message_id = 5");
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(new Destination("orders", DestinationType.QUEUE)), journal.readDestinations());
            final List<StoredReference> references = journal.readReferences("q/orders");
            assertEquals(List.of(5L), messageIds(references));
            assertEquals(2, references.get(0).deliveryCount());
            assertEquals(5, journal.readLastMessageId());
            assertEquals(List.of(), journal.readHistory(Long.MIN_VALUE));
            journal.writeHistory(record(Long.MIN_VALUE, point("queue:orders", T0, 1, 0, 0)));
            assertEquals(1, journal.readHistory(Long.MIN_VALUE).size());
            assertEquals(JournalSchema.CURRENT_VERSION, count(url, "SELECT MAX(version) FROM schema_version"));
            assertEquals(List.of(), journal.readPausedQueues(), "a migrated queue is not paused");
        }
    }

    @Test
    void shouldCreateEveryVersionInAnEmptyDatabase() throws Exception
    {
        final String url;
        try (H2Journal journal = open(directory))
        {
            url = journal.context().connectionUrl();
        }

        assertEquals(7, count(url, "SELECT COUNT(*) FROM schema_version WHERE version IN (1, 2, 3, 4, 5, 6, 7)"));
        assertEquals(0, count(url, "SELECT COUNT(*) FROM metrics_history"));
    }

    @Test
    void shouldRefuseAJournalOfAVersionNewerThanItReads() throws Exception
    {
        final String url;
        try (H2Journal journal = open(directory))
        {
            url = journal.context().connectionUrl();
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES (" +
                (JournalSchema.CURRENT_VERSION + 1) + ", 0)");
        }

        final JournalException ex = assertThrows(JournalException.class, () -> open(directory));

        assertTrue(ex.getMessage().contains("version " + (JournalSchema.CURRENT_VERSION + 1) + " is newer"),
            ex.getMessage());
    }

    static HistoryPoint point(
        final String series, final long timeMs, final long depth, final double inRate, final double outRate)
    {
        return new HistoryPoint(series, timeMs, depth, inRate, outRate);
    }

    static JournalCommand.RecordHistory record(final long pruneBeforeMs, final HistoryPoint... points)
    {
        return new JournalCommand.RecordHistory(List.of(points), pruneBeforeMs);
    }

    static void dropHistoryTable(final String url) throws Exception
    {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            statement.execute("DROP TABLE metrics_history");
        }
    }
}
