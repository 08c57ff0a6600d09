package io.aeolus.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileHousekeepingTest
{
    private static final int MESSAGES = 3_000;
    private static final int KEEP_EVERY = 60;

    @TempDir
    Path directory;

    @Test
    void shouldTurnH2BackgroundWriterOffInSyncMode() throws Exception
    {
        try (H2Journal journal = JournalTestSupport.open(directory))
        {
            journal.write(List.of(JournalTestSupport.store(1), JournalTestSupport.add("q", 1, 1)));

            assertEquals("0", writeDelay(journal));
            assertTrue(FileHousekeeping.of(journal, 0).isActive());
        }
    }

    @Test
    void shouldKeepH2BackgroundWriterInAsyncMode() throws Exception
    {
        try (H2Journal journal = H2Journal.open(new H2Journal.Context().dataDirectory(directory)
            .durability(Durability.ASYNC)))
        {
            journal.write(List.of(JournalTestSupport.store(1), JournalTestSupport.add("q", 1, 1)));

            assertEquals(String.valueOf(FileHousekeeping.BACKGROUND_WRITE_DELAY_MS), writeDelay(journal));
            assertFalse(FileHousekeeping.of(journal, 0).isActive());
        }
    }

    @Test
    void shouldRewriteLivePagesOutOfMostlyEmptyChunks() throws Exception
    {
        final List<Long> kept = new ArrayList<>();
        try (H2Journal journal = JournalTestSupport.open(directory))
        {
            final FileHousekeeping housekeeping = FileHousekeeping.of(journal, 0);
            fillAndDrainMost(journal, kept);

            // Chunks can be rewritten once older than the retention time (1 s in SYNC mode): look until then.
            long nowNs = 0;
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (housekeeping.run(nowNs) == 0 && System.nanoTime() - deadlineNs < 0)
            {
                nowNs += FileHousekeeping.INTERVAL_NS;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }

            assertEquals(1, housekeeping.compactions());
            assertEquals(kept, JournalTestSupport.messageIds(journal.readReferences("q")));
        }
        try (H2Journal reopened = JournalTestSupport.open(directory))
        {
            assertEquals(kept, JournalTestSupport.messageIds(reopened.readReferences("q")));
        }
    }

    private static void fillAndDrainMost(final H2Journal journal, final List<Long> kept)
    {
        final byte[] payload = new byte[1024];
        for (long id = 1; id <= MESSAGES; id += 100)
        {
            final List<JournalCommand> commands = new ArrayList<>();
            for (long i = id; i < id + 100; i++)
            {
                commands.add(new JournalCommand.StoreMessage(i, 4, 0, 0, payload));
                commands.add(JournalTestSupport.add("q", i, i));
            }
            journal.write(commands);
        }
        for (long id = 1; id <= MESSAGES; id += 100)
        {
            final List<JournalCommand> commands = new ArrayList<>();
            for (long i = id; i < id + 100; i++)
            {
                if (i % KEEP_EVERY == 0)
                {
                    kept.add(i);
                }
                else
                {
                    commands.add(JournalTestSupport.remove("q", i));
                }
            }
            journal.write(commands);
        }
    }

    private static String writeDelay(final H2Journal journal) throws Exception
    {
        try (Statement statement = journal.connection().createStatement();
            ResultSet resultSet = statement.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
        {
            assertTrue(resultSet.next(), "WRITE_DELAY is listed");
            return resultSet.getString(1);
        }
    }
}
