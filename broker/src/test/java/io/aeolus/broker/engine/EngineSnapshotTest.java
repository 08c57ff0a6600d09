package io.aeolus.broker.engine;

import io.aeolus.broker.destination.Consumer;
import io.aeolus.broker.destination.MessageQueue;
import io.aeolus.broker.destination.QueueEntry;
import io.aeolus.broker.destination.SnapshotAccess;
import io.aeolus.broker.engine.routing.RoutingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine snapshotted between any two inputs of a recorded workload and restored into a fresh engine continues
 * exactly like the original: fed the rest of the recording, both give the same outputs (every egress and durability
 * call, in order) and end in the same state; and a restored engine snapshots to the same bytes. A bad snapshot is
 * refused with an error naming the problem.
 */
@Timeout(300)
class EngineSnapshotTest
{
    private static final String TRANSACTION_OPEN = "a local transaction holds sends";
    private static final String XA_PREPARED = "an XA branch is prepared";
    private static final String XA_ACTIVE = "an XA branch is active or suspended";
    private static final String PAGED = "a backlog is paged out";
    private static final String IN_FLIGHT = "a consumer has deliveries in flight";
    private static final String CLIENT_DIED = "a client just died";
    private static final String AWAITING_DURABILITY = "answers wait for the durable store";
    private static final String TIMERS = "entries wait for a timer";
    private static final String GROUPS = "message groups are bound";
    private static final String PULL = "a pull waits";
    private static final String BLOCKED = "a producer is blocked by flow control";
    private static final String BROWSING = "a browser is part way through";
    private static final String ROUTES = "routing rules made at run time exist";
    private static final String LAST_VALUE_HELD = "a last-value key names an entry in flight";
    private static final String RETAINED = "a topic retains messages";
    private static final String REPLAYING = "a replay is part way";
    private static final String CATCHING_UP = "a subscription catches up on retained messages";

    private static List<String> recording;
    private static EngineRig live;

    @BeforeAll
    static void record()
    {
        recording = new ArrayList<>();
        live = EngineRig.routed(recording);
        final ReplayWorkload workload = new ReplayWorkload(live);
        workload.run(() -> { });
        workload.xaStage();
        workload.routingStage();
        workload.retentionStage();
    }

    @Test
    void anEngineRestoredAtAnyInputContinuesLikeTheOriginal()
    {
        final Set<String> covered = new TreeSet<>();
        for (int cut = 0; cut <= recording.size(); cut++)
        {
            final EngineRig original = replay(recording.subList(0, cut));
            covered.addAll(situations(original, cut));
            final byte[] snapshot = original.snapshot();
            final EngineRig restored = EngineRig.restored(original, EngineSnapshot.source(snapshot));
            final String where = "restored at input " + cut + (cut < recording.size() ? ": " + recording.get(cut) : "");
            assertArrayEquals(snapshot, restored.snapshot(), "snapshot, restore, snapshot; " + where);

            final int before = original.outputs().size();
            final List<String> rest = recording.subList(cut, recording.size());
            original.replay(rest);
            restored.replay(rest);

            assertEquals(String.join("\n", original.outputs().subList(before, original.outputs().size())),
                String.join("\n", restored.outputs()), where);
            assertEquals(original.digest(), restored.digest(), where);
        }
        assertEquals(new TreeSet<>(List.of(TRANSACTION_OPEN, XA_PREPARED, XA_ACTIVE, PAGED, IN_FLIGHT, CLIENT_DIED,
            AWAITING_DURABILITY, TIMERS, GROUPS, PULL, BLOCKED, BROWSING, ROUTES, LAST_VALUE_HELD, RETAINED,
            REPLAYING, CATCHING_UP)), covered,
            "the cuts cover what a snapshot must carry");
    }

