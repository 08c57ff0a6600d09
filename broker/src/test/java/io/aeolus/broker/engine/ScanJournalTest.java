package io.aeolus.broker.engine;

import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.management.Requester;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.store.JournalCommand;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #20 item 2: a search and a browse with a selector scan the whole queue, the messages paged out to the journal
 * included, reading the journal in bounded batches one after another (never the whole queue into memory), with an
 * exact total; a scan that outlives its time limit gives up with a clear error.
 */
@Timeout(60)
class ScanJournalTest
{
    private static final int DEPTH = 1000;
    private static final int WINDOW = 8;
    private static final String QUEUE = "deep";

    private final List<String> outputs = new ArrayList<>();
    private final SimulatedJournal journal = new SimulatedJournal(outputs);
    private MessagingEngine engine;
    private ManagementService management;

    @BeforeEach
    void fillAQueueMostlyPagedOut()
    {
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        final EngineSettings settings = EngineSettings.defaults();
        engine = new MessagingEngine(settings, 1 << 20, EngineRig.START_MS, security, new RecordingEgress(outputs));
        engine.durability(journal, WINDOW);
        management = new ManagementService(
            new EngineManagement(engine, settings, (connectionId, reason) -> false, null), EngineRig.START_MS);
        engine.onConnected(1, "", security.authorizer().anonymous("test"), "test");
        engine.onCreateSession(1, 1, 1, AckMode.AUTO);
        engine.onCreateProducer(1, 2, 1, 1, DestinationType.NONE, "");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        for (int i = 0; i < DEPTH; i++)
        {
            final String text = i % 100 == 7 ? "a needle " + i : "hay " + i;
            final int length = new ReplayWorkload.Message(QUEUE, text).property("n", i)
                .property("kind", i % 10 == 3 ? "odd" : "even").encode(buffer, 1, 0);
            engine.onSend(1, 0, 1, 1, buffer, 0, length);
        }
        assertEquals(WINDOW, queue().depth(), "the paging window in memory");
        assertEquals(DEPTH - WINDOW, queue().pagedCount(), "the rest paged out");
    }

    @Test
    void aBrowseWithASelectorReadsThePagedOutMessagesInBatchesWithAnExactTotal()
    {
        final Map<String, Object> page = run(Map.of("op", "browse", "name", QUEUE, "selector", "kind = 'odd'",
            "offset", 95, "limit", 10));

        assertEquals(DEPTH / 10, page.get("total"), "every match, in memory or paged out");
        assertEquals(5, page.get("count"), "a short last page");
        assertEquals(List.of("hay 953", "hay 963", "hay 973", "hay 983", "hay 993"), bodies(page));
        assertReadInBatches();
        assertEquals(WINDOW, queue().depth(), "nothing was taken into memory");
        assertEquals(DEPTH - WINDOW, queue().pagedCount());
    }

    @Test
    void aSearchFindsTheTextInPagedOutMessages()
    {
        final Map<String, Object> page = run(Map.of("op", "search", "name", QUEUE, "text", "NEEDLE",
            "selector", "n > 100", "offset", 1, "limit", 3));

        assertEquals(9, page.get("total"), "needles 107, 207, ... 907");
        assertEquals(List.of("a needle 207", "a needle 307", "a needle 407"), bodies(page));
        assertReadInBatches();
    }

    @Test
    void aScanGivesUpAtItsTimeLimit()
    {
        final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        management.submitSearch(Map.of("op", "search", "name", QUEUE, "text", "needle", "timeLimitMs", 1000),
            Requester.TRUSTED, result);
        management.doWork();
        assertEquals(1, journal.pendingBrowseReads(), "the first batch asked for");

        engine.advanceTime(EngineRig.START_MS + 1001);
        management.doWork();

        final CompletionException failed = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
            result::join);
        final ManagementException cause = assertInstanceOf(ManagementException.class, failed.getCause());
        assertEquals(ManagementException.TIMEOUT, cause.code());
        assertTrue(cause.getMessage().contains("time limit of 1000 ms"), cause.getMessage());
        assertTrue(cause.getMessage().contains("'deep'"), cause.getMessage());
    }

    @Test
    void twoDeletesOfOnePagedOutMessageRemoveItOnce()
    {
        final Map<String, Object> delete = Map.of("op", "deleteMessages", "name", QUEUE, "ids", "ID:hay 100");
        final CompletableFuture<Map<String, Object>> first = new CompletableFuture<>();
        final CompletableFuture<Map<String, Object>> second = new CompletableFuture<>();

        // Both lookups read the first batch, where the message is, before either deletes it.
        management.execute(delete, Requester.TRUSTED, first);
        management.execute(delete, Requester.TRUSTED, second);
        int cycles = 0;
        while (!first.isDone() || !second.isDone())
        {
            management.doWork();
            journal.answerBrowses();
            engine.onDurable(journal.lastAppended());
            assertTrue(++cycles < 1000, "the deletes never finished");
        }

        assertEquals(1, first.join().get("count"), "found in the journal and deleted");
        assertEquals(0, second.join().get("count"), "gone by the time the second one ran");
        assertEquals(DEPTH - WINDOW - 1, queue().pagedCount(), "one message less paged out, not two");
        final Map<String, Object> left =
            run(Map.of("op", "browse", "name", QUEUE, "selector", "n >= 99 AND n <= 101"));
        assertEquals(List.of("hay 99", "hay 101"), bodies(left));
    }

    private Map<String, Object> run(final Map<String, Object> request)
    {
        final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        management.execute(request, Requester.TRUSTED, result);
        int cycles = 0;
        while (!result.isDone())
        {
            assertTrue(management.doWork() <= ManagementService.SEARCH_ENTRIES_PER_CYCLE, "a slice per cycle");
            assertTrue(journal.pendingBrowseReads() <= 1, "one batch asked for at a time");
            journal.answerBrowses();
            assertTrue(++cycles < 1000, "the scan never finished");
        }
        return result.join();
    }

    private void assertReadInBatches()
    {
        final List<JournalCommand.ReadReferences> reads = journal.browseReadsAnswered();
        assertTrue(reads.size() >= (DEPTH - WINDOW) / ManagementService.SCAN_JOURNAL_BATCH,
            "the journal read in batches: " + reads.size());
        long after = Long.MIN_VALUE;
        for (final JournalCommand.ReadReferences read : reads)
        {
            assertEquals(ManagementService.SCAN_JOURNAL_BATCH, read.limit());
            assertEquals(0, read.skip());
            assertTrue(read.afterSequence() > after, "each batch after the last");
            after = read.afterSequence();
        }
    }

    private MessageQueue queue()
    {
        return engine.destinations().queues().get(QUEUE);
    }

    private static List<String> bodies(final Map<String, Object> page)
    {
        final List<String> bodies = new ArrayList<>();
        for (int i = 0; i < (Integer)page.get("count"); i++)
        {
            bodies.add((String)page.get(i + ".body"));
        }
        return bodies;
    }
}
