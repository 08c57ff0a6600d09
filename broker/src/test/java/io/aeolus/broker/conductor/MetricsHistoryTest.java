package io.aeolus.broker.conductor;

import io.aeolus.broker.engine.EngineSettings;
import io.aeolus.broker.destination.DestinationPolicies;
import io.aeolus.broker.journal.BrokerJournal;
import io.aeolus.broker.management.ManagementException;
import io.aeolus.broker.management.ManagementService;
import io.aeolus.broker.security.Permission;
import io.aeolus.store.Durability;
import io.aeolus.store.H2Journal;
import io.aeolus.transport.codecs.AckMode;
import io.aeolus.transport.codecs.DestinationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.aeolus.broker.conductor.TestMessage.toQueue;
import static io.aeolus.broker.conductor.TestMessage.toTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built-in metrics history, driven by the fake clocks: points at 1 s, 10 s and 1 min, their depth and rates, the
 * ranges, the bound on destinations, and the 1-minute points journaled and read back at start.
 */
@Timeout(60)
class MetricsHistoryTest
{
    private static final long SESSION = 1;
    private static final long SECOND_MS = 1_000;
    private static final long MINUTE_MS = 60_000;
    private static final long DAY_MS = 24 * 60 * MINUTE_MS;
    /** The harness starts 20 s past a minute: the first 1-minute point is 40 s in. */
    private static final long TO_NEXT_MINUTE_MS = MINUTE_MS - Math.floorMod(ConductorHarness.START_EPOCH_MS, MINUTE_MS);
    private static final double DELTA = 1e-6;

    @TempDir
    Path dataDir;

    private ConductorHarness harness;
    private BrokerJournal journal;
    private TestClientPeer client;
    private ManagementService management;
    private int sent;

    @AfterEach
    void tearDown()
    {
        if (null != harness)
        {
            harness.close();
        }
        if (null != journal)
        {
            journal.close();
        }
    }

    @Test
    void shouldRecordDepthAndRatesEverySecond()
    {
        start(EngineSettings.defaults());
        send("orders", 5);
        harness.advanceMs(SECOND_MS);
        consume("orders", 2);

        harness.advanceMs(SECOND_MS);

        final List<Point> points = history("orders", "queue", "1m");
        assertEquals(2, points.size());
        assertPoint(points.get(0), harness.nowMs() - SECOND_MS, 5, 5.0, 0.0);
        assertPoint(points.get(1), harness.nowMs(), 3, 0.0, 2.0);
        assertEquals(SECOND_MS, management.execute(request("orders", "queue", "10m")).get("resolutionMs"));
    }

    @Test
    void shouldAverageTheRatesOverTenSecondAndOneMinutePoints()
    {
        start(EngineSettings.defaults());

        for (long elapsed = 0; elapsed < TO_NEXT_MINUTE_MS; elapsed += SECOND_MS)
        {
            send("orders", 3);
            harness.advanceMs(SECOND_MS);
        }

        final List<Point> seconds = history("orders", "queue", "10m");
        assertEquals(TO_NEXT_MINUTE_MS / SECOND_MS, seconds.size());
        assertPoint(seconds.get(0), ConductorHarness.START_EPOCH_MS + SECOND_MS, 3, 3.0, 0.0);
        final List<Point> tens = history("orders", "queue", "1h");
        assertEquals(TO_NEXT_MINUTE_MS / 10_000, tens.size());
        assertPoint(tens.get(0), ConductorHarness.START_EPOCH_MS + 10_000, 30, 3.0, 0.0);
        assertPoint(tens.get(tens.size() - 1), harness.nowMs(), 3 * TO_NEXT_MINUTE_MS / SECOND_MS, 3.0, 0.0);
        final List<Point> minutes = history("orders", "queue", "24h");
        assertEquals(1, minutes.size());
        assertPoint(minutes.get(0), harness.nowMs(), 3 * TO_NEXT_MINUTE_MS / SECOND_MS, 3.0, 0.0);
        assertEquals(seconds, history("orders", "queue", "1m"), "the same 1 s points, all within the minute");
    }

