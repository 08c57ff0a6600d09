package io.aeolus.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Space over repeated fill/drain cycles: each cycle stores 2,000 persistent 1 KiB messages in batches of 100 and
 * then acknowledges them all. Acknowledged messages are deleted, and the file must level off at a small fraction of
 * what passed through it instead of growing with it (here: under a third; it peaked at 72-111 MB of 614 MB). With
 * H2's default retention of unused chunks (45 s) the file grew by about 3 MB per cycle here, 2.4 GB before it
 * levelled off (JOURNAL.md). The property
 * {@code aeolus.space.cycles} runs a longer loop by hand.
 */
@Timeout(300)
class JournalSpaceIT
{
    private static final int CYCLES = Integer.getInteger("aeolus.space.cycles", 300);
    private static final int MESSAGES_PER_CYCLE = 2_000;
    private static final int BATCH = 100;
    private static final int PAYLOAD = 1024;

    @TempDir
    Path directory;

    @Test
    void shouldNotGrowWithTheTrafficOverRepeatedFillAndDrainCycles() throws Exception
    {
        final long written = (long)CYCLES * MESSAGES_PER_CYCLE * PAYLOAD;
        long largest = 0;
        try (H2Journal journal = H2Journal.open(new H2Journal.Context().dataDirectory(directory)))
        {
            long nextId = 1;
            for (int cycle = 0; cycle < CYCLES; cycle++)
            {
                final long first = nextId;
                nextId = fill(journal, nextId);
                drain(journal, first, nextId);
                largest = Math.max(largest, size(directory));
            }
            assertTrue(journal.readReferences("q").isEmpty(), "every message was acknowledged");
        }
        System.out.printf("%d cycles, %,d bytes of messages through the journal, largest file %,d bytes%n",
            CYCLES, written, largest);
        assertTrue(largest < written / 3, "the file reached " + largest + " bytes for " + written +
            " bytes of messages: acknowledged space is not reused");
    }

    private static long fill(final H2Journal journal, final long firstId)
    {
        final byte[] payload = new byte[PAYLOAD];
        long id = firstId;
        for (int batch = 0; batch < MESSAGES_PER_CYCLE / BATCH; batch++)
        {
            final List<JournalCommand> commands = new ArrayList<>();
            for (int i = 0; i < BATCH; i++)
            {
                commands.add(new JournalCommand.StoreMessage(id, 4, 0, 0, payload));
                commands.add(new JournalCommand.AddReference("q", id, id));
                id++;
            }
            journal.write(commands);
        }
        return id;
    }

    private static void drain(final H2Journal journal, final long firstId, final long endId)
    {
        for (long id = firstId; id < endId; id += BATCH)
        {
            final List<JournalCommand> commands = new ArrayList<>();
            for (long acked = id; acked < Math.min(endId, id + BATCH); acked++)
            {
                commands.add(new JournalCommand.RemoveReference("q", acked));
            }
            journal.write(commands);
        }
    }

    private static long size(final Path directory) throws IOException
    {
        long total = 0;
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                total += Files.size(file);
            }
        }
        return total;
    }
}
