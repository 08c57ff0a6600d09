package io.aeolus.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.aeolus.store.JournalTestSupport.add;
import static io.aeolus.store.JournalTestSupport.messageIds;
import static io.aeolus.store.JournalTestSupport.open;
import static io.aeolus.store.JournalTestSupport.store;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalFaultIT
{
    @TempDir
    Path directory;

    private final List<JournalCompletion> completions = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    @BeforeAll
    static void registerFileSystem()
    {
        FaultInjectingFilePath.register();
    }

    @AfterEach
    void healDisk()
    {
        FaultInjectingFilePath.failWrites(false);
    }

    @Test
    void shouldReportDiskFailureThroughCompletionsAndRefuseFurtherWrites()
    {
        final H2Journal journal = H2Journal.open(new H2Journal.Context()
            .jdbcUrl("jdbc:h2:" + FaultInjectingFilePath.SCHEME + ":" + directory.toAbsolutePath().resolve("aeolus"))
            .errorHandler(errors::add));
        final JournalAgent agent = new JournalAgent(journal);
        final JournalProxy proxy = agent.proxy();
        assertTrue(proxy.offerGroup(List.of(store(1), add("q", 1, 0))));
        agent.doWork();
        FaultInjectingFilePath.failWrites(true);

        assertTrue(proxy.offerGroup(List.of(store(2), add("q", 2, 1))));
        assertTrue(proxy.offerGroup(List.of(store(3), add("q", 3, 2))));
        agent.doWork();

        proxy.drainCompletions(completions::add, 10);
        assertEquals(2, completions.size(), completions.toString());
        assertEquals(JournalCompletion.Type.COMMITTED, completions.get(0).type());
        assertEquals(1, completions.get(0).sequence());
        assertEquals(JournalCompletion.Type.FAILED, completions.get(1).type());
        assertEquals(1, completions.get(1).sequence(), "commands 2 and 3 are reported lost");
        assertNotNull(completions.get(1).failure());
        assertEquals(1, errors.size());
        assertTrue(proxy.isFailed());
        assertFalse(proxy.offer(store(4)), "refuses writes after the failure");

        FaultInjectingFilePath.failWrites(false);
        assertFalse(proxy.offer(store(4)), "stays failed: the broker decides when to reopen");
        agent.onClose();

        try (H2Journal reopened = open(directory))
        {
            assertTrue(messageIds(reopened.readReferences("q")).contains(1L), "completed write survives");
        }
    }
}