    @Test
    void shouldLimitEachRangeToItsSpan()
    {
        start(EngineSettings.defaults());
        send("orders", 1);

        for (int i = 0; i < 700; i++)
        {
            harness.advanceMs(SECOND_MS);
        }

        assertEquals(60, history("orders", "queue", "1m").size());
        assertEquals(600, history("orders", "queue", "10m").size());
        assertEquals(70, history("orders", "queue", "1h").size());
        assertEquals(12, history("orders", "queue", "24h").size());
    }

    @Test
    void shouldRecordTopicsAndTheBrokerAsAWholeButNotTheBrokersOwnOrTemporaryDestinations()
    {
        start(EngineSettings.defaults());
        client.expectOk(client.requestConsumer(SESSION, 7, DestinationType.TOPIC, "prices", "", 0));
        client.expectOk(client.requestTemporaryQueue("replies"));
        for (int i = 0; i < 4; i++)
        {
            client.sendConfirmed(SESSION, toTopic("prices", "p" + i));
        }
        send("orders", 2);

        harness.advanceMs(SECOND_MS);

        assertPoint(history("prices", "topic", "1m").get(0), harness.nowMs(), 4, 4.0, 0.0);
        assertPoint(history("", null, "1m").get(0), harness.nowMs(), 6, 6.0, 0.0);
        assertEquals(ManagementException.INVALID_ARGUMENT, code(request("replies", "queue", "1m")));
        assertEquals(ManagementException.INVALID_ARGUMENT, code(request("aeolus.management", "queue", "1m")));
        assertEquals(ManagementException.UNKNOWN_DESTINATION, code(request("prices", "queue", "1m")));
    }

    @Test
    void shouldShowAPurgeToTheTrashAsADropAndCountAnApplicationsAeolusQueue()
    {
        start(EngineSettings.defaults());
        send("orders", 5);
        send("aeolus.app.orders", 2);
        harness.advanceMs(SECOND_MS);

        management.execute(Map.of("op", "purge", "name", "orders"));
        harness.advanceMs(SECOND_MS);

        final List<Point> broker = history("", null, "1m");
        assertPoint(broker.get(0), harness.nowMs() - SECOND_MS, 7, 7.0, 0.0);
        // The purged messages went to aeolus.trash, a system destination: the line drops and sees no inflow.
        assertPoint(broker.get(1), harness.nowMs(), 2, 0.0, 0.0);
        assertPoint(history("aeolus.app.orders", "queue", "1m").get(1), harness.nowMs(), 2, 0.0, 0.0);
        assertEquals(ManagementException.INVALID_ARGUMENT, code(request("aeolus.trash", "queue", "1m")));
    }

    @Test
    void shouldRefuseBadArgumentsNamingThem()
    {
        start(EngineSettings.defaults());
        send("orders", 1);

        assertTrue(message(request("orders", "queue", "2h")).contains("'range'"));
        assertTrue(message(request("orders", "queue", null)).contains("'range'"));
        assertTrue(message(request("orders", "dlq", "1m")).contains("'type'"));
        final ManagementException unknown = assertThrows(ManagementException.class,
            () -> management.execute(request("nowhere", "queue", "1m")));
        assertEquals(ManagementException.UNKNOWN_DESTINATION, unknown.code());
        assertTrue(unknown.getMessage().contains("'name'") && unknown.getMessage().contains("nowhere"));
    }

    @Test
    void shouldNeedBrowseOnTheDestinationAndNothingMoreForTheBrokerAsAWhole()
    {
        start(EngineSettings.defaults());
        send("orders", 1);
        harness.advanceMs(SECOND_MS);
        final List<String> asked = new ArrayList<>();
        final io.aeolus.broker.management.Requester noBrowse = (permission, destination) ->
        {
            asked.add(permission + " " + destination);
            return permission == Permission.BROWSE ? "may not browse " + destination : null;
        };

        final Map<String, Object> whole = management.execute(request(null, null, "1m"), noBrowse);
        final ManagementException denied = assertThrows(ManagementException.class,
            () -> management.execute(request("orders", "queue", "1m"), noBrowse));

        assertEquals(1, whole.get("count"));
        assertEquals(ManagementException.ACCESS_DENIED, denied.code());
        assertEquals(List.of("BROWSE orders"), asked);
    }