    /**
     * The retention stage does what it claims: messages retained and journaled under r/events, subscriptions started
     * from retained messages, a bad start refused, a replay done, the oldest dropped by the window.
     */
    @Test
    void theRetentionStageRetainsStartsSubscriptionsReplaysAndPrunes()
    {
        final List<String> outputs = live.outputs();
        final MessagingEngine engine = live.engine();

        assertTrue(outputs.stream().anyMatch((line) -> line.contains("AddReference(\"r/events\"")), "retained");
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("RemoveReference(\"r/events\"")), "dropped");
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("start='soon'")), "bad start refused");
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("AddReference(\"s/unshared|erin|late\"")),
            "durable started from the retained messages");
        final Replays.Replay replay = engine.destinations().replays.list().get(0);
        assertEquals(Replays.Replay.DONE, replay.state);
        // Published every 200 ms; the range is the last 900 ms: event-2 to event-5.
        assertEquals(4, replay.total);
        assertEquals(4, replay.replayed);
        assertEquals(4, engine.destinations().queues().get("events-replay").enqueuedCount());
        final RetentionLog log = engine.destinations().retention.log("events");
        assertEquals(8, log.retainedTotal());
        assertTrue(log.droppedTotal() > 0 && log.size() < 8, "window dropped the oldest: " + log.size());
        final RetentionLog queueLog = engine.destinations().retention.log("queue:events");
        assertEquals(2, queueLog.retainedTotal());
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("AddReference(\"rq/events\"")),
            "the queue's persistent message retained in the journal");
        assertEquals(Replays.Replay.DONE, engine.destinations().replays.list().get(1).state);
        assertEquals(2, engine.destinations().replays.list().get(1).replayed);
    }

    /**
     * The routing stage does what it claims: it is no use cutting one that exercises nothing.
     */
    @Test
    void theRoutingStageMakesDeletesAndRefusesRulesAndReplacesLastValues()
    {
        final List<String> outputs = live.outputs();
        final String digest = live.digest();

        final List<String> answers = outputs.stream().filter((line) -> line.startsWith("manage ")).toList();
        assertEquals(6, answers.stream().filter((line) -> line.equals("manage putRoute -> null")).count(),
            answers.toString());
        assertTrue(answers.contains("manage putRoute -> routing rule 'loop' would make a loop: queue:trades-archive " +
            "-> queue:trades (rule 'loop') -> queue:trades-audit (rule 'audit') -> queue:trades-archive (rule " +
            "'archive')"), answers.toString());
        assertTrue(outputs.contains("manage deleteRoute -> routing rule 'composite:queue:fanout' is declared in the " +
            "broker's config file: remove it there"));
        assertEquals(2, outputs.stream().filter((line) -> line.equals("manage deleteRoute -> null")).count());
        assertTrue(outputs.stream().anyMatch((line) -> line.contains("RemoveReference(\"q/quotes\"")),
            "a last value replaced");
        assertTrue(digest.contains("route archive queue:trades-audit -> queue:trades-archive (copy)"), digest);
        assertTrue(digest.contains("route audit queue:trades [amount < 200] -> queue:trades-audit (copy)"), digest);
        assertTrue(digest.contains("lastValues quotes {String:AAPL="), digest);
        for (final String queue : List.of("trades", "trades-audit", "trades-archive", "trades-eu", "fan-a", "fan-b"))
        {
            assertTrue(live.engine().destinations().queues().get(queue).enqueuedCount() > 0, queue + "\n" + digest);
        }
    }

    @Test
    void aSnapshotGoesOutInBoundedPiecesAndComesBackFromSmallReads()
    {
        final EngineRig original = replay(recording);
        final List<Integer> pieces = new ArrayList<>();
        final EngineSnapshot.BytesSink bytes = EngineSnapshot.bytesSink();

        final long length = EngineSnapshot.write(original.engine(), (buffer, offset, count) ->
        {
            pieces.add(count);
            bytes.write(buffer, offset, count);
        });
        final byte[] snapshot = bytes.toByteArray();
        final int[] position = { 0 };
        final EngineRig restored = EngineRig.restored(original, (buffer, offset, count) ->
        {
            if (position[0] == snapshot.length)
            {
                return -1;
            }
            final int read = Math.min(Math.min(count, 100), snapshot.length - position[0]);
            buffer.putBytes(offset, snapshot, position[0], read);
            position[0] += read;
            return read;
        });

        assertEquals(snapshot.length, length);
        assertTrue(pieces.size() > 2 && pieces.stream().allMatch((count) -> count <= EngineSnapshot.CHUNK_LENGTH),
            pieces.toString());
        assertArrayEquals(snapshot, restored.snapshot());
        assertEquals(original.digest(), restored.digest());
    }

    @Test
    void aSourceThatGivesNothingIsRefused()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> EngineRig.restored(EngineRig.routed(null), (buffer, offset, count) -> 0));

        assertEquals("snapshot source gave 0 bytes: it must give at least 1, or -1 at the end", error.getMessage());
    }

    @Test
    void aTruncatedSnapshotIsRefused()
    {
        final byte[] snapshot = snapshotAtEnd();

        final IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
            () -> restore(Arrays.copyOf(snapshot, snapshot.length - 7)));
        final IllegalArgumentException headerOnly = assertThrows(IllegalArgumentException.class,
            () -> restore(Arrays.copyOf(snapshot, 9)));

        assertTrue(cut.getMessage().startsWith("snapshot truncated: " + (snapshot.length - 7) + " bytes of " +
            snapshot.length), cut.getMessage());
        assertTrue(headerOnly.getMessage().startsWith("snapshot truncated: 9 bytes"), headerOnly.getMessage());
    }

    @Test
    void aCorruptedSnapshotIsRefused()
    {
        final byte[] snapshot = snapshotAtEnd();
        final byte[] flipped = snapshot.clone();
        flipped[snapshot.length / 2] ^= 0x10;
        final byte[] longer = Arrays.copyOf(snapshot, snapshot.length + 3);

        final IllegalArgumentException crc = assertThrows(IllegalArgumentException.class, () -> restore(flipped));
        final IllegalArgumentException tail = assertThrows(IllegalArgumentException.class, () -> restore(longer));

        assertTrue(crc.getMessage().startsWith("snapshot corrupted: its CRC-32"), crc.getMessage());
        assertTrue(tail.getMessage().startsWith("snapshot corrupted: 3 bytes after its end"), tail.getMessage());
    }

    @Test
    void aSnapshotWhoseContentsContradictThemselvesIsRefused()
    {
        final byte[] snapshot = snapshotAtEnd();
        // The count of queues and subscriptions, after the clock, message id, position, scan flag, index and time,
        // and the destinations' own settings (none here: two counts of 0).
        final int countOffset = EngineSnapshot.HEADER_LENGTH + 8 + 8 + 8 + 1 + 4 + 8 + 4 + 4;
        ByteBuffer.wrap(snapshot).order(ByteOrder.LITTLE_ENDIAN).putInt(countOffset, 1_000_000_000);
        resign(snapshot);

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> restore(snapshot));

        assertTrue(error.getMessage().startsWith("snapshot corrupted: 1000000000 queues and subscriptions"),
            error.getMessage());
    }

    @Test
    void aSnapshotOfAnUnknownVersionOrNoSnapshotIsRefused()
    {
        final byte[] snapshot = snapshotAtEnd();
        final byte[] future = snapshot.clone();
        ByteBuffer.wrap(future).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 99);
        final byte[] other = snapshot.clone();
        other[0] = 'X';

        final byte[] first = snapshot.clone();
        ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 1);
        final byte[] third = snapshot.clone();
        ByteBuffer.wrap(third).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 3);
        final IllegalArgumentException version = assertThrows(IllegalArgumentException.class, () -> restore(future));
        final IllegalArgumentException versionOne = assertThrows(IllegalArgumentException.class,
            () -> restore(first));
        final IllegalArgumentException versionThree = assertThrows(IllegalArgumentException.class,
            () -> restore(third));
        final IllegalArgumentException magic = assertThrows(IllegalArgumentException.class, () -> restore(other));

        final String reads = " is not supported: this engine reads versions 4, 6 and 7";
        assertEquals("snapshot version 99" + reads, version.getMessage());
        assertEquals("snapshot version 1" + reads, versionOne.getMessage());
        assertEquals("snapshot version 3" + reads, versionThree.getMessage());
        assertTrue(magic.getMessage().startsWith("not an engine snapshot"), magic.getMessage());
    }

    @Test
    void aSnapshotIsRefusedByAnEngineGivenOtherRoutingRules()
    {
        final EngineRig routed = replay(recording);
        final byte[] withComposite = routed.snapshot();
        final EngineRig plain = new EngineRig(null);
        final byte[] without = plain.snapshot();

        final IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> EngineRig.restored(routed, EngineRig.settings(), EngineSnapshot.source(withComposite)));
        final IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
            () -> EngineRig.restored(plain, EngineRig.routedSettings(), EngineSnapshot.source(without)));

        assertEquals("snapshot of an engine with another config file: the snapshot declares routing rule " +
            "'composite:queue:fanout' as queue:fanout -> queue:fan-a,queue:fan-b (exclusive), this engine does not: " +
            "restore into an engine given the same settings", missing.getMessage());
        assertEquals("snapshot of an engine with another config file: the snapshot declares fewer routing rules " +
            "than this engine does (1 fewer): restore into an engine given the same settings", extra.getMessage());
    }

    @Test
    void aSnapshotIsRefusedByAnEngineWhoseDeclaredRuleValidatesDifferently()
    {
        final EngineRig objects = EngineRig.withSettings(validating("{\"type\":\"object\"}"));
        final byte[] snapshot = objects.snapshot();

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () ->
            EngineRig.restored(objects, validating("{\"type\":\"array\"}"), EngineSnapshot.source(snapshot)));

        assertTrue(error.getMessage().contains("declares routing rule 'checked' as queue:in -> queue:out (copy) " +
            "schema {\"type\":\"object\"} invalid REFUSE, this engine as queue:in -> queue:out (copy) " +
            "schema {\"type\":\"array\"} invalid REFUSE"), error.getMessage());
    }

    private static EngineSettings validating(final String schema)
    {
        final EngineSettings plain = EngineRig.settings();
        return new EngineSettings(plain.policies(), plain.queues(), plain.topics(), plain.expiryScanIntervalMs(),
            plain.trashRetentionMs(), plain.historyRetentionMs(), plain.historyMaxDestinations(), plain.wildcards(),
            RoutingConfig.read(Map.of("aeolus.route.checked.source", "queue:in", "aeolus.route.checked.targets",
                "queue:out", "aeolus.route.checked.schema", schema), plain.wildcards()));
    }

    @Test
    void aSnapshotIsRestoredOnlyIntoAFreshEngine()
    {
        final EngineRig original = replay(recording);
        final byte[] snapshot = original.snapshot();

        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> EngineSnapshot.restore(original.engine(), EngineSnapshot.source(snapshot)));

        assertEquals("a snapshot is restored only into a fresh engine", error.getMessage());
    }

    @Test
    void aRuleMadeAtRunTimeKeepsItsTransformationThroughASnapshot()
    {
        final EngineRig original = new EngineRig(null);
        assertEquals(null, original.management().putRoute("json", "queue:in", null, "queue:out", "exclusive",
            "properties", "set.origin=plant-7", "{\"type\":\"object\"}", "dead-letter"));
        final byte[] snapshot = original.snapshot();

        final EngineRig restored = EngineRig.restored(original, EngineSnapshot.source(snapshot));

        assertEquals(List.of("json queue:in -> queue:out (exclusive) transform properties{set.origin=plant-7} " +
            "schema {\"type\":\"object\"} invalid DEAD_LETTER"), RoutingSnapshot.rulesText(restored.engine()));
        assertEquals("properties", restored.management().routes().get(0).transformer());
    }

    @Test
    void anEngineWithRulesMadeAtRunTimeIsNotFresh()
    {
        final byte[] snapshot = snapshotAtEnd();
        final EngineRig recovered = EngineRig.routed(null);
        assertEquals(null, recovered.management().putRoute("copy", "queue:a", null, "queue:b", "copy"));

        final IllegalStateException error = assertThrows(IllegalStateException.class,
            () -> EngineSnapshot.restore(recovered.engine(), EngineSnapshot.source(snapshot)));

        assertEquals("a snapshot is restored only into a fresh engine", error.getMessage());
    }

    /**
     * Each slice of a replay is journaled as one group: its copies into the queue, then the replay's progress (so a
     * restart finds the progress and the copies committed together).
     */
    @Test
    void eachReplaySliceIsOneJournalGroupWithItsProgress()
    {
        final List<String> replayLines = new ArrayList<>();
        for (final String line : live.outputs())
        {
            if (line.startsWith("append ") && line.contains("Replay(") && line.contains("\"events-replay\""))
            {
                replayLines.add(line);
            }
        }
        final String all = String.join("\n", replayLines);

        // Started (nothing copied); a slice that copies the message held in memory (event-2, non-persistent: nothing
        // journaled) and stops at event-3, held by reference, whose page is then read; the last slice of three (two
        // persistent copies journaled) with the progress after them.
        assertEquals(3, replayLines.size(), all);
        assertTrue(replayLines.get(0).contains(" 4 0 0 \"running\""), all);
        assertTrue(replayLines.get(1).contains(" 4 1 0 \"running\"") && !replayLines.get(1).contains("Group(["), all);
        final String slice = replayLines.get(2);
        assertTrue(slice.contains("Group([") && slice.indexOf("PutReplay(") > slice.lastIndexOf("AddReference(") &&
            slice.split("AddReference\\(\"q/events-replay\"", -1).length == 3, all);
        final List<String> outputs = live.outputs();
        assertTrue(outputs.subList(outputs.indexOf(replayLines.get(1)), outputs.indexOf(slice)).stream()
            .anyMatch((line) -> line.contains("ReadReferences(\"r/events\"")), "the page read between the slices");
        assertTrue(replayLines.get(2).contains(" 4 4 0 \"done\""), all);
    }

    /**
     * A snapshot cut while a replay is part way (some copied, some not) restores a replay that copies the rest, each
     * message once.
     */
    @Test
    void aReplayCutPartWayCopiesTheRestOnceAfterRestore()
    {
        int cut = 0;
        EngineRig original = null;
        for (; cut <= recording.size(); cut++)
        {
            original = replay(recording.subList(0, cut));
            final List<Replays.Replay> replays = original.engine().destinations().replays.list();
            if (!replays.isEmpty() && replays.get(0).state.equals(Replays.Replay.RUNNING) &&
                replays.get(0).replayed > 0)
            {
                break;
            }
        }
        assertTrue(cut <= recording.size(), "no cut finds a replay part way");
        final long copiedBefore = original.engine().destinations().queues().get("events-replay").enqueuedCount();
        final EngineRig restored = EngineRig.restored(original, EngineSnapshot.source(original.snapshot()));

        restored.replay(recording.subList(cut, recording.size()));

        final Replays.Replay replay = restored.engine().destinations().replays.list().get(0);
        assertEquals(Replays.Replay.DONE, replay.state);
        assertEquals(4, replay.replayed);
        // The first slice copies the one message held in memory, then waits for the page of those held by reference.
        assertEquals(1, copiedBefore);
        assertEquals(4, restored.engine().destinations().queues().get("events-replay").enqueuedCount());
        assertTrue(restored.outputs().stream().anyMatch((line) -> line.contains("PutReplay(") &&
            line.contains(" 4 4 0 \"done\"")), "the restored replay's end journaled");
    }

    @Test
    void aSnapshotIsRefusedWhileAManagementReplyWaitsForDurability()
    {
        final EngineRig rig = replay(recording);
        rig.engine().waiters().whenDurable(Long.MAX_VALUE, () -> { }, (failure) -> { });

        final IllegalStateException error = assertThrows(IllegalStateException.class, rig::snapshot);

        assertTrue(error.getMessage().startsWith("a management reply waits for durable position"), error.getMessage());
    }

    private static EngineRig replay(final List<String> lines)
    {
        final EngineRig rig = EngineRig.routed(null);
        rig.replay(lines);
        return rig;
    }

    private static byte[] snapshotAtEnd()
    {
        return replay(recording).snapshot();
    }

    private static void restore(final byte[] snapshot)
    {
        EngineRig.restored(EngineRig.routed(null), EngineSnapshot.source(snapshot));
    }

    private static void resign(final byte[] snapshot)
    {
        final int bodyLength = snapshot.length - EngineSnapshot.HEADER_LENGTH - EngineSnapshot.TRAILER_LENGTH;
        final CRC32 crc = new CRC32();
        crc.update(snapshot, EngineSnapshot.HEADER_LENGTH, bodyLength);
        ByteBuffer.wrap(snapshot).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(EngineSnapshot.HEADER_LENGTH + bodyLength, (int)crc.getValue());
    }

    private static Set<String> situations(final EngineRig rig, final int cut)
    {
        final MessagingEngine engine = rig.engine();
        final Set<String> found = new TreeSet<>();
        if (cut > 0 && recording.get(cut - 1).startsWith("onConnectionClosed "))
        {
            found.add(CLIENT_DIED);
        }
        if (engine.awaitingDurability() > 0)
        {
            found.add(AWAITING_DURABILITY);
        }
        if (engine.blockedDestinationCount() > 0)
        {
            found.add(BLOCKED);
        }
        if (engine.destinations().scheduler().size() > 0)
        {
            found.add(TIMERS);
        }
        for (final MessageQueue queue : engine.destinations().stores)
        {
            if (queue.pagedCount() > 0)
            {
                found.add(PAGED);
            }
            if (!SnapshotAccess.groupBindings(queue).isEmpty())
            {
                found.add(GROUPS);
            }
        }
        connectionSituations(engine, found);
        if (RoutingSnapshot.hasRunTimeRules(engine))
        {
            found.add(ROUTES);
        }
        retentionSituations(engine, found);
        for (final Map<Object, QueueEntry> byKey : engine.destinations().lastValues.index().values())
        {
            for (final EngineConnection connection : engine.connections())
            {
                for (final Consumer consumer : connection.consumersInOrder)
                {
                    if (SnapshotAccess.inFlight(consumer).stream().anyMatch(byKey::containsValue))
                    {
                        found.add(LAST_VALUE_HELD);
                    }
                }
            }
        }
        for (final XaBranch branch : XaSnapshot.branchesOf(engine).branches().values())
        {
            found.add(branch.state == XaBranch.State.PREPARED ? XA_PREPARED : XA_ACTIVE);
        }
        return found;
    }

    private static void retentionSituations(final MessagingEngine engine, final Set<String> found)
    {
        for (final RetentionLog log : engine.destinations().retention.logs())
        {
            if (log.size() > 0)
            {
                found.add(RETAINED);
            }
        }
        for (final Replays.Replay replay : engine.destinations().replays.list())
        {
            if (replay.state.equals(Replays.Replay.RUNNING) && replay.replayed > 0)
            {
                found.add(REPLAYING);
            }
        }
        if (!engine.destinations().starts.list().isEmpty())
        {
            found.add(CATCHING_UP);
        }
    }

    private static void connectionSituations(final MessagingEngine engine, final Set<String> found)
    {
        for (final EngineConnection connection : engine.connections())
        {
            for (final Consumer consumer : connection.consumersInOrder)
            {
                if (consumer.inFlightCount() > 0)
                {
                    found.add(IN_FLIGHT);
                }
                final long[] state = SnapshotAccess.consumerState(consumer);
                if (state[4] != 0)
                {
                    found.add(PULL);
                }
                if (consumer.isBrowser() && state[6] >= 0 && state[6] != Long.MAX_VALUE)
                {
                    found.add(BROWSING);
                }
            }
            connection.sessions.values().forEach((session) ->
            {
                if (!session.transactedSends.isEmpty() && null == session.xaBranch)
                {
                    found.add(TRANSACTION_OPEN);
                }
            });
        }
    }
}
