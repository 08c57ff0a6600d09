package io.aeolus.store;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.remove;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page of references further on ({@link H2Journal#readReferences(String, long, long, int)}): what a browse of
 * paged-out messages reads, the first references passed over without reading their messages.
 */
@Timeout(60)
class BrowseReadJournalTest
{
    @TempDir
    Path directory;

    @Test
    void shouldSkipReferencesAfterASequence()
    {
        try (H2Journal journal = open(directory))
        {
            assertSkips(journal);
        }
    }

    @Test
    void shouldWalkAQueueInBatchesAfterTheLastSequenceSeen()
    {
        try (H2Journal journal = open(directory))
        {
            final List<JournalCommand> commands = new ArrayList<>();
            for (long id = 0; id < 1000; id++)
            {
                commands.add(store(id));
                commands.add(add("deep", id, 3 * id)); // sequences with gaps
            }
            journal.write(commands);
            journal.write(List.of(remove("deep", 500)));

            // A management scan's walk: each batch after the last sequence of the one before, never the whole queue.
            final List<Long> seen = new ArrayList<>();
            long after = 3 * 99; // the first 100 are in memory
            int batches = 0;
            List<StoredReference> batch;
            while (!(batch = journal.readReferences("deep", after, 0, 256)).isEmpty())
            {
                assertTrue(batch.size() <= 256, "a bounded batch");
                seen.addAll(messageIds(batch));
                after = batch.get(batch.size() - 1).sequence();
                batches++;
            }

            final List<Long> expected = new ArrayList<>(ids(100, 1000));
            expected.remove(Long.valueOf(500));
            assertEquals(expected, seen, "every paged-out message once, in queue order");
            assertEquals(4, batches);
        }
    }

    @Test
    void shouldSkipReferencesInTheSqlTablesOfAServerUrl() throws Exception
    {
        final Server server = startServer();
        try (H2Journal journal = H2Journal.open(new H2Journal.Context()
            .jdbcUrl("jdbc:h2:tcp://localhost:" + server.getPort() + "/aeolus")))
        {
            assertFalse(journal.isMessagesInMaps(), "a server URL keeps the SQL tables");
            assertSkips(journal);
        }
        finally
        {
            server.stop();
        }
    }

    private static void assertSkips(final H2Journal journal)
    {
        final List<JournalCommand> commands = new ArrayList<>();
        for (long id = 0; id < 50; id++)
        {
            commands.add(store(id));
            commands.add(add("big", id, 100 + 2 * id)); // sequences with gaps: 100, 102, ...
        }
        journal.write(commands);

        assertEquals(ids(0, 5), messageIds(journal.readReferences("big", -1, 0, 5)));
        assertEquals(ids(10, 15), messageIds(journal.readReferences("big", -1, 10, 5)));
        assertEquals(ids(25, 28), messageIds(journal.readReferences("big", 138, 5, 3)), "after id 19's sequence");
        assertEquals(ids(22, 24), messageIds(journal.readReferences("big", 139, 2, 2)), "after no sequence");
        assertEquals(ids(45, 50), messageIds(journal.readReferences("big", -1, 45, 100)), "a short last page");
        assertEquals(List.of(), journal.readReferences("big", -1, 50, 10), "past the end");
        assertEquals(List.of(), journal.readReferences("none", -1, 3, 10), "no such queue");

        journal.write(List.of(remove("big", 11), remove("big", 3)));
        assertEquals(List.of(12L, 13L), messageIds(journal.readReferences("big", -1, 10, 2)), "only what is left");
        assertThrows(IllegalArgumentException.class, () -> journal.readReferences("big", -1, -1, 2));
    }

    private Server startServer() throws Exception
    {
        final int port;
        try (ServerSocket socket = new ServerSocket(0))
        {
            port = socket.getLocalPort();
        }
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir",
            directory.toAbsolutePath().toString(), "-ifNotExists").start();
    }

    private static List<Long> ids(final long from, final long to)
    {
        return LongStream.range(from, to).boxed().toList();
    }
}
