package io.aeolus.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.count;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.payload;
import static io.aeolus.store.JournalTestSupport.remove;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journals written before messages moved to MVStore maps (schema version 8) open with their messages, and a server
 * URL, which keeps the SQL tables, refuses a journal whose messages are in maps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MessageMapsMigrationTest
{
    private static final int LARGE_LENGTH = JournalSchema.LARGE_PAYLOAD_BYTES + 4096;

    @TempDir
    Path directory;

    @Test
    void shouldMoveTheMessagesOfAVersionSixJournalIntoMaps() throws Exception
    {
        final String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("aeolus");
        final byte[] large = largePayload();
        buildVersionSixJournal(url, large);

        try (H2Journal journal = open(directory))
        {
            assertTrue(journal.isMessagesInMaps());
            final List<StoredReference> queue = journal.readReferences("q");
            assertEquals(List.of(1L, 2L), messageIds(queue));
            assertEquals(new StoredReference(5, 1, 3, 7, 100, 200, queue.get(0).payload()), queue.get(0));
            assertArrayEquals(new byte[] {1, 2, 3}, queue.get(0).payload());
            assertArrayEquals(large, queue.get(1).payload());
            assertEquals(List.of(1L), messageIds(journal.readReferences("s")));
            assertEquals(2, journal.referenceCountOf(1));
            assertEquals(2, journal.readLastMessageId());
            assertEquals(6, journal.readLastSequence("q"));
            assertEquals(0, count(url, "SELECT COUNT(*) FROM messages"), "moved out of the table");
            assertEquals(0, count(url, "SELECT COUNT(*) FROM message_refs"));
            assertEquals(JournalSchema.CURRENT_VERSION, count(url, "SELECT MAX(version) FROM schema_version"));

            journal.write(List.of(remove("q", 1), remove("q", 2)));

            assertEquals(1, journal.referenceCountOf(1), "still referenced by s");
            assertEquals(-1, journal.referenceCountOf(2));
            assertEquals(0, count(url, "SELECT COUNT(*) FROM large_payloads"), "deleted with its message");
        }

        try (H2Journal journal = open(directory))
        {
            assertEquals(List.of(), journal.readReferences("q"));
            assertEquals(List.of(1L), messageIds(journal.readReferences("s")));
            journal.write(List.of(remove("s", 1), store(3), add("q", 3, 7)));
            assertEquals(1, journal.messageCount());
            assertEquals(List.of(3L), messageIds(journal.readReferences("q")));
        }
    }

    @Test
    void shouldKeepMessagesWrittenThroughTheSqlTablesWhenOpenedEmbedded() throws Exception
    {
        final byte[] large = largePayload();
        final Server server = startServer();
        try (H2Journal journal = H2Journal.open(new H2Journal.Context().jdbcUrl(serverUrl(server))))
        {
            assertFalse(journal.isMessagesInMaps(), "a server URL keeps the SQL tables");
            journal.write(List.of(store(1), add("q", 1, 0), add("s", 1, 0),
                new JournalCommand.StoreMessage(2, 9, 0, 0, large), add("q", 2, 1),
                new JournalCommand.UpdateDeliveryCount("q", 1, 2)));
            journal.write(List.of(remove("s", 1)));
            assertEquals(List.of(1L, 2L), messageIds(journal.readReferences("q")));
        }
        finally
        {
            server.stop();
        }

        try (H2Journal journal = open(directory))
        {
            assertTrue(journal.isMessagesInMaps());
            final List<StoredReference> queue = journal.readReferences("q");
            assertEquals(List.of(1L, 2L), messageIds(queue));
            assertEquals(2, queue.get(0).deliveryCount());
            assertArrayEquals(payload(1), queue.get(0).payload());
            assertEquals(9, queue.get(1).priority());
            assertArrayEquals(large, queue.get(1).payload());
            assertEquals(List.of(), journal.readReferences("s"));
            assertEquals(1, journal.referenceCountOf(1));
        }
    }

    @Test
    void shouldRefuseAServerUrlOnceMessagesAreInMaps() throws Exception
    {
        try (H2Journal journal = open(directory))
        {
            journal.write(List.of(store(1), add("q", 1, 0)));
        }

        final Server server = startServer();
        try
        {
            final JournalException ex = assertThrows(JournalException.class,
                () -> H2Journal.open(new H2Journal.Context().jdbcUrl(serverUrl(server))));
            assertTrue(ex.getMessage().contains("MVStore maps"), ex.getMessage());
            assertTrue(ex.getMessage().contains("embedded"), ex.getMessage());
        }
        finally
        {
            server.stop();
        }
    }

    private Server startServer() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir",
            directory.toAbsolutePath().toString(), "-ifNotExists").start();
    }

    private static String serverUrl(final Server server)
    {
        return "jdbc:h2:tcp://localhost:" + server.getPort() + "/aeolus";
    }

    private static byte[] largePayload()
    {
        final byte[] large = new byte[LARGE_LENGTH];
        Arrays.fill(large, (byte)'L');
        large[0] = 1;
        large[LARGE_LENGTH - 1] = 2;
        return large;
    }

    /**
     * A version-6 journal as versions 1 to 6 left it: message 1 referenced by two queues (one delivery count 3),
     * message 2 with a large payload in {@code large_payloads} (its foreign key to {@code messages} in place).
     */
    private static void buildVersionSixJournal(final String url, final byte[] large) throws Exception
    {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
            Statement statement = connection.createStatement())
        {
            statement.execute("CREATE TABLE schema_version (version INT PRIMARY KEY, applied_ms BIGINT NOT NULL)");
            for (final String[] step : List.of(JournalSchema.VERSION_1, JournalSchema.VERSION_2,
                JournalSchema.VERSION_3, JournalSchema.VERSION_4, JournalSchema.VERSION_5, JournalSchema.VERSION_6))
            {
                for (final String sql : step)
                {
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO schema_version (version, applied_ms) VALUES " +
                "(1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0)");
            statement.execute("INSERT INTO queues (id, name) VALUES (1, 'q'), (2, 's')");
            statement.execute("INSERT INTO messages (id, ref_count, priority, expiration_ms, delivery_time_ms, " +
                "payload) VALUES (1, 2, 7, 100, 200, X'010203'), (2, 1, 4, 0, 0, X'')");
            try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO large_payloads (message_id, payload) VALUES (2, ?)"))
            {
                insert.setBytes(1, large);
                insert.executeUpdate();
            }
            statement.execute("INSERT INTO message_refs (queue_id, seq, message_id, delivery_count) VALUES " +
                "(1, 5, 1, 3), (2, 9, 1, 0), (1, 6, 2, 0)");
            statement.execute("UPDATE journal_state SET last_message_id = 2");
        }
    }
}
