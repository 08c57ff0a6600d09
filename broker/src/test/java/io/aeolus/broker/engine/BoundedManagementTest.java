package io.aeolus.broker.engine;

import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.management.Requester;
import io.aeolus.broker.security.BrokerSecurity;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.CachedEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Management work is sliced: a search of a 10,000-message queue looks at no more than
 * {@link ManagementService#SEARCH_ENTRIES_PER_CYCLE} messages per duty cycle, and deliveries go on in every cycle
 * while it runs.
 */
@Timeout(60)
class BoundedManagementTest
{
    private static final int DEPTH = 10_000;

    @Test
    void aSearchOfADeepQueueNeverStallsDeliveries()
    {
        final List<String> outputs = new ArrayList<>();
        final BrokerSecurity security = BrokerSecurity.development(new CachedEpochClock());
        final EngineSettings settings = EngineSettings.defaults();
        final MessagingEngine engine = new MessagingEngine(settings, 1 << 20, EngineRig.START_MS, security,
            new RecordingEgress(outputs));
        final ManagementService management = new ManagementService(
            new EngineManagement(engine, settings, (connectionId, reason) -> false, null), EngineRig.START_MS);
        engine.onConnected(1, "", security.authorizer().anonymous("test"), "test");
        engine.onCreateSession(1, 1, 1, AckMode.AUTO);
        engine.onCreateProducer(1, 2, 1, 1, DestinationType.NONE, "");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        for (int i = 0; i < DEPTH; i++)
        {
            final String text = i % 100 == 0 ? "a needle " + i : "hay " + i;
            final int length = new ReplayWorkload.Message("deep", text).nonPersistent().encode(buffer, 1, 0);
            engine.onSend(1, 0, 1, 1, buffer, 0, length);
        }
        engine.onCreateConsumer(1, new ConsumerRequest(3, 1, 7, DestinationType.QUEUE, "work", "", "", 1000,
            false, false, false, false));
        engine.dispatch();
        assertEquals(DEPTH, engine.destinations().queues().get("deep").depth());

        final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();
        management.submitSearch(Map.of("op", "search", "name", "deep", "text", "NEEDLE", "limit", 1000),
            Requester.TRUSTED, result);
        int cycles = 0;
        int mostLookedAt = 0;
        while (!result.isDone())
        {
            cycles++;
            final int length = new ReplayWorkload.Message("work", "w" + cycles).nonPersistent().encode(buffer, 1, 0);
            engine.onSend(1, 0, 1, 1, buffer, 0, length);
            mostLookedAt = Math.max(mostLookedAt, management.doWork());
            final int before = outputs.size();
            engine.dispatch();
            assertTrue(outputs.subList(before, outputs.size()).stream().anyMatch((line) -> line.startsWith(
                "deliver 1 7 ")), "cycle " + cycles + " delivered while the search ran");
            assertTrue(cycles < 10 * DEPTH, "search never finished");
        }
        assertTrue(mostLookedAt <= ManagementService.SEARCH_ENTRIES_PER_CYCLE, "at most a slice per cycle");
        assertTrue(cycles >= DEPTH / ManagementService.SEARCH_ENTRIES_PER_CYCLE,
            "the search took " + cycles + " cycles");
        final Map<String, Object> found = result.join();
        assertEquals(DEPTH / 100, found.get("total"));
        assertEquals(DEPTH / 100, found.get("count"));
    }
}