    @Test
    void shouldKeepAtMostTheCapAndGiveTheOldestIdlePlaceToAnActiveDestination()
    {
        start(new EngineSettings(DestinationPolicies.defaults(), List.of(), List.of(), 1000,
            EngineSettings.TRASH_RETENTION_MS_DEFAULT, EngineSettings.HISTORY_RETENTION_MS_DEFAULT, 2));
        send("a", 1);
        harness.advanceMs(SECOND_MS);
        send("b", 1);
        harness.advanceMs(SECOND_MS);
        send("c", 1);
        harness.advanceMs(SECOND_MS);
        assertEquals(List.of(true, true, false), recorded("a", "b", "c"),
            "c is past the cap, and nobody was idle long enough to give up a place");

        harness.advanceMs(MINUTE_MS);
        send("b", 1);
        send("c", 1);
        harness.advanceMs(SECOND_MS);

        assertEquals(0, history("a", "queue", "10m").size(), "a was idle the longest: c took its place");
        assertTrue(history("b", "queue", "10m").size() > 1);
        assertPoint(history("c", "queue", "10m").get(0), harness.nowMs(), 2, 1.0, 0.0);
        final List<Point> whole = history("", null, "10m");
        assertEquals(5, whole.get(whole.size() - 1).depth(), "the broker as a whole counts them all");
    }

    @Test
    void shouldSpareTheHistoryOfAnIdleDestinationSomeoneLooksAt()
    {
        start(new EngineSettings(DestinationPolicies.defaults(), List.of(), List.of(), 1000,
            EngineSettings.TRASH_RETENTION_MS_DEFAULT, EngineSettings.HISTORY_RETENTION_MS_DEFAULT, 2));
        send("DLQ.a", 1);
        harness.advanceMs(SECOND_MS);
        send("b", 1);
        harness.advanceMs(SECOND_MS);
        harness.advanceMs(MINUTE_MS);

        assertTrue(history("DLQ.a", "queue", "10m").size() > 1, "a console shows the idle DLQ's chart");
        send("c", 1);
        harness.advanceMs(SECOND_MS);

        assertEquals(List.of(true, false, true), recorded("DLQ.a", "b", "c"),
            "b gave up its place, though DLQ.a was idle longer: someone looks at DLQ.a");
    }

    @Test
    void shouldAnswerForADeletedDestinationUntilItsPointsAreADayOld()
    {
        start(EngineSettings.defaults());
        send("gone", 1);
        harness.advanceMs(SECOND_MS);
        management.execute(Map.of("op", "purge", "name", "gone"));
        management.execute(Map.of("op", "deleteDestination", "name", "gone"));
        harness.advanceMs(SECOND_MS);

        assertEquals(1, history("gone", "queue", "1m").size());

        harness.advanceMs(DAY_MS);

        assertEquals(ManagementException.UNKNOWN_DESTINATION, code(request("gone", "queue", "24h")));
    }

    @Test
    void shouldJournalMinutePointsAndReadTheLastDayBackAtStart() throws Exception
    {
        startWithJournal(ConductorHarness.START_EPOCH_MS);
        for (long elapsed = 0; elapsed < TO_NEXT_MINUTE_MS; elapsed += 10 * SECOND_MS)
        {
            sendUnconfirmed("orders", 10);
            harness.advanceMs(10 * SECOND_MS);
        }
        final Point beforeRestart = history("orders", "queue", "24h").get(0);
        restartWithJournal(ConductorHarness.START_EPOCH_MS + TO_NEXT_MINUTE_MS + 30 * SECOND_MS);

        final List<Point> afterRestart = history("orders", "queue", "24h");

        assertEquals(List.of(beforeRestart), afterRestart);
        assertPoint(beforeRestart, ConductorHarness.START_EPOCH_MS + TO_NEXT_MINUTE_MS, 10 * TO_NEXT_MINUTE_MS / 10_000,
            1.0, 0.0);
        assertEquals(1, history("", null, "24h").size());
        assertEquals(0, history("orders", "queue", "10m").size(), "1 s points are not journaled");
    }

