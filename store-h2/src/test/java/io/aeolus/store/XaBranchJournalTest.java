package io.aeolus.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.remove;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class XaBranchJournalTest
{
    private static final byte[] GTRID = "global-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BQUAL = "branch-1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void shouldKeepAPreparedBranchWithItsSendsAndAcksAcrossAReopen()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0), prepare(XaBranchRecord.PREPARED)));
        }

        try (H2Journal journal = open(directory))
        {
            final List<XaBranchRecord> branches = journal.readXaBranches();
            assertEquals(1, branches.size());
            final XaBranchRecord branch = branches.get(0);
            assertEquals(7, branch.formatId());
            assertArrayEquals(GTRID, branch.gtrid());
            assertArrayEquals(BQUAL, branch.bqual());
            assertEquals(XaBranchRecord.PREPARED, branch.state());
            assertEquals(1234, branch.preparedMs());
            assertEquals(2, branch.sends().size());
            assertArrayEquals(new byte[] {1, 2, 3}, branch.sends().get(0));
            assertEquals(List.of(new XaBranchRecord.Ack("q", 1)), branch.acks());
            assertEquals(List.of(1L), messageIds(journal.readReferences("q")), "an acked reference stays until commit");
        }
    }

    @Test
    void shouldForgetABranchAtomicallyWithItsCommitEffect()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0), prepare(XaBranchRecord.PREPARED)));
            journal.write(List.of(new JournalCommand.Group(List.of(
                remove("q", 1), new JournalCommand.XaForget(7, GTRID, BQUAL)))));
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(), journal.readXaBranches());
            assertEquals(List.of(), journal.readReferences("q"));
        }
    }

    @Test
    void shouldRecordAHeuristicOutcomeWithoutTheBranchWork()
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(prepare(XaBranchRecord.PREPARED)));
            journal.write(List.of(new JournalCommand.XaHeuristic(7, GTRID, BQUAL,
                XaBranchRecord.HEURISTIC_ROLLED_BACK)));
        }

        try (H2Journal journal = open(directory))
        {
            final XaBranchRecord branch = journal.readXaBranches().get(0);
            assertEquals(XaBranchRecord.HEURISTIC_ROLLED_BACK, branch.state());
            assertEquals(List.of(), branch.sends());
            assertEquals(List.of(), branch.acks());
        }
    }

    @Test
    void shouldMigrateAVersionFourJournalToFive() throws Exception
    {
        final String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus");
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            // A version-4 journal as versions 1 to 4 left it, holding one queue with one message.
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            for (final String[] step : List.of(JournalSchema.VERSION_1, JournalSchema.VERSION_2,
                JournalSchema.VERSION_3, JournalSchema.VERSION_4))
            {
                for (final String sql : step)
                {
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES (1, 0), (2, 0), (3, 0), (4, 0)");
            statement.execute("INSERT INTO queues (id, name) VALUES (1, 'q')");
            statement.execute("INSERT INTO messages (id, ref_count, priority, expiration_ms, delivery_time_ms, " +
                "payload) VALUES (5, 1, 4, 0, 0, X'0102')");
            statement.execute("INSERT INTO message_refs (queue_id, seq, message_id, delivery_count) " +
                "VALUES (1, 0, 5, 0)");
            statement.execute("UPDATE journal_state SET last_message_id = 5");
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(JournalSchema.CURRENT_VERSION, count(url, "SELECT MAX(version) FROM schema_version"));
            assertEquals(List.of(5L), messageIds(journal.readReferences("q")));
            assertEquals(List.of(), journal.readXaBranches());
            journal.write(List.of(prepare(XaBranchRecord.PREPARED)));
            assertEquals(1, journal.readXaBranches().size());
        }
    }

    @Test
    void shouldRefuseAnXidLongerThanTheXaSpecificationAllows()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new XaBranchRecord(1, new byte[65], BQUAL, XaBranchRecord.PREPARED, 0, List.of(), List.of()));

        assertEquals("gtrid must be 1 to 64 bytes: 65", ex.getMessage());
    }

    private static JournalCommand.XaPrepare prepare(final int state)
    {
        return new JournalCommand.XaPrepare(new XaBranchRecord(7, GTRID, BQUAL, state, 1234,
            List.of(new byte[] {1, 2, 3}, new byte[] {4}), List.of(new XaBranchRecord.Ack("q", 1))));
    }
}