    @Test
    void shouldJournalTheMinuteOfManyDestinationsInSeveralCommands()
    {
        startWithJournal(ConductorHarness.START_EPOCH_MS);
        final int queues = 201; // three commands of at most 100 points, with the broker's own point
        for (int i = 0; i < queues; i++)
        {
            sendUnconfirmed("q" + i, 1);
        }
        harness.advanceMs(TO_NEXT_MINUTE_MS);

        restartWithJournal(ConductorHarness.START_EPOCH_MS + TO_NEXT_MINUTE_MS + SECOND_MS);

        for (int i = 0; i < queues; i++)
        {
            assertEquals(1, history("q" + i, "queue", "24h").size(), "q" + i);
        }
        assertEquals(queues, history("", null, "24h").get(0).depth());
    }

    @Test
    void shouldKeepHistoryInMemoryOnlyWithoutAJournal()
    {
        start(EngineSettings.defaults());
        send("orders", 1);

        harness.advanceMs(TO_NEXT_MINUTE_MS);

        assertEquals(1, history("orders", "queue", "24h").size());
    }

    private void start(final EngineSettings settings)
    {
        harness = new ConductorHarness(settings);
        connect();
    }

    private void startWithJournal(final long startMs)
    {
        harness = new ConductorHarness(EngineSettings.defaults(), startMs);
        journal = BrokerJournal.openH2(new H2Journal.Context().dataDirectory(dataDir).durability(Durability.ASYNC),
            Throwable::printStackTrace);
        harness.conductor().recover(journal, 10_000, false);
        journal.start();
        connect();
    }

    private void restartWithJournal(final long startMs)
    {
        harness.close();
        journal.close();
        startWithJournal(startMs);
    }

    private void connect()
    {
        client = harness.connect();
        client.createSession(SESSION, AckMode.CLIENT);
        management = harness.conductor().management();
        sent = 0;
    }

    private void send(final String queue, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            client.sendConfirmed(SESSION, toQueue(queue, "m" + sent++));
        }
    }

    private void sendUnconfirmed(final String queue, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            client.send(SESSION, 0, toQueue(queue, "m" + sent++), false);
        }
        harness.settle();
    }

    private void consume(final String queue, final int count)
    {
        client.createConsumer(SESSION, 1, queue, "", count);
        final List<TestClientPeer.Frame> deliveries = client.deliveries(1);
        assertEquals(count, deliveries.size());
        client.ack(SESSION, 1, deliveries.get(count - 1).deliveryId, true);
    }

    private List<Boolean> recorded(final String... queues)
    {
        final List<Boolean> recorded = new ArrayList<>();
        for (final String queue : queues)
        {
            recorded.add(!history(queue, "queue", "10m").isEmpty());
        }
        return recorded;
    }

    private List<Point> history(final String name, final String type, final String range)
    {
        final Map<String, Object> reply = management.execute(request(name, type, range));
        final List<Point> points = new ArrayList<>();
        for (int i = 0, count = (Integer)reply.get("count"); i < count; i++)
        {
            points.add(new Point((Long)reply.get(i + ".t"), (Long)reply.get(i + ".depth"),
                (Double)reply.get(i + ".inRate"), (Double)reply.get(i + ".outRate")));
        }
        return points;
    }

    private static Map<String, Object> request(final String name, final String type, final String range)
    {
        final Map<String, Object> request = new HashMap<>();
        request.put("op", "history");
        if (null != name)
        {
            request.put("name", name);
        }
        if (null != type)
        {
            request.put("type", type);
        }
        if (null != range)
        {
            request.put("range", range);
        }
        return request;
    }

    private String code(final Map<String, Object> request)
    {
        return assertThrows(ManagementException.class, () -> management.execute(request)).code();
    }

    private String message(final Map<String, Object> request)
    {
        final ManagementException ex = assertThrows(ManagementException.class, () -> management.execute(request));
        assertEquals(ManagementException.INVALID_ARGUMENT, ex.code());
        return ex.getMessage();
    }

    private static void assertPoint(final Point point, final long timeMs, final long depth, final double inRate,
        final double outRate)
    {
        assertEquals(timeMs, point.timeMs(), "time of " + point);
        assertEquals(depth, point.depth(), "depth of " + point);
        assertEquals(inRate, point.inRate(), DELTA, "in rate of " + point);
        assertEquals(outRate, point.outRate(), DELTA, "out rate of " + point);
    }

    private record Point(long timeMs, long depth, double inRate, double outRate)
    {
    }
}
